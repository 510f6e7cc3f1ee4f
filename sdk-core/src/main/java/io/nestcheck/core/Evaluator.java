package io.nestcheck.core;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the rules of a {@link RuleCatalog} against one VM and one resolved profile.
 *
 * <p>A profile is compiled once into a flat plan (the enabled rules with their effective severities) and cached;
 * evaluating a VM walks that plan. Findings come back in a deterministic order: rule id, then subject, then
 * message, whatever the order of devices in the VM.
 *
 * <p>Instances are thread-safe. A rule that throws is a bug in the rule: the exception propagates wrapped in an
 * {@link IllegalStateException} naming the rule and the VM.
 *
 * @since 0.1
 */
public final class Evaluator {
  /**
   * The order in which {@link #check} and {@link #evaluate} return findings: rule id, then subject kind, then
   * subject id, then message. Written out rather than composed, because it runs for every finding.
   */
  public static final Comparator<Finding> FINDING_ORDER = Evaluator::compare;

  /** One reusable rule context per thread; see {@link #check}. */
  private static final ThreadLocal<Context> CONTEXTS = ThreadLocal.withInitial(Context::new);

  private final RuleCatalog catalog;
  /** Compiled plans by profile value (GuestProfile pre-computes its hash, so a lookup does not walk the profile). */
  private final ConcurrentHashMap<GuestProfile, Plan> plans = new ConcurrentHashMap<>();
  /**
   * The plan used last, checked by identity first: a scan passes the same resolved profile instance for every VM.
   * A racy cache is fine: any thread sees either null or a complete, immutable plan.
   */
  private volatile Plan lastPlan;

  private Evaluator(RuleCatalog catalog) {
    this.catalog = catalog;
  }

  /** An evaluator over {@code catalog}. */
  public static Evaluator of(RuleCatalog catalog) {
    return new Evaluator(Objects.requireNonNull(catalog, "catalog"));
  }

  /** The catalog. */
  public RuleCatalog catalog() {
    return catalog;
  }

  /**
   * Evaluates one VM.
   *
   * @param host the outer host ({@link HostCapabilities#unknown()} when unknown); never {@code null}
   * @param vm the VM; never {@code null}
   * @param profile a resolved profile (no {@code extends}); never {@code null}
   * @return the result; never {@code null}
   * @throws IllegalArgumentException if the profile is not resolved
   */
  public EvaluationResult evaluate(HostCapabilities host, VmConfiguration vm, GuestProfile profile) {
    return EvaluationResult.of(vm.name(), vm.source(), profile.id(), check(host, vm, profile, Optional.empty()));
  }

  /**
   * Runs every enabled rule and returns the findings, sorted; {@code layer} is stamped on each finding.
   *
   * <p>A VM without findings costs no allocation here: the compiled plan is found by identity, the rule context
   * is reused per thread, and the result is the shared empty list.
   *
   * @return the findings; an empty shared list when there are none
   */
  public List<Finding> check(HostCapabilities host, VmConfiguration vm, GuestProfile profile, Optional<String> layer) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(layer, "layer");
    Plan plan = plan(profile);
    Context ctx = CONTEXTS.get();
    if (ctx.busy) {
      ctx = new Context(); // a rule that evaluates another VM on this thread gets its own context
    }
    ctx.enter(host, vm, profile, layer);
    try {
      for (int i = 0; i < plan.rules.length; i++) {
        ctx.ruleId = plan.ids[i];
        ctx.severity = plan.severities[i];
        try {
          plan.rules[i].check(ctx);
        } catch (RuntimeException e) {
          throw new IllegalStateException("rule " + plan.ids[i] + " failed on " + vm.name() + " (" + vm.source() + ")",
              e);
        }
      }
      List<Finding> findings = ctx.findings;
      if (findings == null) {
        return List.of();
      }
      findings.sort(FINDING_ORDER);
      return List.copyOf(findings);
    } finally {
      ctx.exit();
    }
  }

  private Plan plan(GuestProfile profile) {
    Objects.requireNonNull(profile, "profile");
    Plan last = lastPlan;
    if (last != null && last.profile == profile) {
      return last;
    }
    Plan plan = plans.get(profile);
    if (plan == null) {
      if (profile.parent().isPresent()) {
        throw new IllegalArgumentException("profile " + profile.id() + " is not resolved (it extends "
            + profile.parent().get() + "); resolve it with ProfileRegistry first");
      }
      plan = plans.computeIfAbsent(profile, p -> new Plan(catalog, p));
    }
    lastPlan = plan;
    return plan;
  }

  private static int compare(Finding a, Finding b) {
    int c = a.ruleId().compareTo(b.ruleId());
    if (c != 0) {
      return c;
    }
    Subject sa = a.subject();
    Subject sb = b.subject();
    c = sa.kind().compareTo(sb.kind());
    if (c != 0) {
      return c;
    }
    c = sa.id().compareTo(sb.id());
    return c != 0 ? c : a.message().compareTo(b.message());
  }

  /** A profile compiled to flat arrays. */
  private static final class Plan {
    final GuestProfile profile;
    final Rule[] rules;
    final String[] ids;
    final Severity[] severities;

    Plan(RuleCatalog catalog, GuestProfile profile) {
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

  /** The rule context, reused for every evaluation on one thread; fields are cleared after each evaluation. */
  private static final class Context implements RuleContext {
    private HostCapabilities host;
    private VmConfiguration vm;
    private GuestProfile profile;
    private Optional<String> layer;
    boolean busy;
    String ruleId = "";
    Severity severity = Severity.INFO;
    List<Finding> findings;
    /** The VM as a subject, made on the first finding and shared by the rest of this evaluation. */
    private Subject vmSubject;

    void enter(HostCapabilities host, VmConfiguration vm, GuestProfile profile, Optional<String> layer) {
      this.host = host;
      this.vm = vm;
      this.profile = profile;
      this.layer = layer;
      this.findings = null;
      this.vmSubject = null;
      this.busy = true;
    }

    /** Drops the references, so a pooled context does not keep the last VM reachable. */
    void exit() {
      host = null;
      vm = null;
      profile = null;
      layer = null;
      findings = null;
      vmSubject = null;
      busy = false;
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
      if (vmSubject == null) {
        vmSubject = Subject.vm(vm.name());
      }
      b.ruleId(ruleId).severity(severity).subject(vmSubject).layer(layer);
      return b;
    }

    @Override
    public void report(Finding finding) {
      Objects.requireNonNull(finding, "finding");
      if (findings == null) {
        findings = new ArrayList<>(4);
      }
      findings.add(layer.isPresent() && finding.layer().isEmpty() ? finding.withLayer(layer) : finding);
    }
  }
}
