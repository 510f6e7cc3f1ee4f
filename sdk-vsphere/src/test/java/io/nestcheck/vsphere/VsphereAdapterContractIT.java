package io.nestcheck.vsphere;

import io.nestcheck.api.spi.PlatformAdapter;
import io.nestcheck.testkit.PlatformAdapterContractTest;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sdk-testkit adapter contract, run against VsphereAdapter over a 20-VM vcsim. */
class VsphereAdapterContractIT extends PlatformAdapterContractTest {
  private static Vcsim vcsim;

  @BeforeAll
  static void start() {
    vcsim = Vcsim.start(20);
  }

  @AfterAll
  static void stop() {
    if (vcsim != null) {
      vcsim.close();
    }
  }

  @Override
  protected PlatformAdapter adapter() {
    return vcsim.connect();
  }

  @Override
  protected Set<String> secrets() {
    return Set.of("secret");
  }
}
