package io.nestcheck.core.rules.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetMemoryReservation;
import io.nestcheck.api.Severity;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class MemoryNotFullyReservedTest {

  @Test
  void partialReservationIsAWarningLockingToMax() {
    Finding f = RuleCheck.of(new MemoryNotFullyReserved())
        .requirements(r -> r.fullMemoryReservation(true))
        .vm(TestVms.base().memoryMiB(8192).memoryReservationMiB(1024).build())
        .expectOne("NV-MEM-003");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.fixes()).containsExactly(SetMemoryReservation.of(8192, true));
  }

  @Test
  void reservationFollowsTheMemoryFixSoTheyConverge() {
    Finding f = RuleCheck.of(new MemoryNotFullyReserved())
        .requirements(r -> r.fullMemoryReservation(true).minMemoryMiB(8192))
        .vm(TestVms.base().memoryMiB(4096).build())
        .expectOne("NV-MEM-003");
    assertThat(f.fixes()).containsExactly(SetMemoryReservation.of(8192, true));
  }

  @Test
  void fullOrLockedOrNotRequiredPasses() {
    RuleCheck.of(new MemoryNotFullyReserved()).requirements(r -> r.fullMemoryReservation(true))
        .vm(TestVms.base().memoryReservationMiB(4096).build()).expectNone();
    RuleCheck.of(new MemoryNotFullyReserved()).requirements(r -> r.fullMemoryReservation(true))
        .vm(TestVms.base().memoryLockedToMax(true).build()).expectNone();
    RuleCheck.of(new MemoryNotFullyReserved()).vm(TestVms.base().build()).expectNone();
  }
}
