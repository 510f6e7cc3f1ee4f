package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.spi.AdapterException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostname verification per trust mode, against a local TLS server whose certificate names only {@code
 * wrong.example}: the CA modes refuse it for 127.0.0.1 even though the certificate is in the trust store; the
 * pinned mode accepts it (the pin is the identity) and fails later, in HTTP.
 */
class EndpointTrustTest {
  @TempDir
  static Path dir;
  private static SSLServerSocket server;
  private static X509Certificate cert;
  private static Path trustStore;

  @BeforeAll
  static void startServer() throws Exception {
    Path ks = dir.resolve("server.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "srv", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=wrong.example",
        "-ext", "SAN=dns:wrong.example", "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    KeyStore keys = KeyStore.getInstance(ks.toFile(), "changeit".toCharArray());
    cert = (X509Certificate) keys.getCertificate("srv");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
        InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          ((SSLSocket) s).startHandshake();
          InputStream in = s.getInputStream();
          in.read(new byte[4096]);
          OutputStream o = s.getOutputStream();
          o.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          o.flush();
        } catch (Exception ignored) {
          // handshake refused by the client, or closed
        }
      }
    }, "fake-vsphere");
    t.setDaemon(true);
    t.start();

    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("srv", cert);
    trustStore = dir.resolve("trust.p12");
    try (OutputStream o = Files.newOutputStream(trustStore)) {
      ts.store(o, "x".toCharArray());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static VsphereConfig.Builder base() {
    return VsphereConfig.builder().url("https://127.0.0.1:" + server.getLocalPort() + "/sdk").user("u")
        .passwordSupplier(() -> "p".toCharArray());
  }

  @Test
  void caModesVerifyTheHostname() {
    assertThatThrownBy(() -> VsphereAdapter.connect(base().trustStore(trustStore, "x".toCharArray()).build()))
        .isInstanceOf(AdapterException.class)
        .hasMessageContaining("is not trusted")
        .hasMessageContaining("127.0.0.1")
        .hasMessageContaining("SHA-256 thumbprint is " + Thumbprints.sha256(cert));
  }

  @Test
  void thePinIsTheIdentity() {
    // TLS succeeds (no hostname check); the fake server then answers 404, which is no vSphere SDK
    assertThatThrownBy(() -> VsphereAdapter.connect(base().pinThumbprint(Thumbprints.sha256(cert)).build()))
        .isInstanceOf(AdapterException.class)
        .hasMessageContaining("127.0.0.1:" + server.getLocalPort())
        .hasMessageNotContaining("not trusted");
  }

  @Test
  void jvmTrustRefusesASelfSignedCertificate() {
    assertThatThrownBy(() -> VsphereAdapter.connect(base().build()))
        .isInstanceOf(AdapterException.class)
        .hasMessageContaining("is not trusted by CA validation with the JVM trust store")
        .hasMessageContaining(Thumbprints.sha256(cert));
  }

  @Test
  void keys() {
    assertThat(EndpointTrust.key("VC.Example.COM", 443)).isEqualTo("vc.example.com:443");
    assertThat(EndpointTrust.key("[::1]", 8443)).isEqualTo("::1:8443");
  }
}
