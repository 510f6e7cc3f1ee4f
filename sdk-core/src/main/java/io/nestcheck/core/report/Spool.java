package io.nestcheck.core.report;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text that a writer produces before it can write what must come first in its document (totals, charts): kept in
 * memory up to a threshold, then moved to a temporary file, so a report over a large fleet needs constant memory.
 * The file is deleted by {@link #close()}. Not API; not thread-safe.
 */
final class Spool extends Writer {
  /** Characters kept in memory before spilling to a temporary file. */
  static final int DEFAULT_THRESHOLD = 1 << 20;

  private final int threshold;
  private StringBuilder memory = new StringBuilder();
  private Path file;
  private Writer fileWriter;

  Spool() {
    this(DEFAULT_THRESHOLD);
  }

  /** A spool that spills after {@code threshold} characters (tests use a small one). */
  Spool(int threshold) {
    this.threshold = threshold;
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    if (fileWriter != null) {
      fileWriter.write(cbuf, off, len);
      return;
    }
    memory.append(cbuf, off, len);
    if (memory.length() > threshold) {
      spill();
    }
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    if (fileWriter != null) {
      fileWriter.write(str, off, len);
      return;
    }
    memory.append(str, off, off + len);
    if (memory.length() > threshold) {
      spill();
    }
  }

  private void spill() throws IOException {
    file = Files.createTempFile("nestcheck-report", ".spool");
    fileWriter = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    fileWriter.write(memory.toString());
    memory = null;
  }

  /** Whether the text moved to a temporary file. */
  boolean spilled() {
    return file != null;
  }

  /** Writes everything spooled so far to {@code out}. */
  void copyTo(Writer out) {
    try {
      if (fileWriter == null) {
        out.write(memory.toString());
        return;
      }
      fileWriter.flush();
      try (Reader in = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
        in.transferTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void flush() throws IOException {
    if (fileWriter != null) {
      fileWriter.flush();
    }
  }

  /** Discards the text and deletes the temporary file. */
  @Override
  public void close() throws IOException {
    memory = new StringBuilder();
    if (fileWriter != null) {
      fileWriter.close();
      fileWriter = null;
      Files.deleteIfExists(file);
    }
  }
}
