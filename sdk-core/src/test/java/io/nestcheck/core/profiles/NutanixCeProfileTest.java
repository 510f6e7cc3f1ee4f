package io.nestcheck.core.profiles;

import static io.nestcheck.core.profiles.ProfileRun.ids;
import static io.nestcheck.core.profiles.ProfileRun.only;
import static io.nestcheck.core.profiles.ProfileRun.run;
import static io.nestcheck.core.profiles.ProfileRun.severityOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.rules.TestHosts;
import java.util.List;
import org.junit.jupiter.api.Test;

class NutanixCeProfileTest {

  private static Disk disk(int unit, long gib) {
    return Disk.builder().id("scsi0:" + unit).controllerId("scsi0").unit(unit).capacityMiB(gib * 1024).build();
  }

  private static VmConfiguration.Builder guideVm() {
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name("ce01").source("ce01.vmx").hardwareVersion(14).guestOs(GuestOsId.of("centos8-64"))
        .vcpus(4).memoryMiB(65536).nestedHv(TriState.YES)
        .addControllers(StorageController.of("scsi0", ControllerType.PVSCSI))
        .addDisks(disk(0, 64), disk(1, 200), disk(2, 500))
        .addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("VM Network")
            .portSecurity(TestHosts.openStandard()).build())
        .addSettings(Setting.of("vhv.enable", "TRUE", 3), Setting.of("disk.EnableUUID", "TRUE", 4));
    return b;
  }

  @Test
  void vmBuiltAsTheGuideSaysPasses() {
    assertThat(ids(run("nutanix-ce", TestHosts.esxi8Intel().build(), guideVm().build())))
        .containsExactly("NV-SUP-001");
  }

  @Test
  void vmMissingDiskUuidDisksAndMacChangesFails() {
    VmConfiguration vm = guideVm().hardwareVersion(13).vcpus(2).memoryMiB(16384)
        .disks(List.of(disk(0, 64), disk(1, 500)))
        .nics(List.of(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("VM Network")
            .portSecurity(TestHosts.openStandard().withMacChanges(TriState.NO)).build()))
        .settings(List.of(Setting.of("vhv.enable", "TRUE", 3)))
        .build();
    List<Finding> findings = run("nutanix-ce", TestHosts.esxi8Intel().build(), vm);
    assertThat(ids(findings)).containsExactly("NV-CPU-004", "NV-HW-002", "NV-HW-006", "NV-MEM-001", "NV-NET-005",
        "NV-STO-005", "NV-SUP-001");
    assertThat(severityOf(findings, "NV-CPU-004")).contains(Severity.ERROR);
    assertThat(severityOf(findings, "NV-HW-002")).contains(Severity.WARNING);
    assertThat(only(findings, "NV-HW-006").fixes()).containsExactly(SetSetting.of("disk.EnableUUID", "TRUE"));
    assertThat(only(findings, "NV-NET-005").fixes())
        .containsExactly(SetPortGroupSecurity.builder().portGroup("VM Network").macChanges(true).build());
  }
}
