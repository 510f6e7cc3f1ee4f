package io.nestcheck.core.report;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Suppression;
import io.nestcheck.core.Version;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSummary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes one self-contained HTML page for people: no network access, no external assets, works from a file or
 * an artifact store.
 *
 * <p>Contract:
 * <ul>
 *   <li>A header (tool version, profile, time, inputs); a banner when the scan was partial; summary cards (VMs,
 *       errors, warnings, info, suppressed, unreadable inputs, passing VMs); the findings about the scan itself
 *       (once-per-scan rules, not counted in the cards); two inline SVG bar charts drawn here
 *       (findings by severity; findings by rule, the {@value #MAX_CHART_RULES} most frequent rules, stacked by
 *       severity) each with a text alternative; a findings-by-rule table.
 *   <li>A table of every VM (name, source, profile, errors, warnings, info, suppressed, status). Column headers
 *       are buttons that sort (numbers descending first, again to reverse, {@code aria-sort} kept current); a text
 *       filter matches VM, source, profile and rule ids; a select keeps VMs with at least a given severity. Each
 *       VM expands (a disclosure button with {@code aria-expanded}) to its findings: severity, rule, message,
 *       location, subject, layer, and each fix ({@code describe()}, manual instructions, a power-off note);
 *       suppressed findings with origin, reason and expiry. Without JavaScript everything is shown expanded.
 *   <li>The unreadable inputs, with location, kind and reason.
 *   <li>Security: every text from inputs and rules is HTML-escaped (text and attribute values; characters HTML
 *       cannot carry become U+FFFD), the script uses {@code textContent} and {@code dataset} only, and a
 *       Content-Security-Policy admits only the page's own style and script by hash, so markup in a VM name stays
 *       text and could not run even if escaping failed.
 *   <li>Opened with {@code #expanded} in the URL, every VM starts expanded. Self test: opened with
 *       {@code #selftest}, the script sorts and filters the table and records the outcome as JSON in
 *       {@code body[data-selftest]} (for the headless-browser test).
 * </ul>
 *
 * <p>Memory: the summary and charts come first but are known only at the end, so the VM rows (one compact
 * {@code <tbody>} per VM with its findings) are spooled as they arrive (in memory up to about 1 MiB of text, then
 * to a temporary file deleted on close); the writer keeps the per-rule counts and the unreadable inputs.
 *
 * @since 0.1
 */
public final class HtmlReportWriter implements ReportWriter {
  /** Rules shown in the by-rule chart; the table lists all. */
  public static final int MAX_CHART_RULES = 15;
  private static final int MAX_INPUTS_SHOWN = 10;

  private final ReportContext context;
  private final Writer out;
  private final Spool rows;
  private final Map<String, int[]> byRule = new HashMap<>();
  private final List<ScanError> errors = new ArrayList<>();
  private int index;
  private int passing;

  /** A writer to {@code out}; the stream is closed by {@link #close()}. */
  public HtmlReportWriter(ReportContext context, OutputStream out) {
    this(context, out, new Spool());
  }

  HtmlReportWriter(ReportContext context, OutputStream out, Spool rows) {
    this.context = context;
    this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    this.rows = rows;
  }

  @Override
  public String format() {
    return "html";
  }

  @Override
  public void accept(FileResult result) {
    result.error().ifPresent(errors::add);
    try {
      for (EvaluationResult r : result.results()) {
        for (Finding f : r.findings()) {
          int[] c = byRule.computeIfAbsent(f.ruleId(), k -> new int[4]);
          c[f.isSuppressed() ? 3 : 2 - f.severity().ordinal()]++;
        }
        if (r.maxSeverity().isEmpty()) {
          passing++;
        }
        vmRow(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // one VM

  private void vmRow(EvaluationResult r) throws IOException {
    int i = ++index;
    Map<Severity, Integer> counts = Reports.counts(r);
    int suppressed = Reports.suppressed(r);
    String status = r.maxSeverity().map(Reports::lower).orElse("pass");
    int rank = r.maxSeverity().map(s -> s.ordinal() + 1).orElse(0);
    Set<String> ruleIds = new LinkedHashSet<>();
    r.findings().forEach(f -> ruleIds.add(f.ruleId()));
    String search = (r.vmName() + " " + r.source() + " " + r.profileId() + " " + String.join(" ", ruleIds))
        .toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(512);
    sb.append("<tbody class=\"vm\" data-index=\"").append(i)
        .append("\" data-name=\"").append(esc(r.vmName()))
        .append("\" data-source=\"").append(esc(r.source()))
        .append("\" data-profile=\"").append(esc(r.profileId()))
        .append("\" data-errors=\"").append(counts.get(Severity.ERROR))
        .append("\" data-warnings=\"").append(counts.get(Severity.WARNING))
        .append("\" data-info=\"").append(counts.get(Severity.INFO))
        .append("\" data-suppressed=\"").append(suppressed)
        .append("\" data-status=\"").append(rank)
        .append("\" data-search=\"").append(esc(search)).append("\">\n");
    sb.append("<tr><th scope=\"row\">");
    boolean details = !r.findings().isEmpty();
    if (details) {
      sb.append("<button type=\"button\" class=\"toggle\" aria-expanded=\"true\" aria-controls=\"vm-").append(i)
          .append("\">").append(esc(r.vmName())).append("</button>");
    } else {
      sb.append("<span class=\"name\">").append(esc(r.vmName())).append("</span>");
    }
    sb.append("</th><td class=\"src\">").append(esc(r.source())).append("</td><td>").append(esc(r.profileId()));
    r.profileReason().ifPresent(reason -> sb.append("<span class=\"why\" title=\"").append(esc("auto: " + reason))
        .append("\"> (auto)</span>"));
    sb.append("</td>");
    num(sb, counts.get(Severity.ERROR), "error");
    num(sb, counts.get(Severity.WARNING), "warning");
    num(sb, counts.get(Severity.INFO), "info");
    num(sb, suppressed, "suppressed");
    sb.append("<td><span class=\"status ").append(status).append("\">").append(status).append("</span></td></tr>\n");
    if (details) {
      sb.append("<tr class=\"details\" id=\"vm-").append(i).append("\"><td colspan=\"8\"><ul class=\"findings\">\n");
      for (Severity s : Reports.DESCENDING) {
        for (Finding f : r.findings()) {
          if (f.severity() == s && !f.isSuppressed()) {
            finding(sb, f);
          }
        }
      }
      for (Finding f : r.findings()) {
        if (f.isSuppressed()) {
          finding(sb, f);
        }
      }
      sb.append("</ul></td></tr>\n");
    }
    sb.append("</tbody>\n");
    rows.write(sb.toString());
  }

  private static void num(StringBuilder sb, int n, String cls) {
    sb.append("<td class=\"num").append(n > 0 ? " " + cls : " zero").append("\">").append(n).append("</td>");
  }

  private void finding(StringBuilder sb, Finding f) {
    String sev = f.isSuppressed() ? "suppressed" : Reports.lower(f.severity());
    sb.append("<li class=\"finding ").append(sev).append("\"><span class=\"sev ").append(sev).append("\">")
        .append(f.isSuppressed() ? "suppressed " + Reports.lower(f.severity()) : Reports.lower(f.severity()))
        .append("</span> <code class=\"rule\"");
    Reports.summary(context, f.ruleId()).ifPresent(s -> sb.append(" title=\"").append(esc(s)).append('"'));
    sb.append('>').append(esc(f.ruleId())).append("</code> <span class=\"msg\">").append(esc(f.message()))
        .append("</span>\n<div class=\"where\">");
    f.location().ifPresent(l -> sb.append("<span>at <code>").append(esc(l.toString())).append("</code></span> "));
    sb.append("<span>subject <code>").append(esc(f.subject().toString())).append("</code></span>");
    f.layer().ifPresent(l -> sb.append(" <span>layer <code>").append(esc(l)).append("</code></span>"));
    sb.append("</div>\n");
    if (f.suppression().isPresent()) {
      Suppression s = f.suppression().get();
      sb.append("<div class=\"why\">Suppressed (").append(s.origin().name().toLowerCase(Locale.ROOT)).append(")");
      s.location().ifPresent(l -> sb.append(" at <code>").append(esc(l.toString())).append("</code>"));
      sb.append(": ").append(esc(s.reason()));
      s.expires().ifPresent(d -> sb.append(" <span class=\"until\">until ").append(d).append("</span>"));
      sb.append("</div>\n");
    }
    if (!f.fixes().isEmpty()) {
      sb.append("<ul class=\"fixes\">");
      for (FixAction a : f.fixes()) {
        sb.append("<li><span class=\"fixlabel").append(a.automatable() ? "\">fix" : " manual\">manual")
            .append("</span> ");
        if (a instanceof ManualStep m) {
          sb.append(esc(m.title())).append(m.instructions().isBlank() ? "" : " — " + esc(m.instructions()));
        } else {
          sb.append(esc(a.describe()));
        }
        if (a.requiresPowerOff()) {
          sb.append(" <span class=\"poweroff\">power off first</span>");
        }
        sb.append("</li>");
      }
      sb.append("</ul>\n");
    }
    sb.append("</li>\n");
  }

  // ---------------------------------------------------------------------------------------------------------
  // the page

  @Override
  public void finished(ScanSummary s) {
    try {
      StringBuilder sb = new StringBuilder(16_384);
      String version = context.toolVersion();
      sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src '")
          .append(STYLE_HASH).append("'; script-src '").append(SCRIPT_HASH)
          .append("'; base-uri 'none'; form-action 'none'\">\n")
          .append("<meta name=\"generator\" content=\"nestcheck ").append(esc(version)).append("\">\n")
          .append("<link rel=\"icon\" href=\"data:,\">\n")
          .append("<title>nestcheck report</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
      sb.append("<a class=\"skip\" href=\"#vms-h\">Skip to the VM table</a>\n");
      sb.append("<header>\n<h1>nestcheck report</h1>\n<p class=\"meta\">nestcheck ").append(esc(version))
          .append(" · profile <code>").append(esc(context.profile())).append("</code> · <time datetime=\"")
          .append(Reports.iso(Reports.time(context, s.startedAt()))).append("\">")
          .append(Reports.human(Reports.time(context, s.startedAt()))).append("</time>");
      if (!context.inputs().isEmpty()) {
        sb.append(" · inputs: ");
        List<String> inputs = context.inputs();
        for (int i = 0; i < Math.min(inputs.size(), MAX_INPUTS_SHOWN); i++) {
          sb.append(i > 0 ? ", " : "").append("<code>").append(esc(inputs.get(i))).append("</code>");
        }
        if (inputs.size() > MAX_INPUTS_SHOWN) {
          sb.append(" and ").append(inputs.size() - MAX_INPUTS_SHOWN).append(" more");
        }
      }
      sb.append("</p>\n</header>\n<main>\n");
      if (s.partial()) {
        sb.append("<div class=\"banner\" role=\"alert\"><strong>Partial scan.</strong> The scan was cancelled before ")
            .append("every input was read; the numbers below are incomplete.</div>\n");
      }
      summary(sb, s);
      if (!s.scanFindings().isEmpty()) {
        sb.append("<section aria-labelledby=\"scan-h\">\n<h2 id=\"scan-h\">About this scan</h2>\n<ul class=\"findings scan\">\n");
        for (Finding f : s.scanFindings()) {
          finding(sb, f);
        }
        sb.append("</ul>\n</section>\n");
      }
      charts(sb, s);
      ruleTable(sb);
      sb.append("<section aria-labelledby=\"vms-h\">\n<h2 id=\"vms-h\">VMs</h2>\n<div class=\"controls\">\n")
          .append("<label for=\"filter\">Filter</label> <input type=\"search\" id=\"filter\" ")
          .append("placeholder=\"VM, source, profile or rule id\" autocomplete=\"off\">\n")
          .append("<label for=\"severity\">Show</label> <select id=\"severity\">")
          .append("<option value=\"0\">all VMs</option><option value=\"1\">VMs with findings</option>")
          .append("<option value=\"2\">VMs with warnings or errors</option><option value=\"3\">VMs with errors</option>")
          .append("</select>\n<button type=\"button\" id=\"expand\">Expand all</button> ")
          .append("<button type=\"button\" id=\"collapse\">Collapse all</button>\n")
          .append("<span id=\"count\" aria-live=\"polite\">").append(Reports.plural(s.vms(), "VM")).append("</span>\n</div>\n")
          .append("<table id=\"vms\" class=\"vms\">\n<caption>Every VM scanned. Select a column heading to sort, ")
          .append("a VM name to show or hide its findings.</caption>\n<thead><tr>");
      String[][] cols = {{"name", "VM"}, {"source", "Source"}, {"profile", "Profile"}, {"errors", "Errors"},
          {"warnings", "Warnings"}, {"info", "Info"}, {"suppressed", "Suppressed"}, {"status", "Status"}};
      for (String[] c : cols) {
        sb.append("<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" class=\"sort\" data-key=\"")
            .append(c[0]).append("\">").append(c[1]).append("</button></th>");
      }
      sb.append("</tr></thead>\n");
      out.write(sb.toString());
      rows.copyTo(out);
      sb.setLength(0);
      sb.append("</table>\n<p id=\"empty\" class=\"empty\" hidden>No VM matches the filter.</p>\n</section>\n");
      if (!errors.isEmpty()) {
        sb.append("<section aria-labelledby=\"errors-h\">\n<h2 id=\"errors-h\">Unreadable inputs</h2>\n")
            .append("<table class=\"errors\">\n<thead><tr><th scope=\"col\">Input</th><th scope=\"col\">Kind</th>")
            .append("<th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n");
        for (ScanError e : errors) {
          sb.append("<tr><td><code>").append(esc(e.location().toString())).append("</code></td><td>")
              .append(e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("</td><td>")
              .append(esc(e.reason())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</section>\n");
      }
      sb.append("</main>\n<footer>Made by nestcheck ").append(esc(version)).append(" · ")
          .append(esc(Version.homepage())).append("</footer>\n<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
      out.write(sb.toString());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void summary(StringBuilder sb, ScanSummary s) {
    sb.append("<section aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n<dl class=\"cards\">\n");
    card(sb, "VMs", s.vms(), "");
    card(sb, "Errors", s.findings().get(Severity.ERROR), "error");
    card(sb, "Warnings", s.findings().get(Severity.WARNING), "warning");
    card(sb, "Info", s.findings().get(Severity.INFO), "info");
    card(sb, "Suppressed", s.suppressed(), "suppressed");
    card(sb, "Unreadable inputs", s.errors(), s.errors() > 0 ? "error" : "");
    card(sb, "VMs passing", passing, "pass");
    sb.append("</dl>\n<p class=\"note\">").append(Reports.plural(s.targets(), "input")).append(" scanned. Findings count ")
        .append("unsuppressed findings only; a VM passes when it has none.</p>\n</section>\n");
  }

  private static void card(StringBuilder sb, String label, int n, String cls) {
    sb.append("<div class=\"card ").append(n > 0 ? cls : "zero").append("\"><dt>").append(label).append("</dt><dd>")
        .append(n).append("</dd></div>\n");
  }

  private List<Map.Entry<String, int[]>> rulesByWeight() {
    List<Map.Entry<String, int[]>> list = new ArrayList<>(byRule.entrySet());
    // most severe first (errors, then warnings, then info), then the most findings, then the id
    list.sort(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> e.getValue()[0] > 0 ? 0 : e.getValue()[1] > 0 ? 1 : e.getValue()[2] > 0 ? 2 : 3)
        .thenComparing(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> e.getValue()[0] + e.getValue()[1] + e.getValue()[2]).reversed())
        .thenComparing(Map.Entry::getKey));
    return list;
  }

  private void charts(StringBuilder sb, ScanSummary s) {
    sb.append("<section class=\"charts\" aria-labelledby=\"charts-h\">\n<h2 id=\"charts-h\">Findings</h2>\n");
    // by severity
    int[] values = {s.findings().get(Severity.ERROR), s.findings().get(Severity.WARNING), s.findings().get(Severity.INFO),
        s.suppressed()};
    String[] labels = {"Errors", "Warnings", "Info", "Suppressed"};
    String[] classes = {"error", "warning", "info", "suppressed"};
    int max = 1;
    for (int v : values) {
      max = Math.max(max, v);
    }
    int labelW = 110;
    int barW = 330;
    int rowH = 30;
    int width = labelW + barW + 60;
    int height = values.length * rowH + 10;
    StringBuilder desc = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      desc.append(i > 0 ? ", " : "").append(labels[i]).append(": ").append(values[i]);
    }
    sb.append("<figure class=\"chart\" id=\"chart-severity\">\n<figcaption>By severity</figcaption>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-labelledby=\"sev-t sev-d\">\n<title id=\"sev-t\">Findings by severity</title>\n")
        .append("<desc id=\"sev-d\">").append(desc).append("</desc>\n");
    for (int i = 0; i < values.length; i++) {
      int y = 5 + i * rowH;
      int w = bar(values[i], max, barW);
      sb.append("<g><text x=\"").append(labelW - 8).append("\" y=\"").append(y + 19)
          .append("\" text-anchor=\"end\" class=\"label\">").append(labels[i]).append("</text>")
          .append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 4).append("\" width=\"").append(w)
          .append("\" height=\"20\" rx=\"3\" class=\"bar ").append(classes[i]).append("\"/>")
          .append("<text x=\"").append(labelW + w + 6).append("\" y=\"").append(y + 19).append("\" class=\"value\">")
          .append(values[i]).append("</text></g>\n");
    }
    sb.append("</svg>\n</figure>\n");

    // by rule, stacked by severity
    List<Map.Entry<String, int[]>> rules = rulesByWeight();
    sb.append("<figure class=\"chart\" id=\"chart-rules\">\n<figcaption>By rule");
    if (rules.size() > MAX_CHART_RULES) {
      sb.append(" (the ").append(MAX_CHART_RULES).append(" most severe and frequent of ").append(rules.size()).append(')');
    }
    sb.append("</figcaption>\n");
    List<Map.Entry<String, int[]>> shown = rules.subList(0, Math.min(rules.size(), MAX_CHART_RULES));
    if (shown.isEmpty()) {
      sb.append("<p class=\"none\">No findings.</p>\n</figure>\n</section>\n");
      return;
    }
    int rmax = 1;
    for (Map.Entry<String, int[]> e : shown) {
      int[] c = e.getValue();
      rmax = Math.max(rmax, c[0] + c[1] + c[2] + c[3]);
    }
    int rh = 26;
    int rheight = shown.size() * rh + 10;
    StringBuilder rdesc = new StringBuilder();
    for (Map.Entry<String, int[]> e : shown) {
      int[] c = e.getValue();
      rdesc.append(rdesc.length() > 0 ? "; " : "").append(esc(e.getKey())).append(": ").append(c[0]).append(" errors, ")
          .append(c[1]).append(" warnings, ").append(c[2]).append(" info, ").append(c[3]).append(" suppressed");
    }
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(rheight)
        .append("\" width=\"").append(width).append("\" height=\"").append(rheight)
        .append("\" role=\"img\" aria-labelledby=\"rule-t rule-d\">\n<title id=\"rule-t\">Findings by rule</title>\n")
        .append("<desc id=\"rule-d\">").append(rdesc).append("</desc>\n");
    for (int i = 0; i < shown.size(); i++) {
      Map.Entry<String, int[]> e = shown.get(i);
      int[] c = e.getValue();
      int y = 5 + i * rh;
      String tip = e.getKey() + Reports.summary(context, e.getKey()).map(t -> ": " + t).orElse("") + " (" + c[0]
          + " errors, " + c[1] + " warnings, " + c[2] + " info, " + c[3] + " suppressed)";
      sb.append("<g><title>").append(esc(tip)).append("</title><text x=\"").append(labelW - 8).append("\" y=\"")
          .append(y + 17).append("\" text-anchor=\"end\" class=\"label mono\">").append(esc(Reports.abbreviate(e.getKey(), 14)))
          .append("</text>");
      int x = labelW;
      int total = 0;
      for (int k = 0; k < 4; k++) {
        if (c[k] == 0) {
          continue;
        }
        int w = bar(c[k], rmax, barW);
        sb.append("<rect x=\"").append(x).append("\" y=\"").append(y + 4).append("\" width=\"").append(w)
            .append("\" height=\"18\" class=\"bar ").append(classes[k]).append("\"/>");
        x += w;
        total += c[k];
      }
      sb.append("<text x=\"").append(x + 6).append("\" y=\"").append(y + 17).append("\" class=\"value\">").append(total)
          .append("</text></g>\n");
    }
    sb.append("</svg>\n<p class=\"legend\"><span class=\"key error\"></span>error <span class=\"key warning\"></span>warning ")
        .append("<span class=\"key info\"></span>info <span class=\"key suppressed\"></span>suppressed</p>\n")
        .append("</figure>\n</section>\n");
  }

  private static int bar(int value, int max, int width) {
    if (value <= 0) {
      return 0;
    }
    return Math.max(2, (int) Math.round((double) value * width / max));
  }

  private void ruleTable(StringBuilder sb) {
    List<Map.Entry<String, int[]>> rules = rulesByWeight();
    if (rules.isEmpty()) {
      return;
    }
    sb.append("<section aria-labelledby=\"rules-h\">\n<h2 id=\"rules-h\">Rules</h2>\n<table class=\"rules\">\n")
        .append("<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Summary</th><th scope=\"col\">Errors</th>")
        .append("<th scope=\"col\">Warnings</th><th scope=\"col\">Info</th><th scope=\"col\">Suppressed</th></tr></thead>\n<tbody>\n");
    for (Map.Entry<String, int[]> e : rules) {
      int[] c = e.getValue();
      sb.append("<tr><th scope=\"row\"><code>").append(esc(e.getKey())).append("</code></th><td>")
          .append(esc(Reports.summary(context, e.getKey()).orElse(""))).append("</td>");
      num(sb, c[0], "error");
      num(sb, c[1], "warning");
      num(sb, c[2], "info");
      num(sb, c[3], "suppressed");
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n</section>\n");
  }

  /** Escapes text for HTML text and (double- or single-quoted) attribute values. */
  static String esc(String s) {
    String t = JunitReportWriter.clean(s);
    StringBuilder sb = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    try {
      rows.close();
    } finally {
      out.close();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // the style and the script (constant, so the Content-Security-Policy can name them by hash)

  static final String STYLE = """
      :root{--fg:#1d2330;--muted:#5b6475;--bg:#fff;--panel:#f4f6f9;--line:#d9dee7;--error:#c62828;--warning:#a35f00;\
      --info:#1f5fbf;--suppressed:#8a93a3;--pass:#2e7d32;--focus:#1f5fbf}
      @media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a3abba;--bg:#14171d;--panel:#1d2129;--line:#333a46;\
      --error:#ff6b6b;--warning:#f0a84a;--info:#7fb0ff;--suppressed:#8a93a3;--pass:#6cc070;--focus:#7fb0ff}}
      *{box-sizing:border-box}
      body{margin:0;padding:0 24px 40px;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",\
      "Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
      code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:.92em}
      h1{font-size:1.6em;margin:20px 0 4px}h2{font-size:1.2em;margin:28px 0 10px}
      .meta,.note,.legend{color:var(--muted);margin:0 0 8px}.note{margin-top:10px}
      .skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px 8px}
      .banner{border:2px solid var(--error);background:color-mix(in srgb,var(--error) 12%,var(--bg));padding:10px 14px;\
      border-radius:6px;margin:16px 0}
      .cards{display:flex;flex-wrap:wrap;gap:12px;margin:0}
      .card{background:var(--panel);border:1px solid var(--line);border-left:5px solid var(--line);border-radius:6px;\
      padding:8px 14px;min-width:130px}
      .card dt{color:var(--muted);font-size:.85em}.card dd{margin:0;font-size:1.6em;font-weight:600}
      .card.error{border-left-color:var(--error)}.card.warning{border-left-color:var(--warning)}
      .card.info{border-left-color:var(--info)}.card.suppressed{border-left-color:var(--suppressed)}
      .card.pass{border-left-color:var(--pass)}
      .charts{display:flex;flex-wrap:wrap;gap:0 32px}.charts h2{flex-basis:100%}
      figure.chart{margin:0 0 12px}figcaption{font-weight:600;margin-bottom:4px}
      svg{max-width:100%;height:auto}
      svg .label,svg .value{fill:var(--fg);font-size:13px}svg .value{fill:var(--muted)}
      .bar.error,.key.error{fill:var(--error);background:var(--error)}
      .bar.warning,.key.warning{fill:var(--warning);background:var(--warning)}
      .bar.info,.key.info{fill:var(--info);background:var(--info)}
      .bar.suppressed,.key.suppressed{fill:var(--suppressed);background:var(--suppressed)}
      .key{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 4px 0 10px}
      table{border-collapse:collapse;width:100%;margin:8px 0}
      caption{text-align:left;color:var(--muted);padding:4px 0}
      th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
      thead th{background:var(--panel);position:sticky;top:0;white-space:nowrap}
      td.num{text-align:right;font-variant-numeric:tabular-nums}td.num.zero{color:var(--muted)}
      td.num.error{color:var(--error);font-weight:600}td.num.warning{color:var(--warning);font-weight:600}
      td.num.info{color:var(--info)}
      .src{word-break:break-all;color:var(--muted)}
      button{font:inherit;color:inherit}
      button.sort{background:none;border:0;padding:0;font-weight:600;cursor:pointer}
      th[aria-sort=ascending] button.sort::after{content:" ▲"}th[aria-sort=descending] button.sort::after{content:" ▼"}
      button.toggle{background:none;border:0;padding:0;font-weight:600;cursor:pointer;text-align:left;\
      overflow-wrap:anywhere}
      button.toggle::before{content:"▸ ";color:var(--muted)}button.toggle[aria-expanded=true]::before{content:"▾ "}
      button:focus-visible,input:focus-visible,select:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
      .controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:6px}
      .controls input,.controls select,.controls button{padding:4px 8px;border:1px solid var(--line);border-radius:4px;\
      background:var(--bg)}
      .controls input{min-width:260px}#count{color:var(--muted)}
      .status{display:inline-block;padding:0 8px;border-radius:10px;font-size:.85em;font-weight:600;color:#fff}
      .status.error{background:var(--error)}.status.warning{background:var(--warning)}.status.info{background:var(--info)}
      .status.pass{background:var(--pass)}
      @media (prefers-color-scheme:dark){.status{color:#111}}
      tr.details>td{background:var(--panel)}
      ul.findings{list-style:none;margin:0;padding:0}
      li.finding{margin:0 0 10px;padding-left:10px;border-left:4px solid var(--line)}
      li.finding.error{border-left-color:var(--error)}li.finding.warning{border-left-color:var(--warning)}
      li.finding.info{border-left-color:var(--info)}li.finding.suppressed{border-left-color:var(--suppressed);color:var(--muted)}
      .sev{font-size:.8em;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
      .sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}
      .sev.suppressed{color:var(--suppressed)}
      .where,.why{color:var(--muted);font-size:.9em}.where span{margin-right:10px}
      ul.fixes{margin:4px 0 0;padding-left:18px}
      .fixlabel{font-size:.8em;font-weight:700;text-transform:uppercase;color:var(--pass);margin-right:4px}
      .fixlabel.manual{color:var(--warning)}
      .poweroff{font-size:.85em;border:1px solid var(--line);border-radius:8px;padding:0 6px;color:var(--muted)}
      .empty{color:var(--muted)}
      footer{margin-top:32px;color:var(--muted);font-size:.85em}
      [hidden]{display:none !important}
      """;

  static final String SCRIPT = """
      (function () {
        'use strict';
        var table = document.getElementById('vms');
        var filter = document.getElementById('filter');
        var severity = document.getElementById('severity');
        var count = document.getElementById('count');
        var empty = document.getElementById('empty');
        var numeric = {errors: 1, warnings: 1, info: 1, suppressed: 1, status: 1};
        var sortKey = null;
        var sortDir = 1;
        function bodies() { return Array.prototype.slice.call(table.tBodies); }
        function toggles() { return Array.prototype.slice.call(table.querySelectorAll('button.toggle')); }
        function show(button, open) {
          var details = document.getElementById(button.getAttribute('aria-controls'));
          button.setAttribute('aria-expanded', open ? 'true' : 'false');
          if (details) { details.hidden = !open; }
        }
        toggles().forEach(function (b) {
          show(b, false);
          b.addEventListener('click', function () { show(b, b.getAttribute('aria-expanded') !== 'true'); });
        });
        document.getElementById('expand').addEventListener('click', function () {
          toggles().forEach(function (b) { show(b, true); });
        });
        document.getElementById('collapse').addEventListener('click', function () {
          toggles().forEach(function (b) { show(b, false); });
        });
        function sortBy(key, dir) {
          sortKey = key;
          sortDir = dir;
          var rows = bodies();
          rows.sort(function (a, b) {
            var x = a.dataset[key];
            var y = b.dataset[key];
            var c = numeric[key] ? Number(x) - Number(y) : x.localeCompare(y, undefined, {numeric: true, sensitivity: 'base'});
            return c !== 0 ? c * dir : Number(a.dataset.index) - Number(b.dataset.index);
          });
          rows.forEach(function (r) { table.appendChild(r); });
          Array.prototype.slice.call(table.tHead.querySelectorAll('th')).forEach(function (th) {
            var b = th.querySelector('button.sort');
            th.setAttribute('aria-sort', b && b.dataset.key === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
          });
        }
        Array.prototype.slice.call(table.tHead.querySelectorAll('button.sort')).forEach(function (b) {
          b.addEventListener('click', function () {
            var key = b.dataset.key;
            sortBy(key, key === sortKey ? -sortDir : (numeric[key] ? -1 : 1));
          });
        });
        function apply() {
          var q = filter.value.trim().toLowerCase();
          var min = Number(severity.value);
          var shown = 0;
          var all = bodies();
          all.forEach(function (b) {
            var ok = (q === '' || b.dataset.search.indexOf(q) >= 0) && Number(b.dataset.status) >= min;
            b.hidden = !ok;
            if (ok) { shown++; }
          });
          count.textContent = shown + ' of ' + all.length + ' VMs';
          empty.hidden = shown > 0;
          return shown;
        }
        filter.addEventListener('input', apply);
        severity.addEventListener('change', apply);
        apply();
        if (window.location.hash === '#expanded') {
          toggles().forEach(function (b) { show(b, true); });
        }
        if (window.location.hash === '#selftest') {
          var names = function () { return bodies().map(function (b) { return b.dataset.name; }); };
          var result = {rows: bodies().length};
          sortBy('errors', -1);
          result.byErrors = names();
          sortBy('name', 1);
          result.byName = names();
          result.ariaSort = table.tHead.querySelector('th[aria-sort=ascending] button').dataset.key;
          filter.value = 'esxi';
          result.filterEsxi = apply();
          filter.value = '';
          severity.value = '3';
          result.withErrors = apply();
          severity.value = '0';
          result.all = apply();
          var first = toggles()[0];
          first.click();
          result.expanded = !document.getElementById(first.getAttribute('aria-controls')).hidden;
          result.count = count.textContent;
          result.scripts = document.getElementsByTagName('script').length;
          result.images = document.getElementsByTagName('img').length;
          document.body.setAttribute('data-selftest', JSON.stringify(result));
        }
      })();
      """;

  static final String STYLE_HASH = hash(STYLE);
  static final String SCRIPT_HASH = hash(SCRIPT);

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
