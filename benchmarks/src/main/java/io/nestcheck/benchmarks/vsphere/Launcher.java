package io.nestcheck.benchmarks.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The nestcheck vcsim launcher ({@code sdk-vsphere/src/test/vcsim}, see its README) as a subprocess of the
 * benchmark: started with {@code -vms N -delay MS}, its one JSON line read, stderr discarded, stopped by closing
 * its stdin. {@link #soapCalls()} reads {@code /nestcheck/calls} and resets it.
 *
 * <p>The binary is {@code binary} when given; otherwise {@code $NESTCHECK_VCSIM}; otherwise it is built with the
 * module's {@code build.sh} (idempotent; needs {@code golang-go golang-github-vmware-govmomi-dev}) into
 * {@code <tmpdir>/nestcheck-bench-vcsim/nestcheck-vcsim}, the repository being found above the working directory.
 */
final class Launcher implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final String url;
  final String sha256;
  private final Process process;
  private final HttpClient http;
  private final String base;

  private Launcher(Process process, JsonNode line) throws Exception {
    this.process = process;
    this.url = line.get("url").asText();
    this.sha256 = line.get("sha256").asText();
    this.base = url.substring(0, url.length() - "/sdk".length());
    this.http = HttpClient.newBuilder().sslContext(trusting(Path.of(line.get("cert").asText())))
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  static Launcher start(String binary, int vms, int delayMs) throws Exception {
    Path bin = binary.isEmpty() ? locate() : Path.of(binary);
    List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-vms", Integer.toString(vms), "-delay",
        Integer.toString(delayMs)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    });
    String line = first.get(120, TimeUnit.SECONDS);
    if (line == null) {
      p.waitFor(5, TimeUnit.SECONDS);
      throw new IllegalStateException("the vcsim launcher exited before it was ready: " + cmd
          + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")"));
    }
    return new Launcher(p, JSON.readTree(line));
  }

  private static Path locate() throws IOException, InterruptedException {
    String env = System.getenv("NESTCHECK_VCSIM");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    Path dir = Path.of("").toAbsolutePath();
    Path script = null;
    for (Path d = dir; d != null; d = d.getParent()) {
      Path s = d.resolve("sdk-vsphere/src/test/vcsim/build.sh");
      if (Files.isRegularFile(s)) {
        script = s;
        break;
      }
    }
    if (script == null) {
      throw new IllegalStateException("no vcsim launcher: pass -p vcsim=PATH, set NESTCHECK_VCSIM, or run from the "
          + "nestcheck checkout (sdk-vsphere/src/test/vcsim/build.sh builds it)");
    }
    Path bin = Path.of(System.getProperty("java.io.tmpdir"), "nestcheck-bench-vcsim", "nestcheck-vcsim");
    Files.createDirectories(bin.getParent());
    Process p = new ProcessBuilder("sh", script.toString(), bin.toString()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("build.sh failed (exit " + (p.isAlive() ? "timeout" : p.exitValue())
          + "; it needs apt-get install -y golang-go golang-github-vmware-govmomi-dev):\n" + log);
    }
    return bin;
  }

  /** The SOAP calls since the last call (or start), then zeroes the counter. */
  long soapCalls() throws IOException, InterruptedException {
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/nestcheck/calls/reset"))
        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      JsonNode n = JSON.readTree(in);
      if (r.statusCode() != 200) {
        throw new IllegalStateException("/nestcheck/calls/reset -> " + r.statusCode() + ": " + n);
      }
      return n.get("total").asLong();
    }
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("c" + i++, c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close(); // the launcher exits when its stdin closes
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }
}
