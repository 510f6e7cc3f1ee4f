package io.nestcheck.core.files;

import io.nestcheck.api.FixPlan;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.internal.io.AtomicFileWriter;
import io.nestcheck.core.internal.ovf.OvaArchive;
import io.nestcheck.core.internal.ovf.OvaReader;
import io.nestcheck.core.internal.ovf.OvfFixWriter;
import io.nestcheck.core.internal.ovf.OvfManifest;
import io.nestcheck.core.internal.xml.SafeXml;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code .ova} archives: the fix is written to a <b>new</b> archive beside the original, which is never modified.
 *
 * <p>The new archive is named {@code <name>.fixed.ova} for {@code <name>.ova} (for another name, {@code
 * <file>.fixed.ova}); when that exists, {@code <name>.fixed.1.ova}, {@code .fixed.2.ova}, ...: no existing file is
 * replaced. It is the original archive streamed through entry by entry ({@link OvaArchive#copy}): every entry keeps
 * its position and its header record, and its bytes, except the descriptor (edited by {@link OvfFixWriter}) and the
 * manifest (its descriptor digest line rewritten with the same algorithm), whose headers differ only in size and
 * checksum. Memory use does not depend on the size of the disks. The archive is written to a temporary file in the
 * same directory, forced to disk, then published under its name by a link that never replaces a file, so the new
 * name holds a complete archive or nothing. A {@code .cert} entry is kept as it is and the outcome warns that it no
 * longer matches. {@link FixOutcome#output()} names the new archive; {@link FixOutcome#backup()} is empty (the
 * original is its own backup).
 */
final class OvaFormatFixWriter implements PackageFixWriter {
  /** Opens the stream the new archive is written to; replaceable in tests to simulate failures. */
  interface Sink {
    /** An output stream over {@code channel}, which is forced to disk after the stream is flushed. */
    OutputStream open(FileChannel channel);
  }

  static final Sink CHANNEL = Channels::newOutputStream;

  private final OvaReader reader = new OvaReader();
  private final Sink sink;

  OvaFormatFixWriter() {
    this(CHANNEL);
  }

  OvaFormatFixWriter(Sink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public String format() {
    return reader.format();
  }

  @Override
  public boolean accepts(String fileName, byte[] head) {
    return reader.canRead(fileName, head);
  }

  /** The whole archive in memory: for callers that hold it already (small archives). */
  @Override
  public Edit edit(byte[] original, String fileName, FixPlan plan) throws ExportParseException, PlanMismatch {
    try {
      Plan p = plan(() -> new ByteArrayInputStream(original), fileName, fileName, plan);
      ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 4096);
      if (p.changed()) {
        OvaArchive.copy(new ByteArrayInputStream(original), out, p.replacements, p.expected);
      }
      byte[] bytes = p.changed() ? out.toByteArray() : original;
      return new Edit(bytes, p.result.original().text(), p.result.written().text(), p.result.applied(),
          OvfFormatFixWriter.skipped(p.result));
    } catch (IOException e) {
      throw new ExportParseException(SourceLocation.ofFile(fileName), ExportParseException.Kind.SYNTAX,
          "not a readable OVA: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------------------------------------------------

  private interface Source {
    InputStream open() throws IOException;
  }

  /** The edit of one archive: the fixed descriptor and manifest, and what they replace. */
  private record Plan(OvaArchive.Contents contents, OvfFixWriter.Result result, Map<String, byte[]> replacements,
      Map<String, byte[]> expected, String diff, List<String> warnings) {
    boolean changed() {
      return result.changed();
    }
  }

  private Plan plan(Source source, String archiveName, String displayName, FixPlan plan)
      throws IOException, ExportParseException, PlanMismatch {
    OvaArchive.Contents contents;
    try (InputStream in = new BufferedInputStream(source.open(), 64 * 1024)) {
      contents = OvaArchive.scan(in, SafeXml.MAX_BYTES);
    }
    String inner = archiveName + "!/" + contents.descriptorName();
    OvfFixWriter.Result r = OvfFormatFixWriter.write(contents.descriptor(), inner, plan);
    Map<String, byte[]> replacements = new HashMap<>();
    Map<String, byte[]> expected = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    String diff = "";
    if (r.changed()) {
      byte[] bytes = r.bytes();
      replacements.put(contents.descriptorName(), bytes);
      expected.put(contents.descriptorName(), contents.descriptor());
      diff = FileFixer.unifiedDiff(displayName + "!/" + contents.descriptorName(), r.original().text(),
          r.written().text());
      if (contents.manifest().isPresent()) {
        String mfName = contents.manifestName().orElseThrow();
        byte[] mf = contents.manifest().get();
        String listed = contents.descriptorName();
        int slash = listed.lastIndexOf('/');
        Optional<OvfManifest.Update> u = OvfManifest.update(mf, listed, contents.descriptor(), bytes);
        if (u.isEmpty() && slash >= 0) {
          u = OvfManifest.update(mf, listed.substring(slash + 1), contents.descriptor(), bytes);
        }
        if (u.isPresent()) {
          replacements.put(mfName, u.get().bytes());
          expected.put(mfName, mf);
          diff += FileFixer.unifiedDiff(displayName + "!/" + mfName, new String(mf, StandardCharsets.ISO_8859_1),
              new String(u.get().bytes(), StandardCharsets.ISO_8859_1));
          if (!u.get().matchedBefore()) {
            warnings.add("the digest of " + contents.descriptorName() + " in " + mfName + " did not match the"
                + " descriptor before the fix; it now matches the fixed descriptor");
          }
        }
      }
      for (String cert : contents.certificates()) {
        warnings.add("the signature in " + cert + " no longer matches; re-sign the package");
      }
    }
    return new Plan(contents, r, replacements, expected, diff, warnings);
  }

  private Plan plan(Path file, FixPlan plan) throws FileFixException {
    try {
      return plan(() -> Files.newInputStream(file), file.toString(), FileFixer.displayPath(file), plan);
    } catch (OvaArchive.OvaFormatException e) {
      throw new FileFixException(file, FileFixException.Kind.INVALID_FILE,
          "cannot read it as " + format() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw PackageFiles.unreadable(file, e);
    } catch (ExportParseException e) {
      throw new FileFixException(file, FileFixException.Kind.INVALID_FILE,
          "cannot read it as " + format() + ": " + e.getMessage(), e);
    } catch (PlanMismatch e) {
      throw new FileFixException(file, FileFixException.Kind.PLAN_MISMATCH, e.getMessage(), e);
    }
  }

  /** The names the new archive may take: {@code <base>.fixed.ova}, {@code <base>.fixed.1.ova}, ... */
  static Path outputName(Path file, int n) {
    String name = file.getFileName().toString();
    String base = PackageFiles.base(name, ".ova").orElse(name);
    return PackageFiles.sibling(file, base + ".fixed" + (n == 0 ? "" : "." + n) + ".ova");
  }

  private FixOutcome outcome(Path file, Plan p, boolean written, Optional<Path> output) {
    return new FixOutcome(file, format(), Optional.empty(), p.diff, p.result.applied(),
        OvfFormatFixWriter.skipped(p.result), p.changed(), written, Optional.empty(), output, List.of(),
        p.warnings);
  }

  @Override
  public FixOutcome preview(Path file, FixPlan plan) throws FileFixException {
    Plan p = plan(file, plan);
    return outcome(file, p, false,
        p.changed() ? Optional.of(PackageFiles.firstFree(n -> outputName(file, n))) : Optional.empty());
  }

  @Override
  public FixOutcome apply(Path file, FixPlan plan, boolean force, AtomicFileWriter.FileOps ops)
      throws FileFixException {
    BasicFileAttributes before = attributes(file);
    Plan p = plan(file, plan);
    if (!p.changed()) {
      return outcome(file, p, false, Optional.empty());
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      throw PackageFiles.unreadable(file, e);
    }
    Path dir = real.getParent();
    Path temp = PackageFiles.tempName(dir, outputName(file, 0).getFileName().toString());
    Path output;
    try {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(real), 256 * 1024);
          FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(sink.open(channel), 256 * 1024);
        OvaArchive.copy(in, out, p.replacements, p.expected);
        out.flush();
        channel.force(true);
      }
      BasicFileAttributes after = attributes(file);
      if (after.size() != before.size() || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
        throw new OvaArchive.ChangedException(file + " changed while the new archive was written");
      }
      PackageFiles.copyPermissions(real, temp);
      output = PackageFiles.publishNew(temp, n -> outputName(file, n), ops);
    } catch (OvaArchive.ChangedException e) {
      deleteQuietly(ops, temp);
      throw new FileFixException(file, FileFixException.Kind.CHANGED_ON_DISK,
          "the archive changed while the fix was being written; nothing was written, run the fix again", e);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(ops, temp);
      throw new FileFixException(file, FileFixException.Kind.WRITE_FAILED,
          "could not write the fixed archive, the original is unchanged and no new archive was made: "
              + PackageFiles.describe(e), e);
    }
    return outcome(file, p, true, Optional.of(output));
  }

  private static BasicFileAttributes attributes(Path file) throws FileFixException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw PackageFiles.unreadable(file, e);
    }
  }

  private static void deleteQuietly(AtomicFileWriter.FileOps ops, Path p) {
    try {
      ops.deleteIfExists(p);
    } catch (IOException | RuntimeException ignored) {
      // a leftover temporary file is never the output and can be deleted by hand
    }
  }
}
