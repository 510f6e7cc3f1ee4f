package io.nestcheck.core.files;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.core.ExportReaders;
import io.nestcheck.core.internal.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Previews and applies a {@link FixPlan} to a VM export file, changing only the lines the plan touches.
 *
 * <p>{@link #preview} computes the new content and its unified diff and writes nothing. {@link #apply} does the
 * same, then replaces the file atomically: the new bytes go to a temporary file in the same directory, which is
 * forced to disk and renamed over the original; the original is kept as {@code <name>.bak} (or the next free
 * {@code <name>.bak.N}: an existing backup is never overwritten). Whatever fails, the file holds either its old or
 * its new bytes. {@code apply} refuses with {@link FileFixException.Kind#VM_RUNNING} when the VM looks powered on
 * (a {@code *.lck} directory beside the file, as VMware hosted products create) unless {@code force} is given, and
 * with {@link FileFixException.Kind#CHANGED_ON_DISK} when the file changed while the fix was computed. A plan that
 * changes nothing writes nothing (and so is never refused).
 *
 * <p>The format is chosen by content, like the readers do. Supported: {@code .vmx} (every byte outside the edited
 * lines is kept, including the charset, byte-order mark, line endings, comments and a missing final newline; new
 * keys are appended with the file's dominant line ending); OVF descriptors (edited in place as text, every byte
 * outside the edits kept; a manifest {@code <base>.mf} beside it that lists the descriptor gets the new digest and
 * is replaced together with it, a signature {@code .cert} beside it gets a {@linkplain FixOutcome#warnings()
 * warning}); OVA archives (never modified: the fix is a new archive {@code <name>.fixed.ova}, streamed entry by
 * entry with the descriptor and manifest replaced, named in {@link FixOutcome#output()}). For a format without a
 * writer yet (libvirt XML, govc JSON, or content no reader recognises, reported as format {@code unknown}) the
 * methods return a
 * {@link FixOutcome} whose {@link FixOutcome#unsupported()} says {@code "not supported yet for <format> files"}
 * and whose actions are all skipped with that reason; this is an outcome, not an exception, so a batch over a
 * mixed fleet carries on.
 *
 * <p>Actions a file edit cannot express (for {@code .vmx}: a SATA/NVMe controller change, port-group security,
 * manual steps, ...) are listed in {@link FixOutcome#skipped()} with a reason; the rest of the plan is still
 * applied. The plan must be for the VM in the file ({@link FixPlan#vmName()} equal to the name the reader gives
 * it), otherwise {@link FileFixException.Kind#PLAN_MISMATCH}.
 *
 * <p>Instances are immutable and thread-safe; two concurrent {@code apply} calls on the same file are not
 * coordinated beyond the changed-on-disk check.
 *
 * @since 0.1
 */
public final class FileFixer {
  /** The built-in format writers, asked in order. */
  static final List<FormatFixWriter> BUILT_IN =
      List.of(new VmxFormatFixWriter(), new OvfFormatFixWriter(), new OvaFormatFixWriter());

  private static final int HEAD_BYTES = ExportReaders.HEAD_BYTES;

  private final List<FormatFixWriter> writers;
  private final @Nullable ExportReaders readers;
  private final AtomicFileWriter.FileOps fileOps;

  /** A fixer with the built-in writers; format names of unsupported files come from the built-in readers. */
  public FileFixer() {
    this(BUILT_IN, null, AtomicFileWriter.SYSTEM);
  }

  /** For tests: other writers, readers (null: the built-in ones, looked up lazily) and file operations. */
  FileFixer(List<FormatFixWriter> writers, @Nullable ExportReaders readers, AtomicFileWriter.FileOps fileOps) {
    this.writers = List.copyOf(writers);
    this.readers = readers;
    this.fileOps = Objects.requireNonNull(fileOps, "fileOps");
  }

  /**
   * Computes what {@link #apply} would write, without writing.
   *
   * @param file the file; never {@code null}
   * @param plan the plan for the VM in the file; never {@code null}
   * @return the outcome, with {@link FixOutcome#written()} false; never {@code null}
   * @throws FileFixException {@code UNREADABLE}, {@code INVALID_FILE} or {@code PLAN_MISMATCH}
   */
  public FixOutcome preview(Path file, FixPlan plan) throws FileFixException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(plan, "plan");
    Optional<PackageFixWriter> pkg = packageWriter(file);
    if (pkg.isPresent()) {
      return pkg.get().preview(file, plan);
    }
    return compute(file, plan, read(file)).outcome;
  }

  /**
   * Applies {@code plan} to {@code file} (see the class comment).
   *
   * @param file the file; never {@code null}
   * @param plan the plan for the VM in the file; never {@code null}
   * @param force write even when the VM looks powered on
   * @return the outcome; {@link FixOutcome#written()} is true when the file was replaced; never {@code null}
   * @throws FileFixException {@code VM_RUNNING}, {@code UNREADABLE}, {@code INVALID_FILE}, {@code PLAN_MISMATCH},
   *     {@code CHANGED_ON_DISK} or {@code WRITE_FAILED}; the file is then unchanged
   */
  public FixOutcome apply(Path file, FixPlan plan, boolean force) throws FileFixException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(plan, "plan");
    Optional<PackageFixWriter> pkg = packageWriter(file);
    if (pkg.isPresent()) {
      return pkg.get().apply(file, plan, force, fileOps);
    }
    byte[] original = read(file);
    Computed c = compute(file, plan, original);
    if (!c.outcome.changed()) {
      return c.outcome;
    }
    if (!force && AtomicFileWriter.looksRunning(file)) {
      throw new FileFixException(file, FileFixException.Kind.VM_RUNNING,
          "the VM looks powered on (a .lck directory sits beside the file); power it off first, or force the write",
          null);
    }
    if (!Arrays.equals(original, read(file))) {
      throw new FileFixException(file, FileFixException.Kind.CHANGED_ON_DISK,
          "the file changed while the fix was being prepared; nothing was written, run the fix again", null);
    }
    Optional<Path> backup;
    try {
      backup = AtomicFileWriter.write(file, c.bytes, true, fileOps);
    } catch (IOException | RuntimeException e) {
      throw new FileFixException(file, FileFixException.Kind.WRITE_FAILED,
          "could not write the fixed file, the original is unchanged: " + describe(e), e);
    }
    FixOutcome o = c.outcome;
    return new FixOutcome(o.file(), o.format(), o.unsupported(), o.diff(), o.applied(), o.skipped(), true, true,
        backup);
  }

  // ---------------------------------------------------------------------------------------------------------

  private static final class Computed {
    final FixOutcome outcome;
    final byte[] bytes;

    Computed(FixOutcome outcome, byte[] bytes) {
      this.outcome = outcome;
      this.bytes = bytes;
    }
  }

  private Computed compute(Path file, FixPlan plan, byte[] original) throws FileFixException {
    String fileName = file.toString();
    byte[] head = Arrays.copyOf(original, Math.min(original.length, HEAD_BYTES));
    for (FormatFixWriter w : writers) {
      if (!w.accepts(fileName, head)) {
        continue;
      }
      FormatFixWriter.Edit edit;
      try {
        edit = w.edit(original, fileName, plan);
      } catch (ExportParseException e) {
        throw new FileFixException(file, FileFixException.Kind.INVALID_FILE,
            "cannot read it as " + w.format() + ": " + e.getMessage(), e);
      } catch (FormatFixWriter.PlanMismatch e) {
        throw new FileFixException(file, FileFixException.Kind.PLAN_MISMATCH, e.getMessage(), e);
      }
      boolean changed = !Arrays.equals(original, edit.bytes());
      String diff = changed ? unifiedDiff(displayPath(file), edit.oldText(), edit.newText()) : "";
      FixOutcome outcome = new FixOutcome(file, w.format(), Optional.empty(), diff, edit.applied(), edit.skipped(),
          changed, false, Optional.empty());
      return new Computed(outcome, edit.bytes());
    }
    String format = detectFormat(file, original);
    String reason = "not supported yet for " + format + " files";
    List<FixOutcome.Skipped> skipped = new ArrayList<>();
    List<FixAction> all = new ArrayList<>(plan.actions());
    for (ManualStep m : plan.manualSteps()) {
      if (!all.contains(m)) {
        all.add(m);
      }
    }
    for (FixAction a : all) {
      skipped.add(new FixOutcome.Skipped(a, reason));
    }
    FixOutcome outcome = new FixOutcome(file, format, Optional.of(reason), "", List.of(), skipped, false, false,
        Optional.empty());
    return new Computed(outcome, original);
  }

  /**
   * The writer that handles {@code file} when it is a {@link PackageFixWriter} (which reads and writes the file
   * itself, so that an archive is never loaded whole); empty when the first writer accepting the head is a plain
   * {@link FormatFixWriter}, or none does. Only the head of the file is read.
   */
  private Optional<PackageFixWriter> packageWriter(Path file) throws FileFixException {
    byte[] head;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      throw PackageFiles.unreadable(file, e);
    }
    for (FormatFixWriter w : writers) {
      if (w.accepts(file.toString(), head)) {
        return w instanceof PackageFixWriter ? Optional.of((PackageFixWriter) w) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private String detectFormat(Path file, byte[] original) {
    ExportReaders r = readers != null ? readers : ExportReaders.builtIn();
    byte[] head = Arrays.copyOf(original, Math.min(original.length, HEAD_BYTES));
    for (ExportReader reader : r.readers()) {
      try {
        if (reader.canRead(file.toString(), head)) {
          return reader.format();
        }
      } catch (RuntimeException e) {
        // a faulty third-party reader does not decide the format
      }
    }
    return "unknown";
  }

  private static byte[] read(Path file) throws FileFixException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new FileFixException(file, FileFixException.Kind.UNREADABLE, "the file does not exist", e);
    } catch (AccessDeniedException e) {
      throw new FileFixException(file, FileFixException.Kind.UNREADABLE, "permission denied", e);
    } catch (IOException | OutOfMemoryError e) {
      throw new FileFixException(file, FileFixException.Kind.UNREADABLE, "cannot read: " + describe(e), e);
    }
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** The path for the diff headers: as given, with {@code /} separators and no leading {@code /}. */
  static String displayPath(Path file) {
    String p = file.toString().replace('\\', '/');
    int i = 0;
    while (i < p.length() - 1 && p.charAt(i) == '/') {
      i++;
    }
    return p.substring(i);
  }

  /**
   * A unified diff of two texts, {@code a/<path>} and {@code b/<path>} headers, 3 lines of context; lines are
   * compared without their terminators. Empty when the texts have the same lines.
   */
  static String unifiedDiff(String path, String oldText, String newText) {
    List<String> a = lines(oldText);
    List<String> b = lines(newText);
    Patch<String> patch = DiffUtils.diff(a, b);
    if (patch.getDeltas().isEmpty()) {
      return "";
    }
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, 3);
    return String.join("\n", unified) + "\n";
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(Arrays.asList(text.split("\r\n|\r|\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1); // the text ends with a line break (or is empty)
    }
    return out;
  }
}
