package io.nestcheck.testkit.broken;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Properties that fail on purpose, so that {@code ShrinkingIsMinimalTest} can look at what the kit's generators
 * shrink to. The parameters use the default providers the kit registers (no {@code @Provide}, no domain). Skipped
 * unless a proof armed {@link ProofRun}; the name matches no surefire pattern.
 */
@PropertyDefaults(tries = 50, afterFailure = AfterFailureMode.RANDOM_SEED)
@AddLifecycleHook(ProofRun.class)
public class AlwaysFailingSamples {

  @Property
  void everyVmFails(@ForAll VmConfiguration vm) {
    throw new AssertionError("every VM fails");
  }

  @Property
  void everyHostFails(@ForAll HostCapabilities host) {
    throw new AssertionError("every host fails");
  }

  @Property
  void aVmWithTwoNicsFails(@ForAll VmConfiguration vm) {
    if (vm.nics().size() >= 2) {
      throw new AssertionError("two NICs");
    }
  }

  @Property
  void aVmWithADuplicateSettingFails(@ForAll VmConfiguration vm) {
    if (vm.settings().stream().map(s -> s.key().toLowerCase(java.util.Locale.ROOT)).distinct().count()
        < vm.settings().size()) {
      throw new AssertionError("a duplicate setting");
    }
  }
}
