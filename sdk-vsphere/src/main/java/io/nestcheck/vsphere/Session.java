package io.nestcheck.vsphere;

import com.vmware.vim25.InvalidLogin;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.NotAuthenticated;
import com.vmware.vim25.ServiceContent;
import com.vmware.vim25.VimPortType;
import com.vmware.vim25.mo.ServiceInstance;
import io.nestcheck.api.spi.AdapterException;
import java.net.MalformedURLException;
import java.rmi.RemoteException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;

/**
 * One logged-in vSphere session over the raw {@link VimPortType} stub (no yavijava managed-object wrappers, whose
 * getters each cost a round trip).
 *
 * <p>{@link #call} retries an operation once after a fresh login when the server answers {@code NotAuthenticated}
 * (an expired or terminated session). {@link VsphereAdapter} serializes its operations; within one, {@link #call}
 * may run on several threads at once (an inventory read's concurrent parts). The client keeps the session cookie
 * and the SOAPAction in fields: the SOAPAction is changed only by {@link #callAs}, around work that starts and ends
 * its threads inside it; the cookie is cleared and set again by a login, and yavijava takes a cookie from any reply
 * while it has none. So calls hold the read side of a lock while their request is in flight and a re-login holds
 * the write side: no other request is on the wire while the session is renewed, and a session that expires under
 * several calls is renewed once ({@link #relogin}).
 */
final class Session {
  private static final Logger LOG = Logger.getLogger(Session.class.getName());
  static final ManagedObjectReference SERVICE_INSTANCE = mor("ServiceInstance", "ServiceInstance");

  /** A SOAP operation. */
  interface Op<T> {
    T run(VimPortType vim) throws RemoteException;
  }

  /** Work made of several calls. */
  interface Work<T> {
    T run() throws RemoteException, AdapterException;
  }

  private final VsphereConfig config;
  private final String endpoint;
  private final VimClient client;
  private final VimPortType vim;
  private ServiceContent content;
  private String apiVersion;
  private volatile boolean loggedIn;
  private volatile int logins;
  /** Read side: a call's request in flight; write side: a re-login (see the class comment). */
  private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();

  private Session(VsphereConfig config, VimClient client) throws MalformedURLException {
    this.config = config;
    this.endpoint = config.endpoint();
    this.client = client;
    this.vim = new VimPortType(client);
  }

  /** Retrieves the service content and logs in. */
  static Session open(VsphereConfig config, javax.net.ssl.SSLSocketFactory factory) throws AdapterException {
    VimClient client;
    Session s;
    try {
      client = VimClient.create(config.sdkUrl(), factory, millis(config.connectTimeout()),
          millis(config.readTimeout()));
      client.setVimNameSpace(ServiceInstance.VIM25_NAMESPACE);
      s = new Session(config, client);
    } catch (MalformedURLException | RemoteException e) {
      throw new AdapterException("cannot create a SOAP client for " + config.endpoint() + ": " + e.getMessage(), e);
    }
    try {
      s.content = s.vim.retrieveServiceContent(SERVICE_INSTANCE);
    } catch (RemoteException e) {
      throw s.unreachable("cannot read the service content of", e);
    }
    if (s.content == null || s.content.getAbout() == null || s.content.getSessionManager() == null) {
      throw new AdapterException("the endpoint " + config.endpoint() + " did not answer like a vSphere SDK "
          + "(no service content at " + config.sdkUrl() + ")");
    }
    s.apiVersion = s.content.getAbout().getApiVersion();
    // yavijava maps every API version it does not know (6.5+) to urn:vim25/6.0: replies stay parseable.
    client.setSoapActionOnApiVersion(s.apiVersion);
    s.login();
    LOG.fine(() -> "connected to " + s.endpoint + " (" + s.content.getAbout().getFullName() + ", API "
        + s.apiVersion + ", SOAPAction " + client.soapActionNow() + ")");
    return s;
  }

