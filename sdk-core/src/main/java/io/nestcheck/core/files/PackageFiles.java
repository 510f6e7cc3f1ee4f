package io.nestcheck.core.files;

import io.nestcheck.core.internal.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File helpers of the package writers: reading with {@link FileFixer}'s error kinds, and replacing several files of
 * one package together (the OVF descriptor and its manifest).
 */
final class PackageFiles {
  private static final int MAX_BACKUPS = 10_000;

  private PackageFiles() {}

  /** Reads a whole file, failures as {@code UNREADABLE} with {@link FileFixer}'s reasons. */
  static byte[] read(Path file) throws FileFixException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException | OutOfMemoryError e) {
      throw unreadable(file, e);
    }
  }

  static FileFixException unreadable(Path file, Throwable e) {
    if (e instanceof NoSuchFileException) {
      return new FileFixException(file, FileFixException.Kind.UNREADABLE, "the file does not exist", e);
    }
    if (e instanceof AccessDeniedException) {
      return new FileFixException(file, FileFixException.Kind.UNREADABLE, "permission denied", e);
    }
    return new FileFixException(file, FileFixException.Kind.UNREADABLE, "cannot read: " + describe(e), e);
  }

  static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** A file to replace and its new content. */
  record Change(Path target, byte[] content) {
    Change {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(content, "content");
    }
  }

  /** Replacing the files failed; {@link #restored()} says whether every file holds its old bytes. */
  static final class CommitException extends IOException {
    private static final long serialVersionUID = 1L;
    private final boolean restored;

    CommitException(String message, Throwable cause, boolean restored) {
      super(message, cause);
      this.restored = restored;
    }

    boolean restored() {
      return restored;
    }
  }

  /**
   * Replaces every file of {@code changes} (which must exist) so that they change together as far as a file
   * system allows: first every new content is written to a temporary file beside its target and forced to disk,
   * a copy of every original is made (and published as {@code <name>.bak}, or the next free {@code .bak.N}, when
   * {@code keepBackup}; an existing backup is never overwritten), then the temporary files are renamed over their
   * targets one after the other. If a rename fails, the targets already replaced are put back from the copies. The
   * window in which a crash leaves the files mixed is the time between the renames.
   *
   * @return the backups, in the order of {@code changes} (empty when {@code keepBackup} is false)
   * @throws CommitException if a step fails; {@link CommitException#restored()} tells whether every target holds
   *     its original bytes (it does unless putting one back failed too)
   */
  static List<Path> commit(List<Change> changes, boolean keepBackup, AtomicFileWriter.FileOps ops)
      throws CommitException {
    List<Path> targets = new ArrayList<>();
    List<Path> temps = new ArrayList<>();
    List<Path> undos = new ArrayList<>();
    List<Path> backups = new ArrayList<>();
    int replaced = 0;
    try {
      for (Change c : changes) {
        Path real = c.target().toRealPath();
        targets.add(real);
        Path dir = real.getParent();
        String name = real.getFileName().toString();
        Path temp = tempName(dir, name);
        temps.add(temp);
        ops.createAndForce(temp, c.content());
        copyPermissions(real, temp);
        Path undo = tempName(dir, name + ".orig");
        undos.add(undo);
        ops.copyAndForce(real, undo);
        if (keepBackup) {
          backups.add(publishBackup(undo, dir, name, ops));
        }
      }
      for (int i = 0; i < targets.size(); i++) {
        ops.atomicReplace(temps.get(i), targets.get(i));
        replaced++;
        ops.syncDirectory(targets.get(i).getParent());
      }
      return backups;
    } catch (IOException | RuntimeException e) {
      boolean restored = true;
      for (int i = replaced - 1; i >= 0; i--) {
        try {
          ops.atomicReplace(undos.get(i), targets.get(i));
          ops.syncDirectory(targets.get(i).getParent());
        } catch (IOException | RuntimeException undo) {
          e.addSuppressed(undo);
          restored = false;
        }
      }
      throw new CommitException(describe(e), e, restored);
    } finally {
      for (int i = 0; i < temps.size(); i++) {
        deleteQuietly(ops, temps.get(i));
      }
      for (Path undo : undos) {
        deleteQuietly(ops, undo);
      }
    }
  }

  private static void deleteQuietly(AtomicFileWriter.FileOps ops, Path p) {
    try {
      ops.deleteIfExists(p);
    } catch (IOException | RuntimeException ignored) {
      // a leftover temporary file is never a target and can be deleted by hand
    }
  }

  /** Publishes a copy as the first free {@code <name>.bak}, {@code <name>.bak.1}, ... without replacing any. */
  private static Path publishBackup(Path copy, Path dir, String name, AtomicFileWriter.FileOps ops)
      throws IOException {
    for (int n = 0; n < MAX_BACKUPS; n++) {
      Path candidate = dir.resolve(n == 0 ? name + ".bak" : name + ".bak." + n);
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        Path linkSource = tempName(dir, name + ".bak");
        ops.copyAndForce(copy, linkSource);
        try {
          ops.publishNoReplace(linkSource, candidate);
        } finally {
          ops.deleteIfExists(linkSource);
        }
        ops.syncDirectory(dir);
        return candidate;
      } catch (FileAlreadyExistsException raced) {
        // another writer took this name meanwhile: try the next one
      }
    }
    throw new IOException("cannot back up " + dir.resolve(name) + ": " + MAX_BACKUPS + " backups exist already");
  }

  /**
   * Publishes {@code temp} under the first free name of {@code candidates(n)} without replacing any file; the
   * temporary file is removed afterwards.
   */
  static Path publishNew(Path temp, java.util.function.IntFunction<Path> candidates, AtomicFileWriter.FileOps ops)
      throws IOException {
    for (int n = 0; n < MAX_BACKUPS; n++) {
      Path candidate = candidates.apply(n);
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        ops.publishNoReplace(temp, candidate);
        ops.deleteIfExists(temp);
        ops.syncDirectory(candidate.toAbsolutePath().getParent());
        return candidate;
      } catch (FileAlreadyExistsException raced) {
        // taken meanwhile: try the next name
      }
    }
    throw new IOException("no free name for the new file: " + candidates.apply(0) + " and "
        + (MAX_BACKUPS - 1) + " numbered names exist");
  }

  /** The first of {@code candidates(n)} that does not exist (for previews). */
  static Path firstFree(java.util.function.IntFunction<Path> candidates) {
    for (int n = 0; n < MAX_BACKUPS; n++) {
      Path candidate = candidates.apply(n);
      if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        return candidate;
      }
    }
    return candidates.apply(MAX_BACKUPS);
  }

  static Path tempName(Path dir, String name) {
    return dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
  }

  static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (view == null || Files.getFileAttributeView(to, PosixFileAttributeView.class) == null) {
      return;
    }
    Files.setPosixFilePermissions(to, view.readAttributes().permissions());
  }

  /** The sibling of {@code file} named {@code name}. */
  static Path sibling(Path file, String name) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(name) : parent.resolve(name);
  }

  /** {@code name} without its extension when it ends in {@code ext} (case ignored). */
  static Optional<String> base(String name, String ext) {
    return name.length() > ext.length() && name.regionMatches(true, name.length() - ext.length(), ext, 0,
        ext.length()) ? Optional.of(name.substring(0, name.length() - ext.length())) : Optional.empty();
  }
}
