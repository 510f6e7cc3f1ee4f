package io.nestcheck.testkit.broken;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.lifecycle.LifecycleContext;

/**
 * Skips the deliberately broken contract unless a proof armed it (so an IDE that runs every class of the package
 * stays green), and records the original and the shrunk falsified sample of each property it runs.
 */
public final class ProofRun implements SkipExecutionHook, AroundPropertyHook {
  private static volatile boolean armed;
  static final Map<String, List<Object>> SHRUNK = new ConcurrentHashMap<>();
  static final Map<String, List<Object>> ORIGINAL = new ConcurrentHashMap<>();
  static final Map<String, Integer> SHRINK_STEPS = new ConcurrentHashMap<>();

  static void arm() {
    SHRUNK.clear();
    ORIGINAL.clear();
    SHRINK_STEPS.clear();
    armed = true;
  }

  static void disarm() {
    armed = false;
  }

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public SkipResult shouldBeSkipped(LifecycleContext context) {
    return armed ? SkipResult.doNotSkip()
        : SkipResult.skip("deliberately failing, run only by BrokenProfileIsCaughtTest or ShrinkingIsMinimalTest");
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    PropertyExecutionResult result = property.execute();
    String name = context.targetMethod().getName();
    result.originalSample().ifPresent(s -> ORIGINAL.put(name, s.parameters()));
    // a first falsified sample that cannot shrink further has no shrunk sample: it is its own smallest form
    result.originalSample().ifPresent(s -> SHRUNK.put(name, s.parameters()));
    result.shrunkSample().ifPresent(s -> {
      SHRUNK.put(name, s.parameters());
      SHRINK_STEPS.put(name, s.countShrinkingSteps());
    });
    return result;
  }
}
