package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validates the SARIF report with Microsoft's SARIF Multitool ({@code validate}, the SARIF rules and the GitHub
 * code-scanning rules, every level): no error, no warning, and only notes a file-based tool cannot act on.
 */
class SarifValidationTest {
  /**
   * Notes the report may draw: message strings with arguments (we write plain text, which GitHub needs anyway),
   * version-control provenance (unknown to a file scan), unreachable URIs (no network in tests), nestcheck's own
   * rule-id style, code snippets and context regions (the scan keeps no file text), and an absolute file URI (the
   * synthetic scan has an input outside the working directory on purpose).
   */
  static final Set<String> ALLOWED_NOTES =
      Set.of("SARIF2002", "SARIF2003", "SARIF2006", "SARIF2009", "SARIF2010", "SARIF2011", "SARIF2016");

  private static Path tool;

  @TempDir Path dir;

  @BeforeAll
  static void findTool() {
    tool = ExternalTools.sarifMultitool().orElse(null);
    if (tool == null) {
      ExternalTools.missing("Microsoft's SARIF Multitool (npm package @microsoft/sarif-multitool)");
    }
  }

  @Test
  void theReportOfTheSyntheticScanValidates() throws Exception {
    String sarif = SyntheticScan.render(
        out -> new SarifReportWriter(SyntheticScan.context(), out, "/work/scan"), SyntheticScan.results(), true);
    Map<String, List<String>> byLevel = validate(sarif);

    assertThat(byLevel.get("error")).as("validator errors").isEmpty();
    assertThat(byLevel.get("warning")).as("validator warnings").isEmpty();
    assertThat(byLevel.get("note")).as("validator notes")
        .allSatisfy(n -> assertThat(n.substring(0, n.indexOf(' '))).isIn(ALLOWED_NOTES));
  }

  @Test
  void theValidatorCatchesWhatAGoodToolWouldFix() throws Exception {
    // a control: a log without tool version, information URI, rule help or region must draw those complaints,
    // or the assertions above prove nothing
    String bad = """
        {"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{
          "tool":{"driver":{"name":"nestcheck","rules":[{"id":"NV-CPU-001"}]}},
          "results":[{"ruleId":"NV-CPU-001","level":"error","message":{"text":"no period"},
            "locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.vmx"}}}]}]}]}
        """;
    Map<String, List<String>> byLevel = validate(bad);
    List<String> all = new ArrayList<>();
    byLevel.values().forEach(all::addAll);
    assertThat(all).anyMatch(s -> s.startsWith("SARIF2005 ")) // tool version / informationUri
        .anyMatch(s -> s.startsWith("SARIF2012 ")) // rule help / name
        .anyMatch(s -> s.startsWith("SARIF2017 ")) // region
        .anyMatch(s -> s.startsWith("GH2012 ")); // rule descriptions required by GitHub
  }

  /** Runs the validator; returns "RULE message" strings by effective level (error, warning, note, none). */
  private Map<String, List<String>> validate(String sarif) throws Exception {
    Path in = dir.resolve("report.sarif");
    Path out = dir.resolve("validation.sarif");
    Files.writeString(in, sarif, StandardCharsets.UTF_8);
    ExternalTools.Run run = ExternalTools.run(List.of(tool.toString(), "validate", in.toString(), "--output",
        out.toString(), "--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note"), dir, 300);
    assertThat(out).as("validator output; exit %d, stdout:%n%s%nstderr:%n%s", run.exitCode(), run.stdout(), run.stderr())
        .exists();
    JsonNode log = new ObjectMapper().readTree(out.toFile());
    JsonNode runNode = log.path("runs").path(0);
    assertThat(runNode.path("invocations").path(0).path("executionSuccessful").asBoolean())
        .as("the validator ran successfully: %s", run.stdout()).isTrue();
    Map<String, String> defaultLevels = new HashMap<>();
    for (JsonNode rule : runNode.path("tool").path("driver").path("rules")) {
      defaultLevels.put(rule.path("id").asText(), rule.path("defaultConfiguration").path("level").asText("warning"));
    }
    Map<String, List<String>> byLevel = new TreeMap<>();
    for (String level : List.of("error", "warning", "note", "none")) {
      byLevel.put(level, new ArrayList<>());
    }
    for (JsonNode r : runNode.path("results")) {
      String id = r.path("ruleId").asText();
      String level = r.has("level") ? r.path("level").asText() : defaultLevels.getOrDefault(id, "warning");
      String text = r.path("message").has("text") ? r.path("message").path("text").asText()
          : r.path("message").path("id").asText() + " " + r.path("message").path("arguments");
      byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(id + " " + text);
    }
    // the validator's console summary, for the report of this test
    System.out.println("SARIF Multitool validate: " + summary(byLevel));
    return byLevel;
  }

  private static String summary(Map<String, List<String>> byLevel) {
    Map<String, Integer> counts = new TreeMap<>();
    byLevel.forEach((level, list) -> list.forEach(s -> counts.merge(level + " " + s.substring(0, s.indexOf(' ')), 1, Integer::sum)));
    return counts.isEmpty() ? "no results" : counts.toString();
  }
}
