package io.nestcheck.testkit;

import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.fix.FixApplier;
import io.nestcheck.core.fix.FixPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Assertions on the findings of one rule id, as {@link RuleTester#expect(String)} returns them. Each {@code with*}
 * / {@code at*} / {@code on*} condition narrows the findings to those that meet it and fails when none is left,
 * naming the conditions met so far and listing the rule's actual findings; conditions chain.
 *
 * {@snippet :
 * Finding f = RuleTester.of(new NicTypeUnsupported())
 *     .profile("esxi-8")
 *     .vm(vm -> vm.addNics(Nic.of("ethernet0", NicType.E1000), Nic.of("ethernet1", NicType.VMXNET3)))
 *     .expect("NV-NET-001")
 *     .onSubject(Subject.device("ethernet0"))
 *     .withFix(ReplaceNicType.of("ethernet0", NicType.VMXNET3))
 *     .single();
 * }
 *
 * <p>Instances are not thread-safe.
 *
 * @since 0.1
 */
public final class FindingAssert {
  private final RuleTester tester;
  private final String ruleId;
  private final VmConfiguration vm;
  private final List<Finding> all;
  private final List<Finding> candidates;
  private final List<String> conditions = new ArrayList<>();

  FindingAssert(RuleTester tester, String ruleId, VmConfiguration vm, List<Finding> all, List<Finding> mine) {
    this.tester = tester;
    this.ruleId = ruleId;
    this.vm = vm;
    this.all = all;
    this.candidates = new ArrayList<>(mine);
  }

  /** Keeps the findings with severity {@code severity} (after profile overrides). */
  public FindingAssert withSeverity(Severity severity) {
    Objects.requireNonNull(severity, "severity");
    return narrow("severity " + severity, f -> f.severity() == severity);
  }

  /** Keeps the findings whose fixes include {@code fix} (compared with {@code equals}). */
  public FindingAssert withFix(FixAction fix) {
    Objects.requireNonNull(fix, "fix");
    return narrow("the fix " + fix.describe() + " (" + fix + ")", f -> f.fixes().contains(fix));
  }

  /** Keeps the findings that offer no fix at all (context findings). */
  public FindingAssert withoutFixes() {
    return narrow("no fix", f -> f.fixes().isEmpty());
  }

  /** Keeps the findings every fix of which is automatable (see {@link Finding#isAutomatable()}). */
  public FindingAssert automatable() {
    return narrow("only automatable fixes", Finding::isAutomatable);
  }

  /** Keeps the findings located at the 1-based source line {@code line}. */
  public FindingAssert atLine(int line) {
    return narrow("line " + line, f -> f.location().map(l -> l.line() == line).orElse(false));
  }

  /** Keeps the findings about {@code subject}. */
  public FindingAssert onSubject(Subject subject) {
    Objects.requireNonNull(subject, "subject");
    return narrow("subject " + subject, f -> f.subject().equals(subject));
  }

  /** Keeps the findings whose message contains {@code text}. */
  public FindingAssert withMessageContaining(String text) {
    Objects.requireNonNull(text, "text");
    return narrow("a message containing \"" + text + "\"", f -> f.message().contains(text));
  }

  /** Keeps the findings whose evidence maps {@code key} to {@code value}. */
  public FindingAssert withEvidence(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return narrow("evidence " + key + " = " + value, f -> value.equals(f.evidence().get(key)));
  }

  /** Asserts that exactly {@code count} findings meet the conditions so far. */
  public FindingAssert times(int count) {
    if (candidates.size() != count) {
      throw failure("expected " + count + " finding" + (count == 1 ? "" : "s") + " of " + ruleId + describeConditions()
          + ", but " + candidates.size() + " meet them");
    }
    return this;
  }

  /**
   * Applies the fixes of the remaining findings to the VM (with {@link FixPlanner} and {@link FixApplier}), runs
   * the rule again, and asserts that none of those findings is reported again (same rule id and subject): the
   * rule's fix fixes.
   */
  public FindingAssert resolvedByItsFixes() {
    FixPlan plan = FixPlanner.plan(vm, candidates);
    if (plan.actions().isEmpty()) {
      throw failure("the findings of " + ruleId + describeConditions() + " offer no automatable fix to check");
    }
    VmConfiguration fixed = FixApplier.apply(vm, plan);
    List<Finding> after = tester.run(fixed);
    List<Finding> again = new ArrayList<>();
    for (Finding f : after) {
      for (Finding c : candidates) {
        if (f.ruleId().equals(c.ruleId()) && f.subject().equals(c.subject())) {
          again.add(f);
          break;
        }
      }
    }
    if (!again.isEmpty()) {
      throw new AssertionError("the fixes " + plan.actions() + " of " + ruleId + " do not resolve its finding"
          + (candidates.size() == 1 ? "" : "s") + "; after applying them the rule reports:\n"
          + GuestProfileContract.list(again) + "\n--- the VM after the fix: " + GuestProfileContract.describe(fixed));
    }
    return this;
  }

  /**
   * The one finding that meets the conditions.
   *
   * @return the finding; never {@code null}
   * @throws AssertionError if several do
   */
  public Finding single() {
    times(1);
    return candidates.get(0);
  }

  /** The findings that meet the conditions, in the evaluator's order; never empty. */
  public List<Finding> findings() {
    return List.copyOf(candidates);
  }

  private FindingAssert narrow(String condition, Predicate<Finding> p) {
    List<Finding> kept = new ArrayList<>();
    for (Finding f : candidates) {
      if (p.test(f)) {
        kept.add(f);
      }
    }
    if (kept.isEmpty()) {
      String before = describeConditions();
      conditions.add(condition);
      throw failure("expected a finding of " + ruleId + before + (before.isEmpty() ? " with " : " and ") + condition
          + ", but none has it");
    }
    conditions.add(condition);
    candidates.retainAll(kept);
    return this;
  }

  private String describeConditions() {
    return conditions.isEmpty() ? "" : " with " + String.join(" and ", conditions);
  }

  private AssertionError failure(String what) {
    List<Finding> mine = new ArrayList<>();
    for (Finding f : all) {
      if (f.ruleId().equals(ruleId)) {
        mine.add(f);
      }
    }
    StringBuilder sb = new StringBuilder(what).append(" on ").append(vm.name()).append(".\nfindings of ")
        .append(ruleId).append(":\n");
    for (Finding f : mine) {
      sb.append(GuestProfileContract.list(List.of(f))).append('\n')
          .append("    severity=").append(f.severity())
          .append(" subject=").append(f.subject())
          .append(" line=").append(f.location().map(l -> String.valueOf(l.line())).orElse("-"))
          .append(" evidence=").append(f.evidence())
          .append(" fixes=").append(f.fixes()).append('\n');
    }
    if (mine.size() < all.size()) {
      sb.append("other findings:\n");
      List<Finding> others = new ArrayList<>(all);
      others.removeAll(mine);
      sb.append(GuestProfileContract.list(others));
    }
    return new AssertionError(sb.toString().stripTrailing());
  }
}
