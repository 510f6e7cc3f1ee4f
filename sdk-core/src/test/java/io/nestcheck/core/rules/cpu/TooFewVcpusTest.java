package io.nestcheck.core.rules.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class TooFewVcpusTest {

  @Test
  void belowMinimumIsAnErrorSettingTheMinimum() {
    Finding f = RuleCheck.of(new TooFewVcpus())
        .requirements(r -> r.minVcpus(2))
        .vm(TestVms.base().vcpus(1).addSettings(Setting.of("numvcpus", "1", 5)).build())
        .expectOne("NV-CPU-004");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.vm("vm1"));
    assertThat(f.fixes()).containsExactly(SetCpu.of(2, 1));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 5));
  }

  @Test
  void coresPerSocketAreKeptWhenTheyDivideElseOneSocket() {
    Finding keep = RuleCheck.of(new TooFewVcpus()).requirements(r -> r.minVcpus(4))
        .vm(TestVms.base().vcpus(2).coresPerSocket(2).build()).expectOne("NV-CPU-004");
    assertThat(keep.fixes()).containsExactly(SetCpu.of(4, 2));
    Finding single = RuleCheck.of(new TooFewVcpus()).requirements(r -> r.minVcpus(3))
        .vm(TestVms.base().vcpus(2).coresPerSocket(2).build()).expectOne("NV-CPU-004");
    assertThat(single.fixes()).containsExactly(SetCpu.of(3, 3));
  }

  @Test
  void enoughOrNoMinimumPasses() {
    RuleCheck.of(new TooFewVcpus()).requirements(r -> r.minVcpus(2)).vm(TestVms.base().vcpus(2).build()).expectNone();
    RuleCheck.of(new TooFewVcpus()).vm(TestVms.base().build()).expectNone();
  }
}
