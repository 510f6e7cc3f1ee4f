package io.nestcheck.core.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Severity;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class HardwareVersionUnknownTest {

  @Test
  void unknownVersionIsAnInfoWithoutFix() {
    Finding f = RuleCheck.of(new HardwareVersionUnknown()).requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().build()).expectOne("NV-HW-005");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.fixes()).isEmpty();
    assertThat(f.evidence()).containsEntry("virtualHW.version", "unknown").containsEntry("required", "9");
  }

  @Test
  void knownVersionOrLibvirtVmPasses() {
    RuleCheck.of(new HardwareVersionUnknown()).requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().hardwareVersion(19).build()).expectNone();
    RuleCheck.of(new HardwareVersionUnknown()).requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().cpuMode(CpuMode.HOST_PASSTHROUGH).build()).expectNone();
  }
}
