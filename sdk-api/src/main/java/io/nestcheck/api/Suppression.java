package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Why a finding is suppressed: a reason, where the suppression was written, and an optional expiry date.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableSuppression.class)
@JsonDeserialize(as = ImmutableSuppression.class)
public abstract class Suppression implements WithSuppression {

  /** Where the suppression comes from. */
  public enum Origin {
    /** An inline {@code # nestcheck:ignore} comment in the file. */
    INLINE,
    /** A suppression file or the project config. */
    FILE,
    /** A baseline. */
    BASELINE
  }

  /** The origin. */
  public abstract Origin origin();

  /** The reason given; never empty. */
  public abstract String reason();

  /** The last day the suppression applies, inclusive. */
  public abstract Optional<LocalDate> expires();

  /** Where the suppression was written (file and line). */
  public abstract Optional<SourceLocation> location();

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Suppression} values. */
  public static final class Builder extends ImmutableSuppression.Builder {}
}
