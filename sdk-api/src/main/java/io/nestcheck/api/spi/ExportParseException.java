package io.nestcheck.api.spi;

import io.nestcheck.api.SourceLocation;
import java.util.Objects;

/**
 * A VM export could not be read. The one typed error every {@link ExportReader} throws for bad input: it names
 * the file, the line and column (or JSON pointer / XML path) where that is known, a {@link Kind} and a reason a
 * person can act on.
 *
 * <p>The message is {@code "<location>: <reason>"}, for example {@code "fleet/a.vmx:12:9: unterminated quoted
 * value"}.
 *
 * @since 0.1
 */
public final class ExportParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kind of problem, stable for machines to branch on. */
  public enum Kind {
    /** The text breaks the format's grammar (unterminated quote, malformed XML, bad escape). */
    SYNTAX,
    /** The bytes cannot be decoded in the declared or detected character set, or are binary. */
    ENCODING,
    /** The input is well-formed but a value is impossible (negative memory, non-numeric vCPU count). */
    INVALID_VALUE,
    /** No reader recognises the content, or the content has no VM in it. */
    UNSUPPORTED_FORMAT,
    /** The input is larger than the documented limit and was not loaded. */
    TOO_LARGE,
    /** The XML declares a DTD or external entity, which are refused. */
    INSECURE_XML,
    /** The file could not be read (vanished, permission denied, a loop of links). */
    IO
  }

  private final transient SourceLocation location;
  private final Kind kind;
  private final String reason;

  /**
   * Creates the error.
   *
   * @param location where the problem is; never {@code null}
   * @param kind the kind of problem; never {@code null}
   * @param reason what is wrong, in one sentence without a final period; never {@code null}
   * @param cause the underlying exception, or {@code null}
   */
  public ExportParseException(SourceLocation location, Kind kind, String reason, Throwable cause) {
    super(Objects.requireNonNull(location, "location") + ": " + Objects.requireNonNull(reason, "reason"), cause);
    this.location = location;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.reason = reason;
  }

  /** Creates the error without a cause. */
  public ExportParseException(SourceLocation location, Kind kind, String reason) {
    this(location, kind, reason, null);
  }

  /** Where the problem is; never {@code null}. */
  public SourceLocation location() {
    return location;
  }

  /** The kind of problem; never {@code null}. */
  public Kind kind() {
    return kind;
  }

  /** What is wrong, without the location; never {@code null}. */
  public String reason() {
    return reason;
  }
}
