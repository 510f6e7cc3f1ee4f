package io.nestcheck.core.host;

import java.util.Optional;

/**
 * A host description file that cannot be read: it is missing, is not valid JSON/YAML/cpuinfo, or a field has a
 * wrong name or value. The message names the file, the field (as a path such as {@code cpuFeatures[1]}) and, when
 * known, the line and column.
 *
 * @since 0.1
 */
public final class HostFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String field;
  private final int line;
  private final int column;

  HostFileException(String file, String field, int line, int column, String problem, Throwable cause) {
    super(format(file, field, line, column, problem), cause);
    this.file = file;
    this.field = field;
    this.line = line;
    this.column = column;
  }

  private static String format(String file, String field, int line, int column, String problem) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ");
    if (!field.isEmpty()) {
      sb.append(field).append(": ");
    }
    return sb.append(problem).toString();
  }

  /** The file as the caller named it; never {@code null}. */
  public String file() {
    return file;
  }

  /** The field path, for example {@code cpuFeatures[1]} or {@code platform}, when the problem is in one field. */
  public Optional<String> field() {
    return field.isEmpty() ? Optional.empty() : Optional.of(field);
  }

  /** The 1-based line, or {@code 0} when unknown. */
  public int line() {
    return line;
  }

  /** The 1-based column, or {@code 0} when unknown. */
  public int column() {
    return column;
  }
}
