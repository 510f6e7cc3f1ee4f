package io.nestcheck.core.internal.ovf;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses the units of an OVF quantity ({@code rasd:AllocationUnits}, {@code ovf:capacityAllocationUnits}) into a
 * number of bytes per unit.
 *
 * <p>Accepted: DMTF programmatic units (DSP0004 annex C), a base unit {@code byte}/{@code bytes} (or {@code bit})
 * followed by any number of {@code * base^exponent} or {@code * factor} terms, spaces optional and case ignored:
 * {@code byte}, {@code byte * 2^20}, {@code byte*2^30}, {@code bytes * 10^6}, {@code byte * 1024}. Also the word
 * forms that VirtualBox and older VMware exports write, all binary: {@code KB}/{@code KiB}/{@code KiloBytes} =
 * 2^10, {@code MB}/{@code MiB}/{@code MegaBytes} = 2^20, {@code GB}/{@code GiB}/{@code GigaBytes} = 2^30,
 * {@code TB}/{@code TiB}/{@code TeraBytes} = 2^40 (VMware and VirtualBox mean binary units there; DSP0004 writes
 * decimal units as {@code byte * 10^n}). Anything else is not recognised.
 */
final class AllocationUnits {
  private static final BigInteger MAX_FACTOR = BigInteger.ONE.shiftLeft(80);

  private AllocationUnits() {}

  /** Bytes per unit, or empty when {@code units} is not a recognised byte unit. */
  static Optional<BigInteger> bytesPerUnit(String units) {
    if (units == null) {
      return Optional.empty();
    }
    String s = units.strip().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    switch (s) {
      case "b":
      case "byte":
      case "bytes":
        return Optional.of(BigInteger.ONE);
      case "kb":
      case "kib":
      case "kilobyte":
      case "kilobytes":
        return Optional.of(BigInteger.ONE.shiftLeft(10));
      case "mb":
      case "mib":
      case "megabyte":
      case "megabytes":
        return Optional.of(BigInteger.ONE.shiftLeft(20));
      case "gb":
      case "gib":
      case "gigabyte":
      case "gigabytes":
        return Optional.of(BigInteger.ONE.shiftLeft(30));
      case "tb":
      case "tib":
      case "terabyte":
      case "terabytes":
        return Optional.of(BigInteger.ONE.shiftLeft(40));
      default:
        return programmatic(s);
    }
  }

  private static Optional<BigInteger> programmatic(String s) {
    String[] terms = s.split("\\*", -1);
    String base = terms[0].strip();
    // A bit is an eighth of a byte: track the divisor separately so that "bit * 2^3" is one byte.
    BigInteger numerator;
    BigInteger divisor = BigInteger.ONE;
    if (base.equals("byte") || base.equals("bytes")) {
      numerator = BigInteger.ONE;
    } else if (base.equals("bit") || base.equals("bits")) {
      numerator = BigInteger.ONE;
      divisor = BigInteger.valueOf(8);
    } else {
      return Optional.empty();
    }
    for (int i = 1; i < terms.length; i++) {
      Optional<BigInteger> factor = factor(terms[i].strip());
      if (factor.isEmpty()) {
        return Optional.empty();
      }
      numerator = numerator.multiply(factor.get());
      if (numerator.compareTo(MAX_FACTOR) > 0) {
        return Optional.empty();
      }
    }
    if (numerator.mod(divisor).signum() != 0) {
      return Optional.empty();
    }
    return Optional.of(numerator.divide(divisor));
  }

  /** {@code 2^20}, {@code 10^6} or a plain positive integer. */
  private static Optional<BigInteger> factor(String t) {
    int caret = t.indexOf('^');
    try {
      if (caret < 0) {
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(Character::isDigit)) {
          return Optional.empty();
        }
        BigInteger v = new BigInteger(t);
        return v.signum() > 0 ? Optional.of(v) : Optional.empty();
      }
      String b = t.substring(0, caret).strip();
      String e = t.substring(caret + 1).strip();
      if (b.isEmpty() || e.isEmpty() || b.length() > 6 || e.length() > 3
          || !b.chars().allMatch(Character::isDigit) || !e.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      int exp = Integer.parseInt(e);
      BigInteger base = new BigInteger(b);
      if (base.signum() <= 0 || exp > 80) {
        return Optional.empty();
      }
      BigInteger v = base.pow(exp);
      return v.compareTo(MAX_FACTOR) > 0 ? Optional.empty() : Optional.of(v);
    } catch (NumberFormatException | ArithmeticException ex) {
      return Optional.empty();
    }
  }

  /**
   * {@code quantity * bytesPerUnit} in whole MiB, rounded down, or empty when it does not fit a {@code long}.
   */
  static Optional<Long> toMiB(BigInteger quantity, BigInteger bytesPerUnit) {
    BigInteger mib = quantity.multiply(bytesPerUnit).shiftRight(20);
    if (mib.bitLength() > 62) {
      return Optional.empty();
    }
    return Optional.of(mib.longValueExact());
  }
}
