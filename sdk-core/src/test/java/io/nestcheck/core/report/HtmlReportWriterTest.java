package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void selfContained() {
    String html = SyntheticScan.render("html", false);
    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
    // no external references: only the page's own style and script, the icon is a data URI
    assertThat(html).doesNotContainPattern("(?i)<(link|script|img|iframe)[^>]*(src|href)=\"(?!data:)");
    assertThat(html).doesNotContainPattern("(?i)url\\(");
    assertThat(html).doesNotContainPattern("(?i)@import");
    assertThat(count(html, "<script")).isEqualTo(1);
    assertThat(count(html, "<style")).isEqualTo(1);
  }

  @Test
  void theContentSecurityPolicyNamesTheStyleAndScriptByHash() throws Exception {
    String html = SyntheticScan.render("html", false);
    Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).isTrue();
    String scriptHash = "sha256-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8)));
    Matcher s = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
    assertThat(s.find()).isTrue();
    String styleHash = "sha256-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(s.group(1).getBytes(StandardCharsets.UTF_8)));
    assertThat(html).contains("script-src '" + scriptHash + "'", "style-src '" + styleHash + "'", "default-src 'none'");
    assertThat(html).doesNotContain("unsafe-inline").doesNotContainPattern(" style=\"");
  }

  @Test
  void everythingFromInputsIsEscaped() {
    String html = SyntheticScan.render("html", false);
    assertThat(html).doesNotContain(SyntheticScan.HOSTILE_VM, SyntheticScan.HOSTILE_IMG, "<Item>");
    assertThat(html).contains("&lt;script&gt;document.body.dataset.pwned=&#39;1&#39;&lt;/script&gt;",
        "&lt;img src=x onerror=&quot;document.body.dataset.pwned=&#39;2&#39;&quot;&gt;",
        "fleet/cna &quot;lab&quot;, 测试|1.vmx", "unterminated element &lt;Item&gt;");
    assertThat(HtmlReportWriter.esc("<a href='x'>&\"\u0000")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;\uFFFD");
  }

  @Test
  void summaryChartsTableAndErrors() {
    String html = SyntheticScan.render("html", false);
    assertThat(html).contains("<dt>VMs</dt><dd>6</dd>", "<dt>Errors</dt><dd>7</dd>", "<dt>Unreadable inputs</dt><dd>2</dd>",
        "<dt>VMs passing</dt><dd>1</dd>");
    assertThat(html).contains("<desc id=\"sev-d\">Errors: 7, Warnings: 2, Info: 1, Suppressed: 3</desc>");
    assertThat(html).contains("id=\"chart-rules\"", "<title id=\"rule-t\">Findings by rule</title>");
    assertThat(count(html, "<tbody class=\"vm\"")).isEqualTo(6);
    assertThat(count(html, "<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" class=\"sort\"")).isEqualTo(8);
    assertThat(html).contains("<label for=\"filter\">", "<label for=\"severity\">", "aria-live=\"polite\"");
    assertThat(html).contains("<span class=\"fixlabel manual\">manual</span> Detach it — In the client, remove the device | then save.");
    assertThat(html).contains("<h2 id=\"scan-h\">About this scan</h2>", "Nothing is known about the outer host; host rules report &quot;unknown&quot;.");
    assertThat(html).contains("<span class=\"poweroff\">power off first</span>");
    assertThat(html).contains("Suppressed (inline) at <code>fleet/esxi-lab.vmx:9</code>: kept for training videos <span class=\"until\">until 2027-01-31</span>");
    assertThat(html).contains("<h2 id=\"errors-h\">Unreadable inputs</h2>", "<code>fleet/broken.ovf:12:5</code>");
    assertThat(html).doesNotContain("role=\"alert\"");
    assertThat(SyntheticScan.render("html", true)).contains("<div class=\"banner\" role=\"alert\"><strong>Partial scan.</strong>");
  }

  @Test
  void theRuleChartIsCapped() {
    var results = new java.util.ArrayList<io.nestcheck.core.scan.FileResult>();
    var r = io.nestcheck.api.EvaluationResult.builder().vmName("v").source("v.vmx").profileId("p");
    for (int i = 0; i < HtmlReportWriter.MAX_CHART_RULES + 5; i++) {
      r.addFindings(io.nestcheck.api.Finding.builder().ruleId(String.format("NV-X-%03d", i)).severity(io.nestcheck.api.Severity.INFO)
          .subject(io.nestcheck.api.Subject.vm("v")).message("m.").build());
    }
    results.add(new io.nestcheck.core.scan.FileResult("v.vmx", List.of(), List.of(r.build()), java.util.Optional.empty()));
    String html = SyntheticScan.render("html", results, false);
    assertThat(html).contains("By rule (the 15 most severe and frequent of 20)");
    String chart = html.substring(html.indexOf("id=\"chart-rules\""), html.indexOf("</figure>", html.indexOf("id=\"chart-rules\"")));
    assertThat(count(chart, "<g>")).isEqualTo(15);
    assertThat(count(html, "<tr><th scope=\"row\"><code>NV-X-")).isEqualTo(20);
  }

  @Test
  void aLargeReportSpillsToATemporaryFileWithTheSameOutput() {
    Spool small = new Spool(100);
    String spilled = SyntheticScan.render(out -> new HtmlReportWriter(SyntheticScan.context(), out, small),
        SyntheticScan.results(), false);
    assertThat(small.spilled()).isTrue();
    assertThat(spilled).isEqualTo(SyntheticScan.render("html", false));
  }

  @Test
  void anEmptyScan() {
    String html = SyntheticScan.render("html", List.of(), false);
    assertThat(html).contains("<p class=\"none\">No findings.</p>").doesNotContain("<tbody class=\"vm\"");
  }
}
