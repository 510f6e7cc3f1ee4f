package io.nestcheck.testkit.profiles;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;

/** The built-in profile {@code esxi-8} keeps the guest profile contract. */
class Esxi8ProfileContractTest extends GuestProfileContract {
  @Override
  protected GuestProfile profile() {
    return ProfileRegistry.builtIn().find("esxi-8").orElseThrow();
  }
}
