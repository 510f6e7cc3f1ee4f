package io.nestcheck.core.rules.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.TriState;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class NestedHvNotExposedTest {

  @Test
  void vhvExplicitlyOffIsAnErrorPointingAtTheLine() {
    Finding f = RuleCheck.of(new NestedHvNotExposed())
        .requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().nestedHv(TriState.NO).addSettings(Setting.of("vhv.enable", "FALSE", 7)).build())
        .expectOne("NV-CPU-001");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(ExposeNestedHv.enable());
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 7));
    assertThat(f.evidence()).containsEntry("vhv.enable", "FALSE");
  }

  @Test
  void vhvAbsentIsAnError() {
    Finding f = RuleCheck.of(new NestedHvNotExposed())
        .requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().build())
        .expectOne("NV-CPU-001");
    assertThat(f.evidence()).containsEntry("vhv.enable", "absent");
    assertThat(f.location()).isEmpty();
  }

  @Test
  void libvirtCustomCpuWithoutVmxIsAnError() {
    Finding f = RuleCheck.of(new NestedHvNotExposed())
        .requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().cpuMode(CpuMode.CUSTOM).nestedHv(TriState.NO).addSettings(Setting.of("cpu.mode", "custom", 12)).build())
        .expectOne("NV-CPU-001");
    assertThat(f.message()).contains("mode custom");
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 12));
  }

  @Test
  void exposedPasses() {
    RuleCheck.of(new NestedHvNotExposed())
        .requirements(r -> r.nestedHv(true))
        .vm(TestVms.healthyEsxi8().build())
        .expectNone();
  }

  @Test
  void profileWithoutTheRequirementPasses() {
    RuleCheck.of(new NestedHvNotExposed()).vm(TestVms.base().nestedHv(TriState.NO).build()).expectNone();
  }
}
