package io.nestcheck.core.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AtomicFileWriterTest {
  private static final byte[] ORIGINAL = "displayName = \"old\"\r\nmemsize = \"1024\"\r\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] UPDATED = "displayName = \"new\"\r\nmemsize = \"4096\"\r\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private Path original() throws IOException {
    Path vmx = dir.resolve("vm.vmx");
    Files.write(vmx, ORIGINAL);
    return vmx;
  }

  @Test
  void replacesContentWithoutBackup() throws IOException {
    Path vmx = original();
    AtomicFileWriter.write(vmx, UPDATED, false);
    assertThat(Files.readAllBytes(vmx)).isEqualTo(UPDATED);
    assertThat(listing()).containsExactly("vm.vmx");
  }

  @Test
  void createsAMissingFile() throws IOException {
    Path vmx = dir.resolve("new.vmx");
    AtomicFileWriter.write(vmx, UPDATED, true);
    assertThat(Files.readAllBytes(vmx)).isEqualTo(UPDATED);
    assertThat(listing()).containsExactly("new.vmx");
  }

  @Test
  void keepsTheFirstBackupAndNumbersLaterOnes() throws IOException {
    Path vmx = original();
    AtomicFileWriter.write(vmx, UPDATED, true);
    assertThat(Files.readAllBytes(dir.resolve("vm.vmx.bak"))).isEqualTo(ORIGINAL);

    byte[] third = "x = \"3\"\n".getBytes(StandardCharsets.UTF_8);
    AtomicFileWriter.write(vmx, third, true);
    AtomicFileWriter.write(vmx, "x = \"4\"\n".getBytes(StandardCharsets.UTF_8), true);

    assertThat(Files.readAllBytes(dir.resolve("vm.vmx.bak"))).isEqualTo(ORIGINAL);
    assertThat(Files.readAllBytes(dir.resolve("vm.vmx.bak.1"))).isEqualTo(UPDATED);
    assertThat(Files.readAllBytes(dir.resolve("vm.vmx.bak.2"))).isEqualTo(third);
    assertThat(listing()).containsExactly("vm.vmx", "vm.vmx.bak", "vm.vmx.bak.1", "vm.vmx.bak.2");
  }

  @Test
  void preservesPosixPermissions() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path vmx = original();
    Files.setPosixFilePermissions(vmx, PosixFilePermissions.fromString("rwxr-x---"));
    AtomicFileWriter.write(vmx, UPDATED, true);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vmx))).isEqualTo("rwxr-x---");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("vm.vmx.bak"))))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void followsASymbolicLink() throws IOException {
    Path real = original();
    Path link = dir.resolve("link.vmx");
    try {
      Files.createSymbolicLink(link, real.getFileName());
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "no symbolic links here");
    }
    AtomicFileWriter.write(link, UPDATED, false);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readAllBytes(real)).isEqualTo(UPDATED);
  }

  /** The step where the simulated crash happens. */
  enum CrashAt {
    WRITING_TEMP,
    COPYING_BACKUP,
    PUBLISHING_BACKUP,
    RENAME
  }

  /** Delegates to the real file system but fails at one step, like a crash or a full disk. */
  private static final class CrashingOps implements AtomicFileWriter.FileOps {
    private final CrashAt crashAt;

    CrashingOps(CrashAt crashAt) {
      this.crashAt = crashAt;
    }

    @Override
    public void createAndForce(Path path, byte[] content) throws IOException {
      if (crashAt == CrashAt.WRITING_TEMP) {
        Files.write(path, java.util.Arrays.copyOf(content, content.length / 2)); // half written
        throw new IOException("simulated crash while writing " + path);
      }
      AtomicFileWriter.SYSTEM.createAndForce(path, content);
    }

    @Override
    public void copyAndForce(Path source, Path target) throws IOException {
      if (crashAt == CrashAt.COPYING_BACKUP) {
        Files.write(target, new byte[] {'p', 'a', 'r', 't'});
        throw new IOException("simulated crash while copying the backup");
      }
      AtomicFileWriter.SYSTEM.copyAndForce(source, target);
    }

    @Override
    public void publishNoReplace(Path existing, Path link) throws IOException {
      if (crashAt == CrashAt.PUBLISHING_BACKUP) {
        throw new IOException("simulated crash while publishing the backup");
      }
      AtomicFileWriter.SYSTEM.publishNoReplace(existing, link);
    }

    @Override
    public void atomicReplace(Path source, Path target) throws IOException {
      if (crashAt == CrashAt.RENAME) {
        throw new IOException("simulated crash between the temp write and the rename");
      }
      AtomicFileWriter.SYSTEM.atomicReplace(source, target);
    }

    @Override
    public void deleteIfExists(Path path) throws IOException {
      AtomicFileWriter.SYSTEM.deleteIfExists(path);
    }

    @Override
    public void syncDirectory(Path d) {
      AtomicFileWriter.SYSTEM.syncDirectory(d);
    }
  }

  @ParameterizedTest
  @EnumSource(CrashAt.class)
  void aCrashLeavesTheOriginalIntactAndNoTempFile(CrashAt crashAt) throws IOException {
    Path vmx = original();
    assertThatThrownBy(() -> AtomicFileWriter.write(vmx, UPDATED, true, new CrashingOps(crashAt)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("simulated crash");

    assertThat(Files.readAllBytes(vmx)).isEqualTo(ORIGINAL);
    if (crashAt == CrashAt.RENAME) {
      // the backup was complete before the rename was attempted
      assertThat(listing()).containsExactly("vm.vmx", "vm.vmx.bak");
      assertThat(Files.readAllBytes(dir.resolve("vm.vmx.bak"))).isEqualTo(ORIGINAL);
    } else {
      assertThat(listing()).containsExactly("vm.vmx");
    }
  }

  @Test
  void aFailedBackupNeverTouchesAnExistingBackup() throws IOException {
    Path vmx = original();
    byte[] oldBackup = "the user's first backup".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("vm.vmx.bak"), oldBackup);
    assertThatThrownBy(() -> AtomicFileWriter.write(vmx, UPDATED, true, new CrashingOps(CrashAt.RENAME)))
        .isInstanceOf(IOException.class);
    assertThat(Files.readAllBytes(dir.resolve("vm.vmx.bak"))).isEqualTo(oldBackup);
    assertThat(Files.readAllBytes(dir.resolve("vm.vmx.bak.1"))).isEqualTo(ORIGINAL);
    assertThat(Files.readAllBytes(vmx)).isEqualTo(ORIGINAL);
    assertThat(listing()).containsExactly("vm.vmx", "vm.vmx.bak", "vm.vmx.bak.1");
  }

  @Test
  void aCrashWithoutBackupLeavesOnlyTheOriginal() throws IOException {
    Path vmx = original();
    assertThatThrownBy(() -> AtomicFileWriter.write(vmx, UPDATED, false, new CrashingOps(CrashAt.RENAME)))
        .isInstanceOf(IOException.class);
    assertThat(Files.readAllBytes(vmx)).isEqualTo(ORIGINAL);
    assertThat(listing()).containsExactly("vm.vmx");
  }

  @Test
  void looksRunningWhenALockDirectoryIsBeside() throws IOException {
    Path vmx = original();
    assertThat(AtomicFileWriter.looksRunning(vmx)).isFalse();
    Files.createFile(dir.resolve("stale.lck")); // a file, not a directory
    assertThat(AtomicFileWriter.looksRunning(vmx)).isFalse();
    Files.createDirectory(dir.resolve("vm.vmx.lck"));
    assertThat(AtomicFileWriter.looksRunning(vmx)).isTrue();
  }

  @Test
  void anyLckDirectoryCountsAndCaseIsIgnored() throws IOException {
    Path vmx = original();
    Files.createDirectory(dir.resolve("disk-000001.vmdk.LCK"));
    assertThat(AtomicFileWriter.looksRunning(vmx)).isTrue();
  }

  @Test
  void looksRunningIsFalseForAMissingDirectory() {
    assertThat(AtomicFileWriter.looksRunning(dir.resolve("nope").resolve("vm.vmx"))).isFalse();
  }
}
