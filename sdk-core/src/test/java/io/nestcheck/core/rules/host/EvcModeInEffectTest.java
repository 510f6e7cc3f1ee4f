package io.nestcheck.core.rules.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import org.junit.jupiter.api.Test;

class EvcModeInEffectTest {

  @Test
  void evcModeIsReportedAsContext() {
    Finding f = RuleCheck.of(new EvcModeInEffect()).requirements(r -> r.nestedHv(true))
        .host(TestHosts.esxi8Intel().evcMode("intel-icelake").build())
        .expectOne("NV-HOST-006");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.subject()).isEqualTo(Subject.host("esx01"));
    assertThat(f.evidence()).containsEntry("evcMode", "intel-icelake");
    assertThat(f.fixes()).singleElement().isInstanceOf(ManualStep.class);
  }

  @Test
  void noEvcOrNoNestedProfilePasses() {
    RuleCheck.of(new EvcModeInEffect()).requirements(r -> r.nestedHv(true)).host(TestHosts.esxi8Intel().build())
        .expectNone();
    RuleCheck.of(new EvcModeInEffect()).host(TestHosts.esxi8Intel().evcMode("intel-icelake").build()).expectNone();
  }
}
