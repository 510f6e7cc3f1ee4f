package io.nestcheck.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.api.spi.RulePack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's own contracts, with synthetic rules: per-thread context reuse never leaks state between
 * evaluations (findings, layer, VM), a throwing rule releases the context, a rule may evaluate another VM
 * re-entrantly, plans follow the profile passed (not the one cached last), and findings come back sorted.
 */
class EvaluatorTest {

  /** Reports one finding per VM whose name starts with "bad", with the VM's name as evidence. */
  @RuleInfo(id = "NV-TEST-001", summary = "bad name", severity = Severity.ERROR,
      links = "https://example.org/evaluator-test")
  static final class BadName implements Rule {
    @Override
    public void check(RuleContext ctx) {
      if (ctx.vm().name().startsWith("bad")) {
        ctx.report(ctx.finding().message("bad " + ctx.vm().name()).putEvidence("vm", ctx.vm().name()).build());
      }
    }
  }

  /** Two findings in reverse subject order, so that sorting is observable. */
  @RuleInfo(id = "NV-TEST-002", summary = "two devices", severity = Severity.WARNING,
      links = "https://example.org/evaluator-test")
  static final class TwoDevices implements Rule {
    @Override
    public void check(RuleContext ctx) {
      if (ctx.vm().name().startsWith("bad")) {
        ctx.report(ctx.finding().subject(Subject.device("nic1")).message("second").build());
        ctx.report(ctx.finding().subject(Subject.device("nic0")).message("first").build());
      }
    }
  }

  /** Throws for a VM named "boom". */
  @RuleInfo(id = "NV-TEST-003", summary = "throws", severity = Severity.INFO,
      links = "https://example.org/evaluator-test")
  static final class Boom implements Rule {
    @Override
    public void check(RuleContext ctx) {
      if (ctx.vm().name().equals("boom")) {
        throw new IllegalArgumentException("kaboom");
      }
    }
  }

  /** For a VM named "outer", evaluates a "bad-inner" VM on the same thread and reports what it saw. */
  @RuleInfo(id = "NV-TEST-004", summary = "re-entrant", severity = Severity.INFO,
      links = "https://example.org/evaluator-test")
  static final class Reentrant implements Rule {
    static Evaluator evaluator;

    @Override
    public void check(RuleContext ctx) {
      if (ctx.vm().name().equals("outer")) {
        List<Finding> inner = evaluator.check(ctx.host(), vm("bad-inner"), ctx.profile(), Optional.of("inner"));
        ctx.report(ctx.finding().message("inner saw " + inner.size() + " findings; outer is " + ctx.vm().name())
            .build());
      }
    }
  }

  private static final Evaluator EVALUATOR = Evaluator.of(RuleCatalog.of(List.of(new RulePack() {
    @Override
    public String id() {
      return "test";
    }

    @Override
    public List<Rule> rules() {
      return List.of(new TwoDevices(), new BadName(), new Boom(), new Reentrant());
    }
  })));

  static {
    Reentrant.evaluator = EVALUATOR;
  }

  private static final GuestProfile PROFILE = GuestProfile.builder().id("p").displayName("p").build();
  private static final HostCapabilities HOST = HostCapabilities.unknown();

  private static VmConfiguration vm(String name) {
    return VmConfiguration.builder().name(name).source(name + ".vmx").memoryMiB(1024).build();
  }

  @Test
  void findingsDoNotLeakIntoTheNextEvaluation() {
    EvaluationResult bad = EVALUATOR.evaluate(HOST, vm("bad1"), PROFILE);
    EvaluationResult good = EVALUATOR.evaluate(HOST, vm("good"), PROFILE);
    EvaluationResult bad2 = EVALUATOR.evaluate(HOST, vm("bad2"), PROFILE);

    assertThat(good.findings()).isEmpty();
    assertThat(good.vmName()).isEqualTo("good");
    assertThat(good.source()).isEqualTo("good.vmx");
    assertThat(good.profileId()).isEqualTo("p");
    assertThat(bad.findings()).extracting(Finding::ruleId)
        .containsExactly("NV-TEST-001", "NV-TEST-002", "NV-TEST-002");
    assertThat(bad2.findings().get(0).evidence()).isEqualTo(Map.of("vm", "bad2"));
    assertThat(bad2.findings().get(0).subject()).isEqualTo(Subject.vm("bad2"));
    assertThat(bad.findings().get(0).subject()).isEqualTo(Subject.vm("bad1"));
  }

