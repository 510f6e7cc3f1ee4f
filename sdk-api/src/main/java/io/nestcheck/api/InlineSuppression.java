package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A suppression written in the VM's own file, for example the {@code .vmx} comment {@code # nestcheck:ignore
 * NV-HYG-001 sound card kept for training videos until=2027-01-31}. Readers collect them; the scanner applies
 * them to the VM's findings.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableInlineSuppression.class)
@JsonDeserialize(as = ImmutableInlineSuppression.class)
public abstract class InlineSuppression implements WithInlineSuppression {

  /** The rule ids it suppresses; never empty. */
  public abstract List<String> ruleIds();

  /** The reason given; never empty. */
  public abstract String reason();

  /** The last day it applies, inclusive. */
  public abstract Optional<LocalDate> expires();

  /** The 1-based line of the comment, or 0 when unknown. */
  @Value.Default
  public int line() {
    return 0;
  }

  @Value.Check
  void check() {
    if (ruleIds().isEmpty()) {
      throw new IllegalStateException("an inline suppression names at least one rule id");
    }
    if (reason().isBlank()) {
      throw new IllegalStateException("an inline suppression needs a reason");
    }
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link InlineSuppression} values. */
  public static final class Builder extends ImmutableInlineSuppression.Builder {}
}
