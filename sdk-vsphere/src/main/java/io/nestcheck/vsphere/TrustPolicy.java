package io.nestcheck.vsphere;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How one endpoint's server certificate is judged. Instances are compared by {@link #identity()}: two adapters
 * may share an endpoint only with the same policy.
 */
abstract class TrustPolicy {

  /** A stable description without secrets, for messages and conflict checks. */
  abstract String identity();

  /**
   * Checks the chain the server presented; hostname verification is part of the CA modes (the socket carries the
   * HTTPS endpoint identification algorithm) and absent from the pinned and insecure modes.
   *
   * @param socket the SSL socket, or {@code null} when an engine is used
   * @param engine the SSL engine, or {@code null} when a socket is used
   */
  abstract void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
      throws CertificateException;

  @Override
  public final boolean equals(Object o) {
    return o instanceof TrustPolicy && ((TrustPolicy) o).identity().equals(identity());
  }

  @Override
  public final int hashCode() {
    return identity().hashCode();
  }

  @Override
  public final String toString() {
    return identity();
  }

  /** CA validation against the JVM's default trust store (cacerts or {@code javax.net.ssl.trustStore}). */
  static TrustPolicy jvmDefault() throws GeneralSecurityException {
    return new CaPolicy("the JVM trust store", manager(null));
  }

  /** CA validation against {@code store}. */
  static TrustPolicy trustStore(String description, KeyStore store) throws GeneralSecurityException {
    return new CaPolicy("trust store " + description, manager(store));
  }

  /** Accepts exactly the certificate with this SHA-256 thumbprint (canonical form). */
  static TrustPolicy pinned(String thumbprint) {
    return new PinnedPolicy(thumbprint);
  }

  /** Accepts any certificate. */
  static TrustPolicy insecure() {
    return InsecurePolicy.INSTANCE;
  }

  private static X509ExtendedTrustManager manager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager) {
        return (X509ExtendedTrustManager) tm;
      }
    }
    throw new GeneralSecurityException("the JVM offers no X509ExtendedTrustManager");
  }

  private static final class CaPolicy extends TrustPolicy {
    private final String description;
    private final X509ExtendedTrustManager delegate;

    CaPolicy(String description, X509ExtendedTrustManager delegate) {
      this.description = description;
      this.delegate = delegate;
    }

    @Override
    String identity() {
      return "CA validation with " + description;
    }

    @Override
    void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
        throws CertificateException {
      if (engine != null) {
        delegate.checkServerTrusted(chain, authType, engine);
      } else {
        delegate.checkServerTrusted(chain, authType, socket);
      }
    }
  }

  private static final class PinnedPolicy extends TrustPolicy {
    private final String thumbprint;

    PinnedPolicy(String thumbprint) {
      this.thumbprint = Objects.requireNonNull(thumbprint);
    }

    @Override
    String identity() {
      return "pinned SHA-256 " + thumbprint;
    }

    @Override
    void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
        throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server presented no certificate");
      }
      String presented = Thumbprints.sha256(chain[0]);
      if (!MessageDigest.isEqual(presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
          thumbprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new CertificateException("the certificate does not match the pinned SHA-256 thumbprint " + thumbprint);
      }
    }
  }

  private static final class InsecurePolicy extends TrustPolicy {
    static final InsecurePolicy INSTANCE = new InsecurePolicy();

    @Override
    String identity() {
      return "insecure (any certificate)";
    }

    @Override
    void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine) {
      // trust-all: explicitly requested
    }
  }
}
