package io.nestcheck.core.rules.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class PortGroupBlocksNestedTrafficTest {
  private static Nic nic(String id, String pg, PortSecurityPolicy p) {
    return Nic.builder().id(id).type(NicType.VMXNET3).network(pg).portSecurity(p).build();
  }

  @Test
  void standardSwitchRejectingPromiscuousIsAnErrorOncePerPortGroup() {
    Finding f = RuleCheck.of(new PortGroupBlocksNestedTraffic())
        .requirements(r -> r.promiscuousMode(true).forgedTransmits(true))
        .vm(TestVms.base().addNics(nic("ethernet0", "Nested", TestHosts.closedStandard()),
            nic("ethernet1", "Nested", TestHosts.closedStandard())).build())
        .expectOne("NV-NET-004");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.network("Nested"));
    assertThat(f.fixes()).containsExactly(SetPortGroupSecurity.builder().portGroup("Nested").allowPromiscuous(true)
        .forgedTransmits(true).build());
  }

  @Test
  void fixAlsoAcceptsMacChangesWhenRequiredSoItMatchesTheMacChangesRule() {
    Finding f = RuleCheck.of(new PortGroupBlocksNestedTraffic())
        .requirements(r -> r.promiscuousMode(true).forgedTransmits(true).macChanges(true))
        .vm(TestVms.base().addNics(nic("ethernet0", "Nested", TestHosts.closedStandard())).build())
        .expectOne("NV-NET-004");
    Finding mac = RuleCheck.of(new PortGroupRejectsMacChanges())
        .requirements(r -> r.promiscuousMode(true).forgedTransmits(true).macChanges(true))
        .vm(TestVms.base().addNics(nic("ethernet0", "Nested", TestHosts.closedStandard())).build())
        .expectOne("NV-NET-005");
    assertThat(f.fixes()).isEqualTo(mac.fixes());
    assertThat(f.fixes()).containsExactly(SetPortGroupSecurity.builder().portGroup("Nested").allowPromiscuous(true)
        .forgedTransmits(true).macChanges(true).build());
  }

  @Test
  void distributedSwitchPassesWithMacLearningElseNeedsBoth() {
    PortSecurityPolicy learning = PortSecurityPolicy.builder().switchKind(SwitchKind.DISTRIBUTED)
        .allowPromiscuous(TriState.NO).forgedTransmits(TriState.NO).macLearning(TriState.YES).build();
    RuleCheck.of(new PortGroupBlocksNestedTraffic()).requirements(r -> r.promiscuousMode(true).forgedTransmits(true))
        .vm(TestVms.base().addNics(nic("ethernet0", "dvpg-nested", learning)).build()).expectNone();
    Finding f = RuleCheck.of(new PortGroupBlocksNestedTraffic())
        .requirements(r -> r.promiscuousMode(true).forgedTransmits(true))
        .vm(TestVms.base().addNics(nic("ethernet0", "dvpg-nested", learning.withMacLearning(TriState.NO))).build())
        .expectOne("NV-NET-004");
    assertThat(f.message()).contains("MAC learning is not on");
  }

  @Test
  void nicWithoutPortGroupNameGetsAManualStep() {
    Finding f = RuleCheck.of(new PortGroupBlocksNestedTraffic())
        .requirements(r -> r.promiscuousMode(true))
        .vm(TestVms.base().addNics(Nic.builder().id("ethernet0").type(NicType.E1000)
            .portSecurity(TestHosts.closedStandard()).build()).build())
        .expectOne("NV-NET-004");
    assertThat(f.subject()).isEqualTo(Subject.device("ethernet0"));
    assertThat(f.fixes()).singleElement().isInstanceOf(ManualStep.class);
  }

  @Test
  void openOrUnknownPolicyPasses() {
    RuleCheck.of(new PortGroupBlocksNestedTraffic()).requirements(r -> r.promiscuousMode(true).forgedTransmits(true))
        .vm(TestVms.base().addNics(nic("ethernet0", "Nested", TestHosts.openStandard())).build()).expectNone();
    RuleCheck.of(new PortGroupBlocksNestedTraffic()).requirements(r -> r.promiscuousMode(true).forgedTransmits(true))
        .vm(TestVms.healthyEsxi8().build()).expectNone();
  }
}
