package io.nestcheck.core.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Severity;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class HardwareVersionBelowProfileMinimumTest {

  @Test
  void belowTheProfileMinimumIsAWarning() {
    Finding f = RuleCheck.of(new HardwareVersionBelowProfileMinimum())
        .requirements(r -> r.nestedHv(true).minHardwareVersion(14))
        .vm(TestVms.base().hardwareVersion(13).build())
        .expectOne("NV-HW-002");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.fixes()).containsExactly(UpgradeHardwareVersion.of(14));
    assertThat(f.message()).contains("vmx-14 (ESXi 6.7)");
  }

  @Test
  void minimumOfNineIsLeftToTheNestedHvRule() {
    RuleCheck.of(new HardwareVersionBelowProfileMinimum()).requirements(r -> r.nestedHv(true).minHardwareVersion(9))
        .vm(TestVms.base().hardwareVersion(8).build()).expectNone();
  }

  @Test
  void atOrAboveTheMinimumPasses() {
    RuleCheck.of(new HardwareVersionBelowProfileMinimum()).requirements(r -> r.minHardwareVersion(14))
        .vm(TestVms.base().hardwareVersion(19).build()).expectNone();
  }
}
