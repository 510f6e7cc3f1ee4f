package io.nestcheck.core.report;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a GitHub-flavoured Markdown summary for pull-request comments and CI job summaries.
 *
 * <p>Contract: a title; a partial-scan banner when the scan was cancelled; a totals table (VMs, inputs, findings
 * by severity, suppressed, unreadable inputs); the findings about the scan itself (once-per-scan rules, such as
 * "nothing is known about the host"; not in the totals); a findings-by-rule table (rule, severity, count of unsuppressed
 * findings, suppressed count, summary), most severe and most frequent first; then the VMs with unsuppressed
 * findings in scan order, each with its findings (severity, rule, message, line, fixes) and suppressed findings
 * with their reason; then the unreadable inputs. Lists are capped so the document stays within comment size
 * limits: at most {@value #MAX_VMS} VMs and {@value #MAX_ERRORS} unreadable inputs, at most
 * {@value #MAX_FINDINGS_PER_VM} findings per VM, each followed by "and N more". All text from inputs and rules is
 * escaped (Markdown punctuation with a backslash, so {@code |} cannot break a table and {@code <tag>} cannot
 * become HTML); line breaks become spaces.
 *
 * <p>Memory: the totals are known only at the end and come first, so the writer keeps the per-rule counts, the
 * rendered text of the first {@value #MAX_VMS} VMs with findings and of the first {@value #MAX_ERRORS} unreadable
 * inputs, and counts the rest.
 *
 * @since 0.1
 */
public final class MarkdownReportWriter implements ReportWriter {
  /** VMs listed before "and N more". */
  public static final int MAX_VMS = 200;
  /** Findings listed per VM before "and N more". */
  public static final int MAX_FINDINGS_PER_VM = 20;
  /** Unreadable inputs listed before "and N more". */
  public static final int MAX_ERRORS = 200;

  private final ReportContext context;
  private final Writer out;
  private final Map<String, RuleCount> byRule = new HashMap<>();
  private final StringBuilder vms = new StringBuilder();
  private final List<String> errors = new ArrayList<>();
  private int vmsListed;
  private int vmsNotListed;
  private int errorsNotListed;
  private int passing;

  /** A writer to {@code out}; the stream is closed by {@link #close()}. */
  public MarkdownReportWriter(ReportContext context, OutputStream out) {
    this.context = context;
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  @Override
  public String format() {
    return "markdown";
  }

  private static final class RuleCount {
    final String id;
    final Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    int suppressed;

    RuleCount(String id) {
      this.id = id;
    }

    int total() {
      return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
    }

    Severity top() {
      for (Severity s : Reports.DESCENDING) {
        if (bySeverity.getOrDefault(s, 0) > 0) {
          return s;
        }
      }
      return null;
    }
  }

  @Override
  public void accept(FileResult result) {
    result.error().ifPresent(this::error);
    for (EvaluationResult r : result.results()) {
      for (Finding f : r.findings()) {
        RuleCount c = byRule.computeIfAbsent(f.ruleId(), RuleCount::new);
        if (f.isSuppressed()) {
          c.suppressed++;
        } else {
          c.bySeverity.merge(f.severity(), 1, Integer::sum);
        }
      }
      if (r.maxSeverity().isEmpty()) {
        passing++;
      } else if (vmsListed >= MAX_VMS) {
        vmsNotListed++;
      } else {
        vmsListed++;
        vm(r);
      }
    }
  }

  private void error(ScanError e) {
    if (errors.size() >= MAX_ERRORS) {
      errorsNotListed++;
      return;
    }
    errors.add("- ❗ " + md(e.location().toString()) + " (" + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + "): " + md(e.reason()));
  }

  private void vm(EvaluationResult r) {
    Map<Severity, Integer> counts = Reports.counts(r);
    Severity top = r.maxSeverity().orElseThrow();
    List<String> parts = new ArrayList<>();
    for (Severity s : Reports.DESCENDING) {
      if (counts.get(s) > 0) {
        parts.add(s == Severity.INFO ? counts.get(s) + " info" : Reports.plural(counts.get(s), Reports.lower(s)));
      }
    }
    int suppressed = Reports.suppressed(r);
    if (suppressed > 0) {
      parts.add(suppressed + " suppressed");
    }
    vms.append("- ").append(icon(top)).append(" **").append(md(r.vmName())).append("** (").append(md(r.source()))
        .append(", profile ").append(md(r.profileId())).append("): ").append(String.join(", ", parts)).append('\n');
    int listed = 0;
    int total = 0;
    for (Severity s : Reports.DESCENDING) {
      for (Finding f : r.findings()) {
        if (f.severity() != s || f.isSuppressed()) {
          continue;
        }
        total++;
        if (listed < MAX_FINDINGS_PER_VM) {
          listed++;
          vms.append("  - **").append(f.severity()).append("** `").append(f.ruleId()).append("` ")
              .append(md(f.message()));
          f.location().filter(l -> l.line() > 0).ifPresent(l -> vms.append(" _(line ").append(l.line()).append(")_"));
          if (!f.fixes().isEmpty()) {
            vms.append(" — fix: ").append(md(Reports.describeFixes(f)));
          }
          vms.append('\n');
        }
      }
    }
    for (Finding f : r.findings()) {
      if (f.isSuppressed()) {
        total++;
        if (listed < MAX_FINDINGS_PER_VM) {
          listed++;
          vms.append("  - _suppressed_ `").append(f.ruleId()).append("` ").append(md(f.suppression().get().reason()))
              .append('\n');
        }
      }
    }
    if (total > listed) {
      vms.append("  - … and ").append(total - listed).append(" more\n");
    }
  }

  @Override
  public void finished(ScanSummary s) {
    try {
      StringBuilder sb = new StringBuilder();
      sb.append("## nestcheck report\n\n");
      if (s.partial()) {
        sb.append("> ⚠️ **Partial scan**: the scan was cancelled before every input was read; the results are incomplete.\n\n");
      }
      sb.append("nestcheck ").append(md(context.toolVersion())).append(" · profile ").append(md(context.profile()))
          .append(" · ").append(Reports.human(Reports.time(context, s.startedAt()))).append("\n\n");
      sb.append("| Total | Count |\n|---|---:|\n");
      sb.append("| VMs | ").append(s.vms()).append(" |\n");
      sb.append("| Inputs | ").append(s.targets()).append(" |\n");
      sb.append("| ").append(icon(Severity.ERROR)).append(" Errors | ").append(s.findings().get(Severity.ERROR)).append(" |\n");
      sb.append("| ").append(icon(Severity.WARNING)).append(" Warnings | ").append(s.findings().get(Severity.WARNING)).append(" |\n");
      sb.append("| ").append(icon(Severity.INFO)).append(" Info | ").append(s.findings().get(Severity.INFO)).append(" |\n");
      sb.append("| Suppressed | ").append(s.suppressed()).append(" |\n");
      sb.append("| ❗ Unreadable inputs | ").append(s.errors()).append(" |\n\n");

      if (!s.scanFindings().isEmpty()) {
        sb.append("### About the scan\n\n");
        for (Finding f : s.scanFindings()) {
          sb.append("- ").append(icon(f.severity())).append(" `").append(f.ruleId()).append("` ").append(md(f.message()));
          if (!f.fixes().isEmpty()) {
            sb.append(" — fix: ").append(md(Reports.describeFixes(f)));
          }
          sb.append('\n');
        }
        sb.append('\n');
      }
      List<RuleCount> rules = new ArrayList<>(byRule.values());
      rules.sort(Comparator.comparing((RuleCount c) -> c.top() == null ? -1 : c.top().ordinal()).reversed()
          .thenComparing(Comparator.comparingInt(RuleCount::total).reversed())
          .thenComparing(c -> c.id));
      if (!rules.isEmpty()) {
        sb.append("### Findings by rule\n\n");
        sb.append("| Rule | Severity | Findings | Suppressed | Summary |\n|---|---|---:|---:|---|\n");
        for (RuleCount c : rules) {
          sb.append("| `").append(c.id.replace("|", "\\|").replace("`", "'")).append("` | ")
              .append(c.top() == null ? "—" : icon(c.top()) + " " + c.top()).append(" | ")
              .append(c.total()).append(" | ").append(c.suppressed).append(" | ")
              .append(md(Reports.summary(context, c.id).orElse(""))).append(" |\n");
        }
        sb.append('\n');
      }
      if (vmsListed > 0) {
        sb.append("### VMs with findings\n\n").append(vms);
        if (vmsNotListed > 0) {
          sb.append("\n_… and ").append(Reports.plural(vmsNotListed, "more VM"))
              .append(" with findings; see the full report._\n");
        }
        sb.append('\n');
      }
      sb.append(passing == s.vms() && s.vms() > 0 ? "✅ " : "").append(Reports.plural(passing, "VM"))
          .append(passing == 1 ? " passes" : " pass").append(" (no unsuppressed findings).\n");
      if (!errors.isEmpty()) {
        sb.append("\n### Unreadable inputs\n\n");
        errors.forEach(e -> sb.append(e).append('\n'));
        if (errorsNotListed > 0) {
          sb.append("\n_… and ").append(Reports.plural(errorsNotListed, "more unreadable input")).append("._\n");
        }
      }
      out.write(sb.toString());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String icon(Severity s) {
    return switch (s) {
      case ERROR -> "❌";
      case WARNING -> "⚠️";
      case INFO -> "ℹ️";
    };
  }

  /**
   * Escapes text for Markdown: every ASCII punctuation character Markdown gives a meaning to gets a backslash (so
   * {@code |} cannot end a table cell and {@code <b>} stays text), line breaks become spaces.
   */
  static String md(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        sb.append(' ');
      } else if ("\\`*_{}[]<>#!|~&".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
