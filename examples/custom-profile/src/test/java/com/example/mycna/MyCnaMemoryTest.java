package com.example.mycna;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.Severity;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.rules.memory.MemoryBelowMinimum;
import io.nestcheck.testkit.RuleTester;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The built-in memory rule applies our 16 GiB minimum, as an ERROR (the parent profile caps it at WARNING). */
class MyCnaMemoryTest {
  private final GuestProfile profile = ProfileRegistry.load(Path.of("src/test/resources/my-cna.yaml"));

  @Test
  void eightGibIsTooLittleForOurBuild() {
    RuleTester.of(new MemoryBelowMinimum())
        .profile(profile)
        .vm(vm -> vm.memoryMiB(8192))
        .expect("NV-MEM-001")
        .withSeverity(Severity.ERROR)
        .withFix(SetMemory.of(16384))
        .resolvedByItsFixes();
  }

  @Test
  void sixteenGibIsEnough() {
    RuleTester.of(new MemoryBelowMinimum()).profile(profile).vm(vm -> vm.memoryMiB(16384)).expectNone();
  }
}
