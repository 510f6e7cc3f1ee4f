package io.nestcheck.core.rules.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class HostTooOldForHardwareVersionTest {

  @Test
  void vmNewerThanHostIsAnErrorAtTheVersionLine() {
    Finding f = RuleCheck.of(new HostTooOldForHardwareVersion())
        .host(TestHosts.esxi8Intel().productVersion("6.7.0").maxHardwareVersion(15).build())
        .vm(TestVms.base().hardwareVersion(20).addSettings(Setting.of("virtualHW.version", "20", 3)).build())
        .expectOne("NV-HOST-005");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.vm("vm1"));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 3));
    assertThat(f.message()).contains("vmx-20 (ESXi 8.0)").contains("vmx-15 (ESXi 6.7 U2)");
    assertThat(f.fixes()).singleElement().isInstanceOf(ManualStep.class);
  }

  @Test
  void supportedOrUnknownVersionPasses() {
    RuleCheck.of(new HostTooOldForHardwareVersion()).host(TestHosts.esxi8Intel().build())
        .vm(TestVms.base().hardwareVersion(21).build()).expectNone();
    RuleCheck.of(new HostTooOldForHardwareVersion()).host(TestHosts.esxi8Intel().build())
        .vm(TestVms.base().build()).expectNone();
    RuleCheck.of(new HostTooOldForHardwareVersion())
        .vm(TestVms.base().hardwareVersion(22).build()).expectNone();
  }
}
