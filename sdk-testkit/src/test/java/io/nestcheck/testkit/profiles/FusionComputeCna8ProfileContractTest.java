package io.nestcheck.testkit.profiles;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;

/** The built-in profile {@code fusioncompute-cna-8} keeps the guest profile contract. */
class FusionComputeCna8ProfileContractTest extends GuestProfileContract {
  @Override
  protected GuestProfile profile() {
    return ProfileRegistry.builtIn().find("fusioncompute-cna-8").orElseThrow();
  }
}
