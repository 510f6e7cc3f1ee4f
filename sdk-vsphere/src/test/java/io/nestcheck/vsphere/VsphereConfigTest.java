package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VsphereConfigTest {
  private static final String TP = "D7:95:EB:C8:B5:DA:4E:DD:E1:65:48:43:5C:45:F0:40:CF:E5:AB:0D:D0:AD:B2:CD:45:DF:85:FF:80:B7:79:B6";

  @Test
  void validateListsEveryProblemAtOnce(@TempDir Path dir) {
    VsphereConfig c = VsphereConfig.builder()
        .url("http://vc.example.com")
        .passwordFromFile(dir.resolve("missing"))
        .pinThumbprint("AA:BB:CC")
        .trustStore(dir.resolve("nope.p12"))
        .connectTimeout(Duration.ZERO)
        .pageSize(20_000)
        .readParallelism(0)
        .build();
    List<String> problems = c.validate();
    assertThat(problems).hasSize(9);
    assertThat(String.join("\n", problems))
        .contains("must use https")
        .contains("user name is missing")
        .contains("password file " + dir.resolve("missing") + " does not exist")
        .contains("conflicting TLS trust settings: trust store and pinned")
        .contains("pinned thumbprint has 3.0 bytes")
        .contains("trust store " + dir.resolve("nope.p12") + " does not exist")
        .contains("connect timeout must be positive")
        .contains("page size must be between 1 and 10000, got 20000")
        .contains("read parallelism must be between 1 and 8, got 0");
  }

  @Test
  void readParallelismDefaultsToTwoAndAcceptsOneToEight() {
    VsphereConfig.Builder b = VsphereConfig.builder().url("vc.example.com").user("u")
        .passwordSupplier(() -> "pw".toCharArray()).insecureTrustAll();
    assertThat(b.build().readParallelism()).isEqualTo(VsphereConfig.DEFAULT_READ_PARALLELISM).isEqualTo(2);
    assertThat(b.readParallelism(1).build().validate()).isEmpty();
    assertThat(b.readParallelism(8).build().validate()).isEmpty();
    assertThat(b.readParallelism(8).build().toString()).contains("readParallelism=8");
    assertThat(b.readParallelism(9).build().validate())
        .containsExactly("the read parallelism must be between 1 and 8, got 9");
  }

  @Test
  void aMissingUrlAndPasswordSource() {
    assertThat(VsphereConfig.builder().user("u").build().validate())
        .containsExactly("the vCenter/ESXi URL is missing (for example https://vcenter.example.com/sdk)",
            "no password source: read the password from an environment variable or a file");
  }

  @Test
  void urlNormalization() {
    assertThat(cfg("vc.example.com").url()).contains("https://vc.example.com/sdk");
    assertThat(cfg("vc.example.com:8443").url()).contains("https://vc.example.com:8443/sdk");
    assertThat(cfg("https://vc.example.com/").url()).contains("https://vc.example.com/sdk");
    assertThat(cfg("https://VC.example.com/sdk").endpoint()).isEqualTo("vc.example.com:443");
    assertThat(cfg("https://[::1]:9443/sdk").endpoint()).isEqualTo("::1:9443");
    assertThat(cfg("https://user:pw@vc/sdk").validate()).anyMatch(p -> p.contains("must not contain a user"));
    assertThat(cfg("https://").validate()).anyMatch(p -> p.contains("not valid") || p.contains("no host"));
  }

  private static VsphereConfig cfg(String url) {
    return VsphereConfig.builder().url(url).user("u").passwordSupplier(() -> "p".toCharArray()).build();
  }

  @Test
  void passwordFromEnvironment() {
    Map<String, String> env = Map.of("NC_PW", "s3cret");
    VsphereConfig ok = VsphereConfig.builder().url("vc").user("u").passwordFromEnv("NC_PW").env(env::get).build();
    assertThat(ok.validate()).isEmpty();
    assertThat(new String(ok.password())).isEqualTo("s3cret");
    assertThat(ok.toString()).contains("password=<environment variable NC_PW>").doesNotContain("s3cret");
    assertThat(ok.passwordSource()).isEqualTo("environment variable NC_PW");

    VsphereConfig unset = VsphereConfig.builder().url("vc").user("u").passwordFromEnv("NC_MISSING").env(env::get)
        .build();
    assertThat(unset.validate()).containsExactly("the environment variable NC_MISSING (the password) is not set or empty");
  }

  @Test
  void passwordFromFileDropsOneTrailingLineBreak(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("pw");
    Files.writeString(f, "p@ss word\r\n", StandardCharsets.UTF_8);
    VsphereConfig c = VsphereConfig.builder().url("vc").user("u").passwordFromFile(f).build();
    assertThat(c.validate()).isEmpty();
    assertThat(new String(c.password())).isEqualTo("p@ss word");
    assertThat(c.toString()).doesNotContain("p@ss");
    Files.writeString(f, "", StandardCharsets.UTF_8);
    assertThat(c.validate()).containsExactly("the password file " + f + " is empty");
  }

  @Test
  void trustModes(@TempDir Path dir) throws Exception {
    assertThat(cfg("vc").trustMode()).isEqualTo(VsphereConfig.TrustMode.JVM_DEFAULT);
    VsphereConfig pinned = VsphereConfig.builder().url("vc").user("u").passwordSupplier(() -> "p".toCharArray())
        .pinThumbprint(TP.replace(":", "").toLowerCase()).build();
    assertThat(pinned.validate()).isEmpty();
    assertThat(pinned.trustMode()).isEqualTo(VsphereConfig.TrustMode.PINNED);
    assertThat(pinned.thumbprint()).contains(TP);
    assertThat(pinned.toString()).contains("trust=pinned SHA-256 " + TP);

    Path garbage = dir.resolve("store.p12");
    Files.writeString(garbage, "not a key store");
    VsphereConfig bad = VsphereConfig.builder().url("vc").user("u").passwordSupplier(() -> "p".toCharArray())
        .trustStore(garbage, "pw".toCharArray()).build();
    assertThat(bad.validate()).singleElement().asString().contains("cannot be read (wrong password or format?)");
  }

  @Test
  void thumbprintNotations() {
    assertThat(Thumbprints.normalize("SHA256 Fingerprint=" + TP)).contains(TP);
    assertThat(Thumbprints.normalize("sha256:" + TP.toLowerCase())).contains(TP);
    assertThat(Thumbprints.normalize(TP.replace(':', ' '))).contains(TP);
    assertThat(Thumbprints.normalize("AA:BB")).isEmpty();
    assertThat(Thumbprints.problem("12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78"))
        .contains("SHA-1 thumbprint");
    assertThat(Thumbprints.problem("ZZ:11")).contains("other than hex digits");
  }
}
