package io.nestcheck.core.rules.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.Severity;
import io.nestcheck.api.TriState;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class VbsPrerequisitesMissingTest {

  @Test
  void everyMissingPieceIsListedWithItsFix() {
    Finding f = RuleCheck.of(new VbsPrerequisitesMissing())
        .vm(TestVms.base().vbs(true).build())
        .expectOne("NV-FW-003");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(
        SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true),
        ExposeNestedHv.enable(),
        SetFirmware.of(Firmware.EFI, true));
    assertThat(f.message()).contains("virtual IOMMU").contains("nested hardware virtualization")
        .contains("EFI firmware").contains("secure boot");
  }

  @Test
  void onlySecureBootMissing() {
    Finding f = RuleCheck.of(new VbsPrerequisitesMissing())
        .vm(TestVms.base().vbs(true).virtualIommu(true).nestedHv(TriState.YES).firmware(Firmware.EFI).build())
        .expectOne("NV-FW-003");
    assertThat(f.fixes()).containsExactly(SetFirmware.of(Firmware.EFI, true));
  }

  @Test
  void profileThatAllowsOnlyBiosAsksToTurnVbsOffAndTheFirmwareRuleAgrees() {
    RuleCheck vbs = RuleCheck.of(new VbsPrerequisitesMissing())
        .requirements(r -> r.addAllowedFirmware(Firmware.BIOS).recommendedFirmware(Firmware.BIOS))
        .vm(TestVms.base().vbs(true).firmware(Firmware.EFI).secureBoot(true).build());
    Finding f = vbs.expectOne("NV-FW-003");
    assertThat(f.fixes()).containsExactly(SetVmFlag.of(SetVmFlag.Flag.VBS, false));
    Finding fw = RuleCheck.of(new FirmwareNotAllowed())
        .requirements(r -> r.addAllowedFirmware(Firmware.BIOS).recommendedFirmware(Firmware.BIOS))
        .vm(TestVms.base().vbs(true).firmware(Firmware.EFI).secureBoot(true).build())
        .expectOne("NV-FW-001");
    assertThat(fw.fixes()).containsExactly(SetFirmware.of(Firmware.BIOS, false));
  }

  @Test
  void completeVbsOrNoVbsPasses() {
    RuleCheck.of(new VbsPrerequisitesMissing())
        .vm(TestVms.base().vbs(true).virtualIommu(true).nestedHv(TriState.YES).firmware(Firmware.EFI).secureBoot(true)
            .build())
        .expectNone();
    RuleCheck.of(new VbsPrerequisitesMissing()).vm(TestVms.base().build()).expectNone();
  }
}
