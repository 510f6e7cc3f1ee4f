package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.scan.FileResult;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON writer's worker-side rendering ({@code prepare}) against rendering in {@code accept}. */
class JsonReportWriterTest {

  /** Names that exercise escaping and UTF-8 encoding: non-ASCII, a surrogate pair, quotes, a control character. */
  private static final List<String> NAMES = List.of("Prüfstand-esxi", "lab-\uD83E\uDDEA-cna", "q\"uote\\d",
      "tab\there", "控制-节点", "plain");

  private static List<FileResult> fleet() {
    List<FileResult> out = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      String name = NAMES.get(i);
      String src = "/fleet/" + name + ".vmx";
      VmConfiguration vm = VmConfiguration.builder().name(name).source(src).memoryMiB(4096).build();
      EvaluationResult.Builder r = EvaluationResult.builder().vmName(name).source(src).profileId("esxi-8");
      for (int f = 0; f < i; f++) {
        r.addFindings(Finding.builder().ruleId("NV-TST-00" + f).severity(Severity.values()[f % Severity.values().length])
            .subject(Subject.vm(name)).message("finding " + f + " of " + name).putEvidence("key" + f, name).build());
      }
      out.add(new FileResult(src, List.of(vm), List.of(r.build()), Optional.empty()));
    }
    out.add(new FileResult("/fleet/empty.vmx", List.of(), List.of(), Optional.empty()));
    // larger than the generator's 8,000-byte buffer: the raw copy takes its other path
    EvaluationResult.Builder big = EvaluationResult.builder().vmName("big").source("/fleet/big.vmx").profileId("kvm");
    for (int f = 0; f < 150; f++) {
      big.addFindings(Finding.builder().ruleId("NV-BIG-" + f).severity(Severity.WARNING).subject(Subject.vm("big"))
          .message("finding " + f + " ünïcödé").build());
    }
    out.add(new FileResult("/fleet/big.vmx",
        List.of(VmConfiguration.builder().name("big").source("/fleet/big.vmx").memoryMiB(1024).build()),
        List.of(big.build()), Optional.empty()));
    return out;
  }

  private static ReportWriter json(ByteArrayOutputStream out) {
    return new JsonReportWriter(SyntheticScan.context(), out);
  }

  @Test
  void preparedResultsGiveTheSameBytesAsResultsRenderedInAccept() {
    String inAccept = SyntheticScan.render(JsonReportWriterTest::json, fleet(), false);
    String prepared = SyntheticScan.renderPrepared(JsonReportWriterTest::json, fleet(), false);
    assertThat(prepared).isEqualTo(inAccept);
    // Jackson's UTF-8 generator escapes a surrogate pair and writes other non-ASCII characters as UTF-8
    assertThat(prepared).contains("\"vmName\" : \"lab-\\uD83E\\uDDEA-cna\"", "控制-节点", "\"vmName\" : \"q\\\"uote\\\\d\"",
        "\"vmName\" : \"tab\\there\"", "\"results\" : [ {\n    \"vmName\" : \"Prüfstand-esxi\"");
  }

  @Test
  void rawJsonGivesTheSameTextToACharacterBasedGenerator() throws Exception {
    byte[] utf8 = "{\"a\" : \"ü\\uD83E\\uDDEA漢\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    JsonReportWriter.RawJson raw = new JsonReportWriter.RawJson(utf8);
    java.io.StringWriter text = new java.io.StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.core.JsonFactory().createGenerator(text)) {
      g.writeStartArray();
      g.writeRawValue(raw);
      g.writeRawValue(raw);
      g.writeEndArray();
    }
    assertThat(text.toString()).isEqualTo("[{\"a\" : \"ü\\uD83E\\uDDEA漢\"},{\"a\" : \"ü\\uD83E\\uDDEA漢\"}]");
    assertThat(raw.appendUnquotedUTF8(new byte[utf8.length - 1], 0)).isEqualTo(-1);
    byte[] room = new byte[utf8.length + 2];
    assertThat(raw.appendUnquotedUTF8(room, 2)).isEqualTo(utf8.length);
    assertThat(java.util.Arrays.copyOfRange(room, 2, room.length)).isEqualTo(utf8);
    // the array itself, as Jackson's SerializedString: the UTF-8 generator reads it once, for every result that does
    // not fit in the rest of its buffer, and a copy of each was 2% of a scan's allocation
    assertThat(raw.asUnquotedUTF8()).isSameAs(utf8);
  }

  @Test
  void aResultPreparedButNeverAcceptedLeavesNoTrace() throws Exception {
    List<FileResult> fleet = fleet();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReportWriter w = json(out)) {
      w.started(fleet.size());
      fleet.forEach(w::prepare);
      w.accept(fleet.get(0)); // the scan was cancelled after the first result
      w.finished(SyntheticScan.summary(fleet.subList(0, 1), true));
    }
    String expected = SyntheticScan.render(JsonReportWriterTest::json, fleet.subList(0, 1), true);
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected).doesNotContain("plain");
  }
}
