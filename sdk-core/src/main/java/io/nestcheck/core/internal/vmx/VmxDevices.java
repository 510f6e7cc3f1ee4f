package io.nestcheck.core.internal.vmx;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.NicType;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code .vmx} names of NIC and SCSI controller types, both ways: what the reader maps {@code ethernetN.virtualDev}
 * and {@code scsiN.virtualDev} to, and what the fix writer (and the fix planner's model of an applied fix) write.
 * One table, so that a fix always writes a value the reader maps back to the type it asked for.
 */
public final class VmxDevices {
  private VmxDevices() {}

  /** The {@code ethernetN.virtualDev} value of a NIC type; VMXNET2 is {@code vmxnet} plus {@code features = "15"}. */
  public static Optional<String> nicVirtualDev(NicType t) {
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
      default:
        return Optional.empty();
    }
  }

  /** The NIC type of an {@code ethernetN.virtualDev} value (any case and blanks); {@link NicType#OTHER} if unknown. */
  public static NicType nicType(String virtualDev, boolean features15) {
    switch (virtualDev.strip().toLowerCase(Locale.ROOT)) {
      case "e1000":
        return NicType.E1000;
      case "e1000e":
        return NicType.E1000E;
      case "vmxnet3":
        return NicType.VMXNET3;
      case "vmxnet":
        return features15 ? NicType.VMXNET2 : NicType.VMXNET;
      case "vlance":
        return NicType.VLANCE;
      default:
        return NicType.OTHER;
    }
  }

  /** The {@code scsiN.virtualDev} value of a SCSI controller type (libvirt's vmx.c accepts only these four). */
  public static Optional<String> scsiVirtualDev(ControllerType t) {
    switch (t) {
      case LSI_LOGIC:
        return Optional.of("lsilogic");
      case LSI_LOGIC_SAS:
        return Optional.of("lsisas1068");
      case BUSLOGIC:
        return Optional.of("buslogic");
      case PVSCSI:
        return Optional.of("pvscsi");
      default:
        return Optional.empty();
    }
  }

  /** The controller type of a {@code scsiN.virtualDev} value (any case and blanks); {@link ControllerType#OTHER} if unknown. */
  public static ControllerType scsiType(String virtualDev) {
    switch (virtualDev.strip().toLowerCase(Locale.ROOT)) {
      case "lsilogic":
        return ControllerType.LSI_LOGIC;
      case "lsisas1068":
        return ControllerType.LSI_LOGIC_SAS;
      case "pvscsi":
        return ControllerType.PVSCSI;
      case "buslogic":
        return ControllerType.BUSLOGIC;
      default:
        return ControllerType.OTHER;
    }
  }
}
