package io.nestcheck.testkit.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.VmConfiguration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The proof that {@link io.nestcheck.testkit.GuestProfileContract} catches a rule whose fix does not fix: it runs
 * {@link BrokenMemoryProfileContract} on the jqwik engine and checks that exactly the two fix-convergence
 * properties fail, each with the smallest counterexample there is.
 */
class BrokenProfileIsCaughtTest {
  private static final Map<String, TestExecutionResult> RESULTS = new TreeMap<>();

  /** The smallest VM the broken rule fails on: nothing stated, no device, one MiB short of 4096. */
  static final VmConfiguration MINIMAL = VmConfiguration.builder()
      .name("vm1")
      .source("vm-1")
      .memoryMiB(BrokenMemoryRule.REQUIRED_MIB - 1)
      .powerState(PowerState.POWERED_OFF)
      .build();

  @BeforeAll
  static void runTheBrokenContract() {
    ProofRun.arm();
    try {
      Launcher launcher = LauncherFactory.create();
      launcher.execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(BrokenMemoryProfileContract.class))
          .filters(EngineFilter.includeEngines("jqwik"))
          .build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                synchronized (RESULTS) {
                  RESULTS.put(m.getMethodName(), result);
                }
              }
            }
          });
    } finally {
      ProofRun.disarm();
    }
  }

  @AfterAll
  static void clear() {
    RESULTS.clear();
  }

  @Test
  @DisplayName("both fix-convergence properties fail; every other property of the contract passes")
  void onlyTheConvergencePropertiesFail() {
    assertThat(RESULTS).containsOnlyKeys("profileIsValid", "fixesResolveTheirFindings", "fixesConverge",
        "fixesAreIdempotent", "evaluationIsDeterministic", "moreCapableHostGetsNoNewHostFinding",
        "profileSurvivesJsonAndYaml", "resultsSurviveJsonAndYaml", "childThatOverridesNothingEvaluatesLikeItsParent");
    RESULTS.forEach((property, result) -> {
      boolean convergence = property.equals("fixesResolveTheirFindings") || property.equals("fixesConverge");
      assertThat(result.getStatus()).as("%s: %s", property, result.getThrowable().map(Throwable::getMessage).orElse(""))
          .isEqualTo(convergence ? TestExecutionResult.Status.FAILED : TestExecutionResult.Status.SUCCESSFUL);
    });
  }

  @Test
  @DisplayName("the failure names the rule, its useless fix and the VM")
  void theFailureExplainsItself() {
    String message = RESULTS.get("fixesResolveTheirFindings").getThrowable().orElseThrow().getMessage();
    assertThat(message)
        .contains("NV-TST-001", "set memory to 2048 MiB", "not resolved by their own fixes")
        .contains("4095 MiB of memory");
  }

  @Test
  @DisplayName("the one-round property shrinks to the smallest counterexample: no device, nothing stated, 4095 MiB")
  void oneRoundCounterexampleIsMinimal() {
    assertMinimal("fixesResolveTheirFindings");
  }

  @Test
  @DisplayName("the convergence property shrinks to the same smallest counterexample")
  void convergenceCounterexampleIsMinimal() {
    assertMinimal("fixesConverge");
  }

  private static void assertMinimal(String property) {
    List<Object> shrunk = ProofRun.SHRUNK.get(property);
    assertThat(shrunk).as("the shrunk sample of %s (original: %s)", property, ProofRun.ORIGINAL.get(property))
        .isNotNull().hasSize(2);
    VmConfiguration vm = (VmConfiguration) shrunk.get(0);
    assertThat(vm.settings()).as("settings").isEmpty();
    assertThat(vm.controllers()).isEmpty();
    assertThat(vm.disks()).isEmpty();
    assertThat(vm.nics()).isEmpty();
    assertThat(vm.peripherals()).isEmpty();
    assertThat(vm.memoryMiB()).as("memory").isEqualTo(BrokenMemoryRule.REQUIRED_MIB - 1);
    assertThat(vm).isEqualTo(MINIMAL);
    assertThat(shrunk.get(1)).as("host").isEqualTo(HostCapabilities.unknown());
  }
}
