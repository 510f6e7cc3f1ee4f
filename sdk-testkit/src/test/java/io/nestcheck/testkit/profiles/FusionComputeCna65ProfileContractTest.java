package io.nestcheck.testkit.profiles;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;

/** The built-in profile {@code fusioncompute-cna-6.5} keeps the guest profile contract. */
class FusionComputeCna65ProfileContractTest extends GuestProfileContract {
  @Override
  protected GuestProfile profile() {
    return ProfileRegistry.builtIn().find("fusioncompute-cna-6.5").orElseThrow();
  }
}
