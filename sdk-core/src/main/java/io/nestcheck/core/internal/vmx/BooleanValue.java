package io.nestcheck.core.internal.vmx;

import io.nestcheck.core.internal.text.Ascii;
import java.util.Optional;

/**
 * A boolean setting read from a {@link VmxDocument}: {@link #TRUE}, {@link #FALSE}, {@link #ABSENT} (no such
 * key) or {@link #INVALID} (present but not a boolean), so that callers decide what an unreadable value means.
 *
 * <p>Accepted spellings, case-insensitive, surrounding whitespace ignored: {@code true}/{@code false},
 * {@code yes}/{@code no}, {@code 1}/{@code 0}. VMware writes {@code "TRUE"}/{@code "FALSE"}; libvirt accepts only
 * true/false, so a caller comparing with libvirt may treat yes/no/1/0 as suspicious on its own.
 */
public enum BooleanValue {
  /** The value reads as true. */
  TRUE,
  /** The value reads as false. */
  FALSE,
  /** The key is not in the file. */
  ABSENT,
  /** The key is present but its value is not one of the accepted spellings. */
  INVALID;

  // shared: the reader asks for several booleans of every file (one per device's .present key)
  private static final Optional<Boolean> OPTIONAL_TRUE = Optional.of(Boolean.TRUE);
  private static final Optional<Boolean> OPTIONAL_FALSE = Optional.of(Boolean.FALSE);

  /** {@code Optional.of(true/false)} for {@link #TRUE}/{@link #FALSE}; empty for {@link #ABSENT} and {@link #INVALID}. */
  public Optional<Boolean> toOptional() {
    switch (this) {
      case TRUE:
        return OPTIONAL_TRUE;
      case FALSE:
        return OPTIONAL_FALSE;
      default:
        return Optional.empty();
    }
  }

  /** Reads a decoded value; never returns {@link #ABSENT}. */
  static BooleanValue parse(String value) {
    String v = value.strip();
    // without building a lower-case copy of every value read (ASCII letters only, as toLowerCase matched them)
    if (Ascii.equalsIgnoreCase(v, "true") || Ascii.equalsIgnoreCase(v, "yes") || v.equals("1")) {
      return TRUE;
    }
    if (Ascii.equalsIgnoreCase(v, "false") || Ascii.equalsIgnoreCase(v, "no") || v.equals("0")) {
      return FALSE;
    }
    return INVALID;
  }
}
