package io.nestcheck.testkit.profiles;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;

/** The built-in profile {@code kvm} keeps the guest profile contract. */
class KvmProfileContractTest extends GuestProfileContract {
  @Override
  protected GuestProfile profile() {
    return ProfileRegistry.builtIn().find("kvm").orElseThrow();
  }
}
