package io.nestcheck.core.rules;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;

/** Ready-made VM configurations for rule tests. */
public final class TestVms {
  private TestVms() {}

  /** A minimal VM: 1 vCPU, 4 GiB, nothing else known. */
  public static VmConfiguration.Builder base() {
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name("vm1").source("vm1.vmx").memoryMiB(4096);
    return b;
  }

  /** {@link #base()} with one disk on each of scsi0, sata0, ide0 and nvme0 (controller rules ignore disk-less controllers). */
  public static VmConfiguration.Builder baseWithDisks() {
    VmConfiguration.Builder b = base();
    for (String c : new String[] {"scsi0", "sata0", "ide0", "nvme0"}) {
      b.addDisks(Disk.builder().id(c + ":0").controllerId(c).build());
    }
    return b;
  }

  /** A healthy nested ESXi 8 VM, as VMware's own template describes it. */
  public static VmConfiguration.Builder healthyEsxi8() {
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name("esxi8").source("esxi8.vmx")
        .hardwareVersion(20)
        .guestOs(GuestOsId.of("vmkernel8"))
        .firmware(Firmware.EFI)
        .vcpus(4).coresPerSocket(2)
        .memoryMiB(16384)
        .nestedHv(TriState.YES)
        .addControllers(StorageController.of("scsi0", ControllerType.PVSCSI))
        .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").capacityMiB(40 * 1024).build())
        .addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("VM Network").build())
        .addSettings(Setting.of("virtualHW.version", "20", 2), Setting.of("guestOS", "vmkernel8", 3),
            Setting.of("vhv.enable", "TRUE", 4), Setting.of("firmware", "efi", 5));
    return b;
  }
}
