package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Severity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders the synthetic scan in every format and compares it with {@code src/test/resources/report/golden/}.
 * Run with {@code -Dnestcheck.updateGolden=true} (or {@code NESTCHECK_UPDATE_GOLDEN=true}) to rewrite the files
 * after an intended change, then review the diff.
 */
class ReportGoldenTest {

  static Stream<String> formats() {
    return ReportFormats.names().stream();
  }

  static boolean update() {
    return Boolean.getBoolean("nestcheck.updateGolden") || "true".equalsIgnoreCase(System.getenv("NESTCHECK_UPDATE_GOLDEN"));
  }

  static Path goldenDir() {
    return ExternalTools.moduleDir().resolve("src/test/resources/report/golden");
  }

  /** The writer of {@code format}; SARIF with a fixed working directory so absolute paths do not depend on the machine. */
  static Function<ByteArrayOutputStream, ReportWriter> writer(String format) {
    return switch (format) {
      case "text" -> SyntheticScan::text;
      case "sarif" -> out -> new SarifReportWriter(SyntheticScan.context(), out, "/work/scan");
      default -> out -> ReportFormats.create(format, SyntheticScan.context(), out, Severity.ERROR);
    };
  }

  @ParameterizedTest
  @MethodSource("formats")
  void matchesTheGoldenFile(String format) throws Exception {
    String actual = SyntheticScan.render(writer(format), SyntheticScan.results(), false);
    Path golden = goldenDir().resolve("report." + ReportFormats.extension(format));
    if (update() || !Files.exists(golden)) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      assertThat(update()).as("%s did not exist and was written; review it and run again", golden).isTrue();
    }
    String expected = Files.readString(golden, StandardCharsets.UTF_8);
    assertThat(actual).as("%s differs from %s; if the change is intended, run with -Dnestcheck.updateGolden=true "
        + "and review the diff", format, golden).isEqualTo(expected);
  }

  /** Rendering on the scanner's workers ({@code ScanSink.prepare}) must not change a byte of any report. */
  @ParameterizedTest
  @MethodSource("formats")
  void preparingResultsOnOtherThreadsChangesNothing(String format) throws Exception {
    String prepared = SyntheticScan.renderPrepared(writer(format), SyntheticScan.results(), false);
    String expected = Files.readString(goldenDir().resolve("report." + ReportFormats.extension(format)),
        StandardCharsets.UTF_8);
    assertThat(prepared).isEqualTo(expected);
  }
}
