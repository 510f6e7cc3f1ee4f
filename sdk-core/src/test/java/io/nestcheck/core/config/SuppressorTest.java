package io.nestcheck.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.InlineSuppression;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.Suppression;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inline, file and baseline suppressions; expiry. */
class SuppressorTest {
  static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  static Finding finding(String rule) {
    return Finding.builder().ruleId(rule).severity(Severity.ERROR).subject(Subject.vm("cna01")).message("m " + rule).build();
  }

  static FileResult result(String target, VmConfiguration vm, Finding... findings) {
    EvaluationResult r = EvaluationResult.builder().vmName(vm.name()).source(target).profileId("p").addFindings(findings).build();
    return new FileResult(target, List.of(vm), List.of(r), Optional.empty());
  }

  static VmConfiguration vm(InlineSuppression... inline) {
    return VmConfiguration.builder().name("cna01").source("lab/cna01.vmx").memoryMiB(4096).addInlineSuppressions(inline).build();
  }

  static List<Finding> findings(FileResult r) {
    return r.results().get(0).findings();
  }

  @Test
  void inlineSuppressionMarksTheFindingSuppressedWithItsReasonAndLine() {
    InlineSuppression s = InlineSuppression.builder().addRuleIds("NV-HYG-001").reason("training videos").line(4).build();
    Suppressor sup = new Suppressor(List.of(), dir, Optional.empty(), TODAY);
    FileResult out = sup.apply(result("lab/cna01.vmx", vm(s), finding("NV-HYG-001"), finding("NV-CPU-001")));
    Finding hyg = findings(out).get(0);
    assertThat(hyg.suppression()).isPresent();
    assertThat(hyg.suppression().get().origin()).isEqualTo(Suppression.Origin.INLINE);
    assertThat(hyg.suppression().get().reason()).isEqualTo("training videos");
    assertThat(hyg.suppression().get().location().get().line()).isEqualTo(4);
    assertThat(findings(out).get(1).isSuppressed()).isFalse();
  }

  @Test
  void expiredInlineSuppressionStopsSuppressingAndSaysSo() {
    InlineSuppression s = InlineSuppression.builder().addRuleIds("NV-HYG-001").reason("until the lab moves")
        .expires(LocalDate.of(2026, 11, 24)).build();
    FileResult out = new Suppressor(List.of(), dir, Optional.empty(), TODAY)
        .apply(result("lab/cna01.vmx", vm(s), finding("NV-HYG-001")));
    Finding f = findings(out).get(0);
    assertThat(f.isSuppressed()).isFalse();
    assertThat(f.evidence()).containsEntry("suppression", "expired on 2026-11-24: until the lab moves");
  }

  @Test
  void suppressionThatExpiresTodayStillApplies() {
    InlineSuppression s = InlineSuppression.builder().addRuleIds("NV-HYG-001").reason("r").expires(LocalDate.of(2026, 11, 25)).build();
    FileResult out = new Suppressor(List.of(), dir, Optional.empty(), TODAY).apply(result("lab/cna01.vmx", vm(s), finding("NV-HYG-001")));
    assertThat(findings(out).get(0).isSuppressed()).isTrue();
  }

  @Test
  void fileRuleMatchesByRuleIdPathGlobAndVmName() {
    ProjectConfig.SuppressionRule byPath = ProjectConfig.SuppressionRule.builder().rule("NV-CPU-001").path("lab/**")
        .reason("lab hosts").build();
    ProjectConfig.SuppressionRule byVm = ProjectConfig.SuppressionRule.builder().rule("NV-MEM-001").vm("other-vm")
        .reason("not this VM").build();
    Suppressor sup = new Suppressor(List.of(byPath, byVm), dir, Optional.empty(), TODAY);
    FileResult out = sup.apply(result(dir.resolve("lab/cna01.vmx").toString(), vm(), finding("NV-CPU-001"), finding("NV-MEM-001")));
    assertThat(findings(out).get(0).suppression().map(Suppression::origin)).contains(Suppression.Origin.FILE);
    assertThat(findings(out).get(1).isSuppressed()).isFalse();
    FileResult elsewhere = sup.apply(result(dir.resolve("prod/cna01.vmx").toString(), vm(), finding("NV-CPU-001")));
    assertThat(findings(elsewhere).get(0).isSuppressed()).isFalse();
  }

  @Test
  void expiredFileRuleIsReported() {
    ProjectConfig.SuppressionRule old = ProjectConfig.SuppressionRule.builder().rule("NV-CPU-001").reason("waiver")
        .until(LocalDate.of(2025, 1, 31)).build();
    FileResult out = new Suppressor(List.of(old), dir, Optional.empty(), TODAY).apply(result("a.vmx", vm(), finding("NV-CPU-001")));
    assertThat(findings(out).get(0).isSuppressed()).isFalse();
    assertThat(findings(out).get(0).evidence()).containsEntry("suppression", "expired on 2025-01-31: waiver");
  }

  @Test
  void baselineWrittenByOneScanSuppressesTheSameFindingsNextTime() throws Exception {
    Path file = dir.resolve("baseline.json");
    FileResult first = result("a.vmx", vm(), finding("NV-CPU-001"));
    var writer = Baseline.writer(file);
    writer.accept(first);
    writer.finished(new ScanSummary(Instant.EPOCH, Duration.ZERO, 1, 1, 0, Map.of(), 0, false));
    assertThat(Files.readString(file)).contains("NV-CPU-001|a.vmx|cna01|vm:cna01");
    Baseline baseline = Baseline.load(file);
    FileResult next = new Suppressor(List.of(), dir, Optional.of(baseline), TODAY)
        .apply(result("a.vmx", vm(), finding("NV-CPU-001"), finding("NV-MEM-001")));
    assertThat(findings(next).get(0).suppression().map(Suppression::origin)).contains(Suppression.Origin.BASELINE);
    assertThat(findings(next).get(1).isSuppressed()).as("a new finding is reported").isFalse();
  }

  @Test
  void projectConfigErrorsNameTheFileLineAndField() throws Exception {
    Path cfg = dir.resolve(".nestcheck.yaml");
    Files.writeString(cfg, "profile: auto\nsuppressions:\n  - rule: NV-CPU-001\n    reasn: typo\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectConfig.load(cfg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".nestcheck.yaml:4")
        .hasMessageContaining("reasn");
  }
}
