package io.nestcheck.core.report;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.Severity;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;

/**
 * The human report: one block per VM with its findings by severity (suppressed ones last), each with the fix; the
 * errors; and a summary line. Colours severities with ANSI escapes when asked to (the CLI asks on a terminal
 * that supports it, never when piped or when {@code NO_COLOR} is set).
 *
 * @since 0.1
 */
public final class TextReportWriter implements ReportWriter {
  private final PrintWriter out;
  private final boolean color;
  private final boolean showPassing;

  /**
   * A writer.
   *
   * @param out where to write; closed by {@link #close()}
   * @param color whether to use ANSI colours
   * @param showPassing whether to list VMs without findings
   */
  public TextReportWriter(Writer out, boolean color, boolean showPassing) {
    this.out = new PrintWriter(out);
    this.color = color;
    this.showPassing = showPassing;
  }

  @Override
  public String format() {
    return "text";
  }

  @Override
  public void accept(FileResult result) {
    for (ScanError e : result.error().stream().toList()) {
      out.println(paint("1;31", "✗ " + e.location()) + "  " + paint("31", "cannot read (" + e.kind().name().toLowerCase(Locale.ROOT) + "): ") + e.reason());
      out.println();
    }
    for (EvaluationResult r : result.results()) {
      if (r.findings().isEmpty() && !showPassing) {
        continue;
      }
      long errors = count(r, Severity.ERROR);
      long warnings = count(r, Severity.WARNING);
      String head = r.findings().isEmpty() || (errors == 0 && warnings == 0) ? paint("32", "✓") : errors > 0 ? paint("31", "✗") : paint("33", "!");
      out.println(head + " " + paint("1", r.vmName()) + "  (" + r.source() + ")  profile " + r.profileId()
          + r.profileReason().map(s -> " [auto: " + s + "]").orElse(""));
      for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.INFO}) {
        for (Finding f : r.findings()) {
          if (f.severity() == s && !f.isSuppressed()) {
            printFinding(f);
          }
        }
      }
      for (Finding f : r.findings()) {
        if (f.isSuppressed()) {
          out.println("    " + paint("2", "suppressed " + f.ruleId() + ": " + f.suppression().get().reason()));
        }
      }
      out.println();
    }
    out.flush();
  }

  private void printFinding(Finding f) {
    String sev = switch (f.severity()) {
      case ERROR -> paint("1;31", "ERROR  ");
      case WARNING -> paint("1;33", "WARNING");
      case INFO -> paint("36", "INFO   ");
    };
    out.println("  " + sev + " " + paint("1", f.ruleId()) + " " + f.message()
        + f.location().map(l -> paint("2", "  [" + l + "]")).orElse("")
        + f.layer().map(l -> paint("2", "  {" + l + "}")).orElse(""));
    for (FixAction a : f.fixes()) {
      out.println("           " + paint(a.automatable() ? "32" : "35", a.automatable() ? "fix: " : "manual: ") + a.describe()
          + (a.requiresPowerOff() ? paint("2", " (power off first)") : ""));
    }
  }

  private static long count(EvaluationResult r, Severity s) {
    return r.findings().stream().filter(f -> f.severity() == s && !f.isSuppressed()).count();
  }

  @Override
  public void finished(ScanSummary s) {
    for (Finding f : s.scanFindings()) {
      out.println(paint("36", "INFO") + " " + paint("1", f.ruleId()) + " " + f.message() + paint("2", " (once for the whole scan)"));
    }
    out.printf(Locale.ROOT, "%s%d VMs in %d inputs: %s, %s, %s%s%s%n",
        s.partial() ? paint("1;31", "PARTIAL SCAN (cancelled): ") : "",
        s.vms(), s.targets(),
        paint(s.findings().get(Severity.ERROR) > 0 ? "1;31" : "32", s.findings().get(Severity.ERROR) + " errors"),
        paint(s.findings().get(Severity.WARNING) > 0 ? "33" : "32", s.findings().get(Severity.WARNING) + " warnings"),
        s.findings().get(Severity.INFO) + " info",
        s.suppressed() > 0 ? ", " + s.suppressed() + " suppressed" : "",
        s.errors() > 0 ? ", " + paint("1;31", s.errors() + " unreadable inputs") : "");
    out.flush();
  }

  private String paint(String code, String text) {
    return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }

  @Override
  public void close() throws IOException {
    out.flush();
    out.close();
  }
}
