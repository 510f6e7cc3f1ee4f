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

class VirtualizationDisabledInFirmwareTest {

  @Test
  void disabledInBiosIsAnErrorWithBiosInstructions() {
    HostCapabilities host = TestHosts.esxi8Intel().virtualizationEnabledInFirmware(TriState.NO).build();
    Finding f = RuleCheck.of(new VirtualizationDisabledInFirmware()).requirements(r -> r.nestedHv(true)).host(host)
        .expectOne("NV-HOST-003");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.host("esx01"));
    assertThat(f.fixes()).singleElement().isInstanceOfSatisfying(ManualStep.class,
        m -> assertThat(m.instructions()).contains("SVM Mode").contains("Intel Virtualization Technology"));
  }

  @Test
  void enabledOrUnknownPasses() {
    RuleCheck.of(new VirtualizationDisabledInFirmware()).requirements(r -> r.nestedHv(true))
        .host(TestHosts.esxi8Intel().build()).expectNone();
    RuleCheck.of(new VirtualizationDisabledInFirmware()).requirements(r -> r.nestedHv(true))
        .host(HostCapabilities.unknown()).expectNone();
  }
}
