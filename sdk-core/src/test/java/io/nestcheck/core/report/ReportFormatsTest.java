package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.Severity;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {

  @Test
  void namesExtensionsAndWriters() {
    assertThat(ReportFormats.names()).containsExactly("text", "json", "sarif", "junit", "csv", "markdown", "html");
    assertThat(ReportFormats.names()).extracting(ReportFormats::extension)
        .containsExactly("txt", "json", "sarif", "junit.xml", "csv", "md", "html");
    for (String name : ReportFormats.names()) {
      ReportWriter w = ReportFormats.create(name, SyntheticScan.context(), new ByteArrayOutputStream(), Severity.ERROR);
      assertThat(w.format()).isEqualTo(name);
    }
    assertThat(ReportFormats.create(" SARIF ", SyntheticScan.context(), new ByteArrayOutputStream(), Severity.ERROR))
        .isInstanceOf(SarifReportWriter.class);
    assertThat(ReportFormats.isKnown("Html")).isTrue();
    assertThat(ReportFormats.isKnown("pdf")).isFalse();
  }

  @Test
  void unknownFormatsAreRefused() {
    assertThatThrownBy(() -> ReportFormats.extension("pdf")).hasMessageContaining("unknown report format 'pdf'")
        .hasMessageContaining("text, json, sarif, junit, csv, markdown, html");
    assertThatThrownBy(() -> ReportFormats.create("xml", SyntheticScan.context(), new ByteArrayOutputStream(), Severity.ERROR))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyWriterClosesItsStream() throws Exception {
    for (String name : ReportFormats.names()) {
      boolean[] closed = {false};
      ByteArrayOutputStream out = new ByteArrayOutputStream() {
        @Override
        public void close() {
          closed[0] = true;
        }
      };
      try (ReportWriter w = ReportFormats.create(name, SyntheticScan.context(), out, Severity.ERROR)) {
        SyntheticScan.run(w, SyntheticScan.results(), false);
      }
      assertThat(closed[0]).as(name).isTrue();
      assertThat(out.size()).as(name).isPositive();
    }
  }
}
