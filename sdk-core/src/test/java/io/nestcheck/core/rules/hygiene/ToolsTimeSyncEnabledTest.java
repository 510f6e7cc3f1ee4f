package io.nestcheck.core.rules.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class ToolsTimeSyncEnabledTest {

  @Test
  void timeSyncOnForAnNtpGuestIsAnInfo() {
    Finding f = RuleCheck.of(new ToolsTimeSyncEnabled())
        .requirements(r -> r.guestRunsNtp(true))
        .vm(TestVms.base().addSettings(Setting.of("tools.syncTimeWithHost", "TRUE", 25)).build())
        .expectOne("NV-HYG-002");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.fixes()).containsExactly(SetSetting.of("tools.syncTimeWithHost", "FALSE"));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 25));
  }

  @Test
  void offAbsentOrNotAnNtpGuestPasses() {
    RuleCheck.of(new ToolsTimeSyncEnabled()).requirements(r -> r.guestRunsNtp(true))
        .vm(TestVms.base().addSettings(Setting.of("tools.syncTimeWithHost", "FALSE")).build()).expectNone();
    RuleCheck.of(new ToolsTimeSyncEnabled()).requirements(r -> r.guestRunsNtp(true)).vm(TestVms.base().build())
        .expectNone();
    RuleCheck.of(new ToolsTimeSyncEnabled())
        .vm(TestVms.base().addSettings(Setting.of("tools.syncTimeWithHost", "TRUE")).build()).expectNone();
  }
}
