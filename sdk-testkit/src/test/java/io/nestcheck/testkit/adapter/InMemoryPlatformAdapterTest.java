package io.nestcheck.testkit.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.ApplyOptions;
import io.nestcheck.api.ApplyResult;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.AdapterException;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.fix.FixPlanner;
import io.nestcheck.testkit.InMemoryPlatformAdapter;
import io.nestcheck.testkit.NestcheckArbitraries;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import org.junit.jupiter.api.Test;

/** What the fake adapter does beyond the contract: real applies, port groups, power, concurrency, faults. */
class InMemoryPlatformAdapterTest {
  private static final ApplyOptions REAL = ApplyOptions.builder().dryRun(false).build();
  private static final ApplyOptions REAL_POWER_OFF = ApplyOptions.builder().dryRun(false).allowPowerOff(true).build();

  private static InMemoryPlatformAdapter adapter() {
    return InMemoryPlatformAdapter.builder().endpoint(Fixtures.ENDPOINT).inventory(Fixtures.INVENTORY).build();
  }

  private static VmConfiguration vm(InMemoryPlatformAdapter a, String name) throws AdapterException {
    return a.inventory().vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void theConvergedPlanOfAProfileLeavesNoAutomatableFindingOnThePlatform() throws Exception {
    InMemoryPlatformAdapter a = adapter();
    GuestProfile cna = ProfileRegistry.builtIn().resolve("fusioncompute-cna-8");
    Evaluator evaluator = Evaluator.of(RuleCatalog.builtIn());
    VmConfiguration vm = vm(a, "cna01");
    FixPlan plan = FixPlanner.converge(evaluator, Fixtures.HOST, vm, cna);
    assertThat(plan.actions()).isNotEmpty();

    ApplyResult r = a.apply(vm, plan, REAL);

    assertThat(r.status()).isEqualTo(ApplyResult.Status.APPLIED);
    assertThat(r.applied()).containsExactlyElementsOf(plan.actions());
    VmConfiguration after = vm(a, "cna01");
    List<Finding> open = evaluator.check(Fixtures.HOST, after, cna, Optional.empty()).stream()
        .filter(Finding::isAutomatable).toList();
    assertThat(open).isEmpty();
    assertThat(after.changeVersion()).isNotEqualTo(vm.changeVersion());
    assertThat(a.apply(after, plan, REAL).status()).as("applying the same plan again").isEqualTo(ApplyResult.Status.NOTHING_TO_DO);
  }

  @Test
  void aPortGroupChangeReachesEveryVmOnThePortGroup() throws Exception {
    InMemoryPlatformAdapter a = adapter();
    SetPortGroupSecurity open = SetPortGroupSecurity.builder().portGroup("Nested-Trunk").allowPromiscuous(true)
        .forgedTransmits(true).build();
    VmConfiguration cna = vm(a, "cna01");

    ApplyResult r = a.apply(cna, FixPlan.builder().vmName(cna.name()).source(cna.source()).addActions(open).build(), REAL);

    assertThat(r.status()).isEqualTo(ApplyResult.Status.APPLIED);
    for (String name : List.of("cna01", "esxi8-lab")) {
      assertThat(vm(a, name).nics().get(0).portSecurity().orElseThrow().allowPromiscuous()).as(name).isEqualTo(TriState.YES);
    }
    assertThat(vm(a, "esxi8-lab").nics().get(1).portSecurity()).as("a NIC on another port group").isEmpty();
  }

  @Test
  void powerOffIsAppliedOnlyWhenAllowedAndLeavesTheVmOff() throws Exception {
    InMemoryPlatformAdapter a = adapter();
    VmConfiguration esxi = vm(a, "esxi8-lab");
    FixPlan plan = FixPlan.builder().vmName(esxi.name()).source(esxi.source()).addActions(SetMemory.of(24576)).build();

    assertThat(a.apply(esxi, plan, REAL).status()).isEqualTo(ApplyResult.Status.SKIPPED);
    ApplyResult r = a.apply(esxi, plan, REAL_POWER_OFF);

    assertThat(r.status()).isEqualTo(ApplyResult.Status.APPLIED);
    assertThat(r.changes()).anyMatch(c -> c.startsWith("powered off the VM"));
    assertThat(vm(a, "esxi8-lab").powerState()).isEqualTo(PowerState.POWERED_OFF);
    assertThat(vm(a, "esxi8-lab").memoryMiB()).isEqualTo(24576);
  }

  @Test
  void someActionsRefusedIsPartial() throws Exception {
    InMemoryPlatformAdapter a = adapter();
    VmConfiguration esxi = vm(a, "esxi8-lab");
    FixPlan plan = FixPlan.builder().vmName(esxi.name()).source(esxi.source())
        .addActions(SetMemory.of(24576), SetPortGroupSecurity.builder().portGroup("VM Network").macChanges(true).build())
        .build();

    ApplyResult r = a.apply(esxi, plan, REAL);

    assertThat(r.status()).isEqualTo(ApplyResult.Status.PARTIAL);
    assertThat(r.skipped()).singleElement().asString().contains("needs the VM powered off");
  }

  @Test
  void aStaleChangeVersionIsReReadOrFailsWithoutRetries() throws Exception {
    InMemoryPlatformAdapter a = adapter();
    VmConfiguration stale = vm(a, "cna01");
    FixPlan expose = FixPlan.builder().vmName(stale.name()).source(stale.source()).addActions(ExposeNestedHv.enable()).build();
    a.apply(stale, FixPlan.builder().vmName(stale.name()).source(stale.source()).addActions(SetMemory.of(8192)).build(), REAL);

    ApplyResult noRetry = a.apply(stale, expose, ApplyOptions.builder().dryRun(false).maxRetries(0).build());
    ApplyResult retried = a.apply(stale, expose, REAL);

    assertThat(noRetry.status()).isEqualTo(ApplyResult.Status.FAILED);
    assertThat(noRetry.fault()).get().asString().contains("changed since it was read");
    assertThat(retried.status()).isEqualTo(ApplyResult.Status.APPLIED);
    assertThat(vm(a, "cna01").memoryMiB()).isEqualTo(8192);
    assertThat(vm(a, "cna01").nestedHv()).isEqualTo(TriState.YES);
  }

  @Test
  void anActionTheVmCannotTakeFailsThePlanAndChangesNothing() throws Exception {
    InMemoryPlatformAdapter a = adapter();
    VmConfiguration cna = vm(a, "cna01");
    Inventory before = a.inventory();
    FixPlan plan = FixPlan.builder().vmName(cna.name()).source(cna.source())
        .addActions(SetMemory.of(8192), ReplaceNicType.of("ethernet7", NicType.E1000)).build();

    ApplyResult r = a.apply(cna, plan, REAL);

    assertThat(r.status()).isEqualTo(ApplyResult.Status.FAILED);
    assertThat(r.fault()).get().asString().contains("ethernet7").contains("nothing was changed");
    assertThat(a.inventory()).isEqualTo(before);
  }

  @Test
  void injectedFaultsAndClose() throws Exception {
    InMemoryPlatformAdapter failing = InMemoryPlatformAdapter.builder().inventory(Fixtures.INVENTORY)
        .failing("cna01", "Insufficient resources").build();
    VmConfiguration cna = vm(failing, "cna01");
    ApplyResult r = failing.apply(cna, FixPlan.builder().vmName("cna01").source(cna.source())
        .addActions(SetMemory.of(8192)).build(), REAL);
    assertThat(r.status()).isEqualTo(ApplyResult.Status.FAILED);
    assertThat(r.fault()).contains("Insufficient resources");
    assertThat(failing.history()).containsExactly(r);

    InMemoryPlatformAdapter down = InMemoryPlatformAdapter.builder().endpoint(Fixtures.ENDPOINT).unreachable("connection refused").build();
    assertThatThrownBy(down::inventory).isInstanceOf(AdapterException.class)
        .hasMessage("cannot reach https://administrator@vcenter.lab.local/sdk: connection refused");

    failing.close();
    assertThat(failing.isClosed()).isTrue();
    assertThatThrownBy(failing::inventory).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theInventoryMustBeConsistent() {
    VmConfiguration orphan = Fixtures.CNA.withHostRef("host-9");
    assertThatThrownBy(() -> InMemoryPlatformAdapter.of(Inventory.builder().addVms(orphan).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host-9");
    assertThatThrownBy(() -> InMemoryPlatformAdapter.of(Inventory.builder().addVms(Fixtures.CNA, Fixtures.CNA)
        .putHosts("host-1", Fixtures.HOST).build())).isInstanceOf(IllegalArgumentException.class);
  }

  // ------------------------------------------------------------------------------------------------ properties

  @Provide
  Arbitrary<Tuple3<Inventory, Integer, FixPlan>> inventoriesAndPlans() {
    return NestcheckArbitraries.inventories().filter(i -> !i.vms().isEmpty()).flatMap(inv ->
        Combinators.combine(net.jqwik.api.Arbitraries.integers().between(0, inv.vms().size() - 1), net.jqwik.api.Arbitraries.just(inv))
            .as((i, x) -> i)
            .flatMap(i -> NestcheckArbitraries.fixPlansFor(inv.vms().get(i)).map(p -> Tuple.of(inv, i, p))));
  }

  @Property(tries = 200)
  void aDryRunNeverChangesTheInventory(@ForAll("inventoriesAndPlans") Tuple3<Inventory, Integer, FixPlan> t)
      throws Exception {
    InMemoryPlatformAdapter a = InMemoryPlatformAdapter.of(t.get1());
    Inventory before = a.inventory();
    VmConfiguration vm = t.get1().vms().get(t.get2());

    ApplyResult r = a.apply(vm, t.get3(), ApplyOptions.builder().allowPowerOff(true).build());

    assertThat(r.status()).isIn(ApplyResult.Status.DRY_RUN, ApplyResult.Status.NOTHING_TO_DO);
    assertThat(a.inventory()).isEqualTo(before);
  }

  @Property(tries = 200)
  void aRealApplyIsAllOrNothingAndIdempotent(@ForAll("inventoriesAndPlans") Tuple3<Inventory, Integer, FixPlan> t)
      throws Exception {
    InMemoryPlatformAdapter a = InMemoryPlatformAdapter.of(t.get1());
    VmConfiguration vm = t.get1().vms().get(t.get2());

    ApplyResult first = a.apply(vm, t.get3(), REAL_POWER_OFF);
    Inventory once = a.inventory();
    VmConfiguration now = once.vms().stream().filter(v -> v.source().equals(vm.source())).findFirst().orElseThrow();
    ApplyResult second = a.apply(now, t.get3(), REAL_POWER_OFF);

    assertThat(first.status()).isNotEqualTo(ApplyResult.Status.FAILED);
    assertThat(second.status()).as("second apply of %s", t.get3().actions()).isEqualTo(ApplyResult.Status.NOTHING_TO_DO);
    assertThat(a.inventory()).isEqualTo(once);
  }
}
