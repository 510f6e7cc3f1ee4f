package io.nestcheck.testkit.profiles;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;

/** The built-in profile {@code nutanix-ce} keeps the guest profile contract. */
class NutanixCeProfileContractTest extends GuestProfileContract {
  @Override
  protected GuestProfile profile() {
    return ProfileRegistry.builtIn().find("nutanix-ce").orElseThrow();
  }
}
