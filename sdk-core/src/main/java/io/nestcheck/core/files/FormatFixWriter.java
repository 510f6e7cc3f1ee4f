package io.nestcheck.core.files;

import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.spi.ExportParseException;
import java.util.List;
import java.util.Objects;

/**
 * Writes a {@link FixPlan} into the bytes of one export format. {@link FileFixer} picks the first writer that
 * {@linkplain #accepts accepts} a file's head; to support a new format (OVF, OVA, ...), implement this interface in
 * this package and add it to {@link FileFixer#BUILT_IN}. Implementations are stateless and thread-safe, never
 * touch the file system, and leave every byte outside the edited lines as it was.
 */
interface FormatFixWriter {

  /** The format id, the same as the format's {@link io.nestcheck.api.spi.ExportReader#format()}. */
  String format();

  /**
   * Whether this writer handles the file, decided like {@link io.nestcheck.api.spi.ExportReader#canRead}: by the
   * head (up to 8 KiB), with the file name as a hint.
   */
  boolean accepts(String fileName, byte[] head);

  /**
   * Computes the edit.
   *
   * @param original the whole file
   * @param fileName the name for messages and error locations
   * @param plan the plan
   * @return the new bytes, the old and new text for the diff, and what was applied or skipped
   * @throws ExportParseException if the file cannot be parsed
   * @throws PlanMismatch if the plan is for another VM than the one in the file
   */
  Edit edit(byte[] original, String fileName, FixPlan plan) throws ExportParseException, PlanMismatch;

  /**
   * The result of {@link #edit}.
   *
   * @param bytes the new bytes (equal to the original when nothing changes)
   * @param oldText the original decoded in the file's charset, for the diff
   * @param newText the new bytes decoded in the file's charset, for the diff
   * @param applied the actions applied
   * @param skipped the actions skipped, with reasons
   */
  record Edit(byte[] bytes, String oldText, String newText, List<FixAction> applied,
      List<FixOutcome.Skipped> skipped) {
    public Edit {
      Objects.requireNonNull(bytes, "bytes");
      Objects.requireNonNull(oldText, "oldText");
      Objects.requireNonNull(newText, "newText");
      applied = List.copyOf(applied);
      skipped = List.copyOf(skipped);
    }
  }

  /** The plan names another VM than the file holds. */
  final class PlanMismatch extends Exception {
    private static final long serialVersionUID = 1L;

    PlanMismatch(String message) {
      super(message);
    }
  }
}
