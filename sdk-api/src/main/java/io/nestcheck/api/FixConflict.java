package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * Two or more fix actions that change the same thing differently, for example two rules asking for different
 * memory sizes. A planner keeps the first and reports the conflict; nothing is applied silently.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableFixConflict.class)
@JsonDeserialize(as = ImmutableFixConflict.class)
public abstract class FixConflict implements WithFixConflict {

  /** The {@link FixAction#target()} they share. */
  public abstract String target();

  /** The conflicting actions, the one the plan kept first. */
  public abstract List<FixAction> actions();

  /** The rule ids that asked for them, in the same order. */
  public abstract List<String> ruleIds();

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link FixConflict} values. */
  public static final class Builder extends ImmutableFixConflict.Builder {}
}
