package io.nestcheck.core.internal.vmx;

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

  /** {@code Optional.of(true/false)} for {@link #TRUE}/{@link #FALSE}; empty for {@link #ABSENT} and {@link #INVALID}. */
  public Optional<Boolean> toOptional() {
    switch (this) {
      case TRUE:
        return Optional.of(Boolean.TRUE);
      case FALSE:
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }

  /** Reads a decoded value; never returns {@link #ABSENT}. */
  static BooleanValue parse(String value) {
    String v = value.strip();
    // without building a lower-case copy of every value read; ASCII letters only, as toLowerCase(Locale.ROOT)
    // matched them (equalsIgnoreCase would also take the long s, U+017F, for an 's')
    if (asciiIgnoreCase(v, "true") || asciiIgnoreCase(v, "yes") || v.equals("1")) {
      return TRUE;
    }
    if (asciiIgnoreCase(v, "false") || asciiIgnoreCase(v, "no") || v.equals("0")) {
      return FALSE;
    }
    return INVALID;
  }

  /** Whether {@code s} is {@code lower} (ASCII lower-case letters) with any of its letters in upper case. */
  private static boolean asciiIgnoreCase(String s, String lower) {
    if (s.length() != lower.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != lower.charAt(i) && c != lower.charAt(i) - ('a' - 'A')) {
        return false;
      }
    }
    return true;
  }


}
