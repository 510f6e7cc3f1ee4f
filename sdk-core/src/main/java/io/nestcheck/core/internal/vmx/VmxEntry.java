package io.nestcheck.core.internal.vmx;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code key = value} line of a {@link VmxDocument}, immutable.
 *
 * <p>Offsets are indexes into {@link VmxDocument#text()} (the decoded text without a byte-order mark, counted in
 * UTF-16 code units); lines and columns are 1-based, columns counted in UTF-16 code units of the decoded line.
 * {@link #startOffset()}..{@link #endOffset()} span the whole line without its line separator (indentation and
 * a trailing comment included); {@link #valueStartOffset()}..{@link #valueEndOffset()} span the value as written
 * ({@link #rawValue()}), inside the quotes when it is quoted. No accessor returns {@code null}.
 */
public final class VmxEntry {
  private final String key;
  private final String lowerKey;
  private final String value;
  private final String rawValue;
  private final int line;
  private final int column;
  private final int startOffset;
  private final int endOffset;
  private final int valueStartOffset;
  private final int valueEndOffset;
  private final char quote;
  private final String comment;
  // Byte offsets into the original file, used by VmxEditor to copy untouched bytes verbatim.
  private final int lineByteStart;
  private final int valueByteStart;
  private final int valueByteEnd;
  private final int lineByteNext;

  VmxEntry(
      String key,
      String lowerKey,
      String value,
      String rawValue,
      int line,
      int column,
      int startOffset,
      int endOffset,
      int valueStartOffset,
      int valueEndOffset,
      char quote,
      String comment,
      int lineByteStart,
      int valueByteStart,
      int valueByteEnd,
      int lineByteNext) {
    this.key = key;
    this.lowerKey = lowerKey;
    this.value = value;
    this.rawValue = rawValue;
    this.line = line;
    this.column = column;
    this.startOffset = startOffset;
    this.endOffset = endOffset;
    this.valueStartOffset = valueStartOffset;
    this.valueEndOffset = valueEndOffset;
    this.quote = quote;
    this.comment = comment;
    this.lineByteStart = lineByteStart;
    this.valueByteStart = valueByteStart;
    this.valueByteEnd = valueByteEnd;
    this.lineByteNext = lineByteNext;
  }

  /** The key as written in the file, original case kept. */
  public String key() {
    return key;
  }

  /** The key in lower case ({@link java.util.Locale#ROOT}), the form used for every lookup. */
  public String lowerKey() {
    return lowerKey;
  }

  /** The value with {@code |XX} escapes decoded and without quotes. */
  public String value() {
    return value;
  }

  /** The value exactly as written between the quotes (or, when unquoted, as written), escapes not decoded. */
  public String rawValue() {
    return rawValue;
  }

  /** The 1-based line number. */
  public int line() {
    return line;
  }

  /** The 1-based column of the first character of the key. */
  public int column() {
    return column;
  }

  /** Offset of the first character of the line (indentation included) in the decoded text. */
  public int startOffset() {
    return startOffset;
  }

  /** Offset just past the last character of the line, before its line separator, in the decoded text. */
  public int endOffset() {
    return endOffset;
  }

  /** Offset of the first character of {@link #rawValue()} in the decoded text. */
  public int valueStartOffset() {
    return valueStartOffset;
  }

  /** Offset just past the last character of {@link #rawValue()} in the decoded text. */
  public int valueEndOffset() {
    return valueEndOffset;
  }

  /** Whether the value was written in quotes ({@code "..."} or, as libvirt also accepts, {@code '...'}). */
  public boolean quoted() {
    return quote != 0;
  }

  /** The text of a trailing {@code # comment} after the value, without the {@code #}; empty when there is none. */
  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  /** The quote character, or {@code 0} when unquoted. */
  char quoteChar() {
    return quote;
  }

  int lineByteStart() {
    return lineByteStart;
  }

  int valueByteStart() {
    return valueByteStart;
  }

  int valueByteEnd() {
    return valueByteEnd;
  }

  int lineByteNext() {
    return lineByteNext;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof VmxEntry)) {
      return false;
    }
    VmxEntry e = (VmxEntry) o;
    return line == e.line
        && column == e.column
        && startOffset == e.startOffset
        && endOffset == e.endOffset
        && valueStartOffset == e.valueStartOffset
        && valueEndOffset == e.valueEndOffset
        && quote == e.quote
        && key.equals(e.key)
        && rawValue.equals(e.rawValue)
        && value.equals(e.value)
        && Objects.equals(comment, e.comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value, line, startOffset);
  }

  @Override
  public String toString() {
    String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
    return line + ": " + key + " = \"" + shown + "\"";
  }
}
