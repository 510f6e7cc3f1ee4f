package io.nestcheck.core.rules.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class DuplicateSettingTest {

  @Test
  void caseInsensitiveDuplicateIsAWarningKeepingTheFirstValue() {
    Finding f = RuleCheck.of(new DuplicateSetting())
        .vm(TestVms.base().addSettings(Setting.of("msg.autoanswer", "TRUE", 3), Setting.of("memsize", "4096", 4),
            Setting.of("msg.autoAnswer", "FALSE", 17)).build())
        .expectOne("NV-FMT-001");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.fixes()).containsExactly(SetSetting.of("msg.autoanswer", "TRUE"));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 17));
    assertThat(f.evidence()).containsEntry("line 3", "msg.autoanswer = \"TRUE\"")
        .containsEntry("line 17", "msg.autoAnswer = \"FALSE\"");
    assertThat(f.message()).contains("line 3, line 17");
  }

  @Test
  void settingsWithoutLinesAreNumberedByOccurrence() {
    Finding f = RuleCheck.of(new DuplicateSetting())
        .vm(TestVms.base().addSettings(Setting.of("a", "1"), Setting.of("A", "1")).build())
        .expectOne("NV-FMT-001");
    assertThat(f.evidence()).containsKeys("occurrence 1", "occurrence 2");
    assertThat(f.location()).isEmpty();
  }

  @Test
  void uniqueKeysPass() {
    RuleCheck.of(new DuplicateSetting()).vm(TestVms.healthyEsxi8().build()).expectNone();
  }
}
