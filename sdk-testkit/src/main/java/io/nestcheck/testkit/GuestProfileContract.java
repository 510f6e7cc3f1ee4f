package io.nestcheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixConflict;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.Json;
import io.nestcheck.core.ProfileProblem;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.fix.FixApplier;
import io.nestcheck.core.fix.FixPlanner;
import io.nestcheck.testkit.internal.FindingsMismatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The properties every guest profile must have, as an abstract jqwik container: extend it, return your profile
 * from {@link #profile()}, and run it with your tests.
 *
 * {@snippet :
 * class MyCnaProfileContractTest extends GuestProfileContract {
 *   @Override
 *   protected GuestProfile profile() {
 *     return ProfileRegistry.load(Path.of("src/test/resources/my-cna.yaml"));
 *   }
 * }
 * }
 *
 * <p>The profile is resolved with {@link #registry()} (the built-in profiles plus yours, so it may {@code extends}
 * a built-in one) and evaluated by an {@link Evaluator} over {@link #catalog()} (the built-in rules; override it
 * to add your rule pack). VMs come from {@link #vms()}, which biases them towards your profile's boundaries, and
 * hosts from {@link #hosts()}. Each property names the contract it checks:
 *
 * <ol>
 *   <li><b>validity</b>: the profile resolves and {@link ProfileRegistry#validate} finds no problem in it;
 *   <li><b>one-round fixes</b>: every automatable finding (every fix {@linkplain
 *       io.nestcheck.api.FixAction#automatable() automatable}) is gone after the plan {@link FixPlanner#plan} makes
 *       from the findings is applied with {@link FixApplier}, unless the planner reported its fix as the loser of
 *       a {@linkplain FixConflict conflict};
 *   <li><b>convergence</b>: after the converged plan ({@link FixPlanner#converge}: evaluate, plan, apply, until
 *       nothing automatable is left; needed because one fix can make another rule fire) no automatable finding is
 *       left, conflicts excepted as above;
 *   <li><b>idempotence</b>: applying a plan twice gives the same VM as applying it once;
 *   <li><b>determinism</b>: the same VM and host give the same findings in the same order, and the same plan,
 *       whatever the order of the VM's controllers, disks, NICs and peripherals;
 *   <li><b>monotonicity</b>: a host with more capabilities (more CPU features present, verdicts {@code YES}
 *       instead of {@code UNKNOWN} or {@code NO}, a newer maximum hardware version) never gets a host finding (see
 *       {@link #isHostFinding}) that the less capable host did not get;
 *   <li><b>round trip</b>: the profile, as written and resolved, and every evaluation result survive JSON and
 *       YAML with {@link Json#mapper()} and {@link Json#yamlMapper()} (read back equal);
 *   <li><b>inheritance</b>: a child that {@code extends} the profile and overrides nothing evaluates exactly like
 *       it (the child's id in messages and evidence aside).
 * </ol>
 *
 * <p>Properties run 100 tries each by default; put {@code @PropertyDefaults(tries = ...)} on your subclass to
 * change that. A failure reports a shrunk VM and host and the findings that broke the contract.
 *
 * @since 0.1
 */
@PropertyDefaults(tries = 100)
public abstract class GuestProfileContract {
  private GuestProfile profile;
  private ProfileRegistry registry;
  private GuestProfile resolved;
  private Evaluator evaluator;

  /** Creates the contract. */
  protected GuestProfileContract() {}

  /**
   * The profile under test, as written: it may {@code extends} a profile that {@link #registry()} knows. Called
   * once per property.
   *
   * @return the profile; never {@code null}
   */
  protected abstract GuestProfile profile();

  /**
   * The profiles {@link #profile()} is resolved against: by default the built-in profiles, plus {@link #profile()}
   * itself unless it is one of them. Override it when the profile extends profiles of your own.
   *
   * @return the registry; never {@code null}
   * @throws IllegalStateException if the profile has the id of a built-in profile but other content
   */
  protected ProfileRegistry registry() {
    GuestProfile p = writtenProfile();
    ProfileRegistry builtIn = ProfileRegistry.builtIn();
    Optional<GuestProfile> existing = builtIn.find(p.id());
    if (existing.isEmpty()) {
      return builtIn.with(p, "contract:" + p.id());
    }
    if (existing.get().equals(p)) {
      return builtIn;
    }
    throw new IllegalStateException("profile id '" + p.id() + "' is already used by a built-in profile with other "
        + "content; give your profile its own id, or override registry()");
  }

  /**
   * The rules the profile is evaluated with: by default the built-in rules. Override it to add a rule pack, for
   * example {@code RuleCatalog.of(List.of(new BuiltInRules(), new MyRules()))}.
   *
   * @return the catalog; never {@code null}
   */
  protected RuleCatalog catalog() {
    return RuleCatalog.builtIn();
  }

  /** The VMs the properties run on; by default {@link NestcheckArbitraries#vmConfigurationsFor} the profile. */
  @Provide
  protected Arbitrary<VmConfiguration> vms() {
    return NestcheckArbitraries.vmConfigurationsFor(resolvedProfile());
  }

  /** The hosts the properties run on; by default {@link NestcheckArbitraries#hostCapabilities()}. */
  @Provide
  protected Arbitrary<HostCapabilities> hosts() {
    return NestcheckArbitraries.hostCapabilities();
  }

  /** Pairs of a host and a more capable one; by default {@link NestcheckArbitraries#hostUpgrades()}. */
  @Provide
  protected Arbitrary<Tuple2<HostCapabilities, HostCapabilities>> hostUpgrades() {
    return NestcheckArbitraries.hostUpgrades();
  }

  /**
   * Whether {@code finding} is about the host, for the monotonicity property: by default its rule id starts with
   * {@code NV-HOST-} or its subject is a {@linkplain Subject.Kind#HOST host}.
   *
   * @param finding a finding; never {@code null}
   * @return {@code true} for a host finding
   */
  protected boolean isHostFinding(Finding finding) {
    return finding.ruleId().startsWith("NV-HOST-") || finding.subject().kind() == Subject.Kind.HOST;
  }

  /** The profile with inheritance applied, resolved once per property. */
  protected final GuestProfile resolvedProfile() {
    if (resolved == null) {
      resolved = resolvingRegistry().resolve(writtenProfile().id());
    }
    return resolved;
  }

  private GuestProfile writtenProfile() {
    if (profile == null) {
      profile = profile();
      if (profile == null) {
        throw new IllegalStateException(getClass().getName() + ".profile() returned null");
      }
    }
    return profile;
  }

  private ProfileRegistry resolvingRegistry() {
    if (registry == null) {
      registry = registry();
    }
    return registry;
  }

  private Evaluator evaluator() {
    if (evaluator == null) {
      evaluator = Evaluator.of(catalog());
    }
    return evaluator;
  }

  private List<Finding> check(HostCapabilities host, VmConfiguration vm) {
    return evaluator().check(host, vm, resolvedProfile(), Optional.empty());
  }

  // ------------------------------------------------------------------------------------------------ validity

  /** The profile resolves, and the registry's validation reports no problem for it. */
  @Property(tries = 1)
  @Label("validity: the profile resolves and ProfileRegistry.validate finds no problem in it")
  void profileIsValid() {
    GuestProfile p = writtenProfile();
    assertThat(resolvedProfile().parent()).as("the resolved profile %s still extends a profile", p.id()).isEmpty();
    List<String> mine = new ArrayList<>();
    String source = resolvingRegistry().sourceOf(p.id()).orElse(p.id());
    for (ProfileProblem problem : resolvingRegistry().validate(catalog())) {
      if (problem.source().equals(source)) {
        mine.add(problem.toString());
      }
    }
    assertThat(mine).as("problems ProfileRegistry.validate reports for profile %s", p.id()).isEmpty();
  }

  // ------------------------------------------------------------------------------------------------ fixes

  /**
   * One round: each automatable finding is resolved by the plan made from the findings. A finding that appears
   * only after the round (a fix made another rule fire) is left to {@link #fixesConverge}.
   */
  @Property
  @Label("one-round fixes: every automatable finding is gone after applying the fix plan made from the findings")
  void fixesResolveTheirFindings(@ForAll("vms") VmConfiguration vm, @ForAll("hosts") HostCapabilities host) {
    List<Finding> before = check(host, vm);
    FixPlan plan = FixPlanner.plan(vm, before);
    VmConfiguration fixed = FixApplier.apply(vm, plan);
    List<Finding> after = check(host, fixed);
    Set<String> automatableBefore = new HashSet<>();
    for (Finding f : before) {
      if (f.isAutomatable() && !f.isSuppressed()) {
        automatableBefore.add(key(f));
      }
    }
    Set<String> lost = conflictLosers(plan);
    List<Finding> open = new ArrayList<>();
    for (Finding f : after) {
      if (f.isAutomatable() && !f.isSuppressed() && automatableBefore.contains(key(f)) && !lost.contains(f.ruleId())) {
        open.add(f);
      }
    }
    if (!open.isEmpty()) {
      throw new AssertionError(String.format(Locale.ROOT, "profile %s: automatable findings not resolved by their own "
          + "fixes%n--- VM: %s%n--- findings before:%n%s%n--- plan: %s%n--- findings still open after the plan:%n%s",
          resolvedProfile().id(), describe(vm), list(before), plan.actions(), list(open)));
    }
  }

  /** Until convergence: the converged plan leaves no automatable finding. */
  @Property
  @Label("convergence: after the converged fix plan no automatable finding is left")
  void fixesConverge(@ForAll("vms") VmConfiguration vm, @ForAll("hosts") HostCapabilities host) {
    FixPlan plan = FixPlanner.converge(evaluator(), host, vm, resolvedProfile());
    VmConfiguration fixed = FixApplier.apply(vm, plan);
    Set<String> lost = conflictLosers(plan);
    List<Finding> open = new ArrayList<>();
    for (Finding f : check(host, fixed)) {
      if (f.isAutomatable() && !f.isSuppressed() && !lost.contains(f.ruleId())) {
        open.add(f);
      }
    }
    if (!open.isEmpty()) {
      throw new AssertionError(String.format(Locale.ROOT, "profile %s: automatable findings left after the converged "
          + "fix plan%n--- VM: %s%n--- converged plan: %s%n--- findings left:%n%s", resolvedProfile().id(),
          describe(vm), plan.actions(), list(open)));
    }
  }

  /** Idempotence of the one-round and of the converged plan. */
  @Property
  @Label("idempotence: applying a fix plan twice equals applying it once")
  void fixesAreIdempotent(@ForAll("vms") VmConfiguration vm, @ForAll("hosts") HostCapabilities host) {
    for (FixPlan plan : List.of(FixPlanner.plan(vm, check(host, vm)),
        FixPlanner.converge(evaluator(), host, vm, resolvedProfile()))) {
      VmConfiguration once = FixApplier.apply(vm, plan);
      VmConfiguration twice = FixApplier.apply(once, plan);
      assertThat(describe(twice))
          .as("profile %s: the VM after applying %s twice, compared with once", resolvedProfile().id(), plan.actions())
          .isEqualTo(describe(once));
      assertThat(twice).isEqualTo(once);
    }
  }

  // ------------------------------------------------------------------------------------------------ evaluation

  /** Determinism, whatever the device order. */
  @Property
  @Label("determinism: same input, same findings in the same order, whatever the order of the VM's devices")
  void evaluationIsDeterministic(@ForAll("vms") VmConfiguration vm, @ForAll("hosts") HostCapabilities host,
      @ForAll Random random) {
    List<Finding> first = check(host, vm);
    assertThat(check(host, vm)).as("profile %s: a second evaluation of the same VM", resolvedProfile().id())
        .isEqualTo(first);
    VmConfiguration copy = VmConfiguration.builder().from(vm).build();
    assertThat(check(host, copy)).as("profile %s: an equal copy of the VM", resolvedProfile().id()).isEqualTo(first);
    VmConfiguration shuffled = vm
        .withControllers(shuffle(vm.controllers(), random))
        .withDisks(shuffle(vm.disks(), random))
        .withNics(shuffle(vm.nics(), random))
        .withPeripherals(shuffle(vm.peripherals(), random));
    List<Finding> reordered = check(host, shuffled);
    if (!reordered.equals(first)) {
      throw new FindingsMismatch(String.format(Locale.ROOT, "profile %s: findings differ when only the device order "
          + "differs%n--- original order: %s%n%s%n--- shuffled: %s%n%s", resolvedProfile().id(), describe(vm),
          list(first), describe(shuffled), list(reordered)), first, reordered);
    }
    assertThat(FixPlanner.plan(shuffled, reordered))
        .as("profile %s: the fix plan of the VM with its devices in another order", resolvedProfile().id())
        .isEqualTo(FixPlanner.plan(vm, first));
  }

  /** Monotonicity in the host's capabilities. */
  @Property
  @Label("monotonicity: a more capable host never gets a new host finding")
  void moreCapableHostGetsNoNewHostFinding(@ForAll("vms") VmConfiguration vm,
      @ForAll("hostUpgrades") Tuple2<HostCapabilities, HostCapabilities> hosts) {
    Map<String, Finding> weaker = hostFindings(check(hosts.get1(), vm));
    Map<String, Finding> stronger = hostFindings(check(hosts.get2(), vm));
    List<Finding> added = new ArrayList<>();
    stronger.forEach((k, f) -> {
      if (!weaker.containsKey(k)) {
        added.add(f);
      }
    });
    if (!added.isEmpty()) {
      throw new AssertionError(String.format(Locale.ROOT, "profile %s: the more capable host gets host findings the "
          + "less capable one does not%n--- less capable: %s%n--- more capable: %s%n--- VM: %s%n--- new host "
          + "findings:%n%s%n--- the less capable host's host findings:%n%s", resolvedProfile().id(), hosts.get1(),
          hosts.get2(), describe(vm), list(added), list(new ArrayList<>(weaker.values()))));
    }
  }

  private Map<String, Finding> hostFindings(List<Finding> findings) {
    Map<String, Finding> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (isHostFinding(f)) {
        out.putIfAbsent(key(f), f);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------ formats

  /** JSON and YAML round trips of the profile, as written and resolved. */
  @Property(tries = 1)
  @Label("round trip: the profile, as written and resolved, survives JSON and YAML")
  void profileSurvivesJsonAndYaml() {
    for (ObjectMapper mapper : List.of(Json.mapper(), Json.yamlMapper())) {
      String format = mapper == Json.mapper() ? "JSON" : "YAML";
      assertRoundTrip(mapper, format, writtenProfile(), GuestProfile.class);
      assertRoundTrip(mapper, format, resolvedProfile(), GuestProfile.class);
    }
  }

  /** JSON and YAML round trips of evaluation results. */
  @Property
  @Label("round trip: every evaluation result survives JSON and YAML")
  void resultsSurviveJsonAndYaml(@ForAll("vms") VmConfiguration vm, @ForAll("hosts") HostCapabilities host) {
    EvaluationResult result = evaluator().evaluate(host, vm, resolvedProfile());
    assertRoundTrip(Json.mapper(), "JSON", result, EvaluationResult.class);
    assertRoundTrip(Json.yamlMapper(), "YAML", result, EvaluationResult.class);
  }

  private static <T> void assertRoundTrip(ObjectMapper mapper, String format, T value, Class<T> type) {
    String text;
    T back;
    try {
      text = mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new AssertionError(type.getSimpleName() + " cannot be written as " + format + ": " + e.getMessage(), e);
    }
    try {
      back = mapper.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new AssertionError(type.getSimpleName() + " written as " + format + " cannot be read back: "
          + e.getOriginalMessage() + "\n" + text, e);
    }
    assertThat(back).as("%s read back from %s:%n%s", type.getSimpleName(), format, text).isEqualTo(value);
  }

  // ------------------------------------------------------------------------------------------------ inheritance

  /** A child that overrides nothing evaluates like its parent. */
  @Property
  @Label("inheritance: a child that extends the profile and overrides nothing evaluates exactly like it")
  void childThatOverridesNothingEvaluatesLikeItsParent(@ForAll("vms") VmConfiguration vm,
      @ForAll("hosts") HostCapabilities host) {
    GuestProfile parent = resolvedProfile();
    String childId = writtenProfile().id() + "-child";
    GuestProfile child = GuestProfile.builder().id(childId).displayName(parent.displayName())
        .parent(writtenProfile().id()).build();
    GuestProfile resolvedChild = resolvingRegistry().with(child, "contract:" + childId).resolve(childId);
    List<Finding> expected = check(host, vm);
    List<Finding> actual = new ArrayList<>();
    for (Finding f : evaluator().check(host, vm, resolvedChild, Optional.empty())) {
      actual.add(renamed(f, childId, writtenProfile().id()));
    }
    if (!actual.equals(expected)) {
      throw new FindingsMismatch(String.format(Locale.ROOT, "profile %s and its child %s that overrides nothing "
          + "evaluate differently on %s%n--- parent%n%s%n--- child (its id replaced by the parent's)%n%s", parent.id(),
          childId, describe(vm), list(expected), list(actual)), expected, actual);
    }
  }

  private static Finding renamed(Finding f, String from, String to) {
    Map<String, String> evidence = new LinkedHashMap<>();
    f.evidence().forEach((k, v) -> evidence.put(k.replace(from, to), v.replace(from, to)));
    return f.withMessage(f.message().replace(from, to)).withEvidence(evidence);
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static String key(Finding f) {
    return f.ruleId() + " " + f.subject();
  }

  private static Set<String> conflictLosers(FixPlan plan) {
    Set<String> lost = new TreeSet<>();
    for (FixConflict c : plan.conflicts()) {
      lost.addAll(c.ruleIds().subList(1, c.ruleIds().size()));
    }
    return lost;
  }

  private static <T> List<T> shuffle(List<T> list, Random random) {
    List<T> out = new ArrayList<>(list);
    Collections.shuffle(out, random);
    return out;
  }

  static String list(List<Finding> findings) {
    if (findings.isEmpty()) {
      return "  (none)";
    }
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      sb.append("  ").append(f.ruleId()).append(' ').append(f.severity()).append(' ').append(f.subject())
          .append(": ").append(f.message());
      if (!f.fixes().isEmpty()) {
        List<String> fixes = new ArrayList<>();
        f.fixes().forEach(a -> fixes.add(a.describe()));
        sb.append("\n    fixes: ").append(String.join("; ", fixes));
      }
      sb.append('\n');
    }
    return sb.toString().stripTrailing();
  }

  static String describe(VmConfiguration vm) {
    return io.nestcheck.testkit.internal.ModelReportingFormat.describe(vm).toString();
  }
}
