package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium: the DOM after the page's script ran (table rows, charts, sorting,
 * filtering and expanding through the {@code #selftest} hook, no injected markup alive), and a screenshot saved
 * as {@code <build dir>/report-screenshot.png} for people to look at.
 */
class HtmlBrowserTest {
  private static Path chromium;

  @TempDir Path dir;

  @BeforeAll
  static void findChromium() {
    chromium = ExternalTools.chromium().orElse(null);
    if (chromium == null) {
      ExternalTools.missing("Chromium (Debian package chromium)");
    }
  }

  private List<String> command(String... extra) {
    List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--user-data-dir=" + dir.resolve("profile")));
    cmd.addAll(List.of(extra));
    return cmd;
  }

  private Path page(boolean partial) throws Exception {
    Path html = dir.resolve("report.html");
    Files.writeString(html, SyntheticScan.render("html", partial), StandardCharsets.UTF_8);
    return html;
  }

  @Test
  void theScriptSortsFiltersAndExpandsAndNothingInjectedRuns() throws Exception {
    Path html = page(false);
    ExternalTools.Run run = ExternalTools.run(command("--dump-dom", html.toUri() + "#selftest"), dir, 180);
    String dom = run.stdout();
    assertThat(dom).as("chromium printed no DOM; exit %d, stderr:%n%s", run.exitCode(), run.stderr()).contains("</html>");

    Matcher m = Pattern.compile("data-selftest=\"([^\"]*)\"").matcher(dom);
    assertThat(m.find()).as("the page's script ran and recorded its self test").isTrue();
    JsonNode self = new ObjectMapper().readTree(unescape(m.group(1)));
    assertThat(self.path("rows").asInt()).isEqualTo(6);
    assertThat(names(self.path("byErrors"))).containsExactly("esxi-lab", SyntheticScan.HOSTILE_VM, "pair-a", "pair-b",
        "cna-abs", "healthy");
    assertThat(names(self.path("byName"))).containsExactly(SyntheticScan.HOSTILE_VM, "cna-abs", "esxi-lab", "healthy",
        "pair-a", "pair-b");
    assertThat(self.path("ariaSort").asText()).isEqualTo("name");
    assertThat(self.path("filterEsxi").asInt()).isEqualTo(2); // esxi-lab, and healthy by its profile esxi-8
    assertThat(self.path("withErrors").asInt()).isEqualTo(5);
    assertThat(self.path("all").asInt()).isEqualTo(6);
    assertThat(self.path("expanded").asBoolean()).isTrue();
    assertThat(self.path("count").asText()).isEqualTo("6 of 6 VMs");

    // the DOM after scripts: charts present, every VM a row group, details collapsed except the one opened
    assertThat(dom).contains("id=\"chart-severity\"", "id=\"chart-rules\"");
    assertThat(Pattern.compile("<svg[^>]*role=\"img\"").matcher(dom).results().count()).isEqualTo(2);
    assertThat(Pattern.compile("<tbody class=\"vm\"").matcher(dom).results().count()).isEqualTo(6);
    assertThat(Pattern.compile("<tr class=\"details\" id=\"vm-\\d+\" hidden=\"\"").matcher(dom).results().count()).isEqualTo(4);
    // the hostile names are text: no element was created from them and their handlers never ran
    assertThat(self.path("scripts").asInt()).as("script elements").isEqualTo(1);
    assertThat(self.path("images").asInt()).as("img elements").isZero();
    assertThat(dom).doesNotContain("data-pwned");
    assertThat(dom).contains("&lt;script&gt;document.body.dataset.pwned='1'&lt;/script&gt;");
  }

  @Test
  void screenshot() throws Exception {
    Path html = page(true);
    Path shot = ExternalTools.buildDir().resolve("report-screenshot.png");
    Files.deleteIfExists(shot);
    ExternalTools.Run run = ExternalTools.run(command("--screenshot=" + shot, "--window-size=1280,2000",
        html.toUri() + "#expanded"), dir, 180);
    assertThat(shot).as("screenshot; exit %d, stderr:%n%s", run.exitCode(), run.stderr()).exists();
    byte[] png = Files.readAllBytes(shot);
    assertThat(png.length).isGreaterThan(20_000); // a blank page is a few kilobytes
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }

  private static List<String> names(JsonNode array) {
    List<String> l = new ArrayList<>();
    array.forEach(n -> l.add(n.asText()));
    return l;
  }

  private static String unescape(String attr) {
    return attr.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
