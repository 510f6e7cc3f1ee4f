package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.scan.FileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest {
  private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");

  @Test
  void totalsRulesVmsAndErrors() {
    String md = SyntheticScan.render("markdown", false);
    assertThat(md).startsWith("## nestcheck report\n").doesNotContain("Partial scan");
    assertThat(md).contains("| VMs | 6 |", "| Inputs | 7 |", "| ❌ Errors | 7 |", "| ⚠️ Warnings | 2 |", "| ℹ️ Info | 1 |",
        "| Suppressed | 3 |", "| ❗ Unreadable inputs | 2 |");
    assertThat(md).contains("| `NV-CPU-001` | ❌ ERROR | 3 | 0 | Hardware-assisted virtualization is not exposed to the guest |");
    assertThat(md.indexOf("`NV-CPU-001` | ❌")).isLessThan(md.indexOf("`NV-CPU-002` | ⚠️")).isLessThan(md.indexOf("`NV-HYG-001` | ℹ️"));
    assertThat(md).contains("### About the scan\n\n- ℹ️ `NV-HOST-001` Nothing is known about the outer host; host rules report \"unknown\". Pass --host to check it.\n");
    assertThat(md).contains("- ❌ **esxi-lab** (fleet/esxi-lab.vmx, profile esxi-8): 3 errors, 2 warnings, 1 suppressed",
        "  - _suppressed_ `NV-HYG-001` kept for training videos",
        "1 VM passes (no unsuppressed findings).",
        "- ❗ fleet/broken.ovf:12:5 (syntax): unterminated element \\<Item\\> (opened at line 9)");
    assertThat(md).doesNotContain("**healthy**");
  }

  @Test
  void pipesAndMarkupAreEscaped() {
    String md = SyntheticScan.render("markdown", false);
    assertThat(md).doesNotContainPattern("(?<!\\\\)<");
    assertThat(md).contains("\\<script\\>document.body.dataset.pwned='1'\\</script\\>", "测试\\|1.vmx", "华为 FusionCompute 测试");
    // every table row keeps its number of cells
    for (String line : md.split("\n")) {
      if (line.startsWith("| `NV-")) {
        assertThat(UNESCAPED_PIPE.matcher(line).results().count()).as(line).isEqualTo(6);
      }
      if (line.startsWith("  - ")) {
        assertThat(line).as("one line per finding").doesNotContain("\n");
      }
    }
    assertThat(MarkdownReportWriter.md("a|b\nc*d_`e`<f>&[g](h)")).isEqualTo("a\\|b c\\*d\\_\\`e\\`\\<f\\>\\&\\[g\\](h)");
  }

  @Test
  void aPartialScanHasABanner() {
    assertThat(SyntheticScan.render("markdown", true)).contains("> ⚠️ **Partial scan**");
  }

  @Test
  void longListsAreCapped() {
    List<FileResult> results = new ArrayList<>();
    for (int i = 0; i < MarkdownReportWriter.MAX_VMS + 50; i++) {
      EvaluationResult.Builder r = EvaluationResult.builder().vmName("vm" + i).source("f" + i + ".vmx").profileId("p");
      for (int k = 0; k < (i == 0 ? MarkdownReportWriter.MAX_FINDINGS_PER_VM + 5 : 1); k++) {
        r.addFindings(Finding.builder().ruleId("NV-CPU-001").severity(Severity.WARNING).subject(Subject.vm("vm" + i))
            .message("finding " + k + ".").build());
      }
      results.add(new FileResult("f" + i + ".vmx", List.of(), List.of(r.build()), Optional.empty()));
    }
    for (int i = 0; i < MarkdownReportWriter.MAX_ERRORS + 3; i++) {
      results.add(FileResult.failed("bad" + i, ScanError.builder().location(SourceLocation.ofFile("bad" + i))
          .kind(ExportParseException.Kind.IO).reason("gone").build()));
    }
    String md = SyntheticScan.render("markdown", results, false);
    assertThat(md).contains("**vm199**").doesNotContain("**vm200**");
    assertThat(md).contains("_… and 50 more VMs with findings; see the full report._");
    assertThat(md).contains("  - … and 5 more\n");
    assertThat(md).contains("- ❗ bad199 (io): gone").doesNotContain("bad200 ");
    assertThat(md).contains("_… and 3 more unreadable inputs._");
    assertThat(md).contains("| `NV-CPU-001` | ⚠️ WARNING | 274 | 0 |");
  }

  @Test
  void aCleanScan() {
    EvaluationResult r = EvaluationResult.builder().vmName("ok").source("ok.vmx").profileId("p").build();
    String md = SyntheticScan.render("markdown", List.of(new FileResult("ok.vmx", List.of(), List.of(r), Optional.empty())), false);
    assertThat(md).contains("✅ 1 VM passes").doesNotContain("### Findings by rule", "### VMs with findings");
  }
}
