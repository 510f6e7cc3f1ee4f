package io.nestcheck.core.rules.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class NicNeedsDriverInjectionTest {

  @Test
  void vmxnet3ForCnaIsAWarningWithReplacementAndManualAlternative() {
    Finding f = RuleCheck.of(new NicNeedsDriverInjection())
        .requirements(r -> r.addSupportedNics(NicType.E1000).addDriverInjectionNics(NicType.VMXNET3)
            .recommendedNic(NicType.E1000))
        .vm(TestVms.base().addNics(Nic.of("ethernet0", NicType.VMXNET3)).build())
        .expectOne("NV-NET-002");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.subject()).isEqualTo(Subject.device("ethernet0"));
    assertThat(f.fixes()).hasSize(2);
    assertThat(f.fixes().get(0)).isEqualTo(ReplaceNicType.of("ethernet0", NicType.E1000));
    assertThat(f.fixes().get(1)).isInstanceOfSatisfying(ManualStep.class,
        m -> assertThat(m.title()).isEqualTo("Alternative: inject the vmxnet3 driver into the installer"));
  }

  @Test
  void otherTypesPass() {
    RuleCheck.of(new NicNeedsDriverInjection()).requirements(r -> r.addDriverInjectionNics(NicType.VMXNET3))
        .vm(TestVms.base().addNics(Nic.of("ethernet0", NicType.E1000)).build()).expectNone();
    RuleCheck.of(new NicNeedsDriverInjection()).vm(TestVms.base().addNics(Nic.of("ethernet0", NicType.VMXNET3)).build())
        .expectNone();
  }
}
