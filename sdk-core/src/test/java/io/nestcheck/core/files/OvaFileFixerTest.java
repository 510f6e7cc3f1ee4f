package io.nestcheck.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.fix.FixApplier;
import io.nestcheck.core.internal.io.AtomicFileWriter;
import io.nestcheck.core.internal.ovf.OvaReader;
import io.nestcheck.core.internal.ovf.OvfManifest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileFixer} on OVA archives: a new {@code .fixed.ova} streamed from the original (which stays untouched), the
 * descriptor edited, the manifest digest updated, every other entry and header kept; failures leave no new file.
 */
class OvaFileFixerTest {
  private static final long DISK = 50L * 1024 * 1024;
  private static final String VM = "esxi-lab";
  private static final FileTime MTIME = FileTime.fromMillis(1_600_000_000_000L);

  @TempDir Path dir;

  private static byte[] descriptor() throws IOException {
    try (InputStream in = OvaFileFixerTest.class.getResourceAsStream("/ovfwrite/lab.ovf")) {
      return in.readAllBytes();
    }
  }

  private static String sha256Zeros(long size) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] chunk = new byte[1 << 20];
    for (long left = size; left > 0; left -= chunk.length) {
      md.update(chunk, 0, (int) Math.min(chunk.length, left));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void entry(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    e.setModTime(MTIME);
    e.setUserName("someone");
    e.setMode(0100640);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  /** {@code esxi.ovf}, {@code esxi.mf}, optionally {@code esxi.cert}, and a 50 MB zero disk written in chunks. */
  Path ova(boolean cert) throws Exception {
    Path p = dir.resolve("esxi.ova");
    byte[] ovf = descriptor();
    String mf = "SHA256(esxi.ovf)= " + OvfManifest.digest("SHA256", ovf) + "\n"
        + "SHA256(esxi-disk1.vmdk)= " + sha256Zeros(DISK) + "\n";
    try (OutputStream f = Files.newOutputStream(p); TarArchiveOutputStream tar = new TarArchiveOutputStream(f)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      entry(tar, "esxi.ovf", ovf);
      entry(tar, "esxi.mf", mf.getBytes(StandardCharsets.US_ASCII));
      if (cert) {
        entry(tar, "esxi.cert", "-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII));
      }
      TarArchiveEntry disk = new TarArchiveEntry("esxi-disk1.vmdk");
      disk.setSize(DISK);
      disk.setModTime(MTIME);
      tar.putArchiveEntry(disk);
      byte[] chunk = new byte[1 << 20];
      for (long left = DISK; left > 0; left -= chunk.length) {
        tar.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      tar.closeArchiveEntry();
    }
    return p;
  }

  static FixPlan plan(FixAction... actions) {
    return FixPlan.builder().vmName(VM).source("esxi.ova").addActions(actions).build();
  }

  List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** Entry name, size, mode, mtime, user and the data's digest (or the data, for small entries). */
  static List<String> entries(Path ova) throws Exception {
    List<String> out = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(ova))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
        out.add(e.getName() + " " + e.getSize() + " " + Integer.toOctalString(e.getMode()) + " "
            + e.getModTime().getTime() + " " + e.getUserName() + " " + HexFormat.of().formatHex(md.digest()));
      }
    }
    return out;
  }

  static byte[] entryData(Path ova, String name) throws IOException {
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(ova))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError(name + " is not in " + ova);
  }

  static long padded(long size) {
    return (size + 511) / 512 * 512;
  }

  @Test
  void theFixIsANewArchiveStreamedFromTheOriginal() throws Exception {
    Path ova = ova(true);
    String originalHash = sha256(ova);
    FileTime originalTime = Files.getLastModifiedTime(ova);
    VmConfiguration before = new OvaReader().read(ExportSource.of(ova)).get(0);
    FixPlan plan = plan(ExposeNestedHv.enable(), SetMemory.of(8192));

    FixOutcome preview = new FileFixer().preview(ova, plan);
    assertThat(siblings()).containsExactly("esxi.ova");
    assertThat(preview.output()).hasValue(dir.resolve("esxi.fixed.ova"));
    assertThat(preview.written()).isFalse();

    FixOutcome o = new FileFixer().apply(ova, plan, false);
    Path fixed = dir.resolve("esxi.fixed.ova");
    assertThat(o.format()).isEqualTo("ova");
    assertThat(o.file()).isEqualTo(ova);
    assertThat(o.output()).hasValue(fixed);
    assertThat(o.written()).isTrue();
    assertThat(o.changed()).isTrue();
    assertThat(o.backup()).isEmpty();
    assertThat(o.applied()).containsExactlyElementsOf(plan.actions());
    assertThat(o.warnings()).containsExactly("the signature in esxi.cert no longer matches; re-sign the package");
    assertThat(o.diff()).isEqualTo(preview.diff());
    String p = FileFixer.displayPath(ova);
    assertThat(o.diff()).startsWith("--- a/" + p + "!/esxi.ovf\n+++ b/" + p + "!/esxi.ovf\n")
        .contains("+\t\t\t\t<rasd:VirtualQuantity>8</rasd:VirtualQuantity>\n")
        .contains("--- a/" + p + "!/esxi.mf\n+++ b/" + p + "!/esxi.mf\n");
    assertThat(siblings()).containsExactly("esxi.fixed.ova", "esxi.ova");

    // the original is untouched
    assertThat(sha256(ova)).isEqualTo(originalHash);
    assertThat(Files.getLastModifiedTime(ova)).isEqualTo(originalTime);

    // the new archive reads back with the fix, as FixApplier predicts
    VmConfiguration after = new OvaReader().read(ExportSource.of(fixed)).get(0);
    assertThat(after.nestedHv()).isEqualTo(TriState.YES);
    assertThat(after.memoryMiB()).isEqualTo(8192);
    VmConfiguration predicted = FixApplier.apply(before, plan);
    assertThat(OvfFileFixerTest.typed(after)).isEqualTo(OvfFileFixerTest.typed(predicted.withSource(after.source())));

    // same entries, order, headers and data, except the descriptor and the manifest
    List<String> was = entries(ova);
    List<String> is = entries(fixed);
    assertThat(is).extracting(e -> e.split(" ")[0])
        .containsExactly("esxi.ovf", "esxi.mf", "esxi.cert", "esxi-disk1.vmdk");
    assertThat(is.get(2)).isEqualTo(was.get(2));
    assertThat(is.get(3)).isEqualTo(was.get(3));
    for (int i = 0; i < 2; i++) {
      String[] a = was.get(i).split(" ");
      String[] b = is.get(i).split(" ");
      assertThat(b[2] + b[3] + b[4]).isEqualTo(a[2] + a[3] + a[4]); // mode, mtime, user
    }
    byte[] newOvf = entryData(fixed, "esxi.ovf");
    String mf = new String(entryData(fixed, "esxi.mf"), StandardCharsets.US_ASCII);
    assertThat(mf).isEqualTo("SHA256(esxi.ovf)= " + OvfManifest.digest("SHA256", newOvf) + "\n"
        + "SHA256(esxi-disk1.vmdk)= " + sha256Zeros(DISK) + "\n");
    // from the certificate's header on, the new archive is the original byte for byte
    byte[] oldOvf = descriptor();
    byte[] oldMf = entryData(ova, "esxi.mf");
    long oldAt = 512 + padded(oldOvf.length) + 512 + padded(oldMf.length);
    long newAt = 512 + padded(newOvf.length) + 512 + padded(mf.length());
    assertThat(Files.size(fixed) - newAt).isEqualTo(Files.size(ova) - oldAt);
    try (InputStream a = Files.newInputStream(ova); InputStream b = Files.newInputStream(fixed)) {
      a.skipNBytes(oldAt);
      b.skipNBytes(newAt);
      byte[] x = new byte[1 << 20];
      byte[] y = new byte[1 << 20];
      int n;
      while ((n = a.readNBytes(x, 0, x.length)) > 0) {
        assertThat(b.readNBytes(y, 0, n)).isEqualTo(n);
        assertThat(java.util.Arrays.equals(x, 0, n, y, 0, n)).isTrue();
      }
      assertThat(b.read()).isEqualTo(-1);
    }

    // applying again to the original never replaces the first result
    FixOutcome second = new FileFixer().apply(ova, plan, false);
    assertThat(second.output()).hasValue(dir.resolve("esxi.fixed.1.ova"));
    assertThat(sha256(dir.resolve("esxi.fixed.1.ova"))).isEqualTo(sha256(fixed));
    // and applying it to the fixed archive changes nothing
    FixOutcome idempotent = new FileFixer().apply(fixed, plan, false);
    assertThat(idempotent.changed()).isFalse();
    assertThat(idempotent.written()).isFalse();
    assertThat(idempotent.output()).isEmpty();
    assertThat(siblings()).containsExactly("esxi.fixed.1.ova", "esxi.fixed.ova", "esxi.ova");
  }

  @Test
  void aPlanThatChangesNothingWritesNothing() throws Exception {
    Path ova = ova(false);
    FixOutcome o = new FileFixer().apply(ova, plan(SetMemory.of(4096)), false);
    assertThat(o.changed()).isFalse();
    assertThat(o.written()).isFalse();
    assertThat(o.output()).isEmpty();
    assertThat(o.diff()).isEmpty();
    assertThat(o.warnings()).isEmpty();
    assertThat(siblings()).containsExactly("esxi.ova");
  }

  @Test
  void aFailedPublishLeavesOnlyTheOriginal() throws Exception {
    Path ova = ova(false);
    String hash = sha256(ova);
    AtomicFileWriter.FileOps crashing = new OvfFileFixerTest.DelegatingOps() {
      @Override
      public void publishNoReplace(Path existing, Path link) throws IOException {
        throw new IOException("simulated crash before the new archive got its name");
      }
    };
    FileFixException e = catchThrowableOfType(FileFixException.class, () -> new FileFixer(FileFixer.BUILT_IN, null,
        crashing).apply(ova, plan(ExposeNestedHv.enable()), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.WRITE_FAILED);
    assertThat(e.reason()).startsWith("could not write the fixed archive, the original is unchanged and no new"
        + " archive was made: IOException: simulated crash");
    assertThat(siblings()).containsExactly("esxi.ova");
    assertThat(sha256(ova)).isEqualTo(hash);
  }

  @Test
  void aFailureInTheMiddleOfTheStreamLeavesOnlyTheOriginal() throws Exception {
    Path ova = ova(false);
    String hash = sha256(ova);
    OvaFormatFixWriter failing = new OvaFormatFixWriter(channel -> new FilterOutputStream(
        Channels.newOutputStream(channel)) {
      private long written;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        written += len;
        if (written > 20L * 1024 * 1024) {
          throw new IOException("No space left on device");
        }
        out.write(b, off, len);
      }
    });
    FileFixer fixer = new FileFixer(List.of(new OvfFormatFixWriter(), failing), null, AtomicFileWriter.SYSTEM);
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> fixer.apply(ova, plan(ExposeNestedHv.enable()), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.WRITE_FAILED);
    assertThat(e.reason()).contains("No space left on device");
    assertThat(siblings()).containsExactly("esxi.ova");
    assertThat(sha256(ova)).isEqualTo(hash);
  }

  @Test
  void planMismatchAndCorruptArchivesAreTyped() throws Exception {
    Path ova = ova(false);
    FileFixException e = catchThrowableOfType(FileFixException.class, () -> new FileFixer().preview(ova,
        FixPlan.builder().vmName("other").source("x").addActions(ExposeNestedHv.enable()).build()));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.PLAN_MISMATCH);
    assertThat(e.reason()).isEqualTo("the plan is for VM \"other\" but the file holds VM \"esxi-lab\"");

    Path noOvf = dir.resolve("empty.ova");
    try (OutputStream f = Files.newOutputStream(noOvf); TarArchiveOutputStream tar = new TarArchiveOutputStream(f)) {
      entry(tar, "disk.vmdk", new byte[100]);
    }
    FileFixException invalid = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer().apply(noOvf, plan(ExposeNestedHv.enable()), false));
    assertThat(invalid.kind()).isEqualTo(FileFixException.Kind.INVALID_FILE);
    assertThat(invalid.reason()).isEqualTo("cannot read it as ova: the OVA contains no .ovf descriptor");
    assertThat(Optional.ofNullable(invalid.getCause())).isPresent();
  }
}
