package io.nestcheck.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.format.DuplicateSetting;
import io.nestcheck.core.rules.memory.MemoryBelowMinimum;
import io.nestcheck.core.rules.network.NicTypeUnsupported;
import io.nestcheck.testkit.RuleTester;
import io.nestcheck.testkit.broken.BrokenMemoryRule;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuleTesterTest {

  @Test
  void positiveAndNegativeCaseOfABuiltInRule() {
    RuleTester.of(new MemoryBelowMinimum())
        .requirements(r -> r.minMemoryMiB(8192))
        .vm(vm -> vm.memoryMiB(4096))
        .expect("NV-MEM-001")
        .withSeverity(Severity.ERROR)
        .withFix(SetMemory.of(8192))
        .onSubject(Subject.vm("vm1"))
        .automatable()
        .resolvedByItsFixes()
        .single();

    RuleTester.of(new MemoryBelowMinimum()).requirements(r -> r.minMemoryMiB(8192)).vm(vm -> vm.memoryMiB(8192))
        .expectNone();
  }

  @Test
  void profileSeverityOverridesApply() {
    RuleTester.of(new MemoryBelowMinimum()).profile("fusioncompute-cna-8").vm(vm -> vm.memoryMiB(4096))
        .expect("NV-MEM-001").withSeverity(Severity.WARNING);
  }

  @Test
  void narrowsToOneDeviceAndLine() {
    Finding f = RuleTester.of(new NicTypeUnsupported())
        .profile("esxi-8")
        .vm(vm -> vm.addNics(Nic.of("ethernet0", NicType.E1000), Nic.of("ethernet1", NicType.VMXNET3)))
        .expect("NV-NET-001")
        .onSubject(Subject.device("ethernet0"))
        .withFix(ReplaceNicType.of("ethernet0", NicType.VMXNET3))
        .single();
    assertThat(f.message()).contains("ethernet0");

    RuleTester.of(new DuplicateSetting())
        .vm(vm -> vm.addSettings(Setting.of("memsize", "4096", 3), Setting.of("memsize", "8192", 9)))
        .expect("NV-FMT-001").atLine(9).withEvidence("line 3", "memsize = \"4096\"").times(1);
  }

  @Test
  void aFailedConditionListsTheActualFindings() {
    assertThatThrownBy(() -> RuleTester.of(new MemoryBelowMinimum()).requirements(r -> r.minMemoryMiB(8192))
            .vm(vm -> vm.memoryMiB(4096)).expect("NV-MEM-001").withSeverity(Severity.INFO))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected a finding of NV-MEM-001 with severity INFO, but none has it")
        .hasMessageContaining("severity=ERROR")
        .hasMessageContaining("set memory to 8192 MiB");
    assertThatThrownBy(() -> RuleTester.of(new MemoryBelowMinimum()).requirements(r -> r.minMemoryMiB(8192))
            .vm(vm -> vm.memoryMiB(4096)).expectNone())
        .hasMessageContaining("expected no finding on vm1, but got:").hasMessageContaining("NV-MEM-001 ERROR");
    assertThatThrownBy(() -> RuleTester.of(new MemoryBelowMinimum()).expect("NV-MEM-001"))
        .hasMessageContaining("there is none at all");
  }

  @Test
  void aFixThatDoesNotFixIsCaught() {
    assertThatThrownBy(() -> RuleTester.of(new BrokenMemoryRule()).vm(vm -> vm.memoryMiB(4095))
            .expect("NV-TST-001").withFix(SetMemory.of(2048)).resolvedByItsFixes())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("do not resolve")
        .hasMessageContaining("The VM has 2048 MiB");
  }

  @RuleInfo(id = "nv-bad-1", summary = "Ends with a period.", severity = Severity.INFO)
  static final class BadMetadata implements Rule {
    @Override
    public void check(RuleContext ctx) {}
  }

  @RuleInfo(id = "NV-TST-002", summary = "Throws", severity = Severity.INFO, links = "https://example.com")
  static final class Throws implements Rule {
    @Override
    public void check(RuleContext ctx) {
      throw new NullPointerException("boom");
    }
  }

  @RuleInfo(id = "NV-TST-003", summary = "Counts its calls", severity = Severity.INFO, links = "https://example.com")
  static final class Impure implements Rule {
    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public void check(RuleContext ctx) {
      ctx.report(ctx.finding().message("call " + calls.incrementAndGet()).build());
    }
  }

  @Test
  void ruleMetadataIsValidatedThroughTheRealCatalog() {
    assertThatThrownBy(() -> RuleTester.of(new BadMetadata()).expectNone())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("cannot be registered")
        .hasMessageContaining("must match NV-[A-Z]+-\\d{3}")
        .hasMessageContaining("must not end with a period")
        .hasMessageContaining("names no source link");
  }

  @Test
  void aThrowingRuleFailsWithItsException() {
    assertThatThrownBy(() -> RuleTester.of(new Throws()).expectNone())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("threw while checking vm1")
        .hasRootCauseInstanceOf(NullPointerException.class);
  }

  @Test
  void anImpureRuleIsCaught() {
    assertThatThrownBy(() -> RuleTester.of(new Impure()).findings())
        .hasMessageContaining("is not deterministic").hasMessageContaining("call 1").hasMessageContaining("call 2");
  }
}
