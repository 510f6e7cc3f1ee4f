package io.nestcheck.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixConflict;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
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
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.Subject;
import io.nestcheck.api.TriState;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.internal.vmx.VmxDevices;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of planning and applying fixes, over every concrete built-in profile and generated VMs and hosts.
 *
 * <p>Each try checks the generated VM against <em>every</em> profile, so each profile sees every try.
 */
public class FixProperties {
  public static final Evaluator EVALUATOR = Evaluator.of(RuleCatalog.builtIn());
  public static final List<GuestProfile> PROFILES = ProfileRegistry.builtIn().all().stream()
      .filter(p -> !p.isAbstract())
      .map(p -> ProfileRegistry.builtIn().resolve(p.id()))
      .collect(Collectors.toList());

  /**
   * Faults in rules (reported to the rules owner, never patched here): a finding whose own automatable fix cannot
   * resolve it. Each entry names the rule, the case and the counterexample; the convergence properties skip
   * exactly those findings and count them in the statistics.
   */
  static final List<KnownIssue> KNOWN_RULE_ISSUES = List.of();
  // History: NV-FW-001 on a VBS VM under a profile that does not allow EFI (fusioncompute-cna*) offered
  // SetFirmware(EFI, secureBoot=true), the firmware it rejects; fixed in the rules (Targets.vbsKept).

  /** A known rule fault: which findings it covers. */
  record KnownIssue(String ruleId, String description, Matcher matcher) {
    boolean covers(VmConfiguration vm, GuestProfile profile, Finding f) {
      return f.ruleId().equals(ruleId) && matcher.matches(vm, profile, f);
    }
  }

  /** Matches the findings of a known issue. */
  interface Matcher {
    boolean matches(VmConfiguration vm, GuestProfile profile, Finding f);
  }

  static boolean known(VmConfiguration vm, GuestProfile profile, Finding f) {
    for (KnownIssue k : KNOWN_RULE_ISSUES) {
      if (k.covers(vm, profile, f)) {
        Statistics.label("known rule issues").collect(f.ruleId());
        return true;
      }
    }
    return false;
  }

  @Provide
  Arbitrary<VmConfiguration> vms() {
    return VmArbitraries.vms();
  }

  @Provide
  Arbitrary<HostCapabilities> hosts() {
    return VmArbitraries.hosts();
  }

  // ------------------------------------------------------------------------------------------- (a) convergence

  /**
   * One round: every finding that was automatable before the plan is gone after it (its rule's own fix resolved
   * it), unless its action lost a conflict. Findings that only appear (or only become automatable) after the
   * round are counted and left to {@link #theConvergedPlanLeavesNoAutomatableFinding}. Also checks, on the same
   * plans, (b) that applying twice equals applying once and (d) that no two actions share a target.
   */
  @Property(tries = 200)
  void eachAutomatableFindingIsResolvedByThePlanAppliedOnceOrTwice(@ForAll("vms") VmConfiguration vm, @ForAll("hosts") HostCapabilities host) {
    assertThat(PROFILES).isNotEmpty();
    List<String> failures = new ArrayList<>();
    for (GuestProfile profile : PROFILES) {
      List<Finding> before = EVALUATOR.check(host, vm, profile, Optional.empty());
      FixPlan plan = FixPlanner.plan(vm, before);
      assertTargetsUnique(plan); // (d)
      assertThat(plan.actions()).allMatch(FixAction::automatable);
      VmConfiguration fixed = FixApplier.apply(vm, plan);
      assertThat(FixApplier.apply(fixed, plan)).as("(b) %s applied twice", plan.actions()).isEqualTo(fixed);
      List<Finding> after = EVALUATOR.check(host, fixed, profile, Optional.empty());
      Set<String> lost = lostConflicts(plan);
      Set<String> automatableBefore = new HashSet<>();
      for (Finding f : before) {
        if (f.isAutomatable() && !f.isSuppressed()) {
          automatableBefore.add(f.ruleId() + " " + f.subject());
        }
      }
      Statistics.label("actions per plan").collect(plan.actions().size());
      for (Finding f : after) {
        if (!f.isAutomatable() || f.isSuppressed() || lost.contains(f.ruleId()) || known(vm, profile, f)) {
          continue;
        }
        if (!automatableBefore.contains(f.ruleId() + " " + f.subject())) {
          Statistics.label("automatable only after one round").collect(f.ruleId());
          continue;
        }
        failures.add(profile.id() + ": " + f.ruleId() + " still fires after " + plan.actions() + ": " + f.message()
            + " fixes=" + f.fixes());
      }
    }
    assertThat(failures).as("automatable findings left after applying the plan").isEmpty();
  }

