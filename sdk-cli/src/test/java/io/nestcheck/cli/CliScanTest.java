package io.nestcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nestcheck.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end: the example fleet, exit codes and bad input. */
class CliScanTest {
  static final Path FLEET = Path.of("../examples/fleet");

  @TempDir Path out;

  static JsonNode scanJson(Path outDir, String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of("scan", "--format", "json", "--output-dir", outDir.toString(), "--quiet"));
    a.addAll(List.of(args));
    int code = Main.run(a.toArray(String[]::new));
    JsonNode root = Json.mapper().readTree(Files.readAllBytes(outDir.resolve("nestcheck.json")));
    ((com.fasterxml.jackson.databind.node.ObjectNode) root).put("exitCode", code);
    return root;
  }

  static Map<String, TreeSet<String>> ruleIdsByFile(JsonNode report) {
    Map<String, TreeSet<String>> map = new TreeMap<>();
    for (JsonNode r : report.get("results")) {
      String file = Path.of(r.get("source").asText()).getFileName().toString();
      TreeSet<String> ids = map.computeIfAbsent(file, f -> new TreeSet<>());
      for (JsonNode f : r.get("findings")) {
        if (!f.has("suppression")) {
          ids.add(f.get("ruleId").asText() + ":" + f.get("severity").asText());
        }
      }
    }
    return map;
  }

  @Test
  void exampleFleetYieldsTheExpectedRuleIdsPerFile() throws Exception {
    JsonNode report = scanJson(out, FLEET.toString());
    Map<String, TreeSet<String>> ids = ruleIdsByFile(report);
    assertThat(ids).containsOnlyKeys("cna01-seed.vmx", "cna02-fixed.vmx", "cna03-gbk.vmx", "esxi8-flexible-nic.vmx",
        "esxi8-healthy.vmx", "esxi8-old-hardware.vmx", "esxi8-small-memory.vmx", "esxi8-vhv-off.vmx");
    assertThat(ids.get("esxi8-healthy.vmx")).containsExactly("NV-NET-006:INFO", "NV-SUP-001:INFO");
    assertThat(ids.get("esxi8-vhv-off.vmx")).containsExactly("NV-CPU-001:ERROR", "NV-NET-006:INFO", "NV-SUP-001:INFO");
    assertThat(ids.get("esxi8-small-memory.vmx")).containsExactly("NV-MEM-001:ERROR", "NV-NET-006:INFO", "NV-SUP-001:INFO");
    assertThat(ids.get("esxi8-old-hardware.vmx")).containsExactly("NV-HW-001:ERROR", "NV-NET-006:INFO", "NV-SUP-001:INFO");
    assertThat(ids.get("esxi8-flexible-nic.vmx")).contains("NV-NET-001:" + severityOf(report, "esxi8-flexible-nic.vmx", "NV-NET-001"));
    assertThat(ids.get("cna01-seed.vmx")).contains("NV-CPU-001:ERROR", "NV-MEM-001:WARNING", "NV-NET-002:WARNING",
        "NV-STO-001:WARNING", "NV-SUP-002:WARNING", "NV-SUP-001:INFO");
    assertThat(ids.get("cna02-fixed.vmx")).doesNotContain("NV-CPU-001:ERROR").contains("NV-SUP-002:WARNING");
    assertThat(ids.get("cna03-gbk.vmx")).contains("NV-FMT-001:WARNING", "NV-MEM-001:WARNING");
    // the profile came from .nestcheck.yaml for the CNA VMs, and from the guest id for the ESXi ones
    for (JsonNode r : report.get("results")) {
      String file = r.get("source").asText();
      assertThat(r.get("profileId").asText()).isEqualTo(file.contains("cna") ? "fusioncompute-cna-8" : "esxi-8");
    }
    // the inline suppression in cna03-gbk.vmx keeps the sound-card finding, marked suppressed
    assertThat(report.toString()).contains("\"origin\":\"INLINE\"");
    // host facts unknown: reported once for the whole scan, not per VM
    assertThat(report.get("scanFindings")).hasSize(1);
    assertThat(report.get("scanFindings").get(0).get("ruleId").asText()).isEqualTo("NV-HOST-007");
    assertThat(report.get("exitCode").asInt()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(report.get("errors")).isEmpty();
    assertThat(report.get("summary").get("vms").asInt()).isEqualTo(8);
  }

  private static String severityOf(JsonNode report, String file, String rule) {
    for (JsonNode r : report.get("results")) {
      if (r.get("source").asText().endsWith(file)) {
        for (JsonNode f : r.get("findings")) {
          if (f.get("ruleId").asText().equals(rule)) {
            return f.get("severity").asText();
          }
        }
      }
    }
    return "absent";
  }

  @Test
  void displayNameInGbkIsDecoded() throws Exception {
    JsonNode report = scanJson(out, FLEET.resolve("cna03-gbk.vmx").toString());
    assertThat(report.get("results").get(0).get("vmName").asText()).isEqualTo("计算节点03");
  }

  @Test
  void badFilesAreNamedWithTheirLineAndTheRestOfTheScanCompletes() throws Exception {
    JsonNode report = scanJson(out, "--profile", "esxi-8", "src/test/resources/bad",
        FLEET.resolve("esxi8-healthy.vmx").toString(), FLEET.resolve("esxi8-vhv-off.vmx").toString());
    assertThat(report.get("exitCode").asInt()).isEqualTo(ExitCodes.USAGE);
    assertThat(report.get("results")).hasSize(2);
    Map<String, JsonNode> errors = new TreeMap<>();
    report.get("errors").forEach(e -> errors.put(Path.of(e.get("location").get("file").asText()).getFileName().toString(), e));
    assertThat(errors).containsOnlyKeys("garbage.vmx", "unterminated.vmx");
    JsonNode unterminated = errors.get("unterminated.vmx");
    assertThat(unterminated.get("kind").asText()).isEqualTo("SYNTAX");
    assertThat(unterminated.get("location").get("line").asInt()).isEqualTo(3);
    assertThat(unterminated.get("reason").asText()).containsIgnoringCase("quote");
    JsonNode garbage = errors.get("garbage.vmx");
    assertThat(garbage.get("kind").asText()).isIn("ENCODING", "UNSUPPORTED_FORMAT", "SYNTAX");
    assertThat(garbage.get("location").get("file").asText()).endsWith("garbage.vmx");
  }

  @Test
  void vsphereSettingsAreCheckedBeforeConnectingReadParallelismIncluded() throws Exception {
    Path password = out.resolve("pw");
    Files.writeString(password, "secret\n");
    CommandLine cl = Main.commandLine();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err, true));
    int code = cl.execute("scan", "--vsphere", "https://vc.example.invalid/sdk", "--user", "u", "--password-file",
        password.toString(), "--thumbprint", "AA:BB", "--read-parallelism", "9");
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    // every problem at once, and no connection attempted (the host does not exist)
    assertThat(err.toString()).contains("vSphere settings:")
        .contains("the read parallelism must be between 1 and 8, got 9")
        .contains("thumbprint").doesNotContain("unreachable").doesNotContain("cannot");
  }

  @Test
  void aFailedVsphereLoginOrABadFormatLeavesNoReportFilesBehind() throws Exception {
    Path password = out.resolve("pw");
    Files.writeString(password, "secret\n");
    Path reports = out.resolve("reports");
    CommandLine cl = Main.commandLine();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setErr(new java.io.PrintWriter(err, true));
    // nothing listens on port 1: the connection is refused at once
    int code = cl.execute("scan", "--vsphere", "https://127.0.0.1:1/sdk", "--user", "u", "--password-file",
        password.toString(), "--insecure", "--format", "json,csv", "--output-dir", reports.toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("127.0.0.1:1");
    assertThat(reports).doesNotExist();

    code = Main.run("scan", "--format", "json,bogus", "--output-dir", reports.toString(), "--quiet",
        FLEET.resolve("esxi8-healthy.vmx").toString());
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(reports).doesNotExist();
  }

  @Test
  void textReportNamesTheFileAndLineOfABadVmx() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run("scan", "--profile", "esxi-8", "--color", "never", "src/test/resources/bad/unterminated.vmx",
          FLEET.resolve("esxi8-vhv-off.vmx").toString());
    } finally {
      System.setOut(old);
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(text).contains("src/test/resources/bad/unterminated.vmx:3:").contains("NV-CPU-001");
  }

  @Test
  void failOnControlsTheExitCode() throws Exception {
    Path healthy = FLEET.resolve("esxi8-healthy.vmx");
    assertThat(scanJson(out, healthy.toString()).get("exitCode").asInt()).isEqualTo(ExitCodes.OK);
    assertThat(scanJson(out, "--fail-on", "INFO", healthy.toString()).get("exitCode").asInt()).isEqualTo(ExitCodes.FINDINGS);
  }

  @Test
  void unknownProfileIsAUsageError() {
    assertThat(Main.run("scan", "--profile", "no-such-profile", FLEET.toString())).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertThat(Main.run("--version")).isEqualTo(ExitCodes.OK);
  }
}
