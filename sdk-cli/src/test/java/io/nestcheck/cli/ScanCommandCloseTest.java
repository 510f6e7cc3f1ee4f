package io.nestcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.core.report.ReportWriter;
import io.nestcheck.core.scan.FileResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ScanCommand#closeAll}: every report is closed (and so flushed), whatever failed before or during. */
class ScanCommandCloseTest {

  private static final class Recording implements ReportWriter {
    final String name;
    final Exception onClose;
    final List<String> closed;

    Recording(String name, Exception onClose, List<String> closed) {
      this.name = name;
      this.onClose = onClose;
      this.closed = closed;
    }

    @Override
    public String format() {
      return name;
    }

    @Override
    public void accept(FileResult result) {}

    @Override
    public void close() throws IOException {
      closed.add(name);
      if (onClose instanceof IOException io) {
        throw io;
      }
      if (onClose instanceof RuntimeException re) {
        throw re;
      }
    }
  }

  @Test
  void aFailingCloseDoesNotKeepTheOthersOpenAndIsThrownAfterAll() {
    List<String> closed = new ArrayList<>();
    IOException disk = new IOException("disk full");
    UncheckedIOException later = new UncheckedIOException(new IOException("also broken"));
    List<ReportWriter> writers = List.of(new Recording("json", disk, closed), new Recording("csv", null, closed),
        new Recording("sarif", later, closed));
    assertThatThrownBy(() -> ScanCommand.closeAll(writers, null)).isSameAs(disk);
    assertThat(disk.getSuppressed()).containsExactly(later);
    assertThat(closed).containsExactly("json", "csv", "sarif");
  }

  @Test
  void afterAFailedScanEveryWriterIsClosedAndItsFailuresGoWithTheScans() throws Exception {
    List<String> closed = new ArrayList<>();
    IOException disk = new IOException("disk full");
    IllegalStateException scan = new IllegalStateException("scan failed");
    ScanCommand.closeAll(List.of(new Recording("json", disk, closed), new Recording("csv", null, closed)), scan);
    assertThat(closed).containsExactly("json", "csv");
    assertThat(scan.getSuppressed()).containsExactly(disk);
  }

  @Test
  void anUncheckedCloseFailureStaysUnchecked() {
    IllegalStateException bad = new IllegalStateException("bad");
    assertThatThrownBy(() -> ScanCommand.closeAll(List.of(new Recording("json", bad, new ArrayList<>())), null))
        .isSameAs(bad);
  }
}
