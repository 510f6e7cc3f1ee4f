package io.nestcheck.vsphere;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The one process-wide TLS trust decision for every vSphere endpoint of this JVM.
 *
 * <p>yavijava keeps process-wide SSL state: {@code CustomSSLTrustContextCreator} caches the {@code SSLContext} of
 * the first {@code TrustManager} it sees, and vijava's {@code ignoreCert} replaces the JVM's default socket factory
 * and hostname verifier. Instead of fighting that per connection, this class is a single {@link
 * X509ExtendedTrustManager} in a single {@link SSLContext} that looks up the policy of the peer it is talking to
 * by {@code host:port} (from the handshake session), so endpoints with different trust settings work side by side.
 * {@link VimClient} hands this context's socket factory to yavijava directly, so yavijava's static cache never
 * decides anything.
 *
 * <p>Every socket gets the {@code HTTPS} endpoint identification algorithm. That makes {@code HttpsURLConnection}
 * skip its (possibly replaced, process-wide) {@code HostnameVerifier}; the hostname is then checked by the JDK
 * trust manager in the CA modes and not at all in the pinned mode (the pin is the identity) or the insecure mode.
 *
 * <p>A policy is registered per endpoint while an adapter uses it; a second adapter for the same endpoint must
 * use the same policy. Cached TLS sessions of an endpoint are dropped whenever its registration changes, so a
 * resumed session never skips a check made under another policy. Each adapter uses its own socket factory
 * instance, which keeps {@code HttpURLConnection}'s keep-alive cache (keyed by factory identity) per adapter.
 */
final class EndpointTrust extends X509ExtendedTrustManager {
  private static final EndpointTrust INSTANCE = new EndpointTrust();

  private final Map<String, Registration> policies = new ConcurrentHashMap<>();
  private final Map<String, String> lastPresented = new ConcurrentHashMap<>();
  private final SSLContext context;

  private static final class Registration {
    final TrustPolicy policy;
    int users;

    Registration(TrustPolicy policy) {
      this.policy = policy;
    }
  }

  private EndpointTrust() {
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {this}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create the TLS context", e);
    }
  }

  static EndpointTrust get() {
    return INSTANCE;
  }

  /** {@code host:port}, lower case, IPv6 brackets removed. */
  static String key(String host, int port) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h + ":" + port;
  }

  /**
   * Registers {@code policy} for {@code endpoint} (a {@link #key}).
   *
   * @throws IllegalStateException if another adapter uses the endpoint with a different policy
   */
  void register(String endpoint, TrustPolicy policy) {
    synchronized (policies) {
      Registration r = policies.get(endpoint);
      if (r != null && !r.policy.equals(policy)) {
        throw new IllegalStateException("the vSphere endpoint " + endpoint + " is already connected in this JVM with "
            + "a different TLS trust setting (" + r.policy.identity() + "); use the same trust setting for both "
            + "connections or close the other one first");
      }
      if (r == null) {
        r = new Registration(policy);
        policies.put(endpoint, r);
        invalidateSessions(endpoint);
      }
      r.users++;
    }
  }

  /** Releases one registration of {@code endpoint}. */
  void unregister(String endpoint) {
    synchronized (policies) {
      Registration r = policies.get(endpoint);
      if (r != null && --r.users <= 0) {
        policies.remove(endpoint);
        invalidateSessions(endpoint);
      }
    }
  }

  /** The SHA-256 thumbprint the endpoint presented in its last handshake, if any. */
  String presented(String endpoint) {
    return lastPresented.get(endpoint);
  }

  /** A new socket factory over the shared context (one per adapter; see the class comment). */
  SSLSocketFactory newSocketFactory() {
    return new IdentifyingFactory(context.getSocketFactory());
  }

  private void invalidateSessions(String endpoint) {
    SSLSessionContext sessions = context.getClientSessionContext();
    if (sessions == null) {
      return;
    }
    for (byte[] id : Collections.list(sessions.getIds())) {
      SSLSession s = sessions.getSession(id);
      if (s != null && s.getPeerHost() != null && key(s.getPeerHost(), s.getPeerPort()).equals(endpoint)) {
        s.invalidate();
      }
    }
  }

  // --- X509ExtendedTrustManager -----------------------------------------------------------------------------------

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    SSLSession hs = socket instanceof SSLSocket ? ((SSLSocket) socket).getHandshakeSession() : null;
    if (hs == null) {
      throw new CertificateException("no handshake session: cannot tell which vSphere endpoint this is");
    }
    check(chain, authType, key(hs.getPeerHost(), hs.getPeerPort()), socket, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (engine == null) {
      throw new CertificateException("no SSL engine: cannot tell which vSphere endpoint this is");
    }
    check(chain, authType, key(engine.getPeerHost(), engine.getPeerPort()), null, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("no peer information: cannot tell which vSphere endpoint this is");
  }

  private void check(X509Certificate[] chain, String authType, String endpoint, Socket socket, SSLEngine engine)
      throws CertificateException {
    String thumbprint = chain != null && chain.length > 0 ? Thumbprints.sha256(chain[0]) : null;
    if (thumbprint != null) {
      lastPresented.put(endpoint, thumbprint);
    }
    Registration r = policies.get(endpoint);
    if (r == null) {
      throw new UntrustedCertificateException(endpoint, thumbprint, "no trust setting is registered for it", null);
    }
    try {
      r.policy.check(chain, authType, socket, engine);
    } catch (CertificateException e) {
      throw new UntrustedCertificateException(endpoint, thumbprint, r.policy.identity(), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  /** Sets the HTTPS endpoint identification algorithm on every socket it creates. */
  private static final class IdentifyingFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    IdentifyingFactory(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    private static Socket identify(Socket s) {
      if (s instanceof SSLSocket) {
        SSLSocket ssl = (SSLSocket) s;
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(p);
      }
      return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return identify(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      return identify(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return identify(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return identify(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return identify(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return identify(delegate.createSocket(address, port, localAddress, localPort));
    }
  }

  /** For tests: the endpoints registered now. */
  Map<String, String> registered() {
    Map<String, String> out = new HashMap<>();
    synchronized (policies) {
      policies.forEach((k, v) -> out.put(k, v.policy.identity()));
    }
    return out;
  }
}
