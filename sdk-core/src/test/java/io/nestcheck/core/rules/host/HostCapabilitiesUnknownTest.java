package io.nestcheck.core.rules.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class HostCapabilitiesUnknownTest {

  @Test
  void unknownHostIsOneInfoWhoseMessageDoesNotDependOnTheVm() {
    Finding a = RuleCheck.of(new HostCapabilitiesUnknown()).host(HostCapabilities.unknown())
        .vm(TestVms.base().build()).expectOne("NV-HOST-007");
    Finding b = RuleCheck.of(new HostCapabilitiesUnknown()).host(HostCapabilities.unknown())
        .vm(TestVms.healthyEsxi8().build()).expectOne("NV-HOST-007");
    assertThat(a.severity()).isEqualTo(Severity.INFO);
    assertThat(a.subject()).isEqualTo(Subject.host("unknown host"));
    assertThat(a.fixes()).isEmpty();
    // same subject and message for every VM, so a scanner can report it once per scan
    assertThat(b.subject()).isEqualTo(a.subject());
    assertThat(b.message()).isEqualTo(a.message());
  }

  @Test
  void partlyKnownHostWithoutVirtualizationFactsIsReportedForNestedProfiles() {
    HostCapabilities host = HostCapabilities.builder().name("esx09").platform(Platform.ESXI).productVersion("7.0.3")
        .build();
    Finding f = RuleCheck.of(new HostCapabilitiesUnknown()).requirements(r -> r.nestedHv(true)).host(host)
        .expectOne("NV-HOST-007");
    assertThat(f.subject()).isEqualTo(Subject.host("esx09"));
    assertThat(f.evidence()).containsEntry("nestedHvSupported", "UNKNOWN");
    RuleCheck.of(new HostCapabilitiesUnknown()).host(host).expectNone();
  }

  @Test
  void knownHostPasses() {
    RuleCheck.of(new HostCapabilitiesUnknown()).requirements(r -> r.nestedHv(true))
        .host(TestHosts.esxi8Intel().build()).expectNone();
  }
}
