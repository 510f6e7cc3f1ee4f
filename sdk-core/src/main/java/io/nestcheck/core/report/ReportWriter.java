package io.nestcheck.core.report;

import io.nestcheck.core.scan.ScanSink;
import java.io.IOException;

/**
 * A report format that consumes a scan as it streams ({@link ScanSink}) and writes one document.
 *
 * <p>Writers hold at most what their format needs to keep (errors and totals; the HTML and SARIF writers keep
 * what their summary sections need), not the whole fleet. {@link #close()} flushes and releases the output; it is
 * called after {@link ScanSink#finished}. I/O failures during streaming are rethrown as {@link
 * java.io.UncheckedIOException}.
 *
 * @since 0.1
 */
public interface ReportWriter extends ScanSink, AutoCloseable {

  /** The format id, for example {@code json}. */
  String format();

  @Override
  void close() throws IOException;
}
