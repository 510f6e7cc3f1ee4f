package io.nestcheck.vsphere;

import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.VirtualAHCIController;
import com.vmware.vim25.VirtualBusLogicController;
import com.vmware.vim25.VirtualCdrom;
import com.vmware.vim25.VirtualController;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualE1000;
import com.vmware.vim25.VirtualE1000e;
import com.vmware.vim25.VirtualEthernetCard;
import com.vmware.vim25.VirtualFloppy;
import com.vmware.vim25.VirtualIDEController;
import com.vmware.vim25.VirtualLsiLogicController;
import com.vmware.vim25.VirtualLsiLogicSASController;
import com.vmware.vim25.VirtualPCNet32;
import com.vmware.vim25.VirtualParallelPort;
import com.vmware.vim25.VirtualSATAController;
import com.vmware.vim25.VirtualSCSIController;
import com.vmware.vim25.VirtualSerialPort;
import com.vmware.vim25.VirtualSoundCard;
import com.vmware.vim25.VirtualUSBController;
import com.vmware.vim25.VirtualUSBXHCIController;
import com.vmware.vim25.VirtualVmxnet;
import com.vmware.vim25.VirtualVmxnet2;
import com.vmware.vim25.VirtualVmxnet3;
import io.nestcheck.api.ControllerType;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PeripheralKind;

/** Device classes ↔ model types. */
final class Devices {
  private Devices() {}

  /** The storage controller type, or {@code null} when {@code d} is not a storage controller. */
  static ControllerType controllerType(VirtualDevice d) {
    if (d instanceof ParaVirtualSCSIController) {
      return ControllerType.PVSCSI;
    }
    if (d instanceof VirtualLsiLogicSASController) {
      return ControllerType.LSI_LOGIC_SAS;
    }
    if (d instanceof VirtualLsiLogicController) {
      return ControllerType.LSI_LOGIC;
    }
    if (d instanceof VirtualBusLogicController) {
      return ControllerType.BUSLOGIC;
    }
    if (d instanceof VirtualSCSIController) {
      return ControllerType.OTHER;
    }
    if (d instanceof VirtualAHCIController || d instanceof VirtualSATAController) {
      return ControllerType.SATA_AHCI;
    }
    if (d instanceof VirtualIDEController) {
      return ControllerType.IDE;
    }
    if (d instanceof Wire.VirtualNVMEController) {
      return ControllerType.NVME;
    }
    return null;
  }

  /** The NIC type, or {@code null} when {@code d} is not a network adapter. */
  static NicType nicType(VirtualDevice d) {
    if (!(d instanceof VirtualEthernetCard)) {
      return null;
    }
    if (d instanceof VirtualE1000e) {
      return NicType.E1000E;
    }
    if (d instanceof VirtualE1000) {
      return NicType.E1000;
    }
    if (d instanceof VirtualVmxnet3) {
      return NicType.VMXNET3;
    }
    if (d instanceof VirtualVmxnet2) {
      return NicType.VMXNET2;
    }
    if (d instanceof VirtualVmxnet) {
      return NicType.VMXNET;
    }
    if (d instanceof VirtualPCNet32) {
      return NicType.VLANCE;
    }
    return NicType.OTHER;
  }

  /** The peripheral kind, or {@code null}. */
  static PeripheralKind peripheralKind(VirtualDevice d) {
    if (d instanceof VirtualSoundCard) {
      return PeripheralKind.SOUND;
    }
    if (d instanceof VirtualUSBController || d instanceof VirtualUSBXHCIController) {
      return PeripheralKind.USB;
    }
    if (d instanceof VirtualFloppy) {
      return PeripheralKind.FLOPPY;
    }
    if (d instanceof VirtualSerialPort) {
      return PeripheralKind.SERIAL;
    }
    if (d instanceof VirtualParallelPort) {
      return PeripheralKind.PARALLEL;
    }
    if (d instanceof VirtualCdrom) {
      return PeripheralKind.CDROM;
    }
    return null;
  }

  /** A new, empty adapter of {@code type}, or {@code null} when vSphere has none. */
  static VirtualEthernetCard newNic(NicType type) {
    switch (type) {
      case E1000:
        return new VirtualE1000();
      case E1000E:
        return new VirtualE1000e();
      case VMXNET3:
        return new VirtualVmxnet3();
      case VMXNET2:
        return new VirtualVmxnet2();
      case VMXNET:
        return new VirtualVmxnet();
      case VLANCE:
        return new VirtualPCNet32();
      default:
        return null;
    }
  }

  /** A new, empty controller of {@code type}, or {@code null} when it cannot be added. */
  static VirtualController newController(ControllerType type) {
    switch (type) {
      case PVSCSI:
        return new ParaVirtualSCSIController();
      case LSI_LOGIC:
        return new VirtualLsiLogicController();
      case LSI_LOGIC_SAS:
        return new VirtualLsiLogicSASController();
      case BUSLOGIC:
        return new VirtualBusLogicController();
      case SATA_AHCI:
        return new VirtualAHCIController();
      case NVME:
        return new Wire.VirtualNVMEController();
      default:
        return null; // IDE controllers are fixed; VirtIO does not exist on vSphere
    }
  }

  /** Whether {@code unit} is a valid unit number for a disk on a controller of {@code type}. */
  static boolean validUnit(ControllerType type, int unit) {
    switch (type) {
      case PVSCSI:
      case LSI_LOGIC:
      case LSI_LOGIC_SAS:
      case BUSLOGIC:
        return unit >= 0 && unit <= 15 && unit != 7;
      case SATA_AHCI:
        return unit >= 0 && unit <= 29;
      case NVME:
        return unit >= 0 && unit <= 14;
      default:
        return false;
    }
  }

  /**
   * A shallow copy of a device as read (yavijava data objects are public fields and a no-arg constructor), so that
   * an edit spec can change it without touching the device list it came from.
   */
  static <T extends VirtualDevice> T copy(T d) {
    try {
      @SuppressWarnings("unchecked")
      T out = (T) d.getClass().getConstructor().newInstance();
      for (Class<?> c = d.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
          int m = f.getModifiers();
          if (java.lang.reflect.Modifier.isPublic(m) && !java.lang.reflect.Modifier.isStatic(m)
              && !java.lang.reflect.Modifier.isFinal(m)) {
            f.set(out, f.get(d));
          }
        }
      }
      return out;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + d.getClass().getName(), e);
    }
  }

  /** The class name vSphere uses for the device ({@code VirtualE1000}). */
  static String typeName(VirtualDevice d) {
    return d.getClass().getSimpleName();
  }
}
