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
  static final Comparator<Finding> ORDER = Comparator.comparing(Finding::ruleId)
      .thenComparing(f -> f.subject().kind())
      .thenComparing(f -> f.subject().id())
      .thenComparing(Finding::message);

  private final RuleCatalog catalog;
  private final ConcurrentHashMap<GuestProfile, Plan> plans = new ConcurrentHashMap<>();

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
    return EvaluationResult.builder()
        .vmName(vm.name())
        .source(vm.source())
        .profileId(profile.id())
        .findings(check(host, vm, profile, Optional.empty()))
        .build();
  }

  /**
   * Runs every enabled rule and returns the findings, sorted; {@code layer} is stamped on each finding.
   *
   * @return the findings; an empty shared list when there are none
   */
  public List<Finding> check(HostCapabilities host, VmConfiguration vm, GuestProfile profile, Optional<String> layer) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(vm, "vm");
    Plan plan = plan(profile);
    Context ctx = new Context(host, vm, profile, layer);
    for (int i = 0; i < plan.rules.length; i++) {
      ctx.ruleId = plan.ids[i];
      ctx.severity = plan.severities[i];
      try {
        plan.rules[i].check(ctx);
      } catch (RuntimeException e) {
        throw new IllegalStateException("rule " + plan.ids[i] + " failed on " + vm.name() + " (" + vm.source() + ")", e);
      }
    }
    if (ctx.findings == null) {
      return List.of();
    }
    ctx.findings.sort(ORDER);
    return List.copyOf(ctx.findings);
  }

  private Plan plan(GuestProfile profile) {
    Objects.requireNonNull(profile, "profile");
    if (profile.parent().isPresent()) {
      throw new IllegalArgumentException("profile " + profile.id() + " is not resolved (it extends "
          + profile.parent().get() + "); resolve it with ProfileRegistry first");
    }
    return plans.computeIfAbsent(profile, p -> new Plan(catalog, p));
  }

  /** A profile compiled to flat arrays. */
  private static final class Plan {
    final Rule[] rules;
    final String[] ids;
    final Severity[] severities;

    Plan(RuleCatalog catalog, GuestProfile profile) {
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

  private static final class Context implements RuleContext {
    private final HostCapabilities host;
    private final VmConfiguration vm;
    private final GuestProfile profile;
    private final Optional<String> layer;
    String ruleId = "";
    Severity severity = Severity.INFO;
    List<Finding> findings;

    Context(HostCapabilities host, VmConfiguration vm, GuestProfile profile, Optional<String> layer) {
      this.host = host;
      this.vm = vm;
      this.profile = profile;
      this.layer = layer;
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
      b.ruleId(ruleId).severity(severity).subject(Subject.vm(vm.name())).layer(layer);
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
