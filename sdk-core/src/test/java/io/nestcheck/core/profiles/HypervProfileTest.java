package io.nestcheck.core.profiles;

import static io.nestcheck.core.profiles.ProfileRun.ids;
import static io.nestcheck.core.profiles.ProfileRun.only;
import static io.nestcheck.core.profiles.ProfileRun.run;
import static io.nestcheck.core.profiles.ProfileRun.severityOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.rules.TestHosts;
import java.util.List;
import org.junit.jupiter.api.Test;

class HypervProfileTest {

  private static VmConfiguration.Builder ws2022() {
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name("hv01").source("hv01.vmx").hardwareVersion(19).guestOs(GuestOsId.of("windows2019srvNext-64"))
        .firmware(Firmware.EFI).secureBoot(true).vcpus(4).memoryMiB(8192).nestedHv(TriState.YES)
        .addControllers(StorageController.of("scsi0", ControllerType.LSI_LOGIC_SAS))
        .addNics(Nic.builder().id("ethernet0").type(NicType.E1000E).network("Nested")
            .portSecurity(TestHosts.openStandard()).build())
        .addSettings(Setting.of("vhv.enable", "TRUE", 3), Setting.of("hypervisor.cpuid.v0", "FALSE", 4));
    return b;
  }

  @Test
  void windowsServer2022WithVhvPasses() {
    assertThat(ids(run("hyperv", TestHosts.esxi8Intel().build(), ws2022().build()))).containsExactly("NV-SUP-001");
  }

  @Test
  void vbsVmMissingItsPrerequisitesFails() {
    VmConfiguration vm = ws2022().guestOs(GuestOsId.of("windows2019srv-64")).hardwareVersion(13)
        .firmware(Firmware.BIOS).secureBoot(false).memoryMiB(2048).nestedHv(TriState.NO).vbs(true)
        .settings(List.of(Setting.of("vhv.enable", "FALSE", 3)))
        .build();
    List<Finding> findings = run("hyperv", TestHosts.esxi8Intel().build(), vm);
    assertThat(ids(findings)).containsExactly("NV-CPU-001", "NV-CPU-003", "NV-FW-003", "NV-HW-004", "NV-MEM-001",
        "NV-SUP-001");
    assertThat(severityOf(findings, "NV-CPU-003")).contains(Severity.INFO);
    assertThat(severityOf(findings, "NV-MEM-001")).contains(Severity.WARNING);
    assertThat(only(findings, "NV-FW-003").fixes()).containsExactly(
        SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true), ExposeNestedHv.enable(), SetFirmware.of(Firmware.EFI, true));
    assertThat(only(findings, "NV-HW-004").fixes()).containsExactly(UpgradeHardwareVersion.of(14));
  }
}
