package io.nestcheck.core.internal.vmx;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An integer setting read from a {@link VmxDocument}, immutable: its {@link Status}, the number when it could be
 * read and the text as written, so that callers decide what an unreadable value means.
 *
 * <p>Accepted: an optional {@code -} or {@code +} then decimal digits that fit in an {@code int}, surrounding
 * whitespace ignored; {@code unlimited} (any case) reads as {@code -1}, as in libvirt. Hexadecimal, decimals
 * and unit suffixes are {@link Status#INVALID}.
 */
public final class IntValue {
  /** Whether the key was present and readable. */
  public enum Status {
    /** The value is an integer (or {@code unlimited}). */
    PRESENT,
    /** The key is not in the file. */
    ABSENT,
    /** The key is present but its value is not an integer. */
    INVALID
  }

  private static final IntValue ABSENT = new IntValue(Status.ABSENT, 0, "");

  private final Status status;
  private final int value;
  private final String raw;

  private IntValue(Status status, int value, String raw) {
    this.status = status;
    this.value = value;
    this.raw = raw;
  }

  static IntValue absent() {
    return ABSENT;
  }

  /** Reads a decoded value; never returns an absent value. */
  static IntValue parse(String text) {
    String s = text.strip();
    if (s.toLowerCase(Locale.ROOT).equals("unlimited")) {
      return new IntValue(Status.PRESENT, -1, text);
    }
    int start = (s.startsWith("-") || s.startsWith("+")) ? 1 : 0;
    if (s.length() == start || s.length() - start > 11) {
      return new IntValue(Status.INVALID, 0, text);
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return new IntValue(Status.INVALID, 0, text);
      }
    }
    long parsed = Long.parseLong(s);
    if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
      return new IntValue(Status.INVALID, 0, text);
    }
    return new IntValue(Status.PRESENT, (int) parsed, text);
  }

  /** Whether the value is present and readable, absent, or present but unreadable. */
  public Status status() {
    return status;
  }

  /** The number when {@link #status()} is {@link Status#PRESENT}, otherwise empty. */
  public OptionalInt value() {
    return status == Status.PRESENT ? OptionalInt.of(value) : OptionalInt.empty();
  }

  /** The decoded value as written in the file; empty when absent. */
  public String raw() {
    return raw;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IntValue)) {
      return false;
    }
    IntValue other = (IntValue) o;
    return status == other.status && value == other.value && raw.equals(other.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, value, raw);
  }

  @Override
  public String toString() {
    return status == Status.PRESENT ? status + "(" + value + ")" : status + "(\"" + raw + "\")";
  }
}
