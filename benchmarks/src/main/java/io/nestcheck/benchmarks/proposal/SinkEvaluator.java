package io.nestcheck.benchmarks.proposal;

import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.RuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PROTOTYPE (benchmarks only, not API): the evaluation entry point proposed for sdk-core in README.md "Findings",
 * built only on public API so that its effect can be measured before sdk-core changes.
 *
 * <p>Differences from {@code io.nestcheck.core.Evaluator}:
 * <ul>
 *   <li>{@link Checker#check(HostCapabilities, VmConfiguration, GuestProfile, FindingSink)} hands findings to a
 *       sink: no list, no {@code EvaluationResult}, nothing allocated when the VM passes.
 *   <li>A {@link Checker} is a reusable, single-thread evaluation context (the scanner would keep one per worker),
 *       so no {@code Context} object is allocated per call.
 *   <li>The compiled plan is looked up by profile identity first (the scanner and the CLI pass the same resolved
 *       instance every time); the {@code ConcurrentHashMap} is only the fallback, and is read with {@code get}
 *       before {@code computeIfAbsent}, so neither {@code GuestProfile.hashCode()} (a deep hash of the whole
 *       profile, recomputed on every call because the Immutables style does not pre-hash) nor a capturing lambda
 *       is paid per evaluation.
 * </ul>
 * Findings reach the sink in rule-id order (the plan's order), and within a rule in the rule's own order; a caller
 * that needs {@code Evaluator}'s canonical order sorts what it collected, which costs nothing for a passing VM.
 */
public final class SinkEvaluator {

  /** Receives the findings of one evaluation. */
  @FunctionalInterface
  public interface FindingSink {
    void accept(Finding finding);
  }

  private final RuleCatalog catalog;
  private final ConcurrentHashMap<GuestProfile, Plan> plans = new ConcurrentHashMap<>();

  private SinkEvaluator(RuleCatalog catalog) {
    this.catalog = catalog;
  }

  public static SinkEvaluator of(RuleCatalog catalog) {
    return new SinkEvaluator(Objects.requireNonNull(catalog, "catalog"));
  }

  /** A reusable evaluation context for the calling thread. */
  public Checker checker() {
    return new Checker();
  }

  Plan plan(GuestProfile profile) {
    Plan p = plans.get(profile);
    return p != null ? p : plans.computeIfAbsent(profile, k -> new Plan(catalog, k));
  }

  /** A profile compiled to flat arrays. */
  static final class Plan {
    final GuestProfile profile;
    final Rule[] rules;
    final String[] ids;
    final Severity[] severities;

    Plan(RuleCatalog catalog, GuestProfile profile) {
      if (profile.parent().isPresent()) {
        throw new IllegalArgumentException("profile " + profile.id() + " is not resolved");
      }
      this.profile = profile;
      List<RuleDescriptor> enabled = new ArrayList<>();
      for (RuleDescriptor d : catalog.rules()) {
        if (!profile.disabledRules().contains(d.id())) {
          enabled.add(d);
        }
      }
      rules = new Rule[enabled.size()];
      ids = new String[enabled.size()];
      severities = new Severity[enabled.size()];
      for (int i = 0; i < rules.length; i++) {
        RuleDescriptor d = enabled.get(i);
        rules[i] = d.rule();
        ids[i] = d.id();
        severities[i] = profile.severityOverrides().getOrDefault(d.id(), d.severity());
      }
    }
  }

  /** One thread's evaluation context, reused across calls. Not thread-safe. */
  public final class Checker implements RuleContext {
    private Plan last;
    private HostCapabilities host;
    private VmConfiguration vm;
    private GuestProfile profile;
    private String ruleId = "";
    private Severity severity = Severity.INFO;
    private FindingSink sink;
    private int count;

    Checker() {}

    /**
     * Runs every enabled rule of the resolved {@code profile} on {@code vm}.
     *
     * @return the number of findings passed to {@code sink}
     */
    public int check(HostCapabilities host, VmConfiguration vm, GuestProfile profile, FindingSink sink) {
      Plan plan = last;
      if (plan == null || plan.profile != profile) {
        plan = plan(Objects.requireNonNull(profile, "profile"));
        last = plan;
      }
      this.host = Objects.requireNonNull(host, "host");
      this.vm = Objects.requireNonNull(vm, "vm");
      this.profile = profile;
      this.sink = sink;
      this.count = 0;
      Rule[] rules = plan.rules;
      for (int i = 0; i < rules.length; i++) {
        ruleId = plan.ids[i];
        severity = plan.severities[i];
        try {
          rules[i].check(this);
        } catch (RuntimeException e) {
          throw new IllegalStateException("rule " + ruleId + " failed on " + vm.name() + " (" + vm.source() + ")", e);
        }
      }
      this.sink = null;
      return count;
    }

    @Override
    public HostCapabilities host() {
      return host;
    }

    @Override
    public VmConfiguration vm() {
      return vm;
    }

    @Override
    public GuestProfile profile() {
      return profile;
    }

    @Override
    public ProfileRequirements requirements() {
      return profile.requirements();
    }

    @Override
    public Finding.Builder finding() {
      Finding.Builder b = Finding.builder();
      b.ruleId(ruleId).severity(severity).subject(Subject.vm(vm.name()));
      return b;
    }

    @Override
    public void report(Finding finding) {
      count++;
      sink.accept(Objects.requireNonNull(finding, "finding"));
    }
  }
}
