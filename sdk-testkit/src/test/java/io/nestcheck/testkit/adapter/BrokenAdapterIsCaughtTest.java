package io.nestcheck.testkit.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The adapter contract catches each fault of {@link LeakyAdapterContract}'s adapter, and nothing else. */
class BrokenAdapterIsCaughtTest {

  @Test
  void theContractFailsExactlyWhereTheAdapterIsBroken() {
    Map<String, TestExecutionResult.Status> results = new TreeMap<>();
    LeakyAdapterContract.armed = true;
    try {
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(LeakyAdapterContract.class))
          .filters(EngineFilter.includeEngines("junit-jupiter"))
          .build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                results.put(m.getMethodName(), result.getStatus());
              }
            }
          });
    } finally {
      LeakyAdapterContract.armed = false;
    }
    Map<String, TestExecutionResult.Status> failed = new TreeMap<>(results);
    failed.values().removeIf(s -> s != TestExecutionResult.Status.FAILED);
    assertThat(results).hasSize(14);
    assertThat(results).containsEntry("unreachablePlatformHidesCredentials", TestExecutionResult.Status.ABORTED);
    assertThat(failed).containsOnlyKeys(
        "dryRunChangesNothing", // bug 1
        "dryRunOfARealPlanChangesNothing", // bug 1
        "manualStepsAreNeverApplied", // bug 2
        "unknownVmFails"); // bug 3: the fault names the password
  }
}
