package io.nestcheck.core.scan;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.NestcheckStyle;
import java.util.function.UnaryOperator;
import org.immutables.value.Value;

/**
 * How a scan evaluates: which profile ({@code auto} picks one per VM by guest OS id), how many worker threads, and
 * an optional post-processor applied to each target's result on the worker (suppressions, baselines).
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
public abstract class ScanOptions {
  /** The profile id that selects a profile per VM. */
  public static final String AUTO = "auto";

  /** The profile id, or {@link #AUTO}. */
  public abstract String profile();

  /**
   * Chooses the profile (an id or {@link #AUTO}) per target name, for per-path profiles; {@link #profile()} for
   * every target by default.
   */
  @Value.Default
  @Value.Auxiliary
  public java.util.function.Function<String, String> profileByTarget() {
    String p = profile();
    return t -> p;
  }

  /** The host for file targets; unknown by default. */
  @Value.Default
  public HostCapabilities host() {
    return HostCapabilities.unknown();
  }

  /** Worker threads; the number of cores by default. */
  @Value.Default
  public int threads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Applied to each result before it reaches the sink; identity by default. */
  @Value.Default
  @Value.Auxiliary
  public UnaryOperator<FileResult> postProcessor() {
    return UnaryOperator.identity();
  }

  @Value.Check
  void check() {
    if (threads() < 1) {
      throw new IllegalStateException("threads must be >= 1");
    }
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ScanOptions}. */
  public static final class Builder extends ImmutableScanOptions.Builder {}
}