  /** Until convergence: after applying {@link FixPlanner#converge}, no automatable finding is left. */
  @Property(tries = 150)
  void theConvergedPlanLeavesNoAutomatableFinding(@ForAll("vms") VmConfiguration vm, @ForAll("hosts") HostCapabilities host) {
    List<String> failures = new ArrayList<>();
    for (GuestProfile profile : PROFILES) {
      FixPlan plan = FixPlanner.converge(EVALUATOR, host, vm, profile);
      assertTargetsUnique(plan);
      VmConfiguration fixed = FixApplier.apply(vm, plan);
      Set<String> lost = lostConflicts(plan);
      for (FixConflict c : plan.conflicts()) {
        Statistics.label("conflicts").collect(c.target() + " " + c.ruleIds());
      }
      for (Finding f : EVALUATOR.check(host, fixed, profile, Optional.empty())) {
        if (!f.isAutomatable() || f.isSuppressed() || known(vm, profile, f)) {
          continue;
        }
        if (lost.contains(f.ruleId())) {
          Statistics.label("open after a lost conflict").collect(f.ruleId());
          continue;
        }
        failures.add(profile.id() + ": " + f.ruleId() + " still fires after " + plan.actions() + ": " + f.message()
            + " fixes=" + f.fixes());
      }
    }
    assertThat(failures).as("automatable findings left after applying the converged plan").isEmpty();
  }

  private static Set<String> lostConflicts(FixPlan plan) {
    Set<String> lost = new TreeSet<>();
    for (FixConflict c : plan.conflicts()) {
      lost.addAll(c.ruleIds().subList(1, c.ruleIds().size()));
    }
    return lost;
  }

  // ------------------------------------------------------------------------------------------- (b) idempotence

  @Provide
  Arbitrary<Object[]> vmWithActions() {
    return VmArbitraries.vms().flatMap(vm -> actions(vm).list().ofMaxSize(12)
        .filter(FixProperties::noRawMemoryKeysNextToMemoryActions)
        .map(a -> new Object[] {vm, a}));
  }

  /**
   * A raw {@code memsize}/{@code sched.mem.*} setting in the same plan as a typed memory action is order-dependent
   * by nature (a locked reservation follows memory; the raw pin does not move the reservation), so applying it
   * twice cannot equal applying it once; no built-in rule emits such a pair. The same holds for a raw {@code
   * sched.mem.pin} next to a raw {@code memsize}, which the planner orders after it: the memsize reads the pin that
   * the second application finds changed. Both are outside VmxFixWriter's stated contract, and the .vmx writer's
   * properties exclude them the same way ({@code withoutRawMemoryKeysAfterMemoryActions}).
   */
  private static boolean noRawMemoryKeysNextToMemoryActions(List<FixAction> actions) {
    boolean typed = actions.stream().anyMatch(a -> a instanceof io.nestcheck.api.SetMemory
        || a instanceof io.nestcheck.api.SetMemoryReservation);
    boolean raw = actions.stream().anyMatch(a -> rawKey(a).equals("memsize") || rawKey(a).startsWith("sched.mem."));
    boolean rawMemsize = actions.stream().anyMatch(a -> a instanceof io.nestcheck.api.SetSetting
        && rawKey(a).equals("memsize"));
    boolean rawPin = actions.stream().anyMatch(a -> rawKey(a).equals("sched.mem.pin"));
    return !(typed && raw) && !(rawMemsize && rawPin);
  }

  /** The lower-case key of a raw setting action, or "" for another action. */
  private static String rawKey(FixAction a) {
    String k = a instanceof io.nestcheck.api.SetSetting s ? s.key()
        : a instanceof io.nestcheck.api.RemoveSetting r ? r.key() : "";
    return k.toLowerCase(Locale.ROOT);
  }