  @Test
  void findingsAreSortedByRuleThenSubject() {
    List<Finding> findings = EVALUATOR.check(HOST, vm("bad"), PROFILE, Optional.empty());
    assertThat(findings).extracting(Finding::message).containsExactly("bad bad", "first", "second");
    assertThat(findings).extracting(Finding::severity)
        .containsExactly(Severity.ERROR, Severity.WARNING, Severity.WARNING);
  }

  @Test
  void theLayerIsStampedOnlyOnItsOwnEvaluation() {
    assertThat(EVALUATOR.check(HOST, vm("bad"), PROFILE, Optional.of("outer")))
        .extracting(Finding::layer).containsOnly(Optional.of("outer"));
    assertThat(EVALUATOR.check(HOST, vm("bad"), PROFILE, Optional.empty()))
        .extracting(Finding::layer).containsOnly(Optional.empty());
  }

  @Test
  void aThrowingRuleNamesItselfAndReleasesTheContext() {
    assertThatThrownBy(() -> EVALUATOR.evaluate(HOST, vm("boom"), PROFILE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rule NV-TEST-003 failed on boom (boom.vmx)")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(EVALUATOR.evaluate(HOST, vm("bad"), PROFILE).findings()).hasSize(3);
    assertThat(EVALUATOR.evaluate(HOST, vm("fine"), PROFILE).findings()).isEmpty();
  }

  @Test
  void aRuleMayEvaluateAnotherVmOnTheSameThread() {
    List<Finding> findings = EVALUATOR.check(HOST, vm("outer"), PROFILE, Optional.empty());
    assertThat(findings).extracting(Finding::message).containsExactly("inner saw 3 findings; outer is outer");
    assertThat(findings.get(0).subject()).isEqualTo(Subject.vm("outer"));
    assertThat(findings.get(0).layer()).isEmpty();
  }

  @Test
  void thePlanFollowsTheProfilePassedNotTheOneUsedLast() {
    GuestProfile withoutBadName = PROFILE.withDisabledRules(Set.of("NV-TEST-001"));
    GuestProfile raised = PROFILE.withSeverityOverrides(Map.of("NV-TEST-002", Severity.ERROR));
    GuestProfile equalCopy = GuestProfile.builder().from(PROFILE).build();
    for (int round = 0; round < 2; round++) {
      assertThat(EVALUATOR.check(HOST, vm("bad"), PROFILE, Optional.empty())).hasSize(3);
      assertThat(EVALUATOR.check(HOST, vm("bad"), withoutBadName, Optional.empty()))
          .extracting(Finding::ruleId).containsExactly("NV-TEST-002", "NV-TEST-002");
      assertThat(EVALUATOR.check(HOST, vm("bad"), raised, Optional.empty()))
          .extracting(Finding::severity).containsOnly(Severity.ERROR);
      assertThat(EVALUATOR.check(HOST, vm("bad"), equalCopy, Optional.empty())).hasSize(3);
    }
  }

  @Test
  void anUnresolvedProfileIsRefusedEvenAfterItsParentWasCached() {
    EVALUATOR.check(HOST, vm("good"), PROFILE, Optional.empty());
    GuestProfile child = GuestProfile.builder().id("child").displayName("child").parent("p").build();
    assertThatThrownBy(() -> EVALUATOR.evaluate(HOST, vm("good"), child))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("profile child is not resolved (it extends p)");
  }

  @Test
  void evaluationsOnManyThreadsMatchTheSequentialOnes() throws Exception {
    List<VmConfiguration> vms = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      vms.add(vm((i % 3 == 0 ? "bad" : "good") + i));
    }
    List<EvaluationResult> sequential = new ArrayList<>();
    for (VmConfiguration v : vms) {
      sequential.add(EVALUATOR.evaluate(HOST, v, PROFILE));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<EvaluationResult>> tasks = new ArrayList<>();
      for (VmConfiguration v : vms) {
        tasks.add(() -> EVALUATOR.evaluate(HOST, v, PROFILE));
      }
      List<EvaluationResult> parallel = new ArrayList<>();
      for (Future<EvaluationResult> f : pool.invokeAll(tasks)) {
        parallel.add(f.get());
      }
      assertThat(parallel).isEqualTo(sequential);
    } finally {
      pool.shutdownNow();
    }
  }
}
