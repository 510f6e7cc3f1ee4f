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

class NicTypeUnsupportedTest {

  @Test
  void unsupportedNicIsAnErrorReplacedByTheRecommendation() {
    Finding f = RuleCheck.of(new NicTypeUnsupported())
        .requirements(r -> r.addSupportedNics(NicType.E1000).recommendedNic(NicType.E1000))
        .vm(TestVms.base().addNics(Nic.builder().id("ethernet0").type(NicType.VLANCE).rawType("vlance").build())
            .addSettings(Setting.of("ethernet0.virtualDev", "vlance", 30)).build())
        .expectOne("NV-NET-001");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.device("ethernet0"));
    assertThat(f.fixes()).containsExactly(ReplaceNicType.of("ethernet0", NicType.E1000));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 30));
  }

  @Test
  void virtioIsNeverTheReplacementOnVmware() {
    Finding f = RuleCheck.of(new NicTypeUnsupported())
        .requirements(r -> r.addSupportedNics(NicType.VIRTIO, NicType.E1000E).recommendedNic(NicType.VIRTIO))
        .vm(TestVms.base().hardwareVersion(19).addNics(Nic.of("ethernet0", NicType.VMXNET)).build())
        .expectOne("NV-NET-001");
    assertThat(f.fixes()).containsExactly(ReplaceNicType.of("ethernet0", NicType.E1000E));
  }

  @Test
  void supportedInjectableUnspecifiedOrNoListPasses() {
    RuleCheck.of(new NicTypeUnsupported())
        .requirements(r -> r.addSupportedNics(NicType.E1000).addDriverInjectionNics(NicType.VMXNET3))
        .vm(TestVms.base().addNics(Nic.of("ethernet0", NicType.E1000), Nic.of("ethernet1", NicType.VMXNET3),
            Nic.of("ethernet2", NicType.UNSPECIFIED)).build())
        .expectNone();
    RuleCheck.of(new NicTypeUnsupported()).vm(TestVms.base().addNics(Nic.of("ethernet0", NicType.VLANCE)).build())
        .expectNone();
  }
}
