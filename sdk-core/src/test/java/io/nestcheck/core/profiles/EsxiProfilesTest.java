package io.nestcheck.core.profiles;

import static io.nestcheck.core.profiles.ProfileRun.ids;
import static io.nestcheck.core.profiles.ProfileRun.only;
import static io.nestcheck.core.profiles.ProfileRun.run;
import static io.nestcheck.core.profiles.ProfileRun.severityOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetGuestOs;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import java.util.List;
import org.junit.jupiter.api.Test;

class EsxiProfilesTest {
  private static final HostCapabilities HOST = TestHosts.esxi8Intel().build();

  private static Nic vmxnet3() {
    return Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("Nested").portSecurity(TestHosts.openStandard())
        .build();
  }

  @Test
  void esxi8TemplateVmPasses() {
    VmConfiguration vm = TestVms.healthyEsxi8().nics(List.of(vmxnet3())).build();
    assertThat(ids(run("esxi-8", HOST, vm))).containsExactly("NV-SUP-001");
  }

  @Test
  void esxi8MisconfiguredVmFailsWithTheExactRules() {
    VmConfiguration vm = VmConfiguration.builder().name("esxi8-bad").source("esxi8-bad.vmx")
        .hardwareVersion(8).guestOs(GuestOsId.of("vmkernel65")).vcpus(1).memoryMiB(4096).nestedHv(TriState.NO)
        .addControllers(StorageController.of("scsi0", ControllerType.BUSLOGIC))
        .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").capacityMiB(20 * 1024).build())
        .addNics(Nic.builder().id("ethernet0").type(NicType.E1000).network("Nested")
            .portSecurity(TestHosts.closedStandard()).build())
        .addSettings(Setting.of("vhv.enable", "FALSE", 5))
        .build();
    List<Finding> findings = run("esxi-8", HOST, vm);
    assertThat(ids(findings)).containsExactly("NV-CPU-001", "NV-CPU-004", "NV-GOS-001", "NV-HW-001", "NV-MEM-001",
        "NV-NET-001", "NV-NET-004", "NV-STO-001", "NV-STO-004", "NV-SUP-001");
    // E1000 on ESXi 8 is only UNVERIFIED trouble: capped at WARNING by the profile
    assertThat(severityOf(findings, "NV-NET-001")).contains(Severity.WARNING);
    assertThat(severityOf(findings, "NV-STO-001")).contains(Severity.ERROR);
    assertThat(only(findings, "NV-NET-001").fixes()).containsExactly(ReplaceNicType.of("ethernet0", NicType.VMXNET3));
    assertThat(only(findings, "NV-STO-001").fixes())
        .containsExactly(ReplaceControllerType.of("scsi0", ControllerType.PVSCSI));
    assertThat(only(findings, "NV-GOS-001").fixes()).containsExactly(SetGuestOs.of(GuestOsId.of("vmkernel8Guest")));
    assertThat(only(findings, "NV-HW-001").fixes()).containsExactly(UpgradeHardwareVersion.of(9));
  }

  @Test
  void esxi7PassesAndFails() {
    VmConfiguration good = TestVms.healthyEsxi8().name("esxi7").source("esxi7.vmx").hardwareVersion(17)
        .guestOs(GuestOsId.of("vmkernel7")).memoryMiB(8192).settings(List.of()).nics(List.of(vmxnet3())).build();
    assertThat(ids(run("esxi-7", HOST, good))).containsExactly("NV-SUP-001");

    VmConfiguration bad = good.withGuestOs(GuestOsId.of("vmkernel8")).withMemoryMiB(6144).withHardwareVersion(11)
        .withControllers(StorageController.of("nvme0", ControllerType.NVME))
        .withDisks(Disk.builder().id("nvme0:0").controllerId("nvme0").build());
    List<Finding> findings = run("esxi-7", HOST, bad);
    assertThat(ids(findings)).containsExactly("NV-GOS-001", "NV-HW-003", "NV-MEM-001", "NV-SUP-001");
    assertThat(only(findings, "NV-HW-003").fixes()).containsExactly(UpgradeHardwareVersion.of(13));
  }

  @Test
  void esxi67PassesWithE1000AndBios() {
    VmConfiguration vm = VmConfiguration.builder().name("esxi67").source("esxi67.vmx").hardwareVersion(14)
        .guestOs(GuestOsId.of("vmkernel65")).firmware(Firmware.BIOS).vcpus(2).memoryMiB(4096).nestedHv(TriState.YES)
        .addControllers(StorageController.of("scsi0", ControllerType.LSI_LOGIC))
        .addNics(Nic.builder().id("ethernet0").type(NicType.E1000).network("Nested")
            .portSecurity(TestHosts.openStandard()).build())
        .build();
    assertThat(ids(run("esxi-6.7", HOST, vm))).containsExactly("NV-SUP-001");
  }

  @Test
  void esxi67FailsOnAnUnknownHostWithDuplicatesAndVlance() {
    VmConfiguration vm = VmConfiguration.builder().name("esxi67").source("esxi67.vmx").hardwareVersion(14)
        .guestOs(GuestOsId.of("vmkernel65")).vcpus(2).memoryMiB(2048).nestedHv(TriState.YES)
        .addNics(Nic.of("ethernet0", NicType.VLANCE))
        .addSettings(Setting.of("vhv.enable", "TRUE", 4), Setting.of("VHV.enable", "FALSE", 9))
        .build();
    List<Finding> findings = run("esxi-6.7", HostCapabilities.unknown(), vm);
    assertThat(ids(findings)).containsExactly("NV-FMT-001", "NV-HOST-007", "NV-MEM-001", "NV-NET-001", "NV-NET-006",
        "NV-SUP-001");
    assertThat(severityOf(findings, "NV-MEM-001")).contains(Severity.WARNING);
    assertThat(severityOf(findings, "NV-NET-001")).contains(Severity.WARNING);
  }
}
