package io.nestcheck.core.internal.io;

import io.nestcheck.api.spi.ExportSource;
import java.io.IOException;
import java.io.InputStream;

/**
 * A whole file already in memory, as {@code ExportReaders} hands a short file's head to the reader it selected.
 * Built-in readers take {@link #bytes()} as they are instead of copying them out of {@link #open()}'s stream; the
 * array is never changed by anyone once the source exists. Internal: public only for other packages of
 * nestcheck-core.
 */
public final class InMemorySource implements ExportSource {
  private final ExportSource source;
  private final byte[] bytes;

  /** {@code bytes} is not copied: the caller hands it over and must not change it. */
  public InMemorySource(String name, byte[] bytes) {
    this.source = ExportSource.of(name, bytes);
    this.bytes = bytes;
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public long size() {
    return source.size();
  }

  @Override
  public InputStream open() throws IOException {
    return source.open();
  }

  /** The bytes themselves, not a copy: read them, never change them. */
  public byte[] bytes() {
    return bytes;
  }
}
