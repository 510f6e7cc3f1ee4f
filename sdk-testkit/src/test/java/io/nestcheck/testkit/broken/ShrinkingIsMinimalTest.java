package io.nestcheck.testkit.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.Setting;
import io.nestcheck.api.VmConfiguration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The kit's generators shrink to the smallest values: what a failing property reports is easy to read. */
class ShrinkingIsMinimalTest {
  private static final Map<String, TestExecutionResult> RESULTS = new TreeMap<>();

  static final VmConfiguration SMALLEST_VM = VmConfiguration.builder().name("vm1").source("vm-1").memoryMiB(4096)
      .powerState(PowerState.POWERED_OFF).build();

  @BeforeAll
  static void runTheFailingProperties() {
    ProofRun.arm();
    try {
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(AlwaysFailingSamples.class))
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
    assertThat(RESULTS).hasSize(4).allSatisfy((name, r) -> assertThat(r.getStatus()).as(name)
        .isEqualTo(TestExecutionResult.Status.FAILED));
  }

  @Test
  @DisplayName("a VM shrinks to an inventory VM named vm1 with 1 vCPU, 4096 MiB, no device, no setting")
  void vmsShrinkToTheSmallestVm() {
    assertThat(ProofRun.SHRUNK.get("everyVmFails")).containsExactly(SMALLEST_VM);
  }

  @Test
  @DisplayName("a host shrinks to the host about which nothing is known")
  void hostsShrinkToTheUnknownHost() {
    assertThat(ProofRun.SHRUNK.get("everyHostFails")).containsExactly(HostCapabilities.unknown());
  }

  @Test
  @DisplayName("a VM that fails for its NICs keeps two plain NICs and nothing else")
  void aNicFailureKeepsOnlyTwoNics() {
    Nic.Builder nic = Nic.builder().type(NicType.VMXNET3).rawType("vmxnet3").addressType(MacAddressType.GENERATED);
    assertThat(ProofRun.SHRUNK.get("aVmWithTwoNicsFails")).containsExactly(SMALLEST_VM.withNics(
        nic.id("ethernet0").build(), nic.id("ethernet1").build()));
  }

  @Test
  @DisplayName("a VM that fails for a duplicate setting is the smallest .vmx file with one key twice")
  void aDuplicateSettingFailureKeepsTheDuplicate() {
    // the shrunk values of the two settings depend on the seed; the shape does not: two settings that share a key,
    // and nothing else but the memsize line every generated .vmx file has (most seeds shrink to a VM without it;
    // some stop at the .vmx form, e.g. [memsize = "4096", disk.EnableUUID twice], also the smallest of its kind)
    assertThat(ProofRun.SHRUNK.get("aVmWithADuplicateSettingFails")).singleElement().satisfies(o -> {
      io.nestcheck.api.VmConfiguration vm = (io.nestcheck.api.VmConfiguration) o;
      List<io.nestcheck.api.Setting> pair = new java.util.ArrayList<>(vm.settings());
      pair.removeIf(setting -> setting.key().equals("memsize") && setting.value().equals(String.valueOf(vm.memoryMiB()))
          && vm.settings().stream().filter(other -> other.key().equalsIgnoreCase("memsize")).count() == 1);
      assertThat(vm.settings().size() - pair.size()).isLessThanOrEqualTo(1);
      assertThat(pair).hasSize(2);
      assertThat(pair.get(0).key()).isEqualToIgnoringCase(pair.get(1).key());
      assertThat(vm.nics()).isEmpty();
      assertThat(vm.controllers()).isEmpty();
      assertThat(vm.disks()).isEmpty();
      assertThat(vm.peripherals()).isEmpty();
      assertThat(vm.name()).isEqualTo("vm1");
    });
  }
}
