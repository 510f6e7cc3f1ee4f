package io.nestcheck.core.files;

import io.nestcheck.api.FixPlan;
import io.nestcheck.core.internal.io.AtomicFileWriter;
import java.nio.file.Path;

/**
 * A {@link FormatFixWriter} for formats whose fix is more than replacing one file's bytes: an OVF descriptor's
 * manifest must be updated with it, and an OVA is never modified but written anew by streaming (it may be far
 * larger than memory). {@link FileFixer} hands such a writer the whole preview and apply: it reads only the head of
 * the file to choose the writer, and the writer reads, checks (plan mismatch, a running VM, changes on disk) and
 * writes itself, with the same guarantees as {@link FileFixer}: atomic replacement, backups kept, nothing written
 * when nothing changes, every failure leaving the original files as they were.
 */
interface PackageFixWriter extends FormatFixWriter {

  /**
   * Computes what {@link #apply} would do, without writing.
   *
   * @throws FileFixException {@code UNREADABLE}, {@code INVALID_FILE} or {@code PLAN_MISMATCH}
   */
  FixOutcome preview(Path file, FixPlan plan) throws FileFixException;

  /**
   * Applies {@code plan}.
   *
   * @param ops the file operations ({@link AtomicFileWriter#SYSTEM}, or a test's)
   * @throws FileFixException any kind; the original files are then unchanged
   */
  FixOutcome apply(Path file, FixPlan plan, boolean force, AtomicFileWriter.FileOps ops) throws FileFixException;
}
