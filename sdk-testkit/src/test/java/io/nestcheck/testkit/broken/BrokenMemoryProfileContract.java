package io.nestcheck.testkit.broken;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.testkit.GuestProfileContract;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The guest profile contract over a profile whose only rule is {@link BrokenMemoryRule}: the fix convergence
 * properties must fail, every other property must pass.
 *
 * <p>Not a test on its own (the name matches no surefire pattern, and {@link ProofRun} skips it unless a proof
 * armed it): {@code BrokenProfileIsCaughtTest} runs it through the JUnit Platform launcher and inspects the
 * results.
 */
@PropertyDefaults(tries = 200, afterFailure = AfterFailureMode.RANDOM_SEED)
@AddLifecycleHook(ProofRun.class)
public class BrokenMemoryProfileContract extends GuestProfileContract {

  @Override
  protected GuestProfile profile() {
    return GuestProfile.builder()
        .id("broken-memory")
        .displayName("A profile whose only rule has a fix that does not fix")
        .requirements(ProfileRequirements.builder().minMemoryMiB(BrokenMemoryRule.REQUIRED_MIB).build())
        .build();
  }

  @Override
  protected RuleCatalog catalog() {
    return RuleCatalog.of(List.of(new BrokenMemoryRule.Pack()));
  }
}
