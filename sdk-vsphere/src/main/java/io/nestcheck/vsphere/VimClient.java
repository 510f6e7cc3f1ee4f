package io.nestcheck.vsphere;

import com.vmware.vim25.ws.WSClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.rmi.RemoteException;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * yavijava's SOAP client with four changes: the TLS socket factory is the adapter's own (over {@link
 * EndpointTrust}) instead of yavijava's process-wide cached one; replies that carry a DTD are refused before
 * dom4j's default {@code SAXReader} sees them (XXE defence in depth: SOAP forbids DTDs); the PropertyCollector's
 * replies are read by {@link VimReplyReader} instead of yavijava; and the SOAPAction can be raised for a single
 * call.
 */
final class VimClient extends WSClient {
  private static final ThreadLocal<SSLSocketFactory> PENDING = new ThreadLocal<>();
  private static final int PROLOG_WINDOW = 2048;
  private static final int FAULT_WINDOW = 8192;

  private VimClient(String url, TrustManager tm) throws MalformedURLException, RemoteException {
    super(url, false, tm);
  }

  /** A client for {@code url} that opens its TLS connections with {@code factory}. */
  static VimClient create(String url, SSLSocketFactory factory, int connectTimeoutMs, int readTimeoutMs)
      throws MalformedURLException, RemoteException {
    PENDING.set(factory);
    try {
      VimClient c = new VimClient(url, EndpointTrust.get());
      c.setConnectTimeout(connectTimeoutMs);
      c.setReadTimeout(readTimeoutMs);
      return c;
    } finally {
      PENDING.remove();
    }
  }

  /** Called by the {@link WSClient} constructor: the adapter's factory, never yavijava's static one. */
  @Override
  protected SSLSocketFactory getCustomTrustManagerSocketFactory(TrustManager trustManager) {
    SSLSocketFactory f = PENDING.get();
    if (f == null) {
      throw new IllegalStateException("VimClient must be created with VimClient.create");
    }
    return f;
  }

  @Override
  protected InputStream getInputStreamFromConnection(HttpURLConnection conn) throws RemoteException {
    InputStream in = super.getInputStreamFromConnection(conn);
    try {
      return refuseDtd(in);
    } catch (IOException e) {
      throw new RemoteException(e.getMessage(), e);
    }
  }

  /**
   * Parses a SOAP fault reply itself (see {@link SoapFaults}: yavijava's own fault mapping fails on Java 9+), reads
   * the PropertyCollector's replies with {@link VimReplyReader} (streaming, several times faster than yavijava's
   * dom4j tree, and tolerant of fields newer than yavijava 6.0.05), and hands every other reply to yavijava.
   */
  @Override
  public Object unMarshall(String returnType, InputStream is) throws Exception {
    BufferedInputStream b = is instanceof BufferedInputStream ? (BufferedInputStream) is
        : new BufferedInputStream(is, FAULT_WINDOW);
    b.mark(FAULT_WINDOW);
    byte[] head = b.readNBytes(FAULT_WINDOW);
    b.reset();
    if (SoapFaults.isFault(new String(head, StandardCharsets.ISO_8859_1))) {
      byte[] all;
      try (InputStream in = b) {
        all = in.readAllBytes();
      }
      throw SoapFaults.parse(all);
    }
    if (VimReplyReader.handles(returnType)) {
      try (InputStream in = b) {
        return VimReplyReader.read(returnType, in);
      }
    }
    return super.unMarshall(returnType, b);
  }

  /** Returns a stream with the same content, or throws when the XML prolog declares a DTD or entities. */
  static InputStream refuseDtd(InputStream in) throws IOException {
    BufferedInputStream b = new BufferedInputStream(in, PROLOG_WINDOW * 2);
    b.mark(PROLOG_WINDOW);
    byte[] head = b.readNBytes(PROLOG_WINDOW);
    b.reset();
    String prolog = new String(head, StandardCharsets.ISO_8859_1);
    int root = firstElement(prolog);
    String before = (root < 0 ? prolog : prolog.substring(0, root)).toUpperCase(Locale.ROOT);
    if (before.contains("<!DOCTYPE") || before.contains("<!ENTITY")) {
      b.close();
      throw new IOException("the vSphere endpoint sent a reply with a DTD; refused (SOAP replies never carry one)");
    }
    return b;
  }

  /** Index of the first element start tag ({@code <} followed by a name character), or -1. */
  private static int firstElement(String s) {
    for (int i = s.indexOf('<'); i >= 0 && i + 1 < s.length(); i = s.indexOf('<', i + 1)) {
      char c = s.charAt(i + 1);
      if (c != '?' && c != '!') {
        return i;
      }
    }
    return -1;
  }

  /** The SOAPAction sent now ({@code urn:vim25/6.0} after login). */
  String soapActionNow() {
    return soapAction;
  }

  void soapAction(String action) {
    this.soapAction = action;
  }
}
