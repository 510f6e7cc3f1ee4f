package io.nestcheck.core.rules.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.TriState;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class PortGroupRejectsMacChangesTest {

  @Test
  void rejectedMacChangesIsAWarning() {
    Finding f = RuleCheck.of(new PortGroupRejectsMacChanges())
        .requirements(r -> r.macChanges(true))
        .vm(TestVms.base().addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("CE")
            .portSecurity(TestHosts.openStandard().withMacChanges(TriState.NO)).build()).build())
        .expectOne("NV-NET-005");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.subject()).isEqualTo(Subject.network("CE"));
    assertThat(f.fixes()).containsExactly(SetPortGroupSecurity.builder().portGroup("CE").macChanges(true).build());
  }

  @Test
  void acceptedOrNotRequiredPasses() {
    RuleCheck.of(new PortGroupRejectsMacChanges()).requirements(r -> r.macChanges(true))
        .vm(TestVms.base().addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("CE")
            .portSecurity(TestHosts.openStandard()).build()).build())
        .expectNone();
    RuleCheck.of(new PortGroupRejectsMacChanges())
        .vm(TestVms.base().addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("CE")
            .portSecurity(TestHosts.closedStandard()).build()).build())
        .expectNone();
  }
}
