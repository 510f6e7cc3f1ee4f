package io.nestcheck.testkit;

import io.nestcheck.api.ApplyOptions;
import io.nestcheck.api.ApplyResult;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.AdapterException;
import io.nestcheck.api.spi.PlatformAdapter;
import io.nestcheck.core.fix.FixApplier;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fake {@link PlatformAdapter} over an in-memory {@link Inventory}, for testing code that drives adapters (scan
 * and fix workflows, CLIs) without a live platform. It keeps the {@link PlatformAdapter} contract and passes
 * {@link PlatformAdapterContractTest}.
 *
 * <p>Behaviour:
 * <ul>
 *   <li>{@link #inventory()} returns the current state: the VMs sorted by name, then source; hosts and notes as
 *       given.
 *   <li>{@link #apply} finds the VM by its {@linkplain VmConfiguration#source() source} and applies the plan's
 *       automatable actions with {@link FixApplier}, all or nothing: an action the VM cannot take (it names a NIC
 *       or controller the VM does not have) fails the whole plan and changes nothing. A {@link
 *       SetPortGroupSecurity} changes the port group, so every VM with a NIC on it sees the new policy.
 *   <li>A dry run changes nothing and lists what would change. A plan without automatable actions is {@link
 *       ApplyResult.Status#NOTHING_TO_DO}; manual steps are listed as skipped, never as applied.
 *   <li>On a VM that is powered on or suspended, actions that need it off are refused (skipped with the reason)
 *       unless {@link ApplyOptions#allowPowerOff()}; with it, the VM is powered off first and left off, as the
 *       vSphere adapter does.
 *   <li>A VM whose {@link VmConfiguration#changeVersion()} is stated gets a new one with every change; applying to
 *       a copy with an older change version re-reads the VM, as a live adapter retrying a concurrent
 *       modification would, and fails when {@link ApplyOptions#maxRetries()} is 0.
 *   <li>Faults can be injected: {@link Builder#failing} makes every apply to one VM fail, {@link
 *       Builder#unreachable} makes every call throw {@link AdapterException}. Messages name the {@linkplain
 *       Builder#endpoint endpoint} without its password.
 * </ul>
 *
 * {@snippet :
 * InMemoryPlatformAdapter adapter = InMemoryPlatformAdapter.of(inventory);
 * VmConfiguration vm = adapter.inventory().vms().get(0);
 * ApplyResult r = adapter.apply(vm, plan, ApplyOptions.builder().dryRun(false).build());
 * assertThat(adapter.history()).containsExactly(r);
 * }
 *
 * <p>Instances are thread-safe.
 *
 * @since 0.1
 */
public final class InMemoryPlatformAdapter implements PlatformAdapter {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]*");

  private final String id;
  private final String endpoint;
  private final Map<String, String> failing;
  private final Optional<String> unreachable;
  private final Map<String, HostCapabilities> hosts;
  private final List<String> notes;
  private final Map<String, VmConfiguration> vms = new LinkedHashMap<>();
  private final List<ApplyResult> history = new ArrayList<>();
  private int changes;
  private boolean closed;

  private InMemoryPlatformAdapter(Builder b) {
    this.id = b.id;
    this.endpoint = redact(b.endpoint);
    this.failing = Map.copyOf(b.failing);
    this.unreachable = b.unreachable;
    this.hosts = b.inventory.hosts();
    this.notes = b.inventory.notes();
    for (VmConfiguration vm : b.inventory.vms()) {
      if (vms.put(vm.source(), vm) != null) {
        throw new IllegalArgumentException("two VMs have the source " + vm.source());
      }
      if (vm.hostRef().isPresent() && !hosts.containsKey(vm.hostRef().get())) {
        throw new IllegalArgumentException("VM " + vm.name() + " (" + vm.source() + ") runs on host "
            + vm.hostRef().get() + ", which the inventory does not have (hosts: " + hosts.keySet() + ")");
      }
    }
  }

  /**
   * An adapter over {@code inventory}, with the id {@code in-memory}.
   *
   * @param inventory the initial state; VM sources must be unique and host references must resolve; never {@code
   *     null}
   * @return the adapter; never {@code null}
   * @throws IllegalArgumentException if two VMs share a source or a host reference does not resolve
   */
  public static InMemoryPlatformAdapter of(Inventory inventory) {
    return builder().inventory(inventory).build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized Inventory inventory() throws AdapterException {
    checkOpen();
    List<VmConfiguration> list = new ArrayList<>(vms.values());
    list.sort(Comparator.comparing(VmConfiguration::name).thenComparing(VmConfiguration::source));
    return Inventory.builder().putAllHosts(hosts).addAllVms(list).addAllNotes(notes).build();
  }

  @Override
  public synchronized ApplyResult apply(VmConfiguration vm, FixPlan plan, ApplyOptions options) throws AdapterException {
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(options, "options");
    checkOpen();
    ApplyResult result = run(vm, plan, options);
    history.add(result);
    return result;
  }

  private ApplyResult run(VmConfiguration vm, FixPlan plan, ApplyOptions options) {
    ApplyResult.Builder r = ApplyResult.builder().vmName(vm.name());
    for (ManualStep m : plan.manualSteps()) {
      r.addSkipped("manual step: " + m.title());
    }
    List<FixAction> auto = new ArrayList<>();
    for (FixAction a : plan.actions()) {
      if (a instanceof ManualStep m) {
        r.addSkipped("manual step: " + m.title());
      } else if (a.automatable()) {
        auto.add(a);
      }
    }
    VmConfiguration current = vms.get(vm.source());
    if (current == null) {
      return r.status(ApplyResult.Status.FAILED).fault("no VM with source " + vm.source() + " (" + vm.name()
          + ") on " + endpoint + "; read it with this adapter's inventory()").build();
    }
    String fault = failing.get(current.name());
    if (fault != null) {
      return r.status(ApplyResult.Status.FAILED).fault(fault).build();
    }
    if (auto.isEmpty()) {
      return r.status(ApplyResult.Status.NOTHING_TO_DO).build();
    }
    if (vm.changeVersion().isPresent() && !vm.changeVersion().equals(current.changeVersion())) {
      if (options.maxRetries() == 0) {
        return r.status(ApplyResult.Status.FAILED).fault("the VM changed since it was read (change version "
            + vm.changeVersion().get() + ", now " + current.changeVersion().orElse("none") + ") and no retry is "
            + "allowed; nothing was changed").build();
      }
      r.addChanges("re-read the VM: it changed since it was read (change version " + vm.changeVersion().get()
          + ", now " + current.changeVersion().orElse("none") + ")");
    }

    boolean running = current.powerState() == PowerState.POWERED_ON || current.powerState() == PowerState.SUSPENDED;
    List<FixAction> accepted = new ArrayList<>();
    boolean powerOff = false;
    for (FixAction a : auto) {
      if (running && a.requiresPowerOff()) {
        if (!options.allowPowerOff()) {
          r.addSkipped(a.describe() + ": needs the VM powered off (it is " + state(current) + "); allow power-off to "
              + "apply it");
          continue;
        }
        powerOff = true;
      }
      accepted.add(a);
    }
    if (accepted.isEmpty()) {
      return r.status(options.dryRun() ? ApplyResult.Status.DRY_RUN : ApplyResult.Status.SKIPPED).build();
    }

    // compute the whole change first: all or nothing
    VmConfiguration next = current;
    Map<String, VmConfiguration> others = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (FixAction a : accepted) {
      VmConfiguration before = next;
      try {
        next = FixApplier.apply(next, a);
      } catch (IllegalArgumentException e) {
        return r.status(ApplyResult.Status.FAILED).fault("cannot " + a.describe() + ": " + e.getMessage()
            + "; nothing was changed").build();
      }
      if (a instanceof SetPortGroupSecurity pg) {
        for (VmConfiguration other : vms.values()) {
          if (!other.source().equals(current.source()) && onNetwork(other, pg.portGroup())) {
            VmConfiguration o = others.getOrDefault(other.source(), other);
            others.put(other.source(), FixApplier.apply(o, a));
          }
        }
        lines.add(a.describe() + " (affects every VM on the port group)");
      } else if (!next.equals(before)) {
        lines.add(a.describe());
      }
    }
    if (options.dryRun()) {
      if (powerOff) {
        r.addChanges("power off the VM (it is " + state(current) + ") before the changes; it stays off");
      }
      return r.addAllChanges(lines).addAllApplied(accepted).status(ApplyResult.Status.DRY_RUN).build();
    }
    boolean changedOthers = false;
    for (Map.Entry<String, VmConfiguration> e : others.entrySet()) {
      if (!e.getValue().equals(vms.get(e.getKey()))) {
        vms.put(e.getKey(), bump(e.getValue()));
        changedOthers = true;
      }
    }
    if (powerOff) {
      next = next.withPowerState(PowerState.POWERED_OFF);
      r.addChanges("powered off the VM (it was " + state(current) + ") to apply the changes; it was left powered off");
    }
    boolean changed = !next.equals(current) || changedOthers;
    if (changed) {
      vms.put(current.source(), bump(next));
    }
    r.addAllChanges(lines).addAllApplied(accepted);
    boolean refused = accepted.size() < auto.size();
    if (!changed) {
      r.addChanges("nothing to change: every action is in effect already");
      return r.status(refused ? ApplyResult.Status.PARTIAL : ApplyResult.Status.NOTHING_TO_DO).build();
    }
    return r.status(refused ? ApplyResult.Status.PARTIAL : ApplyResult.Status.APPLIED).build();
  }

  private VmConfiguration bump(VmConfiguration vm) {
    changes++;
    return vm.changeVersion().isPresent() ? vm.withChangeVersion(vm.changeVersion().get() + "+" + changes) : vm;
  }

  private static boolean onNetwork(VmConfiguration vm, String portGroup) {
    for (Nic n : vm.nics()) {
      if (n.network().map(portGroup::equals).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  private static String state(VmConfiguration vm) {
    return vm.powerState().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private void checkOpen() throws AdapterException {
    if (closed) {
      throw new IllegalStateException("the adapter " + id + " for " + endpoint + " is closed");
    }
    if (unreachable.isPresent()) {
      throw new AdapterException("cannot reach " + endpoint + ": " + unreachable.get());
    }
  }

  /**
   * Every {@link ApplyResult} this adapter returned, in order.
   *
   * @return a copy; never {@code null}
   */
  public synchronized List<ApplyResult> history() {
    return List.copyOf(history);
  }

  /** Whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** Marks the adapter closed; later calls to {@link #inventory()} and {@link #apply} throw. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "InMemoryPlatformAdapter{" + id + " " + endpoint + "}";
  }

  /** The endpoint without the password of its user info. */
  static String redact(String endpoint) {
    try {
      URI u = URI.create(endpoint);
      if (u.getUserInfo() == null) {
        return endpoint;
      }
      String user = u.getUserInfo().split(":", 2)[0];
      return new URI(u.getScheme(), user, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), u.getFragment())
          .toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "<endpoint>";
    }
  }

  /** Builds {@link InMemoryPlatformAdapter}s. */
  public static final class Builder {
    private String id = "in-memory";
    private String endpoint = "memory://localhost/";
    private Inventory inventory = Inventory.builder().build();
    private final Map<String, String> failing = new LinkedHashMap<>();
    private Optional<String> unreachable = Optional.empty();

    private Builder() {}

    /**
     * The adapter id; {@code in-memory} by default.
     *
     * @param id lower case letters, digits and dashes, starting with a letter; never {@code null}
     * @return this builder
     */
    public Builder id(String id) {
      if (!ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
        throw new IllegalArgumentException("adapter id '" + id + "' must match " + ID.pattern());
      }
      this.id = id;
      return this;
    }

    /**
     * The endpoint named in messages, for example {@code https://admin:secret@vcenter.lab/sdk}; a password in its
     * user info never appears in a message. {@code memory://localhost/} by default.
     *
     * @param endpoint a URI; never {@code null}
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * The initial state.
     *
     * @param inventory the inventory; never {@code null}
     * @return this builder
     */
    public Builder inventory(Inventory inventory) {
      this.inventory = Objects.requireNonNull(inventory, "inventory");
      return this;
    }

    /**
     * Makes every apply to the VM named {@code vmName} fail with {@code fault}, as a platform task fault would.
     *
     * @param vmName the VM's name; never {@code null}
     * @param fault the fault reported; never {@code null}
     * @return this builder
     */
    public Builder failing(String vmName, String fault) {
      failing.put(Objects.requireNonNull(vmName, "vmName"), Objects.requireNonNull(fault, "fault"));
      return this;
    }

    /**
     * Makes every call throw {@link AdapterException} with {@code reason}, as an unreachable platform would.
     *
     * @param reason why, for example {@code connection refused}; never {@code null}
     * @return this builder
     */
    public Builder unreachable(String reason) {
      this.unreachable = Optional.of(Objects.requireNonNull(reason, "reason"));
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @return the adapter; never {@code null}
     * @throws IllegalArgumentException if two VMs share a source or a host reference does not resolve
     */
    public InMemoryPlatformAdapter build() {
      return new InMemoryPlatformAdapter(this);
    }
  }
}
