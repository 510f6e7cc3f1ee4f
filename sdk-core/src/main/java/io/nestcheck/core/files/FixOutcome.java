package io.nestcheck.core.files;

import io.nestcheck.api.FixAction;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FileFixer} did (or would do) to one file.
 *
 * <p>For a supported format, {@link #applied()} lists the actions written (or that would be written by a preview)
 * and {@link #skipped()} those a file edit cannot express, each with a reason; {@link #diff()} is the unified
 * diff between the old and new text. For a format without a writer yet, {@link #unsupported()} holds the reason
 * ({@code "not supported yet for libvirt files"}), every action is skipped with that reason, the diff is empty
 * and nothing is written.
 *
 * @param file the file, as given; never {@code null}
 * @param format the format id of the file ({@code vmx}, {@code ovf}, ...; {@code unknown} when no reader
 *     recognises it); never {@code null}
 * @param unsupported why the format cannot be fixed yet; empty for supported formats
 * @param diff the unified diff ({@code --- a/<path>}, {@code +++ b/<path>}, 3 lines of context, lines decoded in
 *     the file's charset, line terminators not shown; for an OVF package the descriptor's diff followed by the
 *     manifest's, for an OVA the paths are {@code <archive>!/<entry>}); empty when nothing changes
 * @param applied the actions written or to be written, in plan order (including those the file already satisfies)
 * @param skipped the actions not written, with reasons, in plan order (manual steps last)
 * @param changed whether the new bytes differ from the file's bytes
 * @param written whether the fix was written: the file replaced, or the new {@link #output()} created (only
 *     {@link FileFixer#apply} writes, and only when changed)
 * @param backup the copy of the original kept beside the file ({@code <name>.bak}, or {@code .bak.N} when older
 *     backups exist), when the file was written in place
 * @param output where the fixed content is (or, for a preview, would be) written when that is a new file rather
 *     than {@code file} itself: an OVA is never modified, its fix is a new archive {@code <name>.fixed.ova}; empty
 *     for in-place fixes and when nothing changes
 * @param alsoChanged other files of the package rewritten (or, for a preview, to be rewritten) together with
 *     {@code file}, atomically and with their own backups: the manifest ({@code .mf}) beside an OVF descriptor
 * @param warnings things people must know about the result, one sentence each without a final period (for
 *     example that a package signature no longer matches)
 * @since 0.1
 */
public record FixOutcome(
    Path file,
    String format,
    Optional<String> unsupported,
    String diff,
    List<FixAction> applied,
    List<Skipped> skipped,
    boolean changed,
    boolean written,
    Optional<Path> backup,
    Optional<Path> output,
    List<Path> alsoChanged,
    List<String> warnings) {

  /**
   * An action that was not applied, and why.
   *
   * @param action the action; never {@code null}
   * @param reason one sentence for people, without a final period; never {@code null}
   * @since 0.1
   */
  public record Skipped(FixAction action, String reason) {
    /** Checks the components. */
    public Skipped {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Checks the components and copies the lists. */
  public FixOutcome {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(unsupported, "unsupported");
    Objects.requireNonNull(diff, "diff");
    applied = List.copyOf(applied);
    skipped = List.copyOf(skipped);
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(output, "output");
    alsoChanged = List.copyOf(alsoChanged);
    warnings = List.copyOf(warnings);
    if (written && !changed) {
      throw new IllegalArgumentException("an unchanged file is never written");
    }
    if (backup.isPresent() && !written) {
      throw new IllegalArgumentException("a backup exists only for a written file");
    }
    if ((output.isPresent() || !alsoChanged.isEmpty()) && !changed) {
      throw new IllegalArgumentException("an unchanged file has no output and changes no other file");
    }
  }

  /**
   * An outcome without a separate output, other changed files or warnings (the form of version 0.1).
   *
   * @param file see the record components
   * @param format see the record components
   * @param unsupported see the record components
   * @param diff see the record components
   * @param applied see the record components
   * @param skipped see the record components
   * @param changed see the record components
   * @param written see the record components
   * @param backup see the record components
   */
  public FixOutcome(Path file, String format, Optional<String> unsupported, String diff, List<FixAction> applied,
      List<Skipped> skipped, boolean changed, boolean written, Optional<Path> backup) {
    this(file, format, unsupported, diff, applied, skipped, changed, written, backup, Optional.empty(), List.of(),
        List.of());
  }

  /** Whether the format has a writer; {@code false} when {@link #unsupported()} is present. */
  public boolean supported() {
    return unsupported.isEmpty();
  }
}
