package io.nestcheck.core.fix;

import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.RemoveDevice;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetGuestOs;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetMemoryReservation;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import java.util.Locale;
import java.util.Set;

/**
 * The raw keys (lower case) a typed action rewrites in the settings list when {@link FixApplier} applies it to
 * {@code vm}; every such write leaves the key at most once. Kept in step with {@link FixApplier}.
 */
final class MirrorKeys {
  private MirrorKeys() {}

  static Set<String> written(VmConfiguration vm, FixAction a) {
    if (a instanceof ExposeNestedHv) {
      return FixApplier.libvirt(vm) ? Set.of("cpu.mode") : Set.of("vhv.enable", "nestedhvenabled");
    } else if (a instanceof SetCpu) {
      return Set.of("numvcpus", "cpuid.corespersocket");
    } else if (a instanceof SetMemory) {
      return vm.memoryLockedToMax()
          ? Set.of("memsize", "sched.mem.min", "sched.mem.minsize", "sched.mem.pin")
          : Set.of("memsize");
    } else if (a instanceof SetMemoryReservation) {
      return Set.of("sched.mem.min", "sched.mem.minsize", "sched.mem.pin");
    } else if (a instanceof SetFirmware) {
      return ((SetFirmware) a).secureBoot().isPresent() ? Set.of("firmware", "uefi.secureboot.enabled") : Set.of("firmware");
    } else if (a instanceof SetVmFlag) {
      switch (((SetVmFlag) a).flag()) {
        case VIRTUAL_IOMMU:
          return Set.of("vvtd.enable", "flags.vvtdenabled");
        case VIRTUAL_PMC:
          return Set.of("vpmc.enable");
        default:
          return Set.of("flags.vbsenabled", "vbs.enable");
      }
    } else if (a instanceof UpgradeHardwareVersion) {
      return Set.of("virtualhw.version");
    } else if (a instanceof SetGuestOs) {
      return Set.of("guestos");
    } else if (a instanceof ReplaceControllerType) {
      String id = ((ReplaceControllerType) a).controllerId().toLowerCase(Locale.ROOT);
      return id.matches("scsi\\d+") ? Set.of(id + ".virtualdev") : Set.of();
    } else if (a instanceof ReplaceNicType) {
      String id = ((ReplaceNicType) a).nicId().toLowerCase(Locale.ROOT);
      return id.matches("ethernet\\d+") ? Set.of(id + ".virtualdev", id + ".features") : Set.of();
    } else if (a instanceof RemoveDevice) {
      return Set.of(((RemoveDevice) a).deviceId().toLowerCase(Locale.ROOT) + ".present");
    }
    return Set.of();
  }
}
