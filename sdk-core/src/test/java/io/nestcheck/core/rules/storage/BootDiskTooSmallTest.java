package io.nestcheck.core.rules.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Disk;
import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class BootDiskTooSmallTest {
  private static Disk disk(String id, long gib) {
    return Disk.builder().id(id).controllerId("scsi0").capacityMiB(gib * 1024).fileName(id + ".vmdk").build();
  }

  @Test
  void largestDiskBelowMinimumIsAnErrorWithAManualStep() {
    Finding f = RuleCheck.of(new BootDiskTooSmall())
        .requirements(r -> r.minBootDiskGiB(32))
        .vm(TestVms.base().addDisks(disk("scsi0:0", 16), disk("scsi0:1", 20)).build())
        .expectOne("NV-STO-004");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.device("scsi0:1"));
    assertThat(f.fixes()).singleElement().isInstanceOfSatisfying(ManualStep.class,
        m -> assertThat(m.instructions()).contains("vmkfstools -X 32G scsi0:1.vmdk"));
  }

  @Test
  void unknownCapacityGivesNoFinding() {
    RuleCheck.of(new BootDiskTooSmall()).requirements(r -> r.minBootDiskGiB(32))
        .vm(TestVms.base().addDisks(disk("scsi0:0", 8), Disk.builder().id("scsi0:1").controllerId("scsi0").build())
            .build())
        .expectNone();
  }

  @Test
  void bigEnoughPasses() {
    RuleCheck.of(new BootDiskTooSmall()).requirements(r -> r.minBootDiskGiB(32))
        .vm(TestVms.healthyEsxi8().build()).expectNone();
  }
}
