package io.nestcheck.core.internal.text;

/**
 * Case-insensitive comparisons with a lower-case ASCII literal that fold ASCII letters only: what comparing
 * {@code s.toLowerCase(Locale.ROOT)} with the literal answers, without building the lower-case copy, and without
 * {@link String#equalsIgnoreCase}'s wider folding (which takes U+017F, the long s, for an {@code s}). Internal: not
 * part of the SDK's API.
 */
public final class Ascii {
  private Ascii() {}

  /** Whether {@code s} is {@code lower} (lower-case ASCII letters and other ASCII) with any letters in upper case. */
  public static boolean equalsIgnoreCase(String s, String lower) {
    return s.length() == lower.length() && regionMatches(s, 0, lower);
  }

  /** Whether {@code s} contains {@code lower} (as {@link #equalsIgnoreCase} compares). */
  public static boolean containsIgnoreCase(String s, String lower) {
    for (int i = 0; i + lower.length() <= s.length(); i++) {
      if (regionMatches(s, i, lower)) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionMatches(String s, int at, String lower) {
    for (int j = 0; j < lower.length(); j++) {
      char c = s.charAt(at + j);
      char l = lower.charAt(j);
      if (c != l && !(l >= 'a' && l <= 'z' && c == l - ('a' - 'A'))) {
        return false;
      }
    }
    return true;
  }
}
