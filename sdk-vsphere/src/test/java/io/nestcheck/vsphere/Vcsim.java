package io.nestcheck.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The nestcheck vcsim launcher ({@code src/test/vcsim}) as a subprocess: builds it with {@code build.sh} when
 * needed, starts it, reads its one JSON line, drains its stderr into a log file, talks to its {@code /nestcheck/*}
 * control endpoints, and stops it by closing its stdin.
 *
 * <p>When Go or the govmomi sources are missing the build fails and so does the test, with build.sh's message
 * naming the Debian packages; it is never skipped.
 */
final class Vcsim implements AutoCloseable {
  static final String PACKAGES = "golang-go golang-github-vmware-govmomi-dev";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Object BUILD_LOCK = new Object();

  final String url;
  final Path cert;
  final String sha256;
  final int vms;
  final List<String> args;
  private final Process process;
  private final Path log;
  private final Deque<String> tail;
  private final HttpClient http;
  private final String base;
  private volatile boolean closed;

  private Vcsim(Process process, JsonNode line, List<String> args, int vms, Path log, Deque<String> tail)
      throws Exception {
    this.process = process;
    this.tail = tail;
    this.url = line.get("url").asText();
    this.cert = Path.of(line.get("cert").asText());
    this.sha256 = line.get("sha256").asText();
    this.args = args;
    this.vms = vms;
    this.log = log;
    this.base = url.substring(0, url.length() - "/sdk".length());
    this.http = HttpClient.newBuilder().sslContext(sslContext(cert)).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The module directory (Maven runs tests there; an IDE may not). */
  static Path moduleDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null) {
      return Path.of(basedir);
    }
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("src/test/vcsim")) ? here : here.resolve("sdk-vsphere");
  }

  /** Builds the launcher with build.sh (idempotent) and returns the binary. */
  static Path binary() {
    Path bin = Path.of(System.getProperty("nestcheck.vcsim.binary",
        moduleDir().resolve("target/vcsim/nestcheck-vcsim").toString()));
    Path script = moduleDir().resolve("src/test/vcsim/build.sh");
    synchronized (BUILD_LOCK) {
      try {
        Process p = new ProcessBuilder("sh", script.toString(), bin.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError("build.sh did not finish within 10 minutes:\n" + out);
        }
        if (p.exitValue() == 3) {
          throw new AssertionError("The vcsim launcher cannot be built: Go or the govmomi sources are missing. "
              + "Install the Debian packages: apt-get install -y " + PACKAGES + "\n" + out);
        }
        if (p.exitValue() != 0) {
          throw new AssertionError("build.sh failed with exit code " + p.exitValue() + ":\n" + out);
        }
      } catch (IOException e) {
        throw new AssertionError("cannot run " + script + " (needs sh, and " + PACKAGES + "): " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while building the vcsim launcher", e);
      }
    }
    return bin;
  }

  /** Starts the launcher with {@code -vms N} and extra flags. */
  static Vcsim start(int vms, String... extra) {
    Path bin = binary();
    List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-vms", Integer.toString(vms)));
    cmd.addAll(List.of(extra));
    try {
      Path logDir = bin.getParent();
      Files.createDirectories(logDir);
      Path log = Files.createTempFile(logDir, "vcsim-" + vms + "-", ".log");
      Process p = new ProcessBuilder(cmd).start();
      Deque<String> tail = new ArrayDeque<>();
      Thread drain = new Thread(() -> drain(p.getErrorStream(), log, tail), "vcsim-stderr-" + p.pid());
      drain.setDaemon(true);
      drain.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          return null;
        }
      });
      String line;
      try {
        line = first.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        p.destroyForcibly();
        throw new AssertionError("the vcsim launcher printed nothing within " + START_TIMEOUT + "; see " + log);
      }
      if (line == null) {
        p.waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError("the vcsim launcher exited before it was ready (exit "
            + (p.isAlive() ? "?" : p.exitValue()) + "): " + String.join("\n", snapshot(tail)));
      }
      return new Vcsim(p, JSON.readTree(line), cmd, vms, log, tail);
    } catch (IOException | ExecutionException e) {
      throw new AssertionError("cannot start the vcsim launcher " + cmd + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (Exception e) {
      throw new AssertionError("cannot start the vcsim launcher " + cmd + ": " + e, e);
    }
  }

  private static void drain(InputStream err, Path log, Deque<String> tail) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8));
        OutputStream f = Files.newOutputStream(log)) {
      String l;
      while ((l = r.readLine()) != null) {
        f.write((l + "\n").getBytes(StandardCharsets.UTF_8));
        f.flush();
        synchronized (tail) {
          tail.addLast(l);
          if (tail.size() > 50) {
            tail.removeFirst();
          }
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private static List<String> snapshot(Deque<String> tail) {
    synchronized (tail) {
      return new ArrayList<>(tail);
    }
  }

  private static SSLContext sslContext(Path pem) throws Exception {
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

  /** A configuration pinned to this launcher's certificate, any user and password (vcsim accepts any). */
  VsphereConfig.Builder config() {
    return VsphereConfig.builder().url(url).user("nestcheck").passwordSupplier(() -> "secret".toCharArray())
        .pinThumbprint(sha256);
  }

  /** A pinned adapter. */
  VsphereAdapter connect() {
    try {
      return VsphereAdapter.connect(config().build());
    } catch (io.nestcheck.api.spi.AdapterException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  // --- control endpoints ------------------------------------------------------------------------------------------

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  JsonNode post(String path, Map<String, ?> params) {
    StringBuilder q = new StringBuilder();
    params.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
        .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
    return send(HttpRequest.newBuilder(URI.create(base + path + q)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private JsonNode send(HttpRequest.Builder rb) {
    try {
      HttpResponse<String> r = http.send(rb.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("vcsim control " + r.request().uri() + " -> " + r.statusCode() + ": " + r.body());
      }
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("vcsim control call failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  static Map<String, Object> params(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** {@code GET /nestcheck/calls}: SOAP method → count since the last reset. */
  Map<String, Long> calls() {
    return counts(get("/nestcheck/calls"));
  }

  /** {@code POST /nestcheck/calls/reset}. */
  Map<String, Long> resetCalls() {
    return counts(post("/nestcheck/calls/reset", Map.of()));
  }

  /**
   * {@code POST /nestcheck/calls/reset}, by SOAP method and the SOAPAction it was sent with ({@code
   * "RetrievePropertiesEx urn:vim25/6.5"}): vcsim itself ignores the SOAPAction, a real vCenter does not.
   */
  Map<String, Long> resetCallsByAction() {
    JsonNode n = post("/nestcheck/calls/reset", Map.of());
    Map<String, Long> m = new java.util.TreeMap<>();
    n.get("actions").properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }

  private static Map<String, Long> counts(JsonNode n) {
    Map<String, Long> m = new java.util.TreeMap<>();
    n.get("methods").properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
    return m;
  }

  void fail(String vm, String method, String fault, int times) {
    post("/nestcheck/fail", params("vm", vm, "method", method, "fault", fault, "times", times));
  }

  void failSoap(String method, String fault, int times) {
    post("/nestcheck/fail", params("method", method, "fault", fault, "times", times));
  }

  JsonNode bumpNext(String vm, int next) {
    return post("/nestcheck/bump", params("vm", vm, "next", next));
  }

  void clear() {
    post("/nestcheck/clear", Map.of());
  }

  int expire() {
    return post("/nestcheck/expire", Map.of()).get("terminated").asInt();
  }

  void power(String vm, String state) {
    post("/nestcheck/power", params("vm", vm, "state", state));
  }

  /** {@code GET /nestcheck/vms}: the planned rows at start. */
  JsonNode plannedVms() {
    return get("/nestcheck/vms");
  }

  /** The last stderr lines, for failure messages. */
  String stderrTail() {
    return String.join("\n", snapshot(tail)) + "\n(full log: " + log + ")";
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process.getOutputStream().close(); // the launcher exits when its stdin closes
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "Vcsim{" + url + ", " + vms + " VMs}";
  }
}
