package io.nestcheck.api.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An input to an {@link ExportReader}: a name for messages and a way to open the bytes, possibly several times
 * (content sniffing reads the head first).
 *
 * @since 0.1
 */
public interface ExportSource {

  /** The name to report in errors and results, usually the path as the user gave it. Never {@code null}. */
  String name();

  /** The size in bytes, or {@code -1} when unknown. */
  long size();

  /** Opens the bytes from the start. The caller closes the stream. */
  InputStream open() throws IOException;

  /** A file on disk, named by its path as given. */
  static ExportSource of(Path path) {
    Objects.requireNonNull(path, "path");
    return new ExportSource() {
      @Override
      public String name() {
        return path.toString();
      }

      @Override
      public long size() {
        try {
          return Files.size(path);
        } catch (IOException e) {
          return -1;
        }
      }

      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(path);
      }
    };
  }

  /** Bytes in memory under a name. The array is not copied and must not be changed. */
  static ExportSource of(String name, byte[] bytes) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bytes, "bytes");
    return new ExportSource() {
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
    };
  }
}
