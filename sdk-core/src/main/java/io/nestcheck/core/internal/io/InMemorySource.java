package io.nestcheck.core.internal.io;

import io.nestcheck.api.spi.ExportSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * A whole file already in memory, as {@code ExportReaders} hands a short file's head to the reader it selected.
 * Built-in readers take {@link #bytes()} as they are instead of copying them out of {@link #open()}'s stream; the
 * array is never changed by anyone once the source exists. Internal: public only for other packages of
 * nestcheck-core.
 */
public final class InMemorySource implements ExportSource {
  private final String name;
  private final byte[] bytes;

  /** {@code bytes} is not copied: the caller hands it over and must not change it. */
  public InMemorySource(String name, byte[] bytes) {
    this.name = Objects.requireNonNull(name, "name");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public InputStream open() {
    return new ByteArrayInputStream(bytes);
  }

  /** The bytes themselves, not a copy: read them, never change them. */
  public byte[] bytes() {
    return bytes;
  }
}
