package io.nestcheck.testkit.adapter;

import io.nestcheck.api.ApplyOptions;
import io.nestcheck.api.ApplyResult;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.AdapterException;
import io.nestcheck.api.spi.PlatformAdapter;
import io.nestcheck.testkit.InMemoryPlatformAdapter;
import io.nestcheck.testkit.PlatformAdapterContractTest;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The adapter contract over a DELIBERATELY broken adapter: its dry runs change the VM, it reports manual steps as
 * applied, and its faults name the password. Run only by {@code BrokenAdapterIsCaughtTest} (disabled otherwise;
 * the name matches no surefire pattern).
 */
@ExtendWith(LeakyAdapterContract.Armed.class)
public class LeakyAdapterContract extends PlatformAdapterContractTest {
  static volatile boolean armed;

  @Override
  protected PlatformAdapter adapter() {
    return new Leaky(InMemoryPlatformAdapter.builder().endpoint(Fixtures.ENDPOINT).inventory(Fixtures.INVENTORY).build());
  }

  @Override
  protected Set<String> secrets() {
    return Set.of(Fixtures.PASSWORD);
  }

  /** Enables the class only while a proof runs it. */
  public static final class Armed implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return armed ? ConditionEvaluationResult.enabled("armed by a proof")
          : ConditionEvaluationResult.disabled("a deliberately broken adapter, run only by BrokenAdapterIsCaughtTest");
    }
  }

  private static final class Leaky implements PlatformAdapter {
    private final InMemoryPlatformAdapter delegate;

    Leaky(InMemoryPlatformAdapter delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return "leaky";
    }

    @Override
    public Inventory inventory() throws AdapterException {
      return delegate.inventory();
    }

    @Override
    public ApplyResult apply(VmConfiguration vm, FixPlan plan, ApplyOptions options) throws AdapterException {
      ApplyResult r = delegate.apply(vm, plan, options.withDryRun(false)); // bug 1: a dry run applies
      ApplyResult.Builder b = ApplyResult.builder().from(r).addAllApplied(plan.manualSteps()); // bug 2
      if (options.dryRun() && r.status() != ApplyResult.Status.NOTHING_TO_DO) {
        b.status(ApplyResult.Status.DRY_RUN);
      }
      r.fault().ifPresent(f -> b.fault(f + " (logged in to " + Fixtures.ENDPOINT + ")")); // bug 3
      return b.build();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
