package io.nestcheck.vsphere;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;

/** SHA-256 certificate thumbprints in the form {@code openssl x509 -fingerprint -sha256} prints. */
final class Thumbprints {
  private Thumbprints() {}

  /** The SHA-256 of the certificate's DER encoding, as {@code AA:BB:...} (upper case, 32 colon-separated bytes). */
  static String sha256(X509Certificate cert) {
    try {
      return format(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot compute a SHA-256 thumbprint", e);
    }
  }

  static String format(byte[] digest) {
    StringBuilder sb = new StringBuilder(digest.length * 3);
    for (int i = 0; i < digest.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(String.format(Locale.ROOT, "%02X", digest[i] & 0xFF));
    }
    return sb.toString();
  }

  /**
   * Normalizes a user-supplied SHA-256 thumbprint: colons, spaces and a {@code sha256:} / {@code SHA256
   * Fingerprint=} prefix are accepted, case is ignored.
   *
   * @return the canonical form, or empty when {@code raw} is not 64 hex digits
   */
  static Optional<String> normalize(String raw) {
    String hex = hexDigits(raw);
    if (hex == null || hex.length() != 64) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder(95);
    for (int i = 0; i < 64; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return Optional.of(sb.toString());
  }

  /** Why {@code raw} is not a SHA-256 thumbprint, for {@link VsphereConfig#validate()}. */
  static String problem(String raw) {
    String hex = hexDigits(raw);
    if (hex == null) {
      return "the pinned thumbprint contains characters other than hex digits and ':' (expected a SHA-256 "
          + "fingerprint such as AA:BB:...:FF, 32 bytes)";
    }
    if (hex.length() == 40) {
      return "the pinned thumbprint has 20 bytes: that is a SHA-1 thumbprint; pin the SHA-256 one (32 bytes, "
          + "openssl x509 -noout -fingerprint -sha256)";
    }
    return "the pinned thumbprint has " + hex.length() / 2.0 + " bytes; a SHA-256 fingerprint has 32 "
        + "(AA:BB:...:FF)";
  }

  private static String hexDigits(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    for (String prefix : new String[] {"sha256 fingerprint=", "sha256:", "sha-256:"}) {
      if (lower.startsWith(prefix)) {
        s = s.substring(prefix.length());
        break;
      }
    }
    StringBuilder hex = new StringBuilder(64);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ':' || c == ' ' || c == '-') {
        continue;
      }
      if (Character.digit(c, 16) < 0) {
        return null;
      }
      hex.append(Character.toUpperCase(c));
    }
    return hex.toString();
  }
}
