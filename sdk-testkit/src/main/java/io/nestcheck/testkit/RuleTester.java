package io.nestcheck.testkit;

import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RulePack;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A fluent helper for testing rules: runs one rule (or one rule pack) through the real {@link Evaluator} against a
 * VM, a host and a profile, and asserts on the findings.
 *
 * {@snippet :
 * RuleTester.of(new MemoryBelowMinimum())
 *     .requirements(r -> r.minMemoryMiB(8192))
 *     .vm(vm -> vm.memoryMiB(4096))
 *     .expect("NV-MEM-001")
 *     .withSeverity(Severity.ERROR)
 *     .withFix(SetMemory.of(8192))
 *     .resolvedByItsFixes();
 *
 * RuleTester.of(new MemoryBelowMinimum())
 *     .requirements(r -> r.minMemoryMiB(8192))
 *     .vm(vm -> vm.memoryMiB(8192))
 *     .expectNone();
 * }
 *
 * <p>Because the rule runs through a {@link RuleCatalog}, its {@link io.nestcheck.api.spi.RuleInfo} is validated
 * (an invalid id, a summary ending in a period or a missing source link fails the test with every problem
 * listed), the profile's severity overrides and disabled rules apply, and the layer is stamped. Each evaluation
 * runs twice and fails if the two runs differ (a rule must be pure). A rule that throws fails the test with the
 * rule, the VM and the exception. Every failure message lists the actual findings.
 *
 * <p>Defaults: the VM {@code vm1} ({@code vm1.vmx}, 4096 MiB, nothing else stated), an {@linkplain
 * HostCapabilities#unknown() unknown host}, and a profile {@code rule-test} without requirements. A tester is
 * mutable and not thread-safe; use one per test.
 *
 * @since 0.1
 */
public final class RuleTester {
  private final RulePack pack;
  private final String name;
  private RuleCatalog catalog;
  private HostCapabilities host = HostCapabilities.unknown();
  private VmConfiguration vm = VmConfiguration.builder().name("vm1").source("vm1.vmx").memoryMiB(4096).build();
  private GuestProfile profile = GuestProfile.builder().id("rule-test").displayName("Rule test").build();
  private Optional<String> layer = Optional.empty();

  private RuleTester(RulePack pack, String name) {
    this.pack = pack;
    this.name = name;
  }

  /**
   * A tester for one rule.
   *
   * @param rule the rule; never {@code null}
   * @return a new tester; never {@code null}
   */
  public static RuleTester of(Rule rule) {
    Objects.requireNonNull(rule, "rule");
    return new RuleTester(new RulePack() {
      @Override
      public String id() {
        return "rule-tester";
      }

      @Override
      public List<Rule> rules() {
        return List.of(rule);
      }
    }, rule.getClass().getName());
  }

  /**
   * A tester for every rule of a pack, for rules that are only meaningful together.
   *
   * @param pack the pack; never {@code null}
   * @return a new tester; never {@code null}
   */
  public static RuleTester of(RulePack pack) {
    Objects.requireNonNull(pack, "pack");
    return new RuleTester(pack, "rule pack " + pack.id());
  }

  /** Checks with {@code host}. */
  public RuleTester host(HostCapabilities host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** Checks with the current host edited by {@code edit} (the default host is unknown). */
  public RuleTester host(UnaryOperator<HostCapabilities.Builder> edit) {
    HostCapabilities.Builder b = HostCapabilities.builder();
    b.from(host);
    return host(edit.apply(b).build());
  }

  /** Checks {@code vm}. */
  public RuleTester vm(VmConfiguration vm) {
    this.vm = Objects.requireNonNull(vm, "vm");
    return this;
  }

  /** Checks the current VM edited by {@code edit}, for example {@code vm(b -> b.memoryMiB(2048))}. */
  public RuleTester vm(UnaryOperator<VmConfiguration.Builder> edit) {
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.from(vm);
    return vm(edit.apply(b).build());
  }

  /**
   * Checks against {@code profile}. A profile that {@code extends} another is resolved against the built-in
   * profiles.
   */
  public RuleTester profile(GuestProfile profile) {
    Objects.requireNonNull(profile, "profile");
    if (profile.parent().isPresent()) {
      ProfileRegistry builtIn = ProfileRegistry.builtIn();
      Optional<GuestProfile> existing = builtIn.find(profile.id());
      if (existing.isPresent() && !existing.get().equals(profile)) {
        throw new IllegalArgumentException("profile id '" + profile.id() + "' is a built-in profile with other content");
      }
      ProfileRegistry registry = existing.isPresent() ? builtIn : builtIn.with(profile, "rule-tester:" + profile.id());
      this.profile = registry.resolve(profile.id());
    } else {
      this.profile = profile;
    }
    return this;
  }

  /** Checks against the resolved built-in profile {@code id}, for example {@code esxi-8}. */
  public RuleTester profile(String builtInId) {
    this.profile = ProfileRegistry.builtIn().resolve(Objects.requireNonNull(builtInId, "builtInId"));
    return this;
  }

  /** Checks against the current profile with its requirements edited by {@code edit}. */
  public RuleTester requirements(UnaryOperator<ProfileRequirements.Builder> edit) {
    ProfileRequirements.Builder b = ProfileRequirements.builder();
    b.from(profile.requirements());
    this.profile = profile.withRequirements(edit.apply(b).build());
    return this;
  }

  /** Stamps {@code layer} on the findings, as a nesting-chain scan does. */
  public RuleTester layer(String layer) {
    this.layer = Optional.of(Objects.requireNonNull(layer, "layer"));
    return this;
  }

  /**
   * Runs the rule and returns its findings in the evaluator's order.
   *
   * @return the findings; never {@code null}
   * @throws AssertionError if the rule's metadata is invalid, the rule throws, or two runs differ
   */
  public List<Finding> findings() {
    return run(vm);
  }

  List<Finding> run(VmConfiguration target) {
    Evaluator evaluator = Evaluator.of(catalog());
    List<Finding> first;
    List<Finding> second;
    try {
      first = evaluator.check(host, target, profile, layer);
      second = evaluator.check(host, target, profile, layer);
    } catch (IllegalStateException e) {
      throw new AssertionError(name + " threw while checking " + target.name() + " (" + target.source() + "): "
          + (e.getCause() != null ? e.getCause() : e), e.getCause() != null ? e.getCause() : e);
    }
    if (!first.equals(second)) {
      throw new AssertionError(name + " is not deterministic: two runs on the same VM, host and profile differ\n"
          + "--- first run\n" + GuestProfileContract.list(first) + "\n--- second run\n"
          + GuestProfileContract.list(second));
    }
    return first;
  }

  private RuleCatalog catalog() {
    if (catalog == null) {
      try {
        catalog = RuleCatalog.of(List.of(pack));
      } catch (IllegalArgumentException e) {
        throw new AssertionError(name + " cannot be registered: " + e.getMessage(), e);
      }
    }
    return catalog;
  }

  /**
   * Asserts that the rule reports at least one finding with {@code ruleId}, and returns an assertion over those
   * findings to narrow down.
   *
   * @param ruleId the expected rule id, for example {@code NV-MEM-001}; never {@code null}
   * @return the assertion; never {@code null}
   * @throws AssertionError listing the actual findings if there is none with that id
   */
  public FindingAssert expect(String ruleId) {
    Objects.requireNonNull(ruleId, "ruleId");
    List<Finding> all = findings();
    List<Finding> mine = new ArrayList<>();
    for (Finding f : all) {
      if (f.ruleId().equals(ruleId)) {
        mine.add(f);
      }
    }
    if (mine.isEmpty()) {
      throw new AssertionError("expected a finding of " + ruleId + " on " + vm.name() + ", but "
          + (all.isEmpty() ? "there is none at all" : "the findings are:\n" + GuestProfileContract.list(all)));
    }
    return new FindingAssert(this, ruleId, vm, all, mine);
  }

  /**
   * Asserts that the rule reports nothing.
   *
   * @throws AssertionError listing the actual findings
   */
  public void expectNone() {
    List<Finding> all = findings();
    if (!all.isEmpty()) {
      throw new AssertionError("expected no finding on " + vm.name() + ", but got:\n" + GuestProfileContract.list(all));
    }
  }

  /**
   * Asserts that the rule reports no finding with {@code ruleId} (findings of other rules of a pack are allowed).
   *
   * @throws AssertionError listing the findings with that id
   */
  public void expectNone(String ruleId) {
    List<Finding> mine = new ArrayList<>();
    for (Finding f : findings()) {
      if (f.ruleId().equals(ruleId)) {
        mine.add(f);
      }
    }
    if (!mine.isEmpty()) {
      throw new AssertionError("expected no finding of " + ruleId + " on " + vm.name() + ", but got:\n"
          + GuestProfileContract.list(mine));
    }
  }
}
