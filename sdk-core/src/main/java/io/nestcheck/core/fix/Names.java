package io.nestcheck.core.fix;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.core.internal.vmx.VmxDevices;
import java.util.Locale;
import java.util.Optional;

/** Raw names of device types and CPU modes, as {@code .vmx} files and libvirt XML write them. */
final class Names {
  private Names() {}

  /**
   * The raw type a reader would record for {@code t}: the {@code .vmx} name of a SCSI type ({@link VmxDevices}, the
   * table the {@code .vmx} reader and fix writer use), else the name libvirt and the other exports use.
   */
  static Optional<String> controllerRaw(ControllerType t) {
    return VmxDevices.scsiVirtualDev(t).or(() -> switch (t) {
      case SATA_AHCI -> Optional.of("ahci");
      case NVME -> Optional.of("nvme");
      case IDE -> Optional.of("ide");
      case VIRTIO_BLK -> Optional.of("virtio");
      case VIRTIO_SCSI -> Optional.of("virtio-scsi");
      default -> Optional.empty();
    });
  }

  /**
   * The raw type a reader would record for {@code t}: the {@code .vmx} name of a VMware NIC type ({@link
   * VmxDevices}), else the libvirt model name.
   */
  static Optional<String> nicRaw(NicType t) {
    return VmxDevices.nicVirtualDev(t).or(() -> switch (t) {
      case VIRTIO -> Optional.of("virtio");
      case RTL8139 -> Optional.of("rtl8139");
      default -> Optional.empty();
    });
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
