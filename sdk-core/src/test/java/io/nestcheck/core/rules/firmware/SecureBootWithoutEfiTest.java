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

class SecureBootWithoutEfiTest {

  @Test
  void secureBootOnBiosTurnsSecureBootOff() {
    Finding f = RuleCheck.of(new SecureBootWithoutEfi())
        .vm(TestVms.base().secureBoot(true).addSettings(Setting.of("uefi.secureBoot.enabled", "TRUE", 15)).build())
        .expectOne("NV-FW-002");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(SetFirmware.of(Firmware.BIOS, false));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 15));
  }

  @Test
  void whenTheProfileForbidsBiosTheFixMovesToEfiLikeTheFirmwareRule() {
    RuleCheck check = RuleCheck.of(new SecureBootWithoutEfi())
        .requirements(r -> r.addAllowedFirmware(Firmware.EFI))
        .vm(TestVms.base().secureBoot(true).build());
    Finding f = check.expectOne("NV-FW-002");
    assertThat(f.fixes()).containsExactly(SetFirmware.of(Firmware.EFI, true));
    Finding other = RuleCheck.of(new FirmwareNotAllowed())
        .requirements(r -> r.addAllowedFirmware(Firmware.EFI))
        .vm(TestVms.base().secureBoot(true).build()).expectOne("NV-FW-001");
    assertThat(other.fixes()).isEqualTo(f.fixes());
  }

  @Test
  void efiWithSecureBootOrBiosWithoutPasses() {
    RuleCheck.of(new SecureBootWithoutEfi()).vm(TestVms.base().firmware(Firmware.EFI).secureBoot(true).build())
        .expectNone();
    RuleCheck.of(new SecureBootWithoutEfi()).vm(TestVms.base().build()).expectNone();
  }
}
