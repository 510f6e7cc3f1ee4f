package io.nestcheck.core.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's content so that, whatever happens, the file holds either the old or the new bytes, never a
 * mix. Internal: public only for other packages of nestcheck-core.
 *
 * <p>{@link #write} does, in order:
 *
 * <ol>
 *   <li>writes the content to a new temporary file {@code .<name>.<random>.tmp} in the target's directory and
 *       forces it to disk ({@link FileChannel#force(boolean)});
 *   <li>gives it the target's POSIX permissions when the target exists and the file system has them (otherwise
 *       the temporary file keeps the permissions the process umask gives a new file);
 *   <li>if {@code keepBackup} and the target exists, makes a backup: the original is copied (attributes kept) to
 *       another temporary file, forced, then published under the first free name of {@code <name>.bak},
 *       {@code <name>.bak.1}, {@code <name>.bak.2}, ... by a hard link, which fails rather than replace an existing
 *       file (a no-replace atomic move where links are unsupported). An existing backup is <b>never
 *       overwritten</b>: the first backup, the user's original, is kept;
 *   <li>moves the temporary file over the target with {@code ATOMIC_MOVE} and {@code REPLACE_EXISTING}; there is
 *       no non-atomic fallback: {@link AtomicMoveNotSupportedException} is thrown instead;
 *   <li>forces the directory (opened for reading), so that the rename is durable; ignored where the platform
 *       cannot open or force a directory.
 * </ol>
 *
 * <p>If any step fails the temporary files are deleted and the exception propagates; the target is then untouched,
 * and a backup exists only if it was completely written. After a hard crash, an orphaned {@code .*.tmp} file may
 * remain; it is never the target and can be deleted. A symbolic link as target is followed: the file it points to
 * is replaced and the link is kept. The target's owner and group are not copied.
 */
public final class AtomicFileWriter {

  /**
   * The file-system steps of {@link #write}, replaceable in tests to simulate a crash between them (public so that
   * tests of other nestcheck-core packages can inject failures).
   */
  public interface FileOps {
    /** Creates {@code path} (it must not exist), writes all of {@code content} and forces it to disk. */
    void createAndForce(Path path, byte[] content) throws IOException;

    /** Copies {@code source} to the new file {@code target} with its attributes and forces the copy to disk. */
    void copyAndForce(Path source, Path target) throws IOException;

    /**
     * Makes {@code existing} also visible as {@code link}, failing with {@link FileAlreadyExistsException} if
     * {@code link} exists.
     */
    void publishNoReplace(Path existing, Path link) throws IOException;

    /** Atomically renames {@code source} to {@code target}, replacing it. */
    void atomicReplace(Path source, Path target) throws IOException;

    /** Deletes {@code path} if it exists. */
    void deleteIfExists(Path path) throws IOException;

    /** Forces a directory's entries to disk; best effort, never fails. */
    void syncDirectory(Path dir);
  }

  /** The real file system. */
  public static final FileOps SYSTEM = new SystemFileOps();

  private static final int MAX_BACKUPS = 10_000;

  private AtomicFileWriter() {}

  /**
   * Atomically replaces (or creates) {@code target} with {@code content}; see the class comment.
   *
   * @param target the file to write; its directory must exist
   * @param content the new bytes; not kept
   * @param keepBackup whether to keep the current content as {@code <name>.bak} (or the next free
   *     {@code .bak.N}) when {@code target} exists
   * @return the backup made, when {@code keepBackup} and the target existed; empty otherwise
   * @throws IOException if a step fails; the target is then unchanged
   */
  public static Optional<Path> write(Path target, byte[] content, boolean keepBackup) throws IOException {
    return write(target, content, keepBackup, SYSTEM);
  }

  /** {@link #write(Path, byte[], boolean)} through {@code ops}, for tests that simulate failures. */
  public static Optional<Path> write(Path target, byte[] content, boolean keepBackup, FileOps ops)
      throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(content, "content");
    Path real = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
    Path dir = real.getParent();
    if (dir == null) {
      throw new IOException("cannot write " + target + ": it has no parent directory");
    }
    String name = real.getFileName().toString();
    boolean exists = Files.exists(real, LinkOption.NOFOLLOW_LINKS);
    Path temp = null;
    boolean moved = false;
    Optional<Path> backup = Optional.empty();
    try {
      temp = createTemp(dir, name, content, ops);
      if (exists) {
        copyPermissions(real, temp);
      }
      if (keepBackup && exists) {
        backup = Optional.of(backup(real, dir, name, ops));
      }
      ops.atomicReplace(temp, real);
      moved = true;
      ops.syncDirectory(dir);
      return backup;
    } catch (IOException | RuntimeException | Error e) {
      if (temp != null && !moved) {
        try {
          ops.deleteIfExists(temp);
        } catch (IOException | RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }

  /**
   * Whether the VM of {@code vmx} looks powered on: a directory whose name ends in {@code .lck} (any case) sits
   * beside the file. VMware hosted products create {@code <name>.vmx.lck}, {@code <disk>.vmdk.lck} and similar
   * directories while a VM runs; any such sibling counts. A heuristic: false when the directory does not exist or
   * cannot be listed. ESXi's {@code .lck-*} files on VMFS/NFS are not looked for.
   */
  public static boolean looksRunning(Path vmx) {
    Path dir = Objects.requireNonNull(vmx, "vmx").toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(dir)) {
      for (Path sibling : siblings) {
        Path fileName = sibling.getFileName();
        if (fileName != null
            && fileName.toString().toLowerCase(Locale.ROOT).endsWith(".lck")
            && Files.isDirectory(sibling)) {
          return true;
        }
      }
    } catch (IOException | SecurityException e) {
      return false;
    }
    return false;
  }

  private static Path createTemp(Path dir, String name, byte[] content, FileOps ops) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = tempName(dir, name);
      try {
        ops.createAndForce(temp, content);
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      } catch (IOException | RuntimeException e) {
        // a partly written file may exist: remove it before reporting
        try {
          ops.deleteIfExists(temp);
        } catch (IOException | RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
        throw e;
      }
    }
  }

  private static Path tempName(Path dir, String name) {
    return dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (view == null || Files.getFileAttributeView(to, PosixFileAttributeView.class) == null) {
      return;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    Files.setPosixFilePermissions(to, permissions);
  }

  private static Path backup(Path original, Path dir, String name, FileOps ops) throws IOException {
    Path temp = tempName(dir, name + ".bak");
    try {
      ops.copyAndForce(original, temp);
      for (int n = 0; n < MAX_BACKUPS; n++) {
        Path candidate = dir.resolve(n == 0 ? name + ".bak" : name + ".bak." + n);
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try {
          ops.publishNoReplace(temp, candidate);
          ops.syncDirectory(dir);
          return candidate;
        } catch (FileAlreadyExistsException raced) {
          // another writer took this name meanwhile: try the next one
        }
      }
      throw new IOException("cannot back up " + original + ": " + MAX_BACKUPS + " backups exist already");
    } finally {
      ops.deleteIfExists(temp);
    }
  }

  private static final class SystemFileOps implements FileOps {
    @Override
    public void createAndForce(Path path, byte[] content) throws IOException {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
    }

    @Override
    public void copyAndForce(Path source, Path target) throws IOException {
      Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
      try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }

    @Override
    public void publishNoReplace(Path existing, Path link) throws IOException {
      try {
        Files.createLink(link, existing);
      } catch (FileAlreadyExistsException | NoSuchFileException e) {
        throw e;
      } catch (UnsupportedOperationException | FileSystemException e) {
        // a file system without hard links (FAT, some network shares)
        moveNoReplace(existing, link);
      }
    }

    private static void moveNoReplace(Path existing, Path link) throws IOException {
      if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(link.toString());
      }
      Files.move(existing, link, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void atomicReplace(Path source, Path target) throws IOException {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void deleteIfExists(Path path) throws IOException {
      Files.deleteIfExists(path);
    }

    @Override
    public void syncDirectory(Path dir) {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        // Windows cannot open a directory as a channel; some file systems refuse fsync on one
      }
    }
  }
}