  @Property(tries = 300)
  @SuppressWarnings("unchecked")
  void applyingAnyPlanTwiceChangesNothingAndKeepsSettingsInStep(@ForAll("vmWithActions") Object[] c) {
    VmConfiguration vm = (VmConfiguration) c[0];
    List<FixAction> actions = (List<FixAction>) c[1];
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      findings.add(Finding.builder().ruleId(String.format(Locale.ROOT, "NV-TEST-%03d", i)).severity(Severity.ERROR)
          .subject(Subject.vm(vm.name())).message("test").addFixes(actions.get(i)).build());
    }
    FixPlan plan = FixPlanner.plan(vm, findings);
    assertTargetsUnique(plan);
    VmConfiguration once = FixApplier.apply(vm, plan);
    assertThat(FixApplier.apply(once, plan)).as(plan.actions().toString()).isEqualTo(once);
    if (FixApplier.vmx(vm)) {
      assertThat(MirrorCheck.disagreements(vm)).as("generated VM").isEmpty();
      assertThat(MirrorCheck.disagreements(once)).as("after " + plan.actions()).isEmpty();
    }
  }

  // ------------------------------------------------------------------------------------------- (c) determinism

  /**
   * Rules whose message, subject or manual step depends on the order of the VM's devices (reported to the rules
   * owner): NV-NET-004 names the first NIC of a port group in device order, NV-NET-006 lists NICs in device order,
   * NV-STO-004 picks the first of several equally large disks. Their findings are compared by rule, severity and
   * automatable fixes only, and their manual steps are left out of the plan comparison.
   */
  static final Set<String> ORDER_DEPENDENT_RULES = Set.of("NV-NET-004", "NV-NET-006", "NV-STO-004");

  @Property(tries = 100)
  void deviceOrderChangesNeitherFindingsNorPlan(@ForAll("vms") VmConfiguration vm,
      @ForAll("hosts") HostCapabilities host, @ForAll Random random) {
    VmConfiguration shuffled = vm.withControllers(shuffle(vm.controllers(), random))
        .withDisks(shuffle(vm.disks(), random))
        .withNics(shuffle(vm.nics(), random))
        .withPeripherals(shuffle(vm.peripherals(), random));
    for (GuestProfile profile : PROFILES) {
      List<Finding> a = EVALUATOR.check(host, vm, profile, Optional.empty());
      List<Finding> b = EVALUATOR.check(host, shuffled, profile, Optional.empty());
      assertThat(normalize(b)).as(profile.id()).isEqualTo(normalize(a));
      FixPlan pa = FixPlanner.plan(vm, a);
      FixPlan pb = FixPlanner.plan(shuffled, b);
      assertThat(pb.actions()).as(profile.id()).isEqualTo(pa.actions());
      assertThat(pb.conflicts()).as(profile.id()).isEqualTo(pa.conflicts());
      assertThat(stableSteps(pb, b)).as(profile.id()).isEqualTo(stableSteps(pa, a));
      for (Finding f : a) {
        if (ORDER_DEPENDENT_RULES.contains(f.ruleId())) {
          Statistics.label("order-dependent rule findings").collect(f.ruleId());
        }
      }
    }
  }

  /** The manual steps, minus those of order-dependent rules. */
  private static List<io.nestcheck.api.ManualStep> stableSteps(FixPlan plan, List<Finding> findings) {
    Set<FixAction> unstable = new HashSet<>();
    for (Finding f : findings) {
      if (ORDER_DEPENDENT_RULES.contains(f.ruleId())) {
        unstable.addAll(f.fixes());
      }
    }
    List<io.nestcheck.api.ManualStep> out = new ArrayList<>(plan.manualSteps());
    out.removeIf(unstable::contains);
    return out;
  }

  // ------------------------------------------------------------------------------------------- helpers

  static void assertTargetsUnique(FixPlan plan) {
    Set<String> seen = new HashSet<>();
    for (FixAction a : plan.actions()) {
      assertThat(seen.add(a.target())).as("target %s twice in %s", a.target(), plan.actions()).isTrue();
    }
  }

  private static <T> List<T> shuffle(List<T> list, Random random) {
    List<T> out = new ArrayList<>(list);
    Collections.shuffle(out, random);
    return out;
  }

  /** Findings as a sorted list of strings, each with its fixes sorted. */
  private static List<String> normalize(List<Finding> findings) {
    List<String> out = new ArrayList<>();
    for (Finding f : findings) {
      List<FixAction> fixes = new ArrayList<>(f.fixes());
      fixes.sort(Comparator.comparing(Object::toString));
      if (ORDER_DEPENDENT_RULES.contains(f.ruleId())) {
        fixes.removeIf(x -> !x.automatable());
        out.add(f.ruleId() + " " + f.severity() + " " + fixes);
      } else {
        out.add(f.withFixes(fixes).toString());
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Any automatable action, naming the VM's own devices and networks and keys that drive fields. */
  public static Arbitrary<FixAction> actions(VmConfiguration vm) {
    List<Arbitrary<? extends FixAction>> choices = new ArrayList<>();
    choices.add(Arbitraries.of(true, false).map(e -> ExposeNestedHv.builder().enabled(e).build()));
    choices.add(Arbitraries.integers().between(1, 8).flatMap(c -> Arbitraries.integers().between(1, 4).map(k -> SetCpu.of(c * k, c))));
    choices.add(Arbitraries.longs().between(512, 65536).map(SetMemory::of));
    choices.add(Combinators.combine(Arbitraries.longs().between(0, 65536), Arbitraries.of(true, false)).as(SetMemoryReservation::of));
    choices.add(Combinators.combine(Arbitraries.of(Firmware.class), Arbitraries.of(true, false).optional())
        .as((f, sb) -> SetFirmware.builder().firmware(f).secureBoot(sb).build()));
    choices.add(Combinators.combine(Arbitraries.of(SetVmFlag.Flag.class), Arbitraries.of(true, false)).as(SetVmFlag::of));
    choices.add(Arbitraries.integers().between(4, 22).map(UpgradeHardwareVersion::of));
    choices.add(Arbitraries.of(VmArbitraries.GUESTS).map(g -> SetGuestOs.of(GuestOsId.of(g))));
    if (!vm.controllers().isEmpty()) {
      choices.add(Combinators.combine(Arbitraries.of(vm.controllers()).map(StorageController::id),
          Arbitraries.of(ControllerType.class)).as(ReplaceControllerType::of));
    }
    if (!vm.nics().isEmpty()) {
      choices.add(Combinators.combine(Arbitraries.of(vm.nics()).map(Nic::id), Arbitraries.of(NicType.class))
          .as(ReplaceNicType::of));
    }
    choices.add(Arbitraries.of(
        Peripheral.of("sound", PeripheralKind.SOUND), Peripheral.of("floppy0", PeripheralKind.FLOPPY),
        Peripheral.of("serial0", PeripheralKind.SERIAL), Peripheral.of("ide1:0", PeripheralKind.CDROM))
        .map(p -> RemoveDevice.of(p.id(), p.kind())));
    choices.add(Combinators.combine(Arbitraries.of(VmArbitraries.NETWORKS), Arbitraries.of(true, false).optional(),
            Arbitraries.of(true, false).optional(), Arbitraries.of(true, false).optional(), Arbitraries.of(true, false).optional())
        .as((pg, p, f, m, l) -> SetPortGroupSecurity.builder().portGroup(pg).allowPromiscuous(p).forgedTransmits(f)
            .macChanges(m).macLearning(l).build()));
    choices.add(settingKeys().flatMap(k -> validValues(k).map(v -> SetSetting.of(k, v))));
    choices.add(settingKeys().map(RemoveSetting::of));
    return Arbitraries.oneOf(choices);
  }

  static Arbitrary<String> settingKeys() {
    return Arbitraries.of("vhv.enable", "VHV.Enable", "numvcpus", "cpuid.coresPerSocket", "memsize", "sched.mem.min",
        "sched.mem.pin", "firmware", "uefi.secureBoot.enabled", "vvtd.enable", "vpmc.enable", "virtualHW.version",
        "guestOS", "cpuid.1.ecx", "cpuid.80000001.ecx", "scsi0.virtualDev", "ethernet0.virtualDev", "ethernet1.virtualDev",
        "sound.present", "floppy0.present", "serial0.present", "disk.EnableUUID", "tools.syncTimeWithHost",
        "hypervisor.cpuid.v0");
  }

  static Arbitrary<String> validValues(String key) {
    switch (key.toLowerCase(Locale.ROOT)) {
      case "numvcpus":
      case "cpuid.corespersocket":
        return Arbitraries.of("1", "2", "4");
      case "memsize":
      case "sched.mem.min":
        return Arbitraries.of("4096", "8192", "16384");
      case "firmware":
        return Arbitraries.of("efi", "bios", "EFI");
      case "virtualhw.version":
        return Arbitraries.of("9", "14", "20", "vmx-19");
      case "guestos":
        return Arbitraries.of("vmkernel8", "otherlinux-64", "windows2019srv-64");
      case "cpuid.1.ecx":
        return Arbitraries.of(VmArbitraries.mask(5, '0'), "----:----:----:----:----:----:--H-:----");
      case "cpuid.80000001.ecx":
        return Arbitraries.of(VmArbitraries.mask(2, '0'), VmArbitraries.mask(2, '-'));
      case "scsi0.virtualdev":
        return Arbitraries.of("pvscsi", "lsilogic", "buslogic", "lsisas1068");
      case "ethernet0.virtualdev":
      case "ethernet1.virtualdev":
        return Arbitraries.of("e1000", "e1000e", "vmxnet3", "vlance");
      default:
        return Arbitraries.of("TRUE", "FALSE", "true");
    }
  }

  /** Checks that the raw settings of a {@code .vmx} VM say what its fields say (first occurrence wins). */
  static final class MirrorCheck {
    private MirrorCheck() {}

    static List<String> disagreements(VmConfiguration vm) {
      List<String> out = new ArrayList<>();
      expectBool(out, vm, "vhv.enable", vm.nestedHv() == TriState.UNKNOWN ? null : vm.nestedHv().isYes(), false);
      expectInt(out, vm, "numvcpus", vm.vcpus());
      expectInt(out, vm, "cpuid.coresPerSocket", vm.coresPerSocket());
      expectInt(out, vm, "memsize", vm.memoryMiB());
      vm.setting("sched.mem.min").ifPresent(v -> check(out, "sched.mem.min", v, String.valueOf(vm.memoryReservationMiB())));
      if (vm.setting("sched.mem.min").isEmpty() && vm.memoryReservationMiB() != 0) {
        out.add("sched.mem.min absent but reservation " + vm.memoryReservationMiB());
      }
      expectBool(out, vm, "sched.mem.pin", vm.memoryLockedToMax(), true);
      String fw = vm.setting("firmware").map(v -> v.toLowerCase(Locale.ROOT)).orElse("bios");
      check(out, "firmware", fw, vm.firmware() == Firmware.EFI ? "efi" : "bios");
      expectBool(out, vm, "uefi.secureBoot.enabled", vm.secureBoot(), true);
      expectBool(out, vm, "vvtd.enable", vm.virtualIommu(), true);
      expectBool(out, vm, "vpmc.enable", vm.virtualPmc(), true);
      vm.setting("virtualHW.version").ifPresent(v -> check(out, "virtualHW.version", v.replace("vmx-", ""),
          vm.hardwareVersion().isPresent() ? String.valueOf(vm.hardwareVersion().getAsInt()) : "absent"));
      vm.setting("guestOS").ifPresent(v -> check(out, "guestOS", GuestOsId.of(v).canonical(),
          vm.guestOs().map(GuestOsId::canonical).orElse("absent")));
      for (CpuidMask m : vm.cpuidMasks()) {
        String key = "cpuid." + Long.toHexString(m.leaf()) + "." + m.register().name().toLowerCase(Locale.ROOT);
        vm.setting(key).ifPresent(v -> check(out, key, v.replace(":", ""), m.mask()));
      }
      for (StorageController c : vm.controllers()) {
        vm.setting(c.id() + ".virtualDev").ifPresent(v -> check(out, c.id() + ".virtualDev",
            VmxDevices.scsiType(v).name(), c.type().name()));
      }
      for (Nic n : vm.nics()) {
        vm.setting(n.id() + ".virtualDev").ifPresent(v -> check(out, n.id() + ".virtualDev",
            VmxDevices.nicType(v, vm.setting(n.id() + ".features").map("15"::equals).orElse(false)).name(),
            n.type().name()));
      }
      for (Setting s : vm.settings()) {
        String k = s.key().toLowerCase(Locale.ROOT);
        if (k.endsWith(".present") && vm.setting(s.key()).equals(Optional.of(s.value()))) {
          String id = s.key().substring(0, s.key().length() - ".present".length());
          boolean has = vm.peripherals().stream().anyMatch(p -> p.id().equalsIgnoreCase(id));
          boolean present = FixApplier.bool(s.value()).orElse(false);
          if (Names.peripheralKind(id).isPresent() && has != present) {
            out.add(s.key() + " = " + s.value() + " but peripheral present: " + has);
          }
        }
      }
      return out;
    }

    private static void expectInt(List<String> out, VmConfiguration vm, String key, long field) {
      vm.setting(key).ifPresent(v -> check(out, key, v.trim(), String.valueOf(field)));
    }

    private static void expectBool(List<String> out, VmConfiguration vm, String key, Boolean field, boolean absentIsFalse) {
      Optional<String> v = vm.setting(key);
      if (v.isPresent()) {
        check(out, key, String.valueOf(FixApplier.bool(v.get()).orElse(null)), String.valueOf(field));
      } else if (absentIsFalse && Boolean.TRUE.equals(field)) {
        out.add(key + " absent but field true");
      }
    }

    private static void check(List<String> out, String key, String raw, String field) {
      if (!raw.equalsIgnoreCase(field)) {
        out.add(key + ": setting says " + raw + ", field says " + field);
      }
    }
  }
}
