package io.nestcheck.testkit.broken;

import io.nestcheck.api.SetMemory;
import io.nestcheck.api.Severity;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.api.spi.RulePack;
import java.util.List;

/**
 * A DELIBERATELY broken rule: it reports a VM with less than 4096 MiB of memory, but its fix sets the memory to
 * 2048 MiB, which does not resolve the finding. {@link BrokenMemoryProfileContract} must catch it.
 */
@RuleInfo(
    id = "NV-TST-001",
    summary = "Memory is below 4096 MiB",
    severity = Severity.ERROR,
    tags = {"test"},
    links = {"https://example.com/nestcheck/testkit/broken-rule"})
public final class BrokenMemoryRule implements Rule {
  /** The memory the rule requires, in MiB. */
  public static final long REQUIRED_MIB = 4096;

  @Override
  public void check(RuleContext ctx) {
    if (ctx.vm().memoryMiB() >= REQUIRED_MIB) {
      return;
    }
    ctx.report(ctx.finding()
        .message("The VM has " + ctx.vm().memoryMiB() + " MiB of memory; at least " + REQUIRED_MIB + " MiB are needed.")
        .putEvidence("memsize", Long.toString(ctx.vm().memoryMiB()))
        .addFixes(SetMemory.of(2048)) // the bug: 2048 < 4096
        .build());
  }

  /** The rule as a rule pack. */
  public static final class Pack implements RulePack {
    @Override
    public String id() {
      return "broken";
    }

    @Override
    public List<Rule> rules() {
      return List.of(new BrokenMemoryRule());
    }
  }
}
