package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.nestcheck.api.spi.ExportParseException;
import org.immutables.value.Value;

/**
 * An input a scan could not read: where, what kind of problem, and why. The rest of the scan goes on.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableScanError.class)
@JsonDeserialize(as = ImmutableScanError.class)
public abstract class ScanError implements WithScanError {

  /** Where the problem is. */
  public abstract SourceLocation location();

  /** The kind of problem. */
  public abstract ExportParseException.Kind kind();

  /** What is wrong. */
  public abstract String reason();

  /** The error for a parse exception. */
  public static ScanError of(ExportParseException e) {
    return builder().location(e.location()).kind(e.kind()).reason(e.reason()).build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ScanError} values. */
  public static final class Builder extends ImmutableScanError.Builder {}
}
