package io.nestcheck.core.rules.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.TriState;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import org.junit.jupiter.api.Test;

class NestedHvUnsupportedByHostTest {

  @Test
  void esxiSayingNoIsAnError() {
    HostCapabilities host = TestHosts.esxi8Intel().nestedHvSupported(TriState.NO).build();
    Finding f = RuleCheck.of(new NestedHvUnsupportedByHost()).requirements(r -> r.nestedHv(true)).host(host)
        .expectOne("NV-HOST-004");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.host("esx01"));
    assertThat(f.fixes()).singleElement().isInstanceOfSatisfying(ManualStep.class,
        m -> assertThat(m.instructions()).contains("nestedHVSupported"));
  }

  @Test
  void kvmGetsModuleInstructions() {
    HostCapabilities host = TestHosts.kvmIntel().nestedHvSupported(TriState.NO).build();
    Finding f = RuleCheck.of(new NestedHvUnsupportedByHost()).requirements(r -> r.nestedHv(true)).host(host)
        .expectOne("NV-HOST-004");
    assertThat(((ManualStep) f.fixes().get(0)).instructions()).contains("options kvm_intel nested=1");
  }

  @Test
  void yesOrUnknownPasses() {
    RuleCheck.of(new NestedHvUnsupportedByHost()).requirements(r -> r.nestedHv(true))
        .host(TestHosts.esxi8Intel().build()).expectNone();
    RuleCheck.of(new NestedHvUnsupportedByHost()).requirements(r -> r.nestedHv(true))
        .host(HostCapabilities.unknown()).expectNone();
  }
}
