package io.nestcheck.core.rules.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Disk;
import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class TooFewDisksTest {

  @Test
  void fewerDisksIsAnErrorWithAManualStep() {
    Finding f = RuleCheck.of(new TooFewDisks())
        .requirements(r -> r.minDisks(3))
        .vm(TestVms.base().addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").build()).build())
        .expectOne("NV-STO-005");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.evidence()).containsEntry("disks", "1").containsEntry("minDisks", "3");
    assertThat(f.fixes()).singleElement().isInstanceOfSatisfying(ManualStep.class,
        m -> assertThat(m.title()).isEqualTo("Add 2 disks"));
  }

  @Test
  void enoughDisksPasses() {
    RuleCheck.of(new TooFewDisks()).requirements(r -> r.minDisks(1)).vm(TestVms.healthyEsxi8().build()).expectNone();
    RuleCheck.of(new TooFewDisks()).vm(TestVms.base().build()).expectNone();
  }
}
