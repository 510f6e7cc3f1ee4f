package io.nestcheck.testkit.profiles;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;

/** The built-in profile {@code esxi-7} keeps the guest profile contract. */
class Esxi7ProfileContractTest extends GuestProfileContract {
  @Override
  protected GuestProfile profile() {
    return ProfileRegistry.builtIn().find("esxi-7").orElseThrow();
  }
}
