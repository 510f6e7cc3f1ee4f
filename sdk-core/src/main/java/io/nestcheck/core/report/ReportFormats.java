package io.nestcheck.core.report;

import io.nestcheck.api.Severity;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The report formats by name: {@code text}, {@code json}, {@code sarif}, {@code junit}, {@code csv},
 * {@code markdown}, {@code html}. See {@code docs/reports.md}.
 *
 * @since 0.1
 */
public final class ReportFormats {
  private static final List<String> NAMES = List.of("text", "json", "sarif", "junit", "csv", "markdown", "html");

  private ReportFormats() {}

  /** The format names, in documentation order. */
  public static List<String> names() {
    return NAMES;
  }

  /** Whether {@code format} (any case) is a known format. */
  public static boolean isKnown(String format) {
    return NAMES.contains(format.toLowerCase(Locale.ROOT));
  }

  /**
   * The file name extension of a format, without the leading dot: {@code txt}, {@code json}, {@code sarif},
   * {@code junit.xml}, {@code csv}, {@code md}, {@code html}.
   *
   * @throws IllegalArgumentException for an unknown format
   */
  public static String extension(String format) {
    return switch (normalize(format)) {
      case "text" -> "txt";
      case "json" -> "json";
      case "sarif" -> "sarif";
      case "junit" -> "junit.xml";
      case "csv" -> "csv";
      case "markdown" -> "md";
      case "html" -> "html";
      default -> throw unknown(format);
    };
  }

  /**
   * A writer of {@code format} to {@code out}; the writer closes {@code out}. The text writer is created without
   * colour and without passing VMs (the CLI constructs it itself for its options).
   *
   * @param failOn the severity at which a VM fails in the JUnit report ({@code --fail-on})
   * @throws IllegalArgumentException for an unknown format
   */
  public static ReportWriter create(String format, ReportContext context, OutputStream out, Severity failOn) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(failOn, "failOn");
    return switch (normalize(format)) {
      case "text" -> new TextReportWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false, false);
      case "json" -> new JsonReportWriter(context, out);
      case "sarif" -> new SarifReportWriter(context, out);
      case "junit" -> new JunitReportWriter(context, out, failOn);
      case "csv" -> new CsvReportWriter(context, out);
      case "markdown" -> new MarkdownReportWriter(context, out);
      case "html" -> new HtmlReportWriter(context, out);
      default -> throw unknown(format);
    };
  }

  private static String normalize(String format) {
    return Objects.requireNonNull(format, "format").trim().toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException unknown(String format) {
    return new IllegalArgumentException("unknown report format '" + format + "' (known: " + String.join(", ", NAMES) + ")");
  }
}
