package io.nestcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.core.report.ReportFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every report format over the bundled example fleet, produced through the CLI with a fixed
 * time. Regenerate with {@code -Dnestcheck.updateGolden=true} after an intended change and review the diff.
 */
class FleetGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/fleet");
  private static final boolean UPDATE = Boolean.getBoolean("nestcheck.updateGolden")
      || "true".equals(System.getenv("NESTCHECK_UPDATE_GOLDEN"));

  @TempDir static Path out;
  static int exitCode;

  @BeforeAll
  static void scan() {
    exitCode = Main.run("scan", "../examples/fleet", "--quiet", "--color", "never", "--fixed-time", "2026-11-25T12:00:00Z",
        "--format", String.join(",", ReportFormats.names()), "--output-dir", out.toString());
  }

  static List<String> formats() {
    return ReportFormats.names();
  }

  @ParameterizedTest
  @MethodSource("formats")
  void reportMatchesItsGoldenFile(String format) throws Exception {
    String name = "nestcheck." + ReportFormats.extension(format);
    byte[] actual = Files.readAllBytes(out.resolve(name));
    Path golden = GOLDEN.resolve(name);
    if (UPDATE) {
      Files.createDirectories(GOLDEN);
      Files.write(golden, actual);
    }
    assertThat(golden).as("golden file %s (create it with -Dnestcheck.updateGolden=true)", golden).exists();
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .as("%s differs from %s; if the change is intended, rerun with -Dnestcheck.updateGolden=true", name, golden)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void fleetScanExitsWithFindings() {
    assertThat(exitCode).isEqualTo(ExitCodes.FINDINGS);
  }
}
