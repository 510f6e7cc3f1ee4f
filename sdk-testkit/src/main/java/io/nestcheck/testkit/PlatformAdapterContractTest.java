package io.nestcheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nestcheck.api.ApplyOptions;
import io.nestcheck.api.ApplyResult;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.AdapterException;
import io.nestcheck.api.spi.PlatformAdapter;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.fix.FixPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PlatformAdapter} as an abstract JUnit 5 suite: extend it, return a new adapter over your
 * fixture from {@link #adapter()}, and every test below runs against it.
 *
 * {@snippet :
 * class VsphereAdapterContractTest extends PlatformAdapterContractTest {
 *   @Override
 *   protected PlatformAdapter adapter() {
 *     return VsphereAdapter.create(config); // a vcsim or recorded fixture
 *   }
 *
 *   @Override
 *   protected Set<String> secrets() {
 *     return Set.of(config.password());
 *   }
 * }
 * }
 *
 * <p>Each test gets a fresh adapter from {@link #adapter()} and closes it afterwards. The suite never changes the
 * fixture: every apply it makes is a dry run, an empty or manual-only plan, or one the contract requires the
 * adapter to refuse. What it checks:
 *
 * <ul>
 *   <li>{@code id()} is a stable lower-case id;
 *   <li>{@code inventory()} returns the VMs sorted by name then source, no VM twice (by source), host references
 *       that resolve in {@code hosts()} or are absent, a note per skipped object, and the same inventory when read
 *       twice;
 *   <li>a dry run changes nothing (the inventory read afterwards is equal, nothing ignored) and returns {@code
 *       DRY_RUN} with the changes listed;
 *   <li>an empty plan is {@code NOTHING_TO_DO}, dry run or not;
 *   <li>{@link ManualStep}s are never reported as applied;
 *   <li>on a running VM an action that needs the VM off is refused without {@link ApplyOptions#allowPowerOff()};
 *   <li>a plan for a VM the platform does not have returns {@code FAILED} instead of throwing;
 *   <li>{@code close()} is idempotent;
 *   <li>no message (exception, fault, skipped reason, change line, note) contains one of {@link #secrets()},
 *       including the {@link AdapterException} of an {@link #unreachableAdapter()}.
 * </ul>
 *
 * <p>{@link #expectations()} states what the fixture holds, for checks a fixture-independent suite cannot make.
 *
 * @since 0.1
 */
public abstract class PlatformAdapterContractTest {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");
  /** A raw setting the probe plan sets; no fixture should have it. */
  static final String PROBE_KEY = "nestcheck.contract.probe";

  private PlatformAdapter adapter;
  private final List<String> messages = new ArrayList<>();

  /** Creates the suite. */
  protected PlatformAdapterContractTest() {}

  /**
   * A new adapter over the fixture, in the same state each time. Called once per test; the suite closes it.
   *
   * @return the adapter; never {@code null}
   * @throws Exception if the adapter cannot be created
   */
  protected abstract PlatformAdapter adapter() throws Exception;

  /** What the fixture holds; {@link AdapterExpectations#none()} by default. */
  protected AdapterExpectations expectations() {
    return AdapterExpectations.none();
  }

  /** Credentials and other values that must never appear in a message; none by default. */
  protected Set<String> secrets() {
    return Set.of();
  }

  /**
   * An adapter that cannot reach its platform (a wrong port, a refused login), configured with the same {@link
   * #secrets()}; its {@code inventory()} must throw {@link AdapterException} whose messages contain none of them.
   * Empty by default, which skips that test.
   */
  protected Optional<PlatformAdapter> unreachableAdapter() throws Exception {
    return Optional.empty();
  }

  @BeforeEach
  final void openAdapter() throws Exception {
    adapter = adapter();
    assertThat(adapter).as("adapter()").isNotNull();
  }

  @AfterEach
  final void closeAdapterAndCheckMessages() {
    if (adapter != null) {
      adapter.close();
    }
    assertNoSecret(messages);
  }

  /** The adapter of the running test. */
  protected final PlatformAdapter subject() {
    return adapter;
  }

  // ------------------------------------------------------------------------------------------------ identity

  @Test
  @DisplayName("id() is a stable, non-empty, lower-case id")
  void idIsStable() {
    String id = adapter.id();
    assertThat(id).as("id()").isNotNull().matches(ID);
    assertThat(adapter.id()).as("id() called twice").isEqualTo(id);
    expectations().id().ifPresent(expected -> assertThat(id).as("id()").isEqualTo(expected));
  }

  // ------------------------------------------------------------------------------------------------ inventory

  @Test
  @DisplayName("inventory() returns the VMs sorted by name, then source")
  void inventoryIsSortedByName() throws Exception {
    List<VmConfiguration> vms = read().vms();
    for (int i = 1; i < vms.size(); i++) {
      VmConfiguration a = vms.get(i - 1);
      VmConfiguration b = vms.get(i);
      int byName = a.name().compareTo(b.name());
      assertThat(byName < 0 || (byName == 0 && a.source().compareTo(b.source()) <= 0))
          .as("VM %d (%s, %s) comes before VM %d (%s, %s)", i - 1, a.name(), a.source(), i, b.name(), b.source())
          .isTrue();
    }
    expectations().vmNames().ifPresent(names -> assertThat(vms).extracting(VmConfiguration::name)
        .as("the VMs of the fixture").containsExactlyElementsOf(names));
  }

  @Test
  @DisplayName("inventory() lists no VM twice")
  void inventoryHasNoDuplicates() throws Exception {
    Set<String> sources = new HashSet<>();
    for (VmConfiguration vm : read().vms()) {
      assertThat(sources.add(vm.source())).as("VM %s: its source %s is listed twice", vm.name(), vm.source()).isTrue();
    }
  }

  @Test
  @DisplayName("every VM's host reference resolves in hosts(), or is absent")
  void hostReferencesResolve() throws Exception {
    Inventory inventory = read();
    for (VmConfiguration vm : inventory.vms()) {
      vm.hostRef().ifPresent(ref -> assertThat(inventory.hosts()).as("hosts() for VM %s", vm.name()).containsKey(ref));
    }
  }

  @Test
  @DisplayName("inventory() notes every skipped object")
  void skippedObjectsAreNoted() throws Exception {
    List<String> notes = read().notes();
    for (String note : notes) {
      assertThat(note).as("a note").isNotBlank();
    }
    assertThat(notes).as("notes (one per skipped object)").hasSizeGreaterThanOrEqualTo(expectations().skippedObjects());
  }

  @Test
  @DisplayName("inventory() read twice without changes is equal")
  void inventoryIsRepeatable() throws Exception {
    assertThat(read()).isEqualTo(read());
  }

  // ------------------------------------------------------------------------------------------------ apply

  @Test
  @DisplayName("a dry run changes nothing and returns DRY_RUN with the changes listed")
  void dryRunChangesNothing() throws Exception {
    Inventory before = read();
    VmConfiguration vm = applyVm(before);
    FixPlan probe = plan(vm, List.of(SetSetting.of(PROBE_KEY, "TRUE")));
    ApplyResult r = apply(vm, probe, ApplyOptions.dryRunDefaults());
    assertThat(r.status()).as("status of a dry run: %s", r).isEqualTo(ApplyResult.Status.DRY_RUN);
    assertThat(r.changes()).as("changes a dry run lists: %s", r).isNotEmpty();
    assertThat(read()).as("the inventory after a dry run").isEqualTo(before);
  }

  @Test
  @DisplayName("a dry run of the VM's own fix plan changes nothing")
  void dryRunOfARealPlanChangesNothing() throws Exception {
    Inventory before = read();
    VmConfiguration vm = applyVm(before);
    GuestProfile profile = ProfileRegistry.builtIn().resolve(expectations().profileId());
    FixPlan plan = FixPlanner.converge(Evaluator.of(RuleCatalog.builtIn()), before.hostOf(vm), vm, profile);
    assumeTrue(!plan.actions().isEmpty(), "the VM needs no automatable fix under " + profile.id());
    ApplyResult r = apply(vm, plan, ApplyOptions.builder().dryRun(true).allowPowerOff(true).build());
    assertThat(r.status()).as("status of a dry run: %s", r).isEqualTo(ApplyResult.Status.DRY_RUN);
    assertNoManualStepApplied(r);
    assertThat(read()).as("the inventory after a dry run of %s", plan.actions()).isEqualTo(before);
  }

  @Test
  @DisplayName("an empty plan is NOTHING_TO_DO, dry run or not")
  void emptyPlanIsNothingToDo() throws Exception {
    Inventory before = read();
    VmConfiguration vm = applyVm(before);
    for (boolean dryRun : List.of(true, false)) {
      ApplyResult r = apply(vm, plan(vm, List.of()), ApplyOptions.builder().dryRun(dryRun).build());
      assertThat(r.status()).as("status (dry run %s): %s", dryRun, r).isEqualTo(ApplyResult.Status.NOTHING_TO_DO);
      assertThat(r.applied()).as("applied (dry run %s)", dryRun).isEmpty();
    }
    assertThat(read()).as("the inventory after empty plans").isEqualTo(before);
  }

  @Test
  @DisplayName("manual steps are never reported as applied")
  void manualStepsAreNeverApplied() throws Exception {
    Inventory before = read();
    VmConfiguration vm = applyVm(before);
    ManualStep listed = ManualStep.of("Enable VT-x in the host firmware", "Reboot the host and enable VT-x.");
    ManualStep asAction = ManualStep.of("Inject the NIC driver", "Add the driver to the installer image.");
    FixPlan plan = FixPlan.builder().vmName(vm.name()).source(vm.source()).addActions(asAction)
        .addManualSteps(listed).build();
    for (boolean dryRun : List.of(true, false)) {
      ApplyResult r = apply(vm, plan, ApplyOptions.builder().dryRun(dryRun).build());
      assertNoManualStepApplied(r);
      assertThat(r.status()).as("status of a plan with only manual steps (dry run %s): %s", dryRun, r)
          .isIn(ApplyResult.Status.NOTHING_TO_DO, ApplyResult.Status.SKIPPED, ApplyResult.Status.DRY_RUN);
    }
    assertThat(read()).as("the inventory after manual steps").isEqualTo(before);
  }

  @Test
  @DisplayName("on a running VM, an action that needs it off is refused unless power-off is allowed")
  void powerOffIsRefusedWithoutPermission() throws Exception {
    Inventory before = read();
    Optional<VmConfiguration> running = runningVm(before);
    assumeTrue(running.isPresent(), "the fixture has no powered-on VM");
    VmConfiguration vm = running.get();
    FixAction needsOff = SetMemory.of(vm.memoryMiB() + 1024);
    FixPlan plan = plan(vm, List.of(needsOff));
    ApplyResult dry = apply(vm, plan, ApplyOptions.builder().dryRun(true).allowPowerOff(false).build());
    assertThat(dry.applied()).as("a dry run without power-off permission claims %s", dry).doesNotContain(needsOff);
    ApplyResult r = apply(vm, plan, ApplyOptions.builder().dryRun(false).allowPowerOff(false).build());
    assertThat(r.applied()).as("applied without power-off permission: %s", r).doesNotContain(needsOff);
    assertThat(r.skipped()).as("skipped: the refusal and its reason: %s", r).isNotEmpty();
    assertThat(r.status()).as("status: %s", r).isIn(ApplyResult.Status.SKIPPED, ApplyResult.Status.FAILED);
    assertThat(read()).as("the inventory after a refused change").isEqualTo(before);
  }

  @Test
  @DisplayName("a plan for a VM the platform does not have returns FAILED instead of throwing")
  void unknownVmFails() throws Exception {
    VmConfiguration ghost = VmConfiguration.builder().name("nestcheck-contract-missing-vm")
        .source("nestcheck-contract:missing-vm").memoryMiB(4096).build();
    Inventory before = read();
    ApplyResult r = apply(ghost, plan(ghost, List.of(SetSetting.of(PROBE_KEY, "TRUE"))),
        ApplyOptions.builder().dryRun(false).build());
    assertThat(r.status()).as("status: %s", r).isEqualTo(ApplyResult.Status.FAILED);
    assertThat(r.fault()).as("the fault of %s", r).isPresent();
    assertThat(read()).as("the inventory after a failed apply").isEqualTo(before);
  }

  // ------------------------------------------------------------------------------------------------ lifecycle

  @Test
  @DisplayName("close() is idempotent")
  void closeIsIdempotent() {
    adapter.close();
    adapter.close();
  }

  @Test
  @DisplayName("an unreachable platform throws AdapterException, and its messages hold no credential")
  void unreachablePlatformHidesCredentials() throws Exception {
    Optional<PlatformAdapter> unreachable = unreachableAdapter();
    assumeTrue(unreachable.isPresent(), "no unreachableAdapter() configured");
    try (PlatformAdapter a = unreachable.get()) {
      try {
        Inventory inventory = a.inventory();
        fail("inventory() of an unreachable platform returned %s", inventory);
      } catch (AdapterException e) {
        remember(e);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private Inventory read() throws AdapterException {
    try {
      Inventory inventory = adapter.inventory();
      messages.addAll(inventory.notes());
      return inventory;
    } catch (AdapterException | RuntimeException e) {
      remember(e);
      throw e;
    }
  }

  private ApplyResult apply(VmConfiguration vm, FixPlan plan, ApplyOptions options) throws AdapterException {
    ApplyResult r;
    try {
      r = adapter.apply(vm, plan, options);
    } catch (AdapterException | RuntimeException e) {
      remember(e);
      throw e;
    }
    assertThat(r).as("apply(..) returned null").isNotNull();
    messages.addAll(r.skipped());
    messages.addAll(r.changes());
    r.fault().ifPresent(messages::add);
    return r;
  }

  private void remember(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
      messages.add(t.toString());
    }
  }

  private void assertNoSecret(List<String> seen) {
    for (String secret : secrets()) {
      if (secret == null || secret.isEmpty()) {
        continue;
      }
      for (String m : seen) {
        assertThat(m.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)))
            .as("a message contains a secret: %s", m.replace(secret, "<secret>")).isFalse();
      }
    }
  }

  private static void assertNoManualStepApplied(ApplyResult r) {
    for (FixAction a : r.applied()) {
      assertThat(a).as("applied actions of %s", r).isNotInstanceOf(ManualStep.class);
    }
  }

  private VmConfiguration applyVm(Inventory inventory) {
    assumeTrue(!inventory.vms().isEmpty(), "the fixture has no VM");
    Optional<String> name = expectations().applyVm();
    if (name.isEmpty()) {
      return inventory.vms().get(0);
    }
    return inventory.vms().stream().filter(v -> v.name().equals(name.get())).findFirst()
        .orElseThrow(() -> new AssertionError("expectations().applyVm() names " + name.get()
            + ", which inventory() does not list"));
  }

  private Optional<VmConfiguration> runningVm(Inventory inventory) {
    Optional<String> name = expectations().runningVm();
    if (name.isPresent()) {
      VmConfiguration vm = inventory.vms().stream().filter(v -> v.name().equals(name.get())).findFirst()
          .orElseThrow(() -> new AssertionError("expectations().runningVm() names " + name.get()
              + ", which inventory() does not list"));
      assertThat(vm.powerState()).as("power state of %s", vm.name()).isEqualTo(PowerState.POWERED_ON);
      return Optional.of(vm);
    }
    return inventory.vms().stream().filter(v -> v.powerState() == PowerState.POWERED_ON).findFirst();
  }

  private static FixPlan plan(VmConfiguration vm, List<FixAction> actions) {
    return FixPlan.builder().vmName(vm.name()).source(vm.source()).actions(actions).build();
  }
}
