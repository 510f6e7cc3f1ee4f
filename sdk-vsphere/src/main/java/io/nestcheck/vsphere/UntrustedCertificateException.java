package io.nestcheck.vsphere;

import java.security.cert.CertificateException;

/** The certificate an endpoint presented is not trusted; carries the endpoint and the presented thumbprint. */
final class UntrustedCertificateException extends CertificateException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final String thumbprint;

  UntrustedCertificateException(String endpoint, String thumbprint, String policy, Throwable cause) {
    super("the certificate of " + endpoint + " (SHA-256 " + thumbprint + ") is not trusted by " + policy
        + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""), cause);
    this.endpoint = endpoint;
    this.thumbprint = thumbprint;
  }

  String endpoint() {
    return endpoint;
  }

  /** The presented leaf certificate's SHA-256 thumbprint ({@code AA:BB:...}), or {@code null}. */
  String thumbprint() {
    return thumbprint;
  }

  /** The first {@link UntrustedCertificateException} in {@code t}'s cause chain, or {@code null}. */
  static UntrustedCertificateException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UntrustedCertificateException) {
        return (UntrustedCertificateException) c;
      }
      for (Throwable s : c.getSuppressed()) {
        UntrustedCertificateException u = find(s);
        if (u != null) {
          return u;
        }
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
