package io.nestcheck.core.internal.ovf;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.xml.GuardedInputStream;
import io.nestcheck.core.internal.xml.SafeXml;
import io.nestcheck.core.internal.xml.XmlElement;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an OVA (a tar archive holding an OVF descriptor, its manifest and its disks) by streaming it: only the
 * first {@code .ovf} entry is parsed; every other entry is skipped without being extracted or buffered, so memory
 * use does not depend on the size of the disks.
 *
 * <p>Contract, in addition to {@link ExportReader}'s:
 * <ul>
 *   <li>{@link #canRead} accepts a head with the POSIX/GNU tar magic {@code ustar} at offset 257.
 *   <li>DSP0243 puts the descriptor first, but it is accepted at any position; the entries before it are skipped
 *       by reading past them (tar has no index).
 *   <li>The descriptor is read as by {@link OvfReader}, with the VMs' source and error locations named
 *       {@code <archive>!/<entry>}. A descriptor entry over {@link SafeXml#MAX_BYTES} is refused from its header,
 *       before it is read ({@code TOO_LARGE}).
 *   <li>No {@code .ovf} entry: {@code UNSUPPORTED_FORMAT}. A corrupt tar header: {@code SYNTAX}. A failing read of
 *       the input: {@code IO}.
 *   <li>The archive may be of any size; nothing is written to disk.
 * </ul>
 */
public final class OvaReader implements ExportReader {
  private static final int MAGIC_OFFSET = 257;
  private static final byte[] MAGIC = "ustar".getBytes(StandardCharsets.US_ASCII);

  /** Creates the reader; it holds no state. */
  public OvaReader() {}

  @Override
  public String format() {
    return "ova";
  }

  @Override
  public boolean canRead(String fileName, byte[] head) {
    Objects.requireNonNull(head, "head");
    if (head.length < MAGIC_OFFSET + MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[MAGIC_OFFSET + i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<VmConfiguration> read(ExportSource source) throws ExportParseException {
    Objects.requireNonNull(source, "source");
    String name = source.name();
    InputStream raw;
    try {
      raw = source.open();
    } catch (IOException e) {
      throw SafeXml.ioError(name, e);
    }
    // The guard marks failures of the input itself, so that they are told apart from a corrupt archive.
    GuardedInputStream guarded = GuardedInputStream.of(new BufferedInputStream(raw, 64 * 1024), Long.MAX_VALUE,
        "the OVA");
    try (TarArchiveInputStream tar = new TarArchiveInputStream(guarded)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile() || !entry.getName().toLowerCase(Locale.ROOT).endsWith(".ovf")) {
          continue;
        }
        String inner = name + "!/" + entry.getName();
        if (entry.getSize() > SafeXml.MAX_BYTES) {
          throw new ExportParseException(SourceLocation.ofFile(inner), Kind.TOO_LARGE,
              "the OVF descriptor is " + entry.getSize() + " bytes, larger than the limit of "
                  + GuardedInputStream.describeBytes(SafeXml.MAX_BYTES) + "; it was not loaded");
        }
        XmlElement root = SafeXml.parse(tar, inner);
        return OvfMapper.map(root, inner);
      }
    } catch (GuardedInputStream.SourceReadException e) {
      throw SafeXml.ioError(name, (IOException) e.getCause());
    } catch (IOException | RuntimeException e) {
      // commons-compress reports corrupt headers as IOException (and, for some inputs, IllegalArgumentException).
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.SYNTAX,
          "not a readable tar archive: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + withoutFinalPeriod(OvfMapper.abbreviate(e.getMessage()))), e);
    }
    throw new ExportParseException(SourceLocation.ofFile(name), Kind.UNSUPPORTED_FORMAT,
        "the OVA contains no .ovf descriptor");
  }

  private static String withoutFinalPeriod(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
