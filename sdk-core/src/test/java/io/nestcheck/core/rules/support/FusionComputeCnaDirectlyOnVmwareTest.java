package io.nestcheck.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class FusionComputeCnaDirectlyOnVmwareTest {
  private static final GuestProfile CNA = GuestProfile.builder().id("fusioncompute-cna-8").displayName("CNA").build();
  private static final GuestProfile MY_CNA = GuestProfile.builder().id("lab-cna").displayName("my CNA")
      .product("Huawei FusionCompute CNA").build();

  @Test
  void cnaVmFromAVmxIsAWarningWithTheKvmLayerWorkaround() {
    Finding f = RuleCheck.of(new FusionComputeCnaDirectlyOnVmware()).profile(CNA)
        .vm(TestVms.base().hardwareVersion(15).build())
        .expectOne("NV-SUP-002");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.message()).contains("no compute resources");
    assertThat(f.fixes()).singleElement().isInstanceOfSatisfying(ManualStep.class,
        m -> assertThat(m.instructions()).contains("host-passthrough").contains("e1000"));
  }

  @Test
  void aProductNamesFusionComputeInAnyAsciiCase() {
    for (String product : new String[] {"Huawei FusionCompute CNA", "FUSIONCOMPUTE", "my fusioncompute lab"}) {
      assertThat(FusionComputeCnaDirectlyOnVmware.isCna(
          GuestProfile.builder().id("lab").displayName("x").product(product).build())).as(product).isTrue();
    }
    // U+017F (long s) is not an 's' here, as it was not for toLowerCase; a near miss and no product at all
    for (String product : new String[] {"Fu\u017fionCompute", "FusionComput", "Fusion Compute"}) {
      assertThat(FusionComputeCnaDirectlyOnVmware.isCna(
          GuestProfile.builder().id("lab").displayName("x").product(product).build())).as(product).isFalse();
    }
    assertThat(FusionComputeCnaDirectlyOnVmware.isCna(GuestProfile.builder().id("lab").displayName("x").build()))
        .isFalse();
  }

  @Test
  void knownEsxiHostAndProductNamedProfileAlsoCount() {
    RuleCheck.of(new FusionComputeCnaDirectlyOnVmware()).profile(MY_CNA).host(TestHosts.esxi8Intel().build())
        .vm(TestVms.base().build()).expectOne("NV-SUP-002");
  }

  @Test
  void oneRuleInstanceAnswersForEachOfManyProfilesInTurn() {
    // more profiles than the rule remembers answers for, CNA and not, equal ids on different instances
    FusionComputeCnaDirectlyOnVmware rule = new FusionComputeCnaDirectlyOnVmware();
    java.util.List<GuestProfile> profiles = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      profiles.add(i % 2 == 0
          ? GuestProfile.builder().id(i % 4 == 0 ? "fusioncompute-cna-8" : "lab-" + i).displayName("CNA " + i)
              .product("FusionCompute " + i).build()
          : GuestProfile.builder().id("esxi-" + i).displayName("ESXi " + i).build());
    }
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < profiles.size(); i++) {
        RuleCheck check = RuleCheck.of(rule).profile(profiles.get(i)).vm(TestVms.base().hardwareVersion(15).build());
        if (i % 2 == 0) {
          check.expectOne("NV-SUP-002");
        } else {
          check.expectNone();
        }
      }
    }
  }

  @Test
  void cnaOnKvmOrOtherProfilesPass() {
    RuleCheck.of(new FusionComputeCnaDirectlyOnVmware()).profile(CNA).host(TestHosts.kvmIntel().build())
        .vm(TestVms.base().cpuMode(CpuMode.HOST_PASSTHROUGH).build()).expectNone();
    RuleCheck.of(new FusionComputeCnaDirectlyOnVmware()).profile(CNA)
        .vm(TestVms.base().cpuMode(CpuMode.HOST_PASSTHROUGH).build()).expectNone();
    RuleCheck.of(new FusionComputeCnaDirectlyOnVmware()).vm(TestVms.healthyEsxi8().build()).expectNone();
  }
}
