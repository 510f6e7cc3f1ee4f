package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.spi.AdapterException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS trust against the launcher's own certificate: a trust store built from its {@code cert.pem}, the PEM itself,
 * the pinned SHA-256, refusal under the JVM's default trust (naming the thumbprint), and two endpoints with
 * different trust modes in one JVM.
 */
class TlsIT {

  private static Path pkcs12(Path pem, Path dir, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("vcsim-" + i++, c);
      }
    }
    Path out = dir.resolve("truststore.p12");
    try (OutputStream o = Files.newOutputStream(out)) {
      ks.store(o, password);
    }
    return out;
  }

  private static String endpoint(Vcsim v) {
    return "127.0.0.1:" + v.url.replaceAll(".*:(\\d+)/sdk$", "$1");
  }

  private static VsphereConfig.Builder base(Vcsim v) {
    return VsphereConfig.builder().url(v.url).user("nestcheck").passwordSupplier(() -> "secret".toCharArray());
  }

  private static void assertWorks(VsphereConfig config) throws Exception {
    try (VsphereAdapter a = VsphereAdapter.connect(config)) {
      assertThat(a.inventory().hosts()).hasSize(4);
    }
  }

  @Test
  void trustStoreBuiltFromTheLaunchersCertificate(@Launch(vms = 3, instance = "tls-a") Vcsim v, @TempDir Path dir)
      throws Exception {
    Path store = pkcs12(v.cert, dir, "changeit".toCharArray());
    VsphereConfig config = base(v).trustStore(store, "changeit".toCharArray()).build();
    assertThat(config.trustMode()).isEqualTo(VsphereConfig.TrustMode.TRUST_STORE);
    assertThat(config.toString()).contains("truststore.p12 (password ****)").doesNotContain("changeit");
    assertWorks(config);
  }

  @Test
  void thePemFileItselfAsTrustStoreAndHostnameVerification(@Launch(vms = 3, instance = "tls-a") Vcsim v)
      throws Exception {
    assertWorks(base(v).trustStore(v.cert).build());
    // the certificate names localhost too: hostname verification passes for that name
    String port = v.url.replaceAll(".*:(\\d+)/sdk$", "$1");
    assertWorks(base(v).url("https://localhost:" + port + "/sdk").trustStore(v.cert).build());
  }

  @Test
  void pinnedThumbprintInAnyNotation(@Launch(vms = 3, instance = "tls-a") Vcsim v) throws Exception {
    assertWorks(base(v).pinThumbprint(v.sha256).build());
    assertWorks(base(v).pinThumbprint(v.sha256.replace(":", "").toLowerCase(Locale.ROOT)).build());
  }

  @Test
  void anUnknownCertificateIsRefusedWithItsThumbprint(@Launch(vms = 3, instance = "tls-a") Vcsim v) {
    String endpoint = "127.0.0.1:" + v.url.replaceAll(".*:(\\d+)/sdk$", "$1");
    assertThatThrownBy(() -> VsphereAdapter.connect(base(v).build()))
        .isInstanceOf(AdapterException.class)
        .hasMessageContaining("vSphere endpoint " + endpoint)
        .hasMessageContaining("is not trusted")
        .hasMessageContaining("SHA-256 thumbprint is " + v.sha256)
        .hasMessageContaining("pin this thumbprint");
    assertThat(EndpointTrust.get().registered()).doesNotContainKey(endpoint);
  }

  @Test
  void aWrongPinIsRefused(@Launch(vms = 3, instance = "tls-a") Vcsim v) {
    String other = "00:" + v.sha256.substring(3);
    assertThatThrownBy(() -> VsphereAdapter.connect(base(v).pinThumbprint(other).build()))
        .isInstanceOf(AdapterException.class)
        .hasMessageContaining("does not match the pinned SHA-256 thumbprint " + other)
        .hasMessageContaining("SHA-256 thumbprint is " + v.sha256);
  }

  @Test
  void twoEndpointsWithDifferentTrustModesInOneJvm(@Launch(vms = 3, instance = "tls-a") Vcsim a,
      @Launch(vms = 3, instance = "tls-b") Vcsim b, @TempDir Path dir) throws Exception {
    assertThat(a.sha256).isNotEqualTo(b.sha256);
    try (VsphereAdapter pinned = VsphereAdapter.connect(base(a).pinThumbprint(a.sha256).build());
        VsphereAdapter stored = VsphereAdapter.connect(base(b).trustStore(pkcs12(b.cert, dir, "pw".toCharArray()), "pw".toCharArray()).build())) {
      for (int i = 0; i < 3; i++) { // interleaved calls: each endpoint keeps its own policy
        assertThat(pinned.inventory().vms()).isNotEmpty();
        assertThat(stored.inventory().vms()).isNotEmpty();
      }
      assertThat(EndpointTrust.get().registered()).containsEntry(pinned.endpoint(), "pinned SHA-256 " + a.sha256)
          .hasEntrySatisfying(stored.endpoint(), p -> assertThat(p).startsWith("CA validation with trust store"));
      // B's pin does not open A, and A's certificate is unknown to B's trust store
      assertThatThrownBy(() -> VsphereAdapter.connect(base(b).pinThumbprint(a.sha256).build()))
          .hasMessageContaining("already connected in this JVM with a different TLS trust setting");
      // the same setting shares the endpoint
      try (VsphereAdapter again = VsphereAdapter.connect(base(a).pinThumbprint(a.sha256).build())) {
        assertThat(again.inventory().vms()).isNotEmpty();
      }
      assertThat(pinned.inventory().vms()).isNotEmpty();
    }
    assertThat(EndpointTrust.get().registered()).doesNotContainKeys(endpoint(a), endpoint(b));
    // after the pinned adapter is gone, no cached TLS session or kept-alive connection lets JVM trust through
    assertThatThrownBy(() -> VsphereAdapter.connect(base(a).build())).hasMessageContaining("is not trusted");
  }

  @Test
  void insecureModeTrustsAnyCertificate(@Launch(vms = 3, instance = "tls-a") Vcsim v) throws Exception {
    VsphereConfig config = base(v).insecureTrustAll().build();
    assertThat(config.isInsecure()).isTrue();
    assertThat(config.toString()).contains("INSECURE");
    VsphereAdapter a = VsphereAdapter.connect(config);
    assertThat(a.inventory().vms()).isNotEmpty();
    v.resetCalls();
    a.close();
    a.close(); // idempotent: one logout
    assertThat(v.calls()).containsEntry("Logout", 1L);
    assertThatThrownBy(a::inventory).isInstanceOf(AdapterException.class).hasMessageContaining("is closed");
    assertThat(EndpointTrust.get().registered()).doesNotContainKey(endpoint(v));
  }

  @Test
  void aWrongPasswordIsReportedWithoutThePassword(
      @Launch(vms = 1, args = {"-user", "admin", "-pass", "Wh0le-s3cret"}, instance = "auth") Vcsim v,
      @TempDir Path dir) throws Exception {
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "not-the-password\n", StandardCharsets.UTF_8);
    VsphereConfig bad = VsphereConfig.builder().url(v.url).user("admin").passwordFromFile(wrong)
        .pinThumbprint(v.sha256).build();
    assertThatThrownBy(() -> VsphereAdapter.connect(bad)).isInstanceOf(AdapterException.class)
        .hasMessageContaining("login to 127.0.0.1:").hasMessageContaining("as admin failed")
        .hasMessageContaining("InvalidLogin").hasMessageNotContaining("not-the-password");
    assertThat(bad.toString()).contains("password=<file " + wrong + ">").doesNotContain("not-the-password");

    Path right = dir.resolve("right");
    Files.writeString(right, "Wh0le-s3cret\n", StandardCharsets.UTF_8); // one trailing line break is ignored
    assertWorksAs(VsphereConfig.builder().url(v.url).user("admin").passwordFromFile(right).pinThumbprint(v.sha256)
        .build());
  }

  private static void assertWorksAs(VsphereConfig config) throws Exception {
    try (VsphereAdapter a = VsphereAdapter.connect(config)) {
      assertThat(a.inventory().hosts()).isNotEmpty();
    }
  }

  @Test
  void anUnreachableEndpointIsNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    int p = port;
    assertThatThrownBy(() -> VsphereAdapter.connect(VsphereConfig.builder().url("https://127.0.0.1:" + p + "/sdk")
        .user("u").passwordSupplier(() -> "x".toCharArray()).insecureTrustAll().build()))
        .isInstanceOf(AdapterException.class)
        .hasMessageContaining("vSphere endpoint 127.0.0.1:" + p)
        .hasMessageContaining("connection refused");
    assertThat(EndpointTrust.get().registered()).doesNotContainKey("127.0.0.1:" + p);
  }

  @Test
  void anInvalidConfigurationListsEveryProblem() {
    assertThatThrownBy(() -> VsphereAdapter.connect(VsphereConfig.builder().pinThumbprint("AB:CD").pageSize(0)
        .build()))
        .isInstanceOf(AdapterException.class)
        .hasMessageContaining("URL is missing")
        .hasMessageContaining("user name is missing")
        .hasMessageContaining("no password source")
        .hasMessageContaining("pinned thumbprint has 2.0 bytes")
        .hasMessageContaining("page size must be between 1 and 10000");
  }
}
