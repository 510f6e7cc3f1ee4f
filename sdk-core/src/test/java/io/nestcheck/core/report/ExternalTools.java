package io.nestcheck.core.report;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the external programs the report tests drive (Microsoft's SARIF Multitool, headless Chromium) and the
 * project's folders. A missing program fails the test when {@code CI} is set (CI installs them with
 * {@code tools/install-test-tools.sh}); elsewhere the test is skipped with that hint.
 */
final class ExternalTools {
  static final String INSTALL_HINT = "install it with 'sudo tools/install-test-tools.sh' (from the repository root)";

  private ExternalTools() {}

  /** The sdk-core module folder (the test's working directory under Maven). */
  static Path moduleDir() {
    Path dir = Path.of("").toAbsolutePath();
    return Files.isDirectory(dir.resolve("src/test/java/io/nestcheck/core/report")) ? dir : repoRoot().resolve("sdk-core");
  }

  /** The repository root: the first folder upwards with {@code docs/} and a {@code pom.xml}. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("pom.xml"))
          && Files.isDirectory(p.resolve("sdk-core"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root above " + dir);
  }

  /** The module's build folder ({@code target}, or the {@code -Dnestcheck.target} one). */
  static Path buildDir() {
    try {
      Path testClasses = Path.of(ExternalTools.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return testClasses.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Fails (on CI) or skips (elsewhere) because {@code what} is missing. */
  static void missing(String what) {
    String message = what + " is not installed; " + INSTALL_HINT;
    if (System.getenv("CI") != null && !System.getenv("CI").isBlank() && !"false".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI is set, so this test must not be skipped)");
    }
    assumeTrue(false, message);
  }

  /**
   * The SARIF Multitool executable: {@code $NESTCHECK_SARIF_MULTITOOL}, the npm packages below the fixed prefixes
   * ({@code /opt/nestcheck-tools/sarif}, {@code ~/.nestcheck-tools/sarif}, {@code <build>/sarif-tools}), or
   * {@code sarif-multitool} on the PATH.
   */
  static Optional<Path> sarifMultitool() {
    String env = System.getenv("NESTCHECK_SARIF_MULTITOOL");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    List<Path> prefixes = new ArrayList<>();
    prefixes.add(Path.of("/opt/nestcheck-tools/sarif"));
    prefixes.add(Path.of(System.getProperty("user.home"), ".nestcheck-tools", "sarif"));
    prefixes.add(buildDir().resolve("sarif-tools"));
    for (Path prefix : prefixes) {
      Path scope = prefix.resolve("node_modules/@microsoft");
      if (!Files.isDirectory(scope)) {
        continue;
      }
      try (Stream<Path> s = Files.list(scope)) {
        Optional<Path> bin = s.filter(p -> p.getFileName().toString().startsWith("sarif-multitool-"))
            .map(p -> p.resolve(isWindows() ? "Sarif.Multitool.exe" : "Sarif.Multitool"))
            .filter(Files::isExecutable).findFirst();
        if (bin.isPresent()) {
          return bin;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return onPath("sarif-multitool");
  }

  /** Headless Chromium: {@code $NESTCHECK_CHROMIUM}, or chromium / chromium-browser / google-chrome on the PATH. */
  static Optional<Path> chromium() {
    String env = System.getenv("NESTCHECK_CHROMIUM");
    if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
      Optional<Path> p = onPath(name);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, isWindows() ? name + ".exe" : name);
      if (Files.isExecutable(p) && !Files.isDirectory(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  }

  /** The outcome of a program run. */
  record Run(int exitCode, String stdout, String stderr) {}

  /** Runs {@code command}, waiting at most {@code seconds}; fails the test on a timeout. */
  static Run run(List<String> command, Path workDir, long seconds) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
    pb.environment().put("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
    // the multitool is a self-contained .NET program: do not depend on the machine's ICU library
    pb.environment().putIfAbsent("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + seconds + " s");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static File devNull() {
    return new File(isWindows() ? "NUL" : "/dev/null");
  }
}
