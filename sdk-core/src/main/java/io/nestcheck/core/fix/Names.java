package io.nestcheck.core.fix;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PeripheralKind;
import java.util.Locale;
import java.util.Optional;

/** Raw names of device types and CPU modes, as {@code .vmx} files and libvirt XML write them. */
final class Names {
  private Names() {}

  /** The raw type a reader would record for {@code t}. */
  static Optional<String> controllerRaw(ControllerType t) {
    switch (t) {
      case LSI_LOGIC:
        return Optional.of("lsilogic");
      case LSI_LOGIC_SAS:
        return Optional.of("lsisas1068");
      case BUSLOGIC:
        return Optional.of("buslogic");
      case PVSCSI:
        return Optional.of("pvscsi");
      case SATA_AHCI:
        return Optional.of("ahci");
      case NVME:
        return Optional.of("nvme");
      case IDE:
        return Optional.of("ide");
      case VIRTIO_BLK:
        return Optional.of("virtio");
      case VIRTIO_SCSI:
        return Optional.of("virtio-scsi");
      default:
        return Optional.empty();
    }
  }

  /** The raw type a reader would record for {@code t}. */
  static Optional<String> nicRaw(NicType t) {
    switch (t) {
      case E1000:
        return Optional.of("e1000");
      case E1000E:
        return Optional.of("e1000e");
      case VMXNET3:
        return Optional.of("vmxnet3");
      case VMXNET2:
      case VMXNET:
        return Optional.of("vmxnet");
      case VLANCE:
        return Optional.of("vlance");
      case VIRTIO:
        return Optional.of("virtio");
      case RTL8139:
        return Optional.of("rtl8139");
      default:
        return Optional.empty();
    }
  }

  static Optional<CpuMode> cpuMode(String raw) {
    switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "host-passthrough":
        return Optional.of(CpuMode.HOST_PASSTHROUGH);
      case "host-model":
        return Optional.of(CpuMode.HOST_MODEL);
      case "maximum":
        return Optional.of(CpuMode.MAXIMUM);
      case "custom":
        return Optional.of(CpuMode.CUSTOM);
      default:
        return Optional.empty();
    }
  }

  /** The kind of a {@code .vmx} peripheral by its key prefix, when the prefix names one. */
  static Optional<PeripheralKind> peripheralKind(String id) {
    String t = id.toLowerCase(Locale.ROOT);
    if (t.equals("sound")) {
      return Optional.of(PeripheralKind.SOUND);
    }
    if (t.equals("usb") || t.equals("ehci") || t.equals("usb_xhci")) {
      return Optional.of(PeripheralKind.USB);
    }
    if (t.matches("floppy\\d")) {
      return Optional.of(PeripheralKind.FLOPPY);
    }
    if (t.matches("serial\\d")) {
      return Optional.of(PeripheralKind.SERIAL);
    }
    if (t.matches("parallel\\d")) {
      return Optional.of(PeripheralKind.PARALLEL);
    }
    return Optional.empty();
  }
}
