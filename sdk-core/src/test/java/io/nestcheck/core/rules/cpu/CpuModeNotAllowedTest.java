package io.nestcheck.core.rules.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.TriState;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class CpuModeNotAllowedTest {

  @Test
  void hostModelForACnaIsAnErrorFixedByHostPassthrough() {
    Finding f = RuleCheck.of(new CpuModeNotAllowed())
        .requirements(r -> r.addAllowedCpuModes(CpuMode.HOST_PASSTHROUGH))
        .vm(TestVms.base().source("cna.xml").cpuMode(CpuMode.HOST_MODEL).nestedHv(TriState.YES)
            .addSettings(Setting.of("cpu.mode", "host-model", 14)).build())
        .expectOne("NV-CPU-006");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(ExposeNestedHv.enable());
    assertThat(f.location()).contains(SourceLocation.of("cna.xml", 14));
    assertThat(f.message()).contains("host-model").contains("host-passthrough");
  }

  @Test
  void withoutHostPassthroughAllowedTheFixIsManual() {
    Finding f = RuleCheck.of(new CpuModeNotAllowed())
        .requirements(r -> r.addAllowedCpuModes(CpuMode.HOST_MODEL))
        .vm(TestVms.base().cpuMode(CpuMode.CUSTOM).build())
        .expectOne("NV-CPU-006");
    assertThat(f.fixes()).singleElement().isInstanceOf(ManualStep.class);
  }

  @Test
  void allowedModeOrVmwareVmPasses() {
    RuleCheck.of(new CpuModeNotAllowed()).requirements(r -> r.addAllowedCpuModes(CpuMode.HOST_PASSTHROUGH))
        .vm(TestVms.base().cpuMode(CpuMode.HOST_PASSTHROUGH).build()).expectNone();
    RuleCheck.of(new CpuModeNotAllowed()).requirements(r -> r.addAllowedCpuModes(CpuMode.HOST_PASSTHROUGH))
        .vm(TestVms.healthyEsxi8().build()).expectNone();
  }
}
