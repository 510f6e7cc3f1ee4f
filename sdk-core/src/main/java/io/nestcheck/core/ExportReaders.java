package io.nestcheck.core;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.io.InMemorySource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Picks the {@link ExportReader} for an input by its content (the first 8 KiB), with the file name as a hint, and
 * reads it.
 *
 * <p>Readers are asked in order; the first whose {@link ExportReader#canRead} accepts the head wins. When none
 * does, the reader named by the file extension reads it anyway, so a damaged file gets that format's precise
 * error. An input neither way accepts is an {@link ExportParseException} of kind {@code UNSUPPORTED_FORMAT}; I/O problems (missing
 * file, permission denied) are of kind {@code IO}. Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ExportReaders {
  /** How many bytes of the head content sniffing looks at. */
  public static final int HEAD_BYTES = 8192;

  private final List<ExportReader> readers;

  private ExportReaders(List<ExportReader> readers) {
    this.readers = List.copyOf(readers);
  }

  /** The built-in readers: {@code .vmx}, OVA, OVF, libvirt XML and govc JSON, plus any found by ServiceLoader. */
  public static ExportReaders builtIn() {
    List<ExportReader> list = new ArrayList<>(BuiltInReaders.list());
    for (ExportReader r : ServiceLoader.load(ExportReader.class)) {
      list.add(r);
    }
    return new ExportReaders(list);
  }

  /** The given readers, asked in order. */
  public static ExportReaders of(List<? extends ExportReader> readers) {
    return new ExportReaders(new ArrayList<>(readers));
  }

  /** The readers, in the order they are asked. */
  public List<ExportReader> readers() {
    return readers;
  }

  /** The reader that accepts {@code source}, if any. */
  public Optional<ExportReader> select(ExportSource source) throws ExportParseException {
    return select(source.name(), head(source));
  }

  private Optional<ExportReader> select(String name, byte[] head) {
    for (ExportReader r : readers) {
      if (r.canRead(name, head)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads every VM in {@code source}.
   *
   * @throws ExportParseException for any problem, including an unrecognised format and I/O errors
   */
  public List<VmConfiguration> read(ExportSource source) throws ExportParseException {
    Objects.requireNonNull(source, "source");
    byte[] head = head(source);
    Optional<ExportReader> reader = select(source.name(), head).or(() -> byExtension(source.name()));
    if (reader.isEmpty()) {
      throw new ExportParseException(SourceLocation.ofFile(source.name()), ExportParseException.Kind.UNSUPPORTED_FORMAT,
          "not a recognised VM export (expected .vmx, .ovf, .ova, libvirt domain XML or govc vm.info -json output)");
    }
    // A head shorter than HEAD_BYTES is the whole file (a typical .vmx is 2-5 KiB): parse those bytes instead of
    // opening and reading the file a second time (and the built-in readers take the array without copying it).
    return reader.get().read(head.length < HEAD_BYTES ? new InMemorySource(source.name(), head) : source);
  }

  /**
   * When no reader recognises the content, the reader the file name points at (a broken {@code .vmx} is still
   * best explained by the {@code .vmx} reader: "binary content at line 3" beats "unrecognised format").
   */
  private Optional<ExportReader> byExtension(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    int dot = lower.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = lower.substring(dot + 1);
    String format = switch (ext) {
      case "xml" -> "libvirt";
      case "json" -> "govc";
      default -> ext;
    };
    for (ExportReader r : readers) {
      if (r.format().equals(format)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * Each thread's buffer for reading a head: {@code readNBytes(HEAD_BYTES)} allocates a full buffer and then a copy
   * of what it read; with this, only the copy (a typical {@code .vmx} is 2-5 KiB).
   */
  private static final ThreadLocal<byte[]> HEAD_BUFFER = ThreadLocal.withInitial(() -> new byte[HEAD_BYTES]);

  private static byte[] head(ExportSource source) throws ExportParseException {
    try (InputStream in = source.open()) {
      byte[] buffer = HEAD_BUFFER.get();
      return Arrays.copyOf(buffer, in.readNBytes(buffer, 0, HEAD_BYTES));
    } catch (NoSuchFileException e) {
      throw new ExportParseException(SourceLocation.ofFile(source.name()), ExportParseException.Kind.IO, "file vanished or does not exist", e);
    } catch (AccessDeniedException e) {
      throw new ExportParseException(SourceLocation.ofFile(source.name()), ExportParseException.Kind.IO, "permission denied", e);
    } catch (IOException e) {
      throw new ExportParseException(SourceLocation.ofFile(source.name()), ExportParseException.Kind.IO,
          "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
  }
}
