package io.nestcheck.core.rules.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.Severity;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class FewerVcpusThanRecommendedTest {

  @Test
  void betweenMinimumAndRecommendationIsAnInfo() {
    Finding f = RuleCheck.of(new FewerVcpusThanRecommended())
        .requirements(r -> r.minVcpus(2).recommendedVcpus(4))
        .vm(TestVms.base().vcpus(2).build())
        .expectOne("NV-CPU-005");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.fixes()).containsExactly(SetCpu.of(4, 1));
  }

  @Test
  void belowMinimumIsLeftToTheMinimumRule() {
    RuleCheck.of(new FewerVcpusThanRecommended()).requirements(r -> r.minVcpus(2).recommendedVcpus(4))
        .vm(TestVms.base().vcpus(1).build()).expectNone();
  }

  @Test
  void atRecommendationPasses() {
    RuleCheck.of(new FewerVcpusThanRecommended()).requirements(r -> r.recommendedVcpus(4))
        .vm(TestVms.base().vcpus(8).build()).expectNone();
  }
}
