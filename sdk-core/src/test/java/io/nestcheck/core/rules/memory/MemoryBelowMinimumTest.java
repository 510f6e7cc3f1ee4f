package io.nestcheck.core.rules.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class MemoryBelowMinimumTest {

  @Test
  void belowMinimumIsAnErrorSettingTheMinimum() {
    Finding f = RuleCheck.of(new MemoryBelowMinimum())
        .requirements(r -> r.minMemoryMiB(8192))
        .vm(TestVms.base().memoryMiB(4096).addSettings(Setting.of("memSize", "4096", 8)).build())
        .expectOne("NV-MEM-001");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(SetMemory.of(8192));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 8));
    assertThat(f.message()).contains("4096 MiB (4 GiB)").contains("8192 MiB (8 GiB)");
  }

  @Test
  void enoughOrNoMinimumPasses() {
    RuleCheck.of(new MemoryBelowMinimum()).requirements(r -> r.minMemoryMiB(4096)).vm(TestVms.base().build())
        .expectNone();
    RuleCheck.of(new MemoryBelowMinimum()).vm(TestVms.base().memoryMiB(32).build()).expectNone();
  }
}
