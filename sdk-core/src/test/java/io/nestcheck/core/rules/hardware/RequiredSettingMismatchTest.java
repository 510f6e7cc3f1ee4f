package io.nestcheck.core.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class RequiredSettingMismatchTest {

  @Test
  void missingSettingIsAnErrorAddingIt() {
    Finding f = RuleCheck.of(new RequiredSettingMismatch())
        .requirements(r -> r.putRequiredSettings("disk.EnableUUID", "TRUE"))
        .vm(TestVms.base().build())
        .expectOne("NV-HW-006");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(SetSetting.of("disk.EnableUUID", "TRUE"));
    assertThat(f.evidence()).containsEntry("disk.EnableUUID", "absent");
    assertThat(f.location()).isEmpty();
  }

  @Test
  void wrongValueKeepsTheKeySpellingAndPointsAtTheLine() {
    Finding f = RuleCheck.of(new RequiredSettingMismatch())
        .requirements(r -> r.putRequiredSettings("disk.EnableUUID", "TRUE"))
        .vm(TestVms.base().addSettings(Setting.of("disk.enableUUID", "FALSE", 11)).build())
        .expectOne("NV-HW-006");
    assertThat(f.fixes()).containsExactly(SetSetting.of("disk.enableUUID", "TRUE"));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 11));
  }

  @Test
  void equalIgnoringCasePasses() {
    RuleCheck.of(new RequiredSettingMismatch()).requirements(r -> r.putRequiredSettings("disk.EnableUUID", "TRUE"))
        .vm(TestVms.base().addSettings(Setting.of("DISK.ENABLEUUID", "true")).build()).expectNone();
    RuleCheck.of(new RequiredSettingMismatch()).vm(TestVms.base().build()).expectNone();
  }
}
