package io.nestcheck.core.rules.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class FirmwareNotAllowedTest {

  @Test
  void efiWhereOnlyBiosIsAllowedSwitchesToBiosWithoutSecureBoot() {
    Finding f = RuleCheck.of(new FirmwareNotAllowed())
        .requirements(r -> r.addAllowedFirmware(Firmware.BIOS).recommendedFirmware(Firmware.BIOS))
        .vm(TestVms.base().firmware(Firmware.EFI).secureBoot(true).addSettings(Setting.of("firmware", "efi", 10)).build())
        .expectOne("NV-FW-001");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(SetFirmware.of(Firmware.BIOS, false));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 10));
  }

  @Test
  void biosWhereOnlyEfiIsAllowedSwitchesToEfiKeepingSecureBoot() {
    Finding f = RuleCheck.of(new FirmwareNotAllowed())
        .requirements(r -> r.addAllowedFirmware(Firmware.EFI))
        .vm(TestVms.base().build())
        .expectOne("NV-FW-001");
    assertThat(f.fixes()).containsExactly(SetFirmware.of(Firmware.EFI, false));
  }

  @Test
  void allowedOrAnyPasses() {
    RuleCheck.of(new FirmwareNotAllowed()).requirements(r -> r.addAllowedFirmware(Firmware.EFI, Firmware.BIOS))
        .vm(TestVms.base().build()).expectNone();
    RuleCheck.of(new FirmwareNotAllowed()).vm(TestVms.base().firmware(Firmware.EFI).build()).expectNone();
  }
}
