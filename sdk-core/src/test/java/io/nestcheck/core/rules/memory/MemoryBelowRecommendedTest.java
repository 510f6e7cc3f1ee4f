package io.nestcheck.core.rules.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.Severity;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class MemoryBelowRecommendedTest {

  @Test
  void betweenMinimumAndRecommendationIsAnInfo() {
    Finding f = RuleCheck.of(new MemoryBelowRecommended())
        .requirements(r -> r.minMemoryMiB(8192).recommendedMemoryMiB(12288))
        .vm(TestVms.base().memoryMiB(8192).build())
        .expectOne("NV-MEM-002");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.fixes()).containsExactly(SetMemory.of(12288));
  }

  @Test
  void belowMinimumOrAtRecommendationPasses() {
    RuleCheck.of(new MemoryBelowRecommended()).requirements(r -> r.minMemoryMiB(8192).recommendedMemoryMiB(12288))
        .vm(TestVms.base().memoryMiB(4096).build()).expectNone();
    RuleCheck.of(new MemoryBelowRecommended()).requirements(r -> r.recommendedMemoryMiB(12288))
        .vm(TestVms.base().memoryMiB(16384).build()).expectNone();
  }
}
