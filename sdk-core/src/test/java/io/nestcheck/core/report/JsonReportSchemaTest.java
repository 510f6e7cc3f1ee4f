package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.ScanReport;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.api.TriState;
import io.nestcheck.api.Firmware;
import io.nestcheck.core.scan.FileResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON report validates against {@code docs/report.schema.json}; tampered reports do not. */
class JsonReportSchemaTest {
  private static JsonSchema schema;
  private static JsonNode schemaNode;
  private final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void loadSchema() throws Exception {
    Path file = ExternalTools.repoRoot().resolve("docs/report.schema.json");
    schemaNode = new ObjectMapper().readTree(file.toFile());
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(Files.readString(file));
  }

  private static ReportContext context() {
    HostCapabilities host = HostCapabilities.builder().name("esx01").platform(Platform.ESXI).productVersion("8.0.2")
        .productBuild("22380479").cpuVendor(CpuVendor.INTEL).cpuModel("Xeon").addCpuFeatures(CpuFeature.VMX, CpuFeature.EPT)
        .addAbsentCpuFeatures(CpuFeature.SVM).virtualizationEnabledInFirmware(TriState.YES).iommu(TriState.NO)
        .nestedHvSupported(TriState.YES).maxHardwareVersion(21).evcMode("intel-icelake").cores(32).memoryMiB(524288)
        .build();
    return ReportContext.builder().from(SyntheticScan.context()).host(host).build();
  }

  /** The synthetic scan plus a VM whose one finding has every fix type. */
  private static List<FileResult> results() {
    List<FileResult> list = new ArrayList<>(SyntheticScan.results());
    List<FixAction> fixes = new ArrayList<>(SyntheticScan.everyFixType());
    fixes.add(SetFirmware.of(Firmware.BIOS));
    EvaluationResult r = EvaluationResult.builder().vmName("every-fix").source("every.vmx").profileId("esxi-8")
        .addFindings(Finding.builder().ruleId("NV-HW-001").severity(Severity.ERROR).subject(Subject.vm("every-fix"))
            .message("Everything is wrong.").location(SourceLocation.builder().file("every.vmx").pointer("/x").build())
            .addAllFixes(fixes).build())
        .build();
    list.add(new FileResult("every.vmx", List.of(), List.of(r), Optional.empty()));
    return list;
  }

  private JsonNode report(boolean partial) throws Exception {
    return mapper.readTree(SyntheticScan.render(out -> new JsonReportWriter(context(), out), results(), partial));
  }

  private static Set<ValidationMessage> validate(JsonNode node) {
    return schema.validate(node);
  }

  @Test
  void theReportOfTheSyntheticScanValidates() throws Exception {
    JsonNode report = report(true);
    assertThat(validate(report)).isEmpty();
    assertThat(report.path("schemaVersion").asText()).isEqualTo(ScanReport.SCHEMA_VERSION);
    assertThat(report.path("partial").asBoolean()).isTrue();
    assertThat(report.path("errors")).hasSize(2);
    // every fix type appears, so every branch of the schema was exercised
    Set<String> types = new HashSet<>();
    report.findValues("fixes").forEach(a -> a.forEach(f -> types.add(f.path("type").asText())));
    assertThat(types).hasSize(15);
    assertThat(validate(report(false))).isEmpty();
  }

  @Test
  void theSchemaNamesEveryFixTypeAndItsVersion() {
    List<String> names = new ArrayList<>();
    schemaNode.at("/$defs/fixAction/properties/type/enum").forEach(n -> names.add(n.asText()));
    List<String> declared = new ArrayList<>();
    for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t
        : FixAction.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
      declared.add(t.name());
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(declared);
    assertThat(schemaNode.at("/properties/schemaVersion/const").asText()).isEqualTo(ScanReport.SCHEMA_VERSION);
  }

  @Test
  void anEmptyScanValidates() throws Exception {
    JsonNode report = mapper.readTree(SyntheticScan.render(out -> new JsonReportWriter(SyntheticScan.context(), out), List.of(), false));
    assertThat(validate(report)).isEmpty();
  }

  private void assertRejected(Consumer<ObjectNode> tamper) throws Exception {
    ObjectNode report = (ObjectNode) report(false);
    tamper.accept(report);
    assertThat(validate(report)).as("a tampered report must not validate").isNotEmpty();
  }

  private static ObjectNode firstFinding(ObjectNode report) {
    return (ObjectNode) report.at("/results/0/findings/0");
  }

  @Test
  void tamperedReportsAreRejected() throws Exception {
    assertRejected(r -> firstFinding(r).put("severity", "FATAL"));
    assertRejected(r -> firstFinding(r).put("message", ""));
    assertRejected(r -> firstFinding(r).remove("subject"));
    assertRejected(r -> firstFinding(r).putNull("layer"));
    assertRejected(r -> firstFinding(r).put("surprise", 1));
    assertRejected(r -> ((ObjectNode) firstFinding(r).at("/fixes/0")).put("type", "reboot-the-world"));
    assertRejected(r -> ((ObjectNode) firstFinding(r).at("/fixes/0")).remove("value"));
    assertRejected(r -> ((ArrayNode) firstFinding(r).path("fixes")).addObject().put("type", "set-cpu").put("vcpus", 0).put("coresPerSocket", 1));
    assertRejected(r -> r.put("schemaVersion", "2.0"));
    assertRejected(r -> r.remove("partial"));
    assertRejected(r -> ((ObjectNode) r.at("/summary/findings")).put("FATAL", 1));
    assertRejected(r -> ((ObjectNode) r.at("/errors/0")).put("kind", "OOPS"));
    assertRejected(r -> ((ObjectNode) r.at("/errors/0/location")).put("line", -1));
    assertRejected(r -> ((ObjectNode) r.path("host")).put("platform", "VIRTUALBOX"));
  }
}
