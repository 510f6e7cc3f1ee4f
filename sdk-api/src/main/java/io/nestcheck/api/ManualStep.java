package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A step a person must take (enable VT-x in the host firmware, inject a driver into the installer). Never applied by a tool and never claimed as fixed.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("manual-step")
@JsonSerialize(as = ImmutableManualStep.class)
@JsonDeserialize(as = ImmutableManualStep.class)
public abstract non-sealed class ManualStep implements FixAction, WithManualStep {

  /** A short title, for example {@code Enable VT-x in the host BIOS}. */
  @Value.Parameter
  public abstract String title();

  /** What to do, step by step. */
  @Value.Parameter
  public abstract String instructions();

  @Override
  public final boolean automatable() {
    return false;
  }

  @Override
  public final boolean requiresPowerOff() {
    return false;
  }


  @Override
  public final String target() {
    return "manual:" + title();
  }

  @Override
  public final String describe() {
    return title();
  }

  /** A manual step. */
  public static ManualStep of(String title, String instructions) {
    return ImmutableManualStep.of(title, instructions);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ManualStep} values. */
  public static final class Builder extends ImmutableManualStep.Builder {}
}
