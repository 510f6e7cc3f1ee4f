package io.nestcheck.core.fix;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.core.Evaluator;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixConflict;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.RemoveDevice;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetGuestOs;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetMemoryReservation;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the findings of one VM into one {@link FixPlan}: the automatable actions to apply, in order, the manual
 * steps a person must take, and the conflicts between rules.
 *
 * <p>Contract:
 * <ul>
 *   <li><b>Input.</b> Only unsuppressed findings count. Findings are visited in a canonical order (rule id,
 *       subject, message, fixes), so the plan does not depend on the order of the findings or of the VM's devices.
 *   <li><b>Deduplication.</b> Equal actions appear once, however many findings ask for them.
 *   <li><b>Merging.</b> Rules ask for "at least" a size, so some actions on the same {@linkplain FixAction#target()
 *       target} are merged instead of reported as conflicts:
 *       <ul>
 *         <li>{@link SetMemory}, {@link UpgradeHardwareVersion}: the largest value wins (it satisfies every
 *             minimum).
 *         <li>{@link SetCpu}: the largest vCPU count wins, with its cores per socket; two requests for the same
 *             count with different cores per socket conflict.
 *         <li>{@link SetMemoryReservation}: the largest reservation wins; locked-to-max if any request locks it.
 *         <li>{@link SetFirmware}: the same firmware merges; secure boot merges when at most one request states it
 *             or both state the same value.
 *         <li>{@link SetPortGroupSecurity}: requests for the same port group merge field by field when no field is
 *             asked both ways.
 *         <li>{@link SetSetting}: the same key and value merge (TRUE/FALSE values compare ignoring case, as
 *             {@code .vmx} booleans do); power-off is needed if any request needs it.
 *         <li>A {@link SetSetting} that sets a key to the value the VM already has (its first occurrence) only
 *             asks for the key's duplicates to go, which every write of that key achieves: it yields to any other
 *             {@link SetSetting} or {@link RemoveSetting} of the key.
 *       </ul>
 *       Any other pair of different actions on one target is a conflict.
 *   <li><b>Raw settings against typed actions.</b> A {@link SetSetting} or {@link RemoveSetting} of a key that a
 *       typed action of the plan rewrites (for example {@code vhv.enable} and {@link ExposeNestedHv}, {@code
 *       firmware} and {@link SetFirmware}, {@code memsize} and {@link SetMemory}) is dropped: silently when it keeps
 *       the current value or agrees with what the typed action writes, otherwise it is reported as a conflict on
 *       the setting's target with the typed action kept first; the typed action wins because it states the fix in
 *       model terms every writer can express.
 *   <li><b>Conflicts.</b> The plan keeps the action of the lowest rule id (merged with every compatible request)
 *       and reports each incompatible request in a {@link FixConflict}: the kept action first, then the others,
 *       with the rule ids in the same order. The losing requests are never applied, so the findings that asked
 *       for them stay open after the fix; nothing is dropped without a report.
 *   <li><b>Memory and reservation.</b> When the plan raises memory and a reservation request asks for exactly the
 *       VM's current memory (a "reserve everything" request computed before the raise), the reservation is raised
 *       to the new memory size so the reservation stays full.
 *   <li><b>Order.</b> Actions are ordered by phase, then by target, then by description:
 *       hardware version, firmware, CPU, memory,
 *       memory reservation, nested hardware virtualization, VM flags (vIOMMU, vPMC, VBS), guest OS, storage
 *       controllers, NICs, removed devices, settings, port groups. The hardware version comes first because other changes (vNVMe, VBS, e1000e) need it;
 *       firmware before CPU and memory because a firmware change is the most disruptive to the guest; settings
 *       after the typed changes so that an explicit raw value is written last; port groups last because they
 *       change the host, not the VM.
 *   <li><b>Manual steps</b> ({@link ManualStep}) are listed separately, once each, in finding order; they are
 *       never in {@link FixPlan#actions()} and never claimed as done.
 *   <li>{@link FixPlan#requiresPowerOff()} is derived by the plan from its actions.
 * </ul>
 *
 * <p>{@link #plan} is one round. Fixes can interact (one fix makes another rule fire, or turns a manual step into
 * an automatable one); {@link #converge} repeats evaluate-plan-apply until nothing automatable is left.
 *
 * <p>The class is stateless and thread-safe.
 *
 * @since 0.1
 */
public final class FixPlanner {
  private FixPlanner() {}

  /** The canonical order in which findings are visited. */
  static final Comparator<Finding> FINDING_ORDER =
      Evaluator.FINDING_ORDER.thenComparing(f -> describeAll(f.fixes()));

  /** The order of actions within a plan: phase, target, description. */
  static final Comparator<FixAction> ACTION_ORDER = Comparator.comparing(Phase::of)
      .thenComparing(FixAction::target)
      .thenComparing(FixAction::describe);

  /** The most evaluate-plan-apply rounds {@link #converge} runs. */
  static final int MAX_ROUNDS = 4;

  /**
   * Plans the fixes for {@code vm} until they converge: evaluates the VM, plans, applies the plan in memory with
   * {@link FixApplier}, and repeats on the result while new automatable findings appear (at most four rounds).
   *
   * <p>One round is not always enough, because fixes interact: raising memory to a profile's minimum can make a
   * "below recommended" rule fire, and replacing a vNVMe controller can lower the hardware version a VM needs so
   * that a manual "move the VM to a newer host" step becomes an automatable upgrade. The combined plan keeps, per
   * target, the action of the latest round (it was computed on the state the earlier rounds produced); its
   * manual steps are those the final state still needs; its conflicts are those of every round.
   *
   * @param evaluator the evaluator; never {@code null}
   * @param host the outer host; never {@code null}
   * @param vm the VM; never {@code null}
   * @param profile a resolved profile; never {@code null}
   * @return the combined plan; never {@code null}
   */
  public static FixPlan converge(Evaluator evaluator, HostCapabilities host, VmConfiguration vm, GuestProfile profile) {
    Objects.requireNonNull(evaluator, "evaluator");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(profile, "profile");
    VmConfiguration current = vm;
    Map<String, FixAction> byTarget = new LinkedHashMap<>();
    List<FixConflict> conflicts = new ArrayList<>();
    List<Finding> findings = evaluator.check(host, current, profile, Optional.empty());
    for (int round = 0; round < MAX_ROUNDS; round++) {
      FixPlan p = plan(current, findings);
      for (FixConflict c : p.conflicts()) {
        if (!conflicts.contains(c)) {
          conflicts.add(c);
        }
      }
      VmConfiguration next = FixApplier.apply(current, p);
      if (next.equals(current)) {
        break;
      }
      for (FixAction a : p.actions()) {
        byTarget.put(a.target(), a);
      }
      current = next;
      findings = evaluator.check(host, current, profile, Optional.empty());
    }
    List<FixAction> actions = new ArrayList<>(byTarget.values());
    actions.sort(ACTION_ORDER);
    conflicts.sort(Comparator.comparing(FixConflict::target));
    return FixPlan.builder()
        .vmName(vm.name())
        .source(vm.source())
        .actions(actions)
        .manualSteps(plan(current, findings).manualSteps())
        .conflicts(conflicts)
        .build();
  }

  /**
   * Plans the fixes for one evaluation result.
   *
   * @param vm the VM the result is for; never {@code null}
   * @param result its evaluation result; never {@code null}
   * @return the plan; never {@code null}
   */
  public static FixPlan plan(VmConfiguration vm, EvaluationResult result) {
    Objects.requireNonNull(result, "result");
    return plan(vm, result.findings());
  }

  /**
   * Plans the fixes for {@code findings}, which must be findings about {@code vm}.
   *
   * @param vm the VM; never {@code null}
   * @param findings its findings, in any order, suppressed ones included (they are ignored); never {@code null}
   * @return the plan; never {@code null}; {@link FixPlan#isEmpty()} when nothing is to be done
   */
  public static FixPlan plan(VmConfiguration vm, List<Finding> findings) {
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(findings, "findings");
    List<Finding> open = new ArrayList<>();
    for (Finding f : findings) {
      if (!Objects.requireNonNull(f, "finding").isSuppressed()) {
        open.add(f);
      }
    }
    open.sort(FINDING_ORDER);

    Set<ManualStep> manual = new LinkedHashSet<>();
    // target -> requests in canonical order (rule id first)
    Map<String, List<Request>> byTarget = new TreeMap<>();
    for (Finding f : open) {
      for (FixAction a : f.fixes()) {
        if (a instanceof ManualStep) {
          manual.add((ManualStep) a);
        } else if (a.automatable()) {
          byTarget.computeIfAbsent(a.target(), t -> new ArrayList<>()).add(new Request(a, f.ruleId()));
        }
      }
    }

    List<FixAction> actions = new ArrayList<>();
    List<FixConflict> conflicts = new ArrayList<>();
    Map<FixAction, String> ruleOf = new java.util.HashMap<>();
    for (Map.Entry<String, List<Request>> e : byTarget.entrySet()) {
      List<Request> requests = e.getValue();
      requests.sort(Comparator.comparing(Request::ruleId));
      FixAction kept = requests.get(0).action;
      String keptRule = requests.get(0).ruleId;
      List<Request> losers = new ArrayList<>();
      for (Request r : requests.subList(1, requests.size())) {
        Optional<FixAction> merged = merge(vm, kept, r.action);
        if (merged.isPresent()) {
          kept = merged.get();
        } else {
          losers.add(r);
        }
      }
      // a loser may have become compatible with nothing but still equal to another loser; report each once
      Map<String, Request> distinctLosers = new LinkedHashMap<>();
      for (Request r : losers) {
        distinctLosers.putIfAbsent(r.ruleId + "\u0000" + r.action, r);
      }
      actions.add(kept);
      ruleOf.put(kept, keptRule);
      if (!distinctLosers.isEmpty()) {
        FixConflict.Builder c = FixConflict.builder().target(e.getKey()).addActions(kept).addRuleIds(keptRule);
        for (Request r : distinctLosers.values()) {
          c.addActions(r.action).addRuleIds(r.ruleId);
        }
        conflicts.add(c.build());
      }
    }
    resolveRawAgainstTyped(vm, actions, conflicts, ruleOf);
    followMemory(vm, actions);
    actions.sort(ACTION_ORDER);
    conflicts.sort(Comparator.comparing(FixConflict::target));
    return FixPlan.builder()
        .vmName(vm.name())
        .source(vm.source())
        .actions(actions)
        .manualSteps(manual)
        .conflicts(conflicts)
        .build();
  }

  /**
   * Whether {@code a} sets a key to the value it already has (first occurrence): such a request only asks for the
   * duplicates of the key to go, which every other write of the key does as well.
   */
  static boolean keepsCurrent(VmConfiguration vm, FixAction a) {
    if (!(a instanceof SetSetting)) {
      return false;
    }
    SetSetting s = (SetSetting) a;
    return vm.setting(s.key()).map(v -> sameValue(v, s.value())).orElse(false);
  }

  /**
   * A raw {@link SetSetting}/{@link RemoveSetting} on a key that a typed action of the plan rewrites (for example
   * {@code firmware} and {@link SetFirmware}) is dropped: silently when it keeps the current value or agrees with
   * what the typed action writes, as a {@link FixConflict} (typed action first) when it disagrees. The typed action
   * wins because it states the fix in model terms that every writer can express.
   */
  private static void resolveRawAgainstTyped(VmConfiguration vm, List<FixAction> actions, List<FixConflict> conflicts,
      Map<FixAction, String> ruleOf) {
    List<FixAction> drop = new ArrayList<>();
    for (FixAction raw : actions) {
      if (!(raw instanceof SetSetting || raw instanceof RemoveSetting)) {
        continue;
      }
      String key = raw instanceof SetSetting ? ((SetSetting) raw).key() : ((RemoveSetting) raw).key();
      String lower = key.toLowerCase(Locale.ROOT);
      for (FixAction typed : actions) {
        if (!MirrorKeys.written(vm, typed).contains(lower)) {
          continue;
        }
        drop.add(raw);
        if (!keepsCurrent(vm, raw) && !agrees(vm, typed, raw, key)) {
          conflicts.add(FixConflict.builder().target(raw.target()).addActions(typed, raw)
              .addRuleIds(ruleOf.getOrDefault(typed, ""), ruleOf.getOrDefault(raw, "")).build());
        }
        break;
      }
    }
    actions.removeAll(drop);
  }

  /** Whether applying {@code typed} leaves {@code key} as {@code raw} asks. */
  private static boolean agrees(VmConfiguration vm, FixAction typed, FixAction raw, String key) {
    Optional<String> after;
    try {
      after = FixApplier.apply(vm, typed).setting(key);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return raw instanceof SetSetting
        ? after.map(v -> sameValue(v, ((SetSetting) raw).value())).orElse(false)
        : after.isEmpty();
  }

  /** Raises a "reserve all current memory" request to the memory size the plan sets. */
  private static void followMemory(VmConfiguration vm, List<FixAction> actions) {
    long newMemory = -1;
    for (FixAction a : actions) {
      if (a instanceof SetMemory) {
        newMemory = ((SetMemory) a).memoryMiB();
      }
    }
    if (newMemory < 0) {
      return;
    }
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) instanceof SetMemoryReservation) {
        SetMemoryReservation r = (SetMemoryReservation) actions.get(i);
        if (!r.lockedToMax() && r.reservationMiB() == vm.memoryMiB() && newMemory > r.reservationMiB()) {
          actions.set(i, SetMemoryReservation.of(newMemory, false));
        }
      }
    }
  }

  /** The merge of two requests on one target, or empty when they conflict. */
  static Optional<FixAction> merge(VmConfiguration vm, FixAction kept, FixAction other) {
    if (kept.equals(other)) {
      return Optional.of(kept);
    }
    // "keep the current value" only asks for one line with that key: any other write of the key gives that
    if (keepsCurrent(vm, other) && (kept instanceof SetSetting || kept instanceof RemoveSetting)) {
      return Optional.of(kept instanceof SetSetting && ((SetSetting) other).requiresPowerOff() && !kept.requiresPowerOff()
          ? ((SetSetting) kept).withRequiresPowerOff(true) : kept);
    }
    if (keepsCurrent(vm, kept) && (other instanceof SetSetting || other instanceof RemoveSetting)) {
      return Optional.of(other instanceof SetSetting && kept.requiresPowerOff() && !other.requiresPowerOff()
          ? ((SetSetting) other).withRequiresPowerOff(true) : other);
    }
    if (kept instanceof SetMemory && other instanceof SetMemory) {
      SetMemory a = (SetMemory) kept;
      SetMemory b = (SetMemory) other;
      return Optional.of(b.memoryMiB() > a.memoryMiB() ? b : a);
    }
    if (kept instanceof UpgradeHardwareVersion && other instanceof UpgradeHardwareVersion) {
      UpgradeHardwareVersion a = (UpgradeHardwareVersion) kept;
      UpgradeHardwareVersion b = (UpgradeHardwareVersion) other;
      return Optional.of(b.version() > a.version() ? b : a);
    }
    if (kept instanceof SetCpu && other instanceof SetCpu) {
      SetCpu a = (SetCpu) kept;
      SetCpu b = (SetCpu) other;
      if (a.vcpus() == b.vcpus()) {
        return Optional.empty(); // same count, different topology
      }
      return Optional.of(b.vcpus() > a.vcpus() ? b : a);
    }
    if (kept instanceof SetMemoryReservation && other instanceof SetMemoryReservation) {
      SetMemoryReservation a = (SetMemoryReservation) kept;
      SetMemoryReservation b = (SetMemoryReservation) other;
      return Optional.of(SetMemoryReservation.of(Math.max(a.reservationMiB(), b.reservationMiB()),
          a.lockedToMax() || b.lockedToMax()));
    }
    if (kept instanceof SetFirmware && other instanceof SetFirmware) {
      SetFirmware a = (SetFirmware) kept;
      SetFirmware b = (SetFirmware) other;
      if (a.firmware() != b.firmware()) {
        return Optional.empty();
      }
      Optional<Optional<Boolean>> sb = mergeField(a.secureBoot(), b.secureBoot());
      return sb.map(s -> SetFirmware.builder().firmware(a.firmware()).secureBoot(s).build());
    }
    if (kept instanceof SetPortGroupSecurity && other instanceof SetPortGroupSecurity) {
      SetPortGroupSecurity a = (SetPortGroupSecurity) kept;
      SetPortGroupSecurity b = (SetPortGroupSecurity) other;
      Optional<Optional<Boolean>> p = mergeField(a.allowPromiscuous(), b.allowPromiscuous());
      Optional<Optional<Boolean>> f = mergeField(a.forgedTransmits(), b.forgedTransmits());
      Optional<Optional<Boolean>> m = mergeField(a.macChanges(), b.macChanges());
      Optional<Optional<Boolean>> l = mergeField(a.macLearning(), b.macLearning());
      if (p.isEmpty() || f.isEmpty() || m.isEmpty() || l.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(SetPortGroupSecurity.builder().portGroup(a.portGroup())
          .allowPromiscuous(p.get()).forgedTransmits(f.get()).macChanges(m.get()).macLearning(l.get()).build());
    }
    if (kept instanceof SetSetting && other instanceof SetSetting) {
      SetSetting a = (SetSetting) kept;
      SetSetting b = (SetSetting) other;
      if (!sameValue(a.value(), b.value())) {
        return Optional.empty();
      }
      return Optional.of(SetSetting.builder().key(a.key()).value(a.value())
          .requiresPowerOff(a.requiresPowerOff() || b.requiresPowerOff()).build());
    }
    return Optional.empty();
  }

  /** Two optional fields merge when at most one is set or both agree; empty means they conflict. */
  private static Optional<Optional<Boolean>> mergeField(Optional<Boolean> a, Optional<Boolean> b) {
    if (a.isPresent() && b.isPresent() && !a.get().equals(b.get())) {
      return Optional.empty();
    }
    return Optional.of(a.isPresent() ? a : b);
  }

  private static boolean sameValue(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    String la = a.trim().toLowerCase(Locale.ROOT);
    String lb = b.trim().toLowerCase(Locale.ROOT);
    return la.equals(lb) && (la.equals("true") || la.equals("false"));
  }

  private static String describeAll(List<FixAction> fixes) {
    StringBuilder sb = new StringBuilder();
    for (FixAction a : fixes) {
      sb.append(a.describe()).append('\n');
    }
    return sb.toString();
  }

  /** One action and the rule that asked for it. */
  private record Request(FixAction action, String ruleId) {}

  /** The application phases, in order. */
  enum Phase {
    HARDWARE_VERSION,
    FIRMWARE,
    CPU,
    MEMORY,
    RESERVATION,
    NESTED_HV,
    FLAGS,
    GUEST_OS,
    CONTROLLERS,
    NICS,
    DEVICES,
    SETTINGS,
    PORT_GROUPS,
    MANUAL;

    static Phase of(FixAction a) {
      if (a instanceof UpgradeHardwareVersion) {
        return HARDWARE_VERSION;
      } else if (a instanceof SetFirmware) {
        return FIRMWARE;
      } else if (a instanceof SetCpu) {
        return CPU;
      } else if (a instanceof SetMemory) {
        return MEMORY;
      } else if (a instanceof SetMemoryReservation) {
        return RESERVATION;
      } else if (a instanceof ExposeNestedHv) {
        return NESTED_HV;
      } else if (a instanceof SetVmFlag) {
        return FLAGS;
      } else if (a instanceof SetGuestOs) {
        return GUEST_OS;
      } else if (a instanceof ReplaceControllerType) {
        return CONTROLLERS;
      } else if (a instanceof ReplaceNicType) {
        return NICS;
      } else if (a instanceof RemoveDevice) {
        return DEVICES;
      } else if (a instanceof SetSetting || a instanceof RemoveSetting) {
        return SETTINGS;
      } else if (a instanceof SetPortGroupSecurity) {
        return PORT_GROUPS;
      }
      return MANUAL;
    }
  }
}
