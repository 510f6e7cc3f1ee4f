package io.nestcheck.core.rules.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Finding;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class HypervisorCpuidBitVisibleTest {

  @Test
  void hyperVGuestWithoutTheWorkaroundGetsAnInfo() {
    Finding f = RuleCheck.of(new HypervisorCpuidBitVisible())
        .requirements(r -> r.hyperV(true))
        .vm(TestVms.base().addSettings(Setting.of("hypervisor.cpuid.v0", "TRUE", 6)).build())
        .expectOne("NV-CPU-003");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.fixes()).containsExactly(SetSetting.of("hypervisor.cpuid.v0", "FALSE"));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 6));
    assertThat(RuleCheck.of(new HypervisorCpuidBitVisible()).requirements(r -> r.hyperV(true))
        .vm(TestVms.base().build()).expectOne("NV-CPU-003").evidence()).containsEntry("hypervisor.cpuid.v0", "absent");
  }

  @Test
  void workaroundPresentOrNotHyperVOrLibvirtPasses() {
    RuleCheck.of(new HypervisorCpuidBitVisible()).requirements(r -> r.hyperV(true))
        .vm(TestVms.base().addSettings(Setting.of("hypervisor.cpuid.v0", "false")).build()).expectNone();
    RuleCheck.of(new HypervisorCpuidBitVisible()).vm(TestVms.base().build()).expectNone();
    RuleCheck.of(new HypervisorCpuidBitVisible()).requirements(r -> r.hyperV(true))
        .vm(TestVms.base().cpuMode(CpuMode.HOST_PASSTHROUGH).build()).expectNone();
  }
}
