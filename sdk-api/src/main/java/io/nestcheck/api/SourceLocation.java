package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where something came from in an input file: the file and, when known, the 1-based line and column, or a JSON
 * pointer / XML path for structured inputs.
 *
 * <p>A line or column of {@code 0} means "unknown". Instances are immutable and never contain {@code null}.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableSourceLocation.class)
@JsonDeserialize(as = ImmutableSourceLocation.class)
public abstract class SourceLocation implements WithSourceLocation {

  /** The file path or inventory reference as given by the user; never empty. */
  public abstract String file();

  /** The 1-based line, or {@code 0} when unknown. */
  @Value.Default
  public int line() {
    return 0;
  }

  /** The 1-based column, or {@code 0} when unknown. */
  @Value.Default
  public int column() {
    return 0;
  }

  /** A JSON pointer (RFC 6901) or XML path inside the file, for structured inputs. */
  public abstract Optional<String> pointer();

  /** Renders {@code file:line[:column]} (or {@code file#pointer}) for humans. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file());
    if (line() > 0) {
      sb.append(':').append(line());
      if (column() > 0) {
        sb.append(':').append(column());
      }
    } else if (pointer().isPresent()) {
      sb.append('#').append(pointer().get());
    }
    return sb.toString();
  }

  @Value.Check
  void check() {
    if (file().isEmpty()) {
      throw new IllegalStateException("SourceLocation.file must not be empty");
    }
    if (line() < 0 || column() < 0) {
      throw new IllegalStateException("SourceLocation line/column must be >= 0, got " + line() + ":" + column());
    }
  }

  /** A location naming only the file. */
  public static SourceLocation ofFile(String file) {
    return builder().file(file).build();
  }

  /** A location naming a file and a 1-based line. */
  public static SourceLocation of(String file, int line) {
    return builder().file(file).line(line).build();
  }

  /** A location naming a file, a 1-based line and a 1-based column. */
  public static SourceLocation of(String file, int line, int column) {
    return builder().file(file).line(line).column(column).build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SourceLocation} values. */
  public static final class Builder extends ImmutableSourceLocation.Builder {}
}
