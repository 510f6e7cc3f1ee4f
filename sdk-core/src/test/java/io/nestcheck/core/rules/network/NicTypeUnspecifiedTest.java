package io.nestcheck.core.rules.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class NicTypeUnspecifiedTest {

  @Test
  void unstatedTypeIsAWarningThatWritesTheRecommendation() {
    Finding f = RuleCheck.of(new NicTypeUnspecified())
        .requirements(r -> r.addSupportedNics(NicType.VMXNET3).recommendedNic(NicType.VMXNET3))
        .vm(TestVms.base().addNics(Nic.of("ethernet0", NicType.UNSPECIFIED))
            .addSettings(Setting.of("ethernet0.present", "TRUE", 40)).build())
        .expectOne("NV-NET-003");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.subject()).isEqualTo(Subject.device("ethernet0"));
    assertThat(f.fixes()).containsExactly(ReplaceNicType.of("ethernet0", NicType.VMXNET3));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 40));
  }

  @Test
  void statedTypeOrNoNicRequirementPasses() {
    RuleCheck.of(new NicTypeUnspecified()).requirements(r -> r.recommendedNic(NicType.VMXNET3))
        .vm(TestVms.healthyEsxi8().build()).expectNone();
    RuleCheck.of(new NicTypeUnspecified()).vm(TestVms.base().addNics(Nic.of("ethernet0", NicType.UNSPECIFIED)).build())
        .expectNone();
  }
}
