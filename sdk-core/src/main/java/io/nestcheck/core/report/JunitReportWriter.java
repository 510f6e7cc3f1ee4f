package io.nestcheck.core.report;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.Severity;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a JUnit XML report, the test-result format CI servers (Jenkins, GitLab, Azure DevOps, GitHub test
 * reporters) show as test results.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code <testsuites name="nestcheck">} with the totals (tests, failures, errors, skipped = 0, time,
 *       timestamp), one {@code <testsuite>} per scanned input (name = the input path, with its own totals) and
 *       one {@code <testcase>} per evaluated VM: {@code classname} = the profile id, {@code name} = {@code "VM
 *       name (source)"}.
 *   <li>A VM fails ({@code <failure type="ERROR|WARNING|INFO" message="N findings at or above T: ids">}) when it
 *       has an unsuppressed finding at or above the threshold (the CLI's {@code --fail-on}, ERROR by default); the
 *       failure text lists those findings with location and fixes. Lower findings and suppressed ones (with the
 *       reason) are listed in {@code <system-out>}. A VM without findings passes.
 *   <li>An input that could not be read is a test case of classname {@code nestcheck.input} named after the
 *       input, with {@code <error type="SYNTAX|...">} holding location and reason. A last suite {@code nestcheck}
 *       holds a passing test case {@code scan findings} whose {@code <system-out>} lists the findings about the
 *       scan itself ({@link ScanSummary#scanFindings()}; they never fail, as they do not count for the exit code),
 *       and, for a partial (cancelled) scan, an errored test case {@code scan completed}.
 *   <li>Text is escaped by StAX; characters XML 1.0 cannot carry (control characters, lone surrogates) become
 *       U+FFFD; attribute values are one line.
 *   <li>With a {@linkplain ReportContext#fixedTime() fixed time} times are 0 and the timestamp is the fixed time,
 *       so the output is reproducible.
 * </ul>
 *
 * <p>Memory: the root element carries the totals, which are known only at the end, so the suites are spooled
 * (in memory up to about 1 MiB of text, then to a temporary file deleted on close) and copied after the root's
 * start tag. Nothing else is kept.
 *
 * @since 0.1
 */
public final class JunitReportWriter implements ReportWriter {
  private static final String NL = "\n";
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  private final ReportContext context;
  private final Writer out;
  private final Severity failOn;
  private final Spool spool;
  private final XMLStreamWriter xml;
  private int tests;
  private int failures;
  private int errors;

  /** A writer failing VMs with an ERROR finding; the stream is closed by {@link #close()}. */
  public JunitReportWriter(ReportContext context, OutputStream out) {
    this(context, out, Severity.ERROR);
  }

  /**
   * A writer to {@code out}; the stream is closed by {@link #close()}.
   *
   * @param failOn a VM with an unsuppressed finding at or above this severity is a failed test case
   */
  public JunitReportWriter(ReportContext context, OutputStream out, Severity failOn) {
    this(context, out, failOn, new Spool());
  }

  JunitReportWriter(ReportContext context, OutputStream out, Severity failOn, Spool spool) {
    this.context = Objects.requireNonNull(context, "context");
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    this.failOn = Objects.requireNonNull(failOn, "failOn");
    this.spool = spool;
    try {
      this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(spool);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("no StAX writer", e);
    }
  }

  @Override
  public String format() {
    return "junit";
  }

  @Override
  public void accept(FileResult result) {
    try {
      int suiteFailures = 0;
      for (EvaluationResult r : result.results()) {
        suiteFailures += failing(r).isEmpty() ? 0 : 1;
      }
      int suiteErrors = result.error().isPresent() ? 1 : 0;
      int suiteTests = result.results().size() + suiteErrors;
      tests += suiteTests;
      failures += suiteFailures;
      errors += suiteErrors;
      xml.writeCharacters("  ");
      xml.writeStartElement("testsuite");
      attr("name", result.target());
      attr("tests", Integer.toString(suiteTests));
      attr("failures", Integer.toString(suiteFailures));
      attr("errors", Integer.toString(suiteErrors));
      attr("skipped", "0");
      attr("time", "0");
      xml.writeCharacters(NL);
      if (result.error().isPresent()) {
        writeError(result.target(), result.error().get());
      }
      for (EvaluationResult r : result.results()) {
        writeCase(r);
      }
      xml.writeCharacters("  ");
      xml.writeEndElement();
      xml.writeCharacters(NL);
      xml.flush();
    } catch (XMLStreamException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  private void writeError(String target, ScanError e) throws XMLStreamException {
    xml.writeCharacters("    ");
    xml.writeStartElement("testcase");
    attr("classname", "nestcheck.input");
    attr("name", target);
    attr("time", "0");
    xml.writeCharacters(NL + "      ");
    xml.writeStartElement("error");
    attr("type", e.kind().name());
    attr("message", "cannot read " + target + ": " + e.reason());
    text(e.location() + ": " + e.reason() + NL);
    xml.writeEndElement();
    xml.writeCharacters(NL + "    ");
    xml.writeEndElement();
    xml.writeCharacters(NL);
  }

  private void writeCase(EvaluationResult r) throws XMLStreamException {
    List<Finding> failing = failing(r);
    List<Finding> other = new ArrayList<>();
    for (Severity s : Reports.DESCENDING) {
      for (Finding f : r.findings()) {
        if (f.severity() == s && !f.isSuppressed() && !f.severity().atLeast(failOn)) {
          other.add(f);
        }
      }
    }
    for (Finding f : r.findings()) {
      if (f.isSuppressed()) {
        other.add(f);
      }
    }
    xml.writeCharacters("    ");
    xml.writeStartElement("testcase");
    attr("classname", r.profileId());
    attr("name", r.vmName() + " (" + r.source() + ")");
    attr("time", "0");
    if (failing.isEmpty() && other.isEmpty()) {
      xml.writeEndElement();
      xml.writeCharacters(NL);
      return;
    }
    if (!failing.isEmpty()) {
      xml.writeCharacters(NL + "      ");
      xml.writeStartElement("failure");
      attr("type", failing.get(0).severity().name());
      List<String> ids = failing.stream().map(Finding::ruleId).distinct().toList();
      attr("message", Reports.plural(failing.size(), "finding") + " at or above " + failOn + ": " + String.join(", ", ids));
      StringBuilder sb = new StringBuilder();
      for (Finding f : failing) {
        describe(sb, f);
      }
      text(sb.toString());
      xml.writeEndElement();
    }
    if (!other.isEmpty()) {
      xml.writeCharacters(NL + "      ");
      xml.writeStartElement("system-out");
      StringBuilder sb = new StringBuilder();
      for (Finding f : other) {
        describe(sb, f);
      }
      text(sb.toString());
      xml.writeEndElement();
    }
    xml.writeCharacters(NL + "    ");
    xml.writeEndElement();
    xml.writeCharacters(NL);
  }

  /** The unsuppressed findings at or above the threshold, most severe first. */
  private List<Finding> failing(EvaluationResult r) {
    List<Finding> list = new ArrayList<>();
    for (Severity s : Reports.DESCENDING) {
      if (s.atLeast(failOn)) {
        for (Finding f : r.findings()) {
          if (f.severity() == s && !f.isSuppressed()) {
            list.add(f);
          }
        }
      }
    }
    return list;
  }

  private static void describe(StringBuilder sb, Finding f) {
    sb.append(f.severity()).append(' ').append(f.ruleId()).append(' ').append(f.message());
    f.location().ifPresent(l -> sb.append("  [").append(l).append(']'));
    sb.append(NL);
    if (f.suppression().isPresent()) {
      sb.append("    suppressed (").append(f.suppression().get().origin().name().toLowerCase(Locale.ROOT)).append("): ")
          .append(f.suppression().get().reason()).append(NL);
    }
    for (FixAction a : f.fixes()) {
      sb.append("    ").append(a.automatable() ? "fix: " : "").append(Reports.describe(a)).append(NL);
    }
  }

  @Override
  public void finished(ScanSummary summary) {
    try {
      boolean notes = !summary.scanFindings().isEmpty();
      if (summary.partial() || notes) {
        int suiteTests = (summary.partial() ? 1 : 0) + (notes ? 1 : 0);
        int suiteErrors = summary.partial() ? 1 : 0;
        tests += suiteTests;
        errors += suiteErrors;
        xml.writeCharacters("  ");
        xml.writeStartElement("testsuite");
        attr("name", "nestcheck");
        attr("tests", Integer.toString(suiteTests));
        attr("failures", "0");
        attr("errors", Integer.toString(suiteErrors));
        attr("skipped", "0");
        attr("time", "0");
        if (notes) {
          xml.writeCharacters(NL + "    ");
          xml.writeStartElement("testcase");
          attr("classname", "nestcheck.scan");
          attr("name", "scan findings");
          attr("time", "0");
          xml.writeCharacters(NL + "      ");
          xml.writeStartElement("system-out");
          StringBuilder sb = new StringBuilder();
          for (Finding f : summary.scanFindings()) {
            describe(sb, f);
          }
          text(sb.toString());
          xml.writeEndElement();
          xml.writeCharacters(NL + "    ");
          xml.writeEndElement();
        }
        if (summary.partial()) {
          xml.writeCharacters(NL + "    ");
          xml.writeStartElement("testcase");
          attr("classname", "nestcheck.scan");
          attr("name", "scan completed");
          attr("time", "0");
          xml.writeCharacters(NL + "      ");
          xml.writeStartElement("error");
          attr("type", "PARTIAL");
          attr("message", "the scan was cancelled before every input was read; the report is partial");
          xml.writeEndElement();
          xml.writeCharacters(NL + "    ");
          xml.writeEndElement();
        }
        xml.writeCharacters(NL + "  ");
        xml.writeEndElement();
        xml.writeCharacters(NL);
      }
      xml.flush();
      Instant start = Reports.time(context, summary.startedAt());
      String time = context.fixedTime().isPresent() ? "0"
          : String.format(Locale.ROOT, "%.3f", summary.duration().toMillis() / 1000.0);
      out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + NL);
      out.write("<testsuites name=\"nestcheck\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\""
          + errors + "\" skipped=\"0\" time=\"" + time + "\" timestamp=\""
          + TIMESTAMP.format(LocalDateTime.ofInstant(start, ZoneOffset.UTC)) + "\">" + NL);
      spool.copyTo(out);
      out.write("</testsuites>" + NL);
      out.flush();
    } catch (XMLStreamException e) {
      throw new UncheckedIOException(new IOException(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void attr(String name, String value) throws XMLStreamException {
    xml.writeAttribute(name, clean(value).replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
  }

  private void text(String value) throws XMLStreamException {
    xml.writeCharacters(clean(value));
  }

  /** Replaces what XML 1.0 cannot carry (control characters other than tab/LF/CR, lone surrogates, U+FFFE/F). */
  static String clean(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (sb != null) {
            sb.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(c)) {
        ok = false;
      } else {
        ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
      }
      if (!ok && sb == null) {
        sb = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(ok ? c : '\uFFFD');
      }
    }
    return sb == null ? s : sb.toString();
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    } finally {
      spool.close();
      out.close();
    }
  }
}
