package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * How to apply a fix plan: dry run (the default) or for real, whether the tool may power the VM off, how often to
 * retry a concurrent modification, and how long to wait for each task.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableApplyOptions.class)
@JsonDeserialize(as = ImmutableApplyOptions.class)
public abstract class ApplyOptions implements WithApplyOptions {

  /** When {@code true} (the default) nothing changes: the result lists what would change. */
  @Value.Default
  public boolean dryRun() {
    return true;
  }

  /** Whether the tool may power a running VM off for actions that need it. */
  @Value.Default
  public boolean allowPowerOff() {
    return false;
  }

  /** How many times to re-read and re-plan after a concurrent modification. */
  @Value.Default
  public int maxRetries() {
    return 3;
  }

  /** How long to wait for one task. */
  @Value.Default
  public Duration taskTimeout() {
    return Duration.ofMinutes(5);
  }

  @Value.Check
  void check() {
    if (maxRetries() < 0) {
      throw new IllegalStateException("maxRetries must be >= 0");
    }
    if (taskTimeout().isNegative() || taskTimeout().isZero()) {
      throw new IllegalStateException("taskTimeout must be positive");
    }
  }

  private static final ApplyOptions DRY_RUN = builder().build();

  /** The defaults: a dry run. */
  public static ApplyOptions dryRunDefaults() {
    return DRY_RUN;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ApplyOptions} values. */
  public static final class Builder extends ImmutableApplyOptions.Builder {}
}
