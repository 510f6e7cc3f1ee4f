package io.nestcheck.core.internal.libvirt;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * libvirt's scaled integers ({@code <memory unit='...'>}), as libvirt's {@code virScaleInteger} reads them and
 * formatdomain.html documents: {@code b}/{@code byte}/{@code bytes} = 1; a letter {@code k m g t p e} alone or
 * followed by {@code iB} is a power of 1024 ({@code KiB}, {@code M}, {@code GiB}); followed by {@code B} it is a
 * power of 1000 ({@code KB}, {@code MB}, {@code GB}). Case is ignored; an absent unit means the element's default
 * (KiB for memory).
 */
final class LibvirtUnits {
  private LibvirtUnits() {}

  /** Bytes per unit, or empty for an unknown unit. {@code null} or blank gives {@code defaultBytes}. */
  static Optional<BigInteger> bytesPerUnit(String unit, long defaultBytes) {
    if (unit == null || unit.isBlank()) {
      return Optional.of(BigInteger.valueOf(defaultBytes));
    }
    String u = unit.strip().toLowerCase(Locale.ROOT);
    if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
      return Optional.of(BigInteger.ONE);
    }
    int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
    if (power == 0) {
      return Optional.empty();
    }
    String rest = u.substring(1);
    if (rest.isEmpty() || rest.equals("ib")) {
      return Optional.of(BigInteger.valueOf(1024).pow(power));
    }
    if (rest.equals("b")) {
      return Optional.of(BigInteger.valueOf(1000).pow(power));
    }
    return Optional.empty();
  }
}
