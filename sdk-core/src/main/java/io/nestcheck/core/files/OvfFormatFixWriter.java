package io.nestcheck.core.files;

import io.nestcheck.api.FixPlan;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.internal.io.AtomicFileWriter;
import io.nestcheck.core.internal.ovf.OvfDocument;
import io.nestcheck.core.internal.ovf.OvfFixWriter;
import io.nestcheck.core.internal.ovf.OvfManifest;
import io.nestcheck.core.internal.ovf.OvfReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code .ovf} descriptors, through {@link OvfFixWriter}, together with their package manifest.
 *
 * <p>When a manifest {@code <base>.mf} sits beside {@code <base>.ovf} and lists the descriptor ({@code
 * SHA256(<base>.ovf)= ...}, {@code SHA1(...)}, ...), its digest line is rewritten with the same algorithm and the
 * two files are replaced together ({@link PackageFiles#commit}), each keeping a {@code .bak}; the preview's diff
 * shows the descriptor's changes and then the manifest line. A signature {@code <base>.cert} beside them no longer
 * matches the manifest: it is kept as it is and the outcome warns that the package must be re-signed. A manifest
 * that did not match the descriptor before the fix is updated as well, with a warning.
 */
final class OvfFormatFixWriter implements PackageFixWriter {
  private final OvfReader reader = new OvfReader();

  @Override
  public String format() {
    return reader.format();
  }

  @Override
  public boolean accepts(String fileName, byte[] head) {
    return reader.canRead(fileName, head);
  }

  @Override
  public Edit edit(byte[] original, String fileName, FixPlan plan) throws ExportParseException, PlanMismatch {
    OvfFixWriter.Result r = write(original, fileName, plan);
    return new Edit(r.bytes(), r.original().text(), r.written().text(), r.applied(), skipped(r));
  }

  /** Parses, checks that the plan's VM is in the descriptor, and writes. */
  static OvfFixWriter.Result write(byte[] original, String fileName, FixPlan plan)
      throws ExportParseException, PlanMismatch {
    OvfDocument doc = OvfDocument.parse(original, fileName);
    checkVm(doc, plan);
    return OvfFixWriter.write(doc, plan);
  }

  static void checkVm(OvfDocument doc, FixPlan plan) throws PlanMismatch {
    List<String> names = doc.vmNames();
    long n = names.stream().filter(plan.vmName()::equals).count();
    if (n == 0) {
      String held = names.size() == 1 ? "VM \"" + names.get(0) + "\""
          : "VMs \"" + String.join("\", \"", names) + "\"";
      throw new PlanMismatch("the plan is for VM \"" + plan.vmName() + "\" but the file holds " + held);
    }
    if (n > 1) {
      throw new PlanMismatch("the file holds " + n + " VMs named \"" + plan.vmName()
          + "\"; a plan cannot say which of them to change");
    }
  }

  static List<FixOutcome.Skipped> skipped(OvfFixWriter.Result r) {
    List<FixOutcome.Skipped> out = new ArrayList<>();
    for (OvfFixWriter.Skipped s : r.skipped()) {
      out.add(new FixOutcome.Skipped(s.action(), s.reason()));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------------------------

  /** Everything {@link #apply} needs, computed without writing. */
  private record Computed(FixOutcome outcome, byte[] original, byte[] bytes, Optional<Path> manifest,
      byte[] manifestOriginal, byte[] manifestBytes) {}

  @Override
  public FixOutcome preview(Path file, FixPlan plan) throws FileFixException {
    return compute(file, plan).outcome;
  }

  @Override
  public FixOutcome apply(Path file, FixPlan plan, boolean force, AtomicFileWriter.FileOps ops)
      throws FileFixException {
    Computed c = compute(file, plan);
    if (!c.outcome.changed()) {
      return c.outcome;
    }
    if (!force && AtomicFileWriter.looksRunning(file)) {
      throw new FileFixException(file, FileFixException.Kind.VM_RUNNING,
          "the VM looks powered on (a .lck directory sits beside the file); power it off first, or force the write",
          null);
    }
    boolean same = Arrays.equals(c.original, PackageFiles.read(file))
        && (c.manifest.isEmpty() || Arrays.equals(c.manifestOriginal, PackageFiles.read(c.manifest.get())));
    if (!same) {
      throw new FileFixException(file, FileFixException.Kind.CHANGED_ON_DISK,
          "the file or its manifest changed while the fix was being prepared; nothing was written, run the fix "
              + "again", null);
    }
    Optional<Path> backup;
    if (c.manifest.isPresent()) {
      try {
        List<Path> backups = PackageFiles.commit(List.of(new PackageFiles.Change(file, c.bytes),
            new PackageFiles.Change(c.manifest.get(), c.manifestBytes)), true, ops);
        backup = Optional.of(backups.get(0));
      } catch (PackageFiles.CommitException e) {
        String state = e.restored() ? "the original and its manifest are unchanged"
            : "the descriptor and its manifest may not match; restore them from their .bak copies";
        throw new FileFixException(file, FileFixException.Kind.WRITE_FAILED,
            "could not write the fixed file and its manifest, " + state + ": " + e.getMessage(), e);
      }
    } else {
      try {
        backup = AtomicFileWriter.write(file, c.bytes, true, ops);
      } catch (IOException | RuntimeException e) {
        throw new FileFixException(file, FileFixException.Kind.WRITE_FAILED,
            "could not write the fixed file, the original is unchanged: " + PackageFiles.describe(e), e);
      }
    }
    FixOutcome o = c.outcome;
    return new FixOutcome(o.file(), o.format(), o.unsupported(), o.diff(), o.applied(), o.skipped(), true, true,
        backup, Optional.empty(), o.alsoChanged(), o.warnings());
  }

  private Computed compute(Path file, FixPlan plan) throws FileFixException {
    byte[] original = PackageFiles.read(file);
    OvfFixWriter.Result r;
    try {
      r = write(original, file.toString(), plan);
    } catch (ExportParseException e) {
      throw new FileFixException(file, FileFixException.Kind.INVALID_FILE,
          "cannot read it as " + format() + ": " + e.getMessage(), e);
    } catch (PlanMismatch e) {
      throw new FileFixException(file, FileFixException.Kind.PLAN_MISMATCH, e.getMessage(), e);
    }
    byte[] bytes = r.bytes();
    boolean changed = r.changed();
    String diff = changed ? FileFixer.unifiedDiff(FileFixer.displayPath(file), r.original().text(),
        r.written().text()) : "";
    List<String> warnings = new ArrayList<>();
    List<Path> also = new ArrayList<>();
    Optional<Path> manifest = Optional.empty();
    byte[] manifestOriginal = new byte[0];
    byte[] manifestBytes = new byte[0];
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    Optional<String> base = PackageFiles.base(name, ".ovf");
    if (changed && base.isPresent()) {
      Path mf = PackageFiles.sibling(file, base.get() + ".mf");
      if (Files.isRegularFile(mf)) {
        manifestOriginal = PackageFiles.read(mf);
        Optional<OvfManifest.Update> u = manifestOriginal.length > OvfManifest.MAX_BYTES ? Optional.empty()
            : OvfManifest.update(manifestOriginal, name, original, bytes);
        if (u.isPresent()) {
          manifest = Optional.of(mf);
          manifestBytes = u.get().bytes();
          also.add(mf);
          diff += FileFixer.unifiedDiff(FileFixer.displayPath(mf),
              new String(manifestOriginal, StandardCharsets.ISO_8859_1),
              new String(manifestBytes, StandardCharsets.ISO_8859_1));
          if (!u.get().matchedBefore()) {
            warnings.add("the digest of " + name + " in " + mf.getFileName() + " did not match the file before the"
                + " fix; it now matches the fixed file");
          }
        }
      }
      Path cert = PackageFiles.sibling(file, base.get() + ".cert");
      if (Files.isRegularFile(cert)) {
        warnings.add("the signature in " + cert.getFileName() + " no longer matches; re-sign the package");
      }
    }
    FixOutcome outcome = new FixOutcome(file, format(), Optional.empty(), diff, r.applied(), skipped(r), changed,
        false, Optional.empty(), Optional.empty(), also, warnings);
    return new Computed(outcome, original, bytes, manifest, manifestOriginal, manifestBytes);
  }
}
