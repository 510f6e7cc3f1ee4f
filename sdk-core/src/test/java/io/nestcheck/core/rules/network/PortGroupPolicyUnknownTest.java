package io.nestcheck.core.rules.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class PortGroupPolicyUnknownTest {

  @Test
  void unknownPolicyIsOneInfoPerVm() {
    Finding f = RuleCheck.of(new PortGroupPolicyUnknown())
        .requirements(r -> r.promiscuousMode(true).forgedTransmits(true))
        .vm(TestVms.base().addNics(Nic.builder().id("ethernet0").type(NicType.E1000).network("VM Network").build(),
            Nic.builder().id("ethernet1").type(NicType.E1000).network("VM Network").build()).build())
        .expectOne("NV-NET-006");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.subject()).isEqualTo(Subject.vm("vm1"));
    assertThat(f.evidence()).containsEntry("nics", "ethernet0, ethernet1").containsEntry("portGroups", "VM Network")
        .containsEntry("needs", "promiscuous mode and forged transmits accepted (or MAC learning on a distributed switch)");
    assertThat(f.message()).isEqualTo("The security policy of port group VM Network (NICs ethernet0, ethernet1) is not "
        + "known from this source; make sure it has promiscuous mode and forged transmits accepted (or MAC learning on "
        + "a distributed switch), or nested guests will have no network.");
    assertThat(f.fixes()).singleElement().isInstanceOfSatisfying(ManualStep.class, m -> assertThat(m.instructions())
        .contains("portgroup policy security set -p 'VM Network' --allow-promiscuous=true --allow-forged-transmits=true"));
  }

  @Test
  void theNeedsFollowTheProfilesRequirements() {
    Nic nic = Nic.builder().id("ethernet0").type(NicType.E1000).network("VM Network").build();
    assertThat(RuleCheck.of(new PortGroupPolicyUnknown()).requirements(r -> r.forgedTransmits(true).macChanges(true))
        .vm(TestVms.base().addNics(nic).build()).expectOne("NV-NET-006").evidence())
        .containsEntry("needs", "forged transmits accepted (or MAC learning on a distributed switch), and MAC address "
            + "changes accepted");
    assertThat(RuleCheck.of(new PortGroupPolicyUnknown()).requirements(r -> r.macChanges(true))
        .vm(TestVms.base().addNics(nic).build()).expectOne("NV-NET-006").evidence())
        .containsEntry("needs", "MAC address changes accepted");
    assertThat(RuleCheck.of(new PortGroupPolicyUnknown()).requirements(r -> r.promiscuousMode(true))
        .vm(TestVms.base().addNics(nic).build()).expectOne("NV-NET-006").evidence())
        .containsEntry("needs", "promiscuous mode accepted (or MAC learning on a distributed switch)");
  }

  @Test
  void knownPolicyLibvirtOrOtherSwitchPasses() {
    RuleCheck.of(new PortGroupPolicyUnknown()).requirements(r -> r.promiscuousMode(true))
        .vm(TestVms.base().addNics(Nic.builder().id("ethernet0").type(NicType.E1000).network("X")
            .portSecurity(TestHosts.closedStandard()).build()).build())
        .expectNone();
    RuleCheck.of(new PortGroupPolicyUnknown()).requirements(r -> r.promiscuousMode(true))
        .vm(TestVms.base().cpuMode(CpuMode.HOST_PASSTHROUGH).addNics(Nic.of("net0", NicType.E1000)).build())
        .expectNone();
    RuleCheck.of(new PortGroupPolicyUnknown()).requirements(r -> r.promiscuousMode(true))
        .vm(TestVms.base().addNics(Nic.builder().id("net0").type(NicType.VIRTIO)
            .portSecurity(PortSecurityPolicy.builder().switchKind(SwitchKind.OTHER).build()).build()).build())
        .expectNone();
    RuleCheck.of(new PortGroupPolicyUnknown()).vm(TestVms.healthyEsxi8().build()).expectNone();
  }
}
