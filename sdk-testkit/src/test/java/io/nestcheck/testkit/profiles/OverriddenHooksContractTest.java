package io.nestcheck.testkit.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;
import io.nestcheck.testkit.NestcheckArbitraries;
import io.nestcheck.testkit.VmOrigin;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AfterContainer;

/** A subclass may override the generators (here: {@code .vmx} VMs only) and the tries, without {@code @Provide}. */
@PropertyDefaults(tries = 25)
class OverriddenHooksContractTest extends GuestProfileContract {
  static final AtomicInteger CALLS = new AtomicInteger();

  @Override
  protected GuestProfile profile() {
    return ProfileRegistry.builtIn().find("esxi-7").orElseThrow();
  }

  @Override
  protected Arbitrary<VmConfiguration> vms() {
    CALLS.incrementAndGet();
    return NestcheckArbitraries.vmConfigurations(VmOrigin.VMX);
  }

  @AfterContainer
  static void theOverrideWasUsed() {
    assertThat(CALLS.get()).as("calls of the overriding vms()").isPositive();
  }
}
