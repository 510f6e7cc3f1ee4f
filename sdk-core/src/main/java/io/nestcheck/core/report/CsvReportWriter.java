package io.nestcheck.core.report;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.ScanError;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Writes one CSV row per finding, for spreadsheets and ad-hoc scripts.
 *
 * <p>Contract (RFC 4180): UTF-8 without a byte-order mark, CRLF line ends, a header row, and a field in double
 * quotes when it holds a comma, a double quote (doubled) or a line break. Columns: {@value #HEADER}.
 * <ul>
 *   <li>{@code line}: the 1-based line in the finding's file, empty when unknown; {@code fix}: every fix action
 *       described ({@code describe()}, plus {@code (power off first)} where needed), joined with {@code "; "};
 *       {@code suppressed}: {@code true} or {@code false}, with the reason in {@code suppression_reason}.
 *   <li>Suppressed findings are rows like the others; filter on {@code suppressed}.
 *   <li>An input that could not be read is one row with an empty {@code vm} and {@code profile}, {@code rule_id}
 *       {@code INPUT-<KIND>} (for example {@code INPUT-SYNTAX}, the kinds of
 *       {@link io.nestcheck.api.spi.ExportParseException.Kind}), severity {@code ERROR}, subject {@code input} and
 *       the reason as message.
 *   <li>A finding about the scan itself ({@link ScanSummary#scanFindings()}, for example "nothing is known about
 *       the host") is a last row with empty {@code source} (unless it has a location), {@code vm} and
 *       {@code profile}, and subject {@code host:scan}.
 *   <li>A VM without findings has no row. A partial scan is not marked (the CSV has no place for it; the exit code
 *       and the other formats say so).
 *   <li>Spreadsheet formula injection: a text field that starts with {@code =}, {@code +}, {@code -}, {@code @},
 *       a tab or a carriage return gets a leading {@code '} so spreadsheets show it as text.
 * </ul>
 *
 * <p>Memory: rows are written as results arrive; nothing is kept.
 *
 * @since 0.1
 */
public final class CsvReportWriter implements ReportWriter {
  /** The header row. */
  public static final String HEADER =
      "source,vm,profile,rule_id,severity,subject,message,line,fix,suppressed,suppression_reason";

  private final Writer out;
  private boolean headerWritten;

  /** A writer to {@code out}; the stream is closed by {@link #close()}. */
  public CsvReportWriter(ReportContext context, OutputStream out) {
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public void started(int targets) {
    header();
  }

  private void header() {
    if (!headerWritten) {
      headerWritten = true;
      try {
        out.write(HEADER);
        out.write("\r\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void accept(FileResult result) {
    header();
    try {
      if (result.error().isPresent()) {
        ScanError e = result.error().get();
        row(e.location().file(), "", "", "INPUT-" + e.kind().name().replace('_', '-'), "ERROR", "input", e.reason(),
            e.location().line() > 0 ? Integer.toString(e.location().line()) : "", "", "false", "");
      }
      for (EvaluationResult r : result.results()) {
        for (Finding f : r.findings()) {
          finding(r.source(), r.vmName(), r.profileId(), f);
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void finding(String source, String vm, String profile, Finding f) throws IOException {
    int line = f.location().map(l -> l.line()).orElse(0);
    row(source, vm, profile, f.ruleId(), f.severity().name(), f.subject().toString(), f.message(),
        line > 0 ? Integer.toString(line) : "", Reports.describeFixes(f), Boolean.toString(f.isSuppressed()),
        f.suppression().map(s -> s.reason()).orElse(""));
  }

  private void row(String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields[i]));
    }
    out.write("\r\n");
  }

  /** One field: neutralized against formula injection, then quoted as RFC 4180 requires. */
  static String field(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** The column names, in order. */
  public static List<String> columns() {
    return List.of(HEADER.toLowerCase(Locale.ROOT).split(","));
  }

  @Override
  public void finished(ScanSummary summary) {
    header();
    try {
      for (Finding f : summary.scanFindings()) {
        finding(f.location().map(l -> l.file()).orElse(""), "", "", f);
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
