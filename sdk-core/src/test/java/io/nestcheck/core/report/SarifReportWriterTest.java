package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.scan.FileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SarifReportWriterTest {
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode render(boolean partial) throws Exception {
    return mapper.readTree(SyntheticScan.render(
        out -> new SarifReportWriter(SyntheticScan.context(), out, "/work/scan"), SyntheticScan.results(), partial));
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> l = new ArrayList<>();
    array.forEach(l::add);
    return l;
  }

  @Test
  void theLogHasOneRunWithTheToolAndEveryRule() throws Exception {
    JsonNode log = render(false);
    assertThat(log.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    assertThat(log.path("runs")).hasSize(1);
    JsonNode driver = log.at("/runs/0/tool/driver");
    assertThat(driver.path("name").asText()).isEqualTo("nestcheck");
    assertThat(driver.path("version").asText()).isEqualTo("0.9.0-test");
    assertThat(driver.path("semanticVersion").asText()).isEqualTo("0.9.0-test");
    assertThat(driver.path("informationUri").asText()).startsWith("https://");
    List<JsonNode> rules = list(driver.path("rules"));
    assertThat(rules).extracting(r -> r.path("id").asText()).containsExactly("NV-CPU-001", "NV-CPU-002", "NV-CPU-003",
        "NV-HOST-001", "NV-HW-001", "NV-HYG-001", "NV-MEM-001", "NV-NET-001");
    JsonNode cpu1 = rules.get(0);
    assertThat(cpu1.path("name").asText()).isEqualTo("NestedHvHidden");
    assertThat(cpu1.at("/shortDescription/text").asText()).isEqualTo("Hardware-assisted virtualization is not exposed to the guest.");
    assertThat(cpu1.at("/fullDescription/text").asText()).startsWith("A guest hypervisor needs VT-x/AMD-V.");
    assertThat(cpu1.at("/help/text").asText()).contains("Sources:", "https://knowledge.broadcom.com", "docs/domain-facts.md");
    assertThat(cpu1.at("/help/markdown").asText()).contains("<https://knowledge.broadcom.com/external/article?legacyId=1003944>");
    assertThat(cpu1.path("helpUri").asText()).isEqualTo("https://knowledge.broadcom.com/external/article?legacyId=1003944");
    assertThat(cpu1.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(list(cpu1.at("/properties/tags"))).extracting(JsonNode::asText).containsExactly("cpu", "nested");
    // a rule without an http source links to its section of docs/rules.md
    assertThat(rules.get(1).path("helpUri").asText()).endsWith("/docs/rules.md#nv-cpu-002");
    assertThat(rules.get(5).at("/defaultConfiguration/level").asText()).isEqualTo("note");
    assertThat(log.at("/runs/0/columnKind").asText()).isEqualTo("utf16CodeUnits");
  }

  @Test
  void resultsCarryLevelLocationAndRuleIndex() throws Exception {
    JsonNode run = render(false).at("/runs/0");
    List<JsonNode> results = list(run.path("results"));
    assertThat(results).hasSize(13);
    for (JsonNode r : results) {
      int index = r.path("ruleIndex").asInt();
      assertThat(run.at("/tool/driver/rules/" + index + "/id").asText()).isEqualTo(r.path("ruleId").asText());
      assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
      assertThat(r.at("/partialFingerprints/nestcheck~1v1").asText()).hasSize(32);
    }
    JsonNode first = results.get(0);
    assertThat(first.path("level").asText()).isEqualTo("error");
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("fleet/esxi-lab.vmx");
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText()).isEqualTo("SRCROOT");
    assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(5);
    assertThat(first.at("/locations/0/logicalLocations/0/name").asText()).isEqualTo("esxi-lab");
    assertThat(first.at("/properties/vm").asText()).isEqualTo("esxi-lab");
    assertThat(first.at("/properties/evidence/vhv.enable").asText()).isEqualTo("FALSE");
    // levels of every severity
    assertThat(results).extracting(r -> r.path("level").asText()).contains("error", "warning", "note");
    // a finding about a device names the subject as a second logical location
    JsonNode net = results.stream().filter(r -> r.path("ruleId").asText().equals("NV-NET-001")).findFirst().orElseThrow();
    assertThat(net.at("/locations/0/logicalLocations/1/fullyQualifiedName").asText()).isEqualTo("esxi-lab/device:ethernet0");
    assertThat(net.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(1);
    // a finding without a line is placed at line 1
    JsonNode noLine = results.get(1);
    assertThat(noLine.path("ruleId").asText()).isEqualTo("NV-CPU-002");
    assertThat(noLine.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
    assertThat(noLine.at("/locations/0/physicalLocation/region").has("startColumn")).isFalse();
  }

  @Test
  void pathsBecomeUris() throws Exception {
    JsonNode run = render(false).at("/runs/0");
    List<String> uris = new ArrayList<>();
    run.path("results").forEach(r -> uris.add(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()));
    assertThat(uris).contains("fleet/cna%20%22lab%22,%20%E6%B5%8B%E8%AF%95%7C1.vmx", "file:///srv/exports/lab%202/cna.vmx");
    // an absolute URI needs the working directory (GitHub's "checkout path")
    assertThat(run.at("/invocations/0/workingDirectory/uri").asText()).isEqualTo("file:///work/scan/");
    assertThat(run.at("/originalUriBaseIds/SRCROOT/description/text").asText()).isNotEmpty();
  }

  @Test
  void absolutePathsBelowTheWorkingDirectoryBecomeRelative() throws Exception {
    FileResult r = vmx("/work/scan/sub/a.vmx", List.of(Setting.of("vhv.enable", "FALSE", 1)),
        finding(SetSetting.of("vhv.enable", "TRUE")));
    JsonNode run = mapper.readTree(SyntheticScan.render(
        out -> new SarifReportWriter(SyntheticScan.context(), out, "/work/scan/"), List.of(r), false)).at("/runs/0");
    assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("sub/a.vmx");
    assertThat(run.at("/invocations/0").has("workingDirectory")).isFalse();
  }

  @Test
  void suppressedFindingsCarrySuppressions() throws Exception {
    List<JsonNode> suppressed = list(render(false).at("/runs/0/results")).stream().filter(r -> r.has("suppressions")).toList();
    assertThat(suppressed).hasSize(3);
    assertThat(suppressed).extracting(r -> r.at("/suppressions/0/kind").asText()).containsExactly("inSource", "external", "external");
    assertThat(suppressed).extracting(r -> r.at("/suppressions/0/status").asText()).containsOnly("accepted");
    assertThat(suppressed.get(0).at("/suppressions/0/justification").asText()).isEqualTo("kept for training videos");
    assertThat(suppressed.get(0).at("/suppressions/0/properties/expires").asText()).isEqualTo("2027-01-31");
    assertThat(suppressed.get(0).at("/suppressions/0/location/physicalLocation/region/startLine").asInt()).isEqualTo(9);
  }

  @Test
  void vmxSettingFixesBecomeReplacements() throws Exception {
    List<JsonNode> results = list(render(false).at("/runs/0/results"));
    List<JsonNode> withFix = results.stream().filter(r -> r.has("fixes")).toList();
    assertThat(withFix).extracting(r -> r.path("ruleId").asText()).containsExactly("NV-CPU-001", "NV-CPU-002", "NV-CPU-003", "NV-CPU-001");
    // replace the key's line
    JsonNode set = withFix.get(0).at("/fixes/0");
    assertThat(set.at("/description/text").asText()).isEqualTo("Set vhv.enable = \"TRUE\".");
    assertThat(set.at("/artifactChanges/0/replacements")).hasSize(1);
    assertThat(set.at("/artifactChanges/0/replacements/0/deletedRegion").toString()).isEqualTo("{\"startLine\":5}");
    assertThat(set.at("/artifactChanges/0/replacements/0/insertedContent/text").asText()).isEqualTo("vhv.enable = \"TRUE\"");
    // a new key: an insertion point before the last setting line
    JsonNode add = withFix.get(1).at("/fixes/0/artifactChanges/0/replacements/0");
    assertThat(add.path("deletedRegion").toString()).isEqualTo("{\"startLine\":8,\"startColumn\":1,\"endLine\":8,\"endColumn\":1}");
    assertThat(add.at("/insertedContent/text").asText()).isEqualTo("hypervisor.cpuid.v0 = \"FALSE\"\n");
    // remove every occurrence, any case
    JsonNode remove = withFix.get(2).at("/fixes/0/artifactChanges/0/replacements");
    assertThat(remove.toString()).isEqualTo("[{\"deletedRegion\":{\"startLine\":3}},{\"deletedRegion\":{\"startLine\":6}}]");
    // two actions in one fix, the value escaped as .vmx escapes it
    JsonNode two = withFix.get(3).at("/fixes/0/artifactChanges/0/replacements");
    assertThat(two).hasSize(2);
    assertThat(two.at("/0/insertedContent/text").asText()).isEqualTo("vhv.allowNestedPageTables = \"TRUE|7C|22yes|22\"\n");
    assertThat(two.at("/0/deletedRegion/startLine").asInt()).isEqualTo(2);
    assertThat(two.at("/1/deletedRegion/startLine").asInt()).isEqualTo(3);
    // findings whose fixes are not all .vmx settings keep them in the properties only
    JsonNode mem = results.stream().filter(r -> r.path("ruleId").asText().equals("NV-MEM-001")).findFirst().orElseThrow();
    assertThat(mem.has("fixes")).isFalse();
    assertThat(mem.at("/properties/fixes/0/description").asText()).isEqualTo("set memory to 16384 MiB");
    assertThat(mem.at("/properties/fixes/0/requiresPowerOff").asBoolean()).isTrue();
    assertThat(mem.at("/properties/fixes/1/requiresPowerOff").asBoolean()).isFalse();
  }

  @Test
  void inputErrorsAreToolNotifications() throws Exception {
    JsonNode run = render(false).at("/runs/0");
    JsonNode inv = run.at("/invocations/0");
    assertThat(inv.path("executionSuccessful").asBoolean()).isTrue();
    assertThat(inv.path("startTimeUtc").asText()).isEqualTo("2025-06-01T12:00:00Z");
    assertThat(inv.has("endTimeUtc")).isFalse();
    List<JsonNode> notes = list(inv.path("toolExecutionNotifications"));
    assertThat(notes).hasSize(2);
    JsonNode syntax = notes.get(0);
    assertThat(syntax.path("level").asText()).isEqualTo("error");
    assertThat(syntax.at("/message/text").asText()).isEqualTo("Unterminated element <Item> (opened at line 9).");
    assertThat(syntax.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("fleet/broken.ovf");
    assertThat(syntax.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(12);
    assertThat(syntax.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(5);
    assertThat(syntax.at("/descriptor/id").asText()).isEqualTo("INPUT-SYNTAX");
    int index = syntax.at("/descriptor/index").asInt();
    assertThat(run.at("/tool/driver/notifications/" + index + "/id").asText()).isEqualTo("INPUT-SYNTAX");
    assertThat(notes.get(1).at("/descriptor/id").asText()).isEqualTo("INPUT-TOO-LARGE");
    assertThat(run.at("/properties/summary/errors").asInt()).isEqualTo(2);
    // findings about the scan itself are configuration notifications tied to their rule
    JsonNode config = inv.at("/toolConfigurationNotifications/0");
    assertThat(config.path("level").asText()).isEqualTo("note");
    assertThat(config.at("/message/text").asText()).startsWith("Nothing is known about the outer host");
    assertThat(config.at("/associatedRule/id").asText()).isEqualTo("NV-HOST-001");
    assertThat(run.at("/tool/driver/rules/" + config.at("/associatedRule/index").asInt() + "/id").asText()).isEqualTo("NV-HOST-001");
  }

  @Test
  void aPartialScanIsNotSuccessful() throws Exception {
    assertThat(render(true).at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isFalse();
    assertThat(render(true).at("/runs/0/properties/summary/partial").asBoolean()).isTrue();
  }

  @Test
  void theOutputIsDeterministic() throws Exception {
    assertThat(render(false)).isEqualTo(render(false));
    String a = SyntheticScan.render("sarif", false);
    assertThat(a).isEqualTo(SyntheticScan.render("sarif", false));
  }

  @Test
  void aVersionThatIsNotSemVerIsNotASemanticVersion() throws Exception {
    ReportContext ctx = ReportContext.builder().from(SyntheticScan.context()).toolVersion("unknown").build();
    JsonNode driver = mapper.readTree(SyntheticScan.render(out -> new SarifReportWriter(ctx, out), List.of(), false))
        .at("/runs/0/tool/driver");
    assertThat(driver.path("version").asText()).isEqualTo("unknown");
    assertThat(driver.has("semanticVersion")).isFalse();
  }

  // ---------------------------------------------------------------------------------------------------------
  // the .vmx edit planning

  @Test
  void noFixOutsideVmxFiles() {
    VmConfiguration vm = vm("a.ovf", List.of(Setting.of("vhv.enable", "FALSE", 3)));
    assertThat(SarifReportWriter.vmxEdits(vm, finding(SetSetting.of("vhv.enable", "TRUE")))).isEmpty();
  }

  @Test
  void noFixWhenAnActionIsNotASetting() {
    VmConfiguration vm = vm("a.vmx", List.of(Setting.of("vhv.enable", "FALSE", 3)));
    assertThat(SarifReportWriter.vmxEdits(vm, finding(SetSetting.of("vhv.enable", "TRUE"), SetCpu.of(2, 1)))).isEmpty();
  }

  @Test
  void noFixWhenALineIsUnknown() {
    VmConfiguration vm = vm("a.vmx", List.of(Setting.of("vhv.enable", "FALSE")));
    assertThat(SarifReportWriter.vmxEdits(vm, finding(SetSetting.of("vhv.enable", "TRUE")))).isEmpty();
  }

  @Test
  void noFixWhenTwoActionsTouchOneLine() {
    VmConfiguration vm = vm("a.vmx", List.of(Setting.of("vhv.enable", "FALSE", 3)));
    assertThat(SarifReportWriter.vmxEdits(vm, finding(SetSetting.of("vhv.enable", "TRUE"), RemoveSetting.of("VHV.ENABLE")))).isEmpty();
  }

  @Test
  void aNewKeyIsNeverInsertedBeforeTheEncoding() {
    VmConfiguration only = vm("a.vmx", List.of(Setting.of(".encoding", "UTF-8", 1)));
    assertThat(SarifReportWriter.vmxEdits(only, finding(SetSetting.of("vhv.enable", "TRUE")))).isEmpty();
  }

  @Test
  void duplicatesOfASetKeyAreDeletedAndNewKeysShareOneInsertionPoint() {
    VmConfiguration vm = vm("a.VMX", List.of(Setting.of(".encoding", "UTF-8", 1), Setting.of("memsize", "1024", 2),
        Setting.of("vhv.enable", "FALSE", 3), Setting.of("VHV.Enable", "TRUE", 7)));
    var edits = SarifReportWriter.vmxEdits(vm, finding(SetSetting.of("vhv.enable", "TRUE"), SetSetting.of("a.b", "1"),
        SetSetting.of("c.d", "2"))).orElseThrow();
    assertThat(edits).containsExactly(
        new SarifReportWriter.Edit(2, true, "a.b = \"1\"\nc.d = \"2\"\n"),
        new SarifReportWriter.Edit(3, false, "vhv.enable = \"TRUE\""),
        new SarifReportWriter.Edit(7, false, ""));
  }

  @Test
  void helpers() {
    assertThat(SarifReportWriter.vmxLine("k", "a\"b|c\nd\u007f")).isEqualTo("k = \"a|22b|7Cc|0Ad|7F\"");
    assertThat(SarifReportWriter.encodePath("a b/ü:#?%.vmx", false)).isEqualTo("a%20b/%C3%BC%3A%23%3F%25.vmx");
    assertThat(SarifReportWriter.encodePath("C:/x y", true)).isEqualTo("C:/x%20y");
    assertThat(SarifReportWriter.pascal("the VM has 2 vCPUs")).isEqualTo("TheVmHas2Vcpus");
    assertThat(SarifReportWriter.pascal("2 things")).isEqualTo("Rule2Things");
    assertThat(SarifReportWriter.sentence("done")).isEqualTo("done.");
    assertThat(SarifReportWriter.sentence("done?")).isEqualTo("done?");
    assertThat(SarifReportWriter.level(Severity.INFO)).isEqualTo("note");
  }

  private static VmConfiguration vm(String source, List<Setting> settings) {
    return VmConfiguration.builder().name("vm").source(source).memoryMiB(1024).settings(settings).build();
  }

  private static FileResult vmx(String source, List<Setting> settings, Finding f) {
    VmConfiguration vm = vm(source, settings);
    EvaluationResult r = EvaluationResult.builder().vmName("vm").source(source).profileId("p").addFindings(f).build();
    return new FileResult(source, List.of(vm), List.of(r), Optional.empty());
  }

  private static Finding finding(io.nestcheck.api.FixAction... fixes) {
    return Finding.builder().ruleId("NV-CPU-001").severity(Severity.ERROR).subject(Subject.vm("vm"))
        .message("m.").addFixes(fixes).build();
  }
}
