package com.example.mycna;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;
import java.nio.file.Path;

/**
 * Our profile keeps every property nestcheck expects of a guest profile: its fixes converge and are idempotent,
 * evaluation is deterministic and monotonic in the host, it survives JSON and YAML, and it inherits cleanly.
 */
class MyCnaProfileContractTest extends GuestProfileContract {

  @Override
  protected GuestProfile profile() {
    return ProfileRegistry.load(Path.of("src/test/resources/my-cna.yaml"));
  }
}