  private static int millis(java.time.Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  static ManagedObjectReference mor(String type, String value) {
    ManagedObjectReference m = new ManagedObjectReference();
    m.setType(type);
    m.setVal(value);
    return m;
  }

  private void login() throws AdapterException {
    char[] password = config.password();
    try {
      // a dead cookie must not be replayed; yavijava captures the new one only when none is set
      client.setCookie(null);
      vim.login(content.getSessionManager(), config.user(), new String(password), null);
      loggedIn = true;
      logins++;
    } catch (InvalidLogin e) {
      throw new AdapterException("login to " + endpoint + " as " + config.user() + " failed: the user name or "
          + "password is wrong (InvalidLogin)", e);
    } catch (RemoteException e) {
      throw unreachable("cannot log in to", e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /**
   * Runs {@code op}; on {@code NotAuthenticated} logs in again and runs it once more.
   *
   * @throws RemoteException the operation's fault (a {@code MethodFault}) or a transport problem
   * @throws AdapterException when the re-login fails
   */
  <T> T call(Op<T> op) throws RemoteException, AdapterException {
    if (!loggedIn) {
      throw new AdapterException("the session to " + endpoint + " is closed");
    }
    int seen = -1;
    inFlight.readLock().lock();
    try {
      seen = logins;
      return op.run(vim);
    } catch (NotAuthenticated e) {
      // renewed below, outside the read side (a read lock cannot be upgraded)
    } finally {
      inFlight.readLock().unlock();
    }
    relogin(seen);
    inFlight.readLock().lock();
    try {
      return op.run(vim);
    } finally {
      inFlight.readLock().unlock();
    }
  }

  /**
   * Logs in again unless another call already did since this one saw {@code seen} logins; waits until no request is
   * in flight, and no request starts until it is done.
   */
  private void relogin(int seen) throws AdapterException {
    inFlight.writeLock().lock();
    try {
      if (logins == seen) {
        LOG.fine(() -> "session to " + endpoint + " expired; logging in again");
        login();
      }
    } finally {
      inFlight.writeLock().unlock();
    }
  }

  /**
   * Runs {@code work} with the SOAPAction of API {@code version}, for requests that carry or ask for fields newer
   * than the client's default version. The replies must not contain newer complex types (yavijava 6.0.05 cannot
   * map them): only leaf paths or a task reference.
   */
  <T> T callAs(String version, Work<T> work) throws RemoteException, AdapterException {
    String before = client.soapActionNow();
    client.soapAction("urn:vim25/" + version);
    try {
      return work.run();
    } finally {
      client.soapAction(before);
    }
  }

  /** The server's API version ({@code about.apiVersion}). */
  String apiVersion() {
    return apiVersion;
  }

  /** Whether the server's API version is at least {@code major.minor}. */
  boolean apiAtLeast(int major, int minor) {
    return compareVersion(apiVersion, major, minor) >= 0;
  }

  static int compareVersion(String version, int major, int minor) {
    if (version == null) {
      return -1;
    }
    String[] p = version.split("\\.");
    try {
      int ma = Integer.parseInt(p[0]);
      int mi = p.length > 1 ? Integer.parseInt(p[1]) : 0;
      return ma != major ? Integer.compare(ma, major) : Integer.compare(mi, minor);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  String fullName() {
    return content.getAbout().getFullName();
  }

  ServiceContent content() {
    return content;
  }

  String endpoint() {
    return endpoint;
  }

  /** How many logins this session made (1 plus the re-logins). */
  int logins() {
    return logins;
  }

  String soapAction() {
    return client.soapActionNow();
  }

  /** Logs out; idempotent, never throws. */
  void logout() {
    if (!loggedIn) {
      return;
    }
    loggedIn = false;
    try {
      vim.logout(content.getSessionManager());
    } catch (RemoteException | RuntimeException e) {
      LOG.fine(() -> "logout from " + endpoint + " failed: " + e);
    }
  }

  /** An {@link AdapterException} for a transport or TLS problem, naming the endpoint (and a presented thumbprint). */
  AdapterException unreachable(String what, Exception e) {
    return unreachable(what, endpoint, e);
  }

  static AdapterException unreachable(String what, String endpoint, Exception e) {
    UntrustedCertificateException u = UntrustedCertificateException.find(e);
    if (u != null) {
      String tp = u.thumbprint() != null ? u.thumbprint() : EndpointTrust.get().presented(endpoint);
      return new AdapterException("the TLS certificate of vSphere endpoint " + endpoint + " is not trusted ("
          + u.getMessage() + "). Its SHA-256 thumbprint is " + tp + ". If that is the server's certificate, pin "
          + "this thumbprint or add the certificate's issuing CA to a trust store.", e);
    }
    String msg = Faults.describe(e);
    if (msg.toLowerCase(Locale.ROOT).contains("connection refused")) {
      msg = "connection refused";
    }
    return new AdapterException(what + " vSphere endpoint " + endpoint + ": " + msg, e);
  }
}
