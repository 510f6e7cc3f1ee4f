package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * The merged fix for one VM: the automatable actions in the order to apply them (duplicates removed), the manual
 * steps a person must take, the conflicts found, and whether the VM must be powered off.
 *
 * <p>Built by the core planner from a VM's findings; applied by a file writer or a platform adapter.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableFixPlan.class)
@JsonDeserialize(as = ImmutableFixPlan.class)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"requiresPowerOff"}, allowGetters = true)
public abstract class FixPlan implements WithFixPlan {

  /** The VM the plan is for. */
  public abstract String vmName();

  /** The VM's source (file or inventory reference). */
  public abstract String source();

  /** Automatable actions, in application order. */
  public abstract List<FixAction> actions();

  /** Manual steps, in the order of the findings that asked for them. */
  public abstract List<ManualStep> manualSteps();

  /** Conflicts between actions. */
  public abstract List<FixConflict> conflicts();

  /** Whether any action needs the VM powered off. */
  @Value.Derived
  public boolean requiresPowerOff() {
    for (FixAction a : actions()) {
      if (a.requiresPowerOff()) {
        return true;
      }
    }
    return false;
  }

  /** {@code true} when there is nothing to apply and nothing to do by hand. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public final boolean isEmpty() {
    return actions().isEmpty() && manualSteps().isEmpty();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link FixPlan} values. */
  public static final class Builder extends ImmutableFixPlan.Builder {}
}
