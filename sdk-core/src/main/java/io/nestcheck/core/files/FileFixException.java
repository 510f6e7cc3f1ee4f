package io.nestcheck.core.files;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link FileFixer} refused or failed to fix a file. The file is never left half-written: for every kind it holds
 * exactly the bytes it held before the call.
 *
 * <p>The message is {@code "<file>: <reason>"}.
 *
 * @since 0.1
 */
public final class FileFixException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the fix was refused or failed; stable for machines to branch on. */
  public enum Kind {
    /** The VM looks powered on (a {@code *.lck} directory beside the file) and {@code force} was not given. */
    VM_RUNNING,
    /** The file could not be read (missing, permission denied). */
    UNREADABLE,
    /** The file could not be parsed; the cause is the reader's {@link io.nestcheck.api.spi.ExportParseException}. */
    INVALID_FILE,
    /** The plan is for another VM (its VM name differs from the file's). */
    PLAN_MISMATCH,
    /** The file changed between reading it and replacing it; nothing was written. */
    CHANGED_ON_DISK,
    /** Writing the new content failed; the original is intact (and a complete backup may exist). */
    WRITE_FAILED
  }

  private final transient Path file;
  private final Kind kind;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param file the file; never {@code null}
   * @param kind the kind; never {@code null}
   * @param reason what happened, one sentence without a final period; never {@code null}
   * @param cause the underlying exception, or {@code null}
   */
  public FileFixException(Path file, Kind kind, String reason, @Nullable Throwable cause) {
    super(Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(reason, "reason"), cause);
    this.file = file;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.reason = reason;
  }

  /** The file; never {@code null}. */
  public Path file() {
    return file;
  }

  /** The kind; never {@code null}. */
  public Kind kind() {
    return kind;
  }

  /** What happened, without the file; never {@code null}. */
  public String reason() {
    return reason;
  }
}
