package io.nestcheck.core.internal.ovf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** {@link OvaArchive}: record-level scan and copy that keeps every header and byte except the replaced data. */
class OvaArchiveTest {
  private static final String LONG = "a-directory-name-long-enough-to-need-an-extension-record/"
      + "and-a-file-name-that-is-longer-than-one-hundred-characters-in-total.vmdk";

  private static byte[] tar(int longFileMode, String[]... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(longFileMode);
      for (String[] e : entries) {
        byte[] data = e[1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e[0]);
        entry.setSize(data.length);
        entry.setModTime(1_600_000_000_000L);
        entry.setUserName("builder");
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] copy(byte[] archive, Map<String, byte[]> replacements, Map<String, byte[]> expected)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OvaArchive.copy(new ByteArrayInputStream(archive), out, replacements, expected);
    return out.toByteArray();
  }

  private static List<String[]> entries(byte[] archive) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(new String[] {e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
            String.valueOf(e.getModTime().getTime()), e.getUserName()});
      }
    }
    return out;
  }

  @Test
  void scanFindsTheDescriptorManifestAndCertificates() throws IOException {
    byte[] ova = tar(TarArchiveOutputStream.LONGFILE_POSIX, new String[] {"vm.ovf", "<Envelope/>"},
        new String[] {"other.mf", "SHA1(x)= 00\n"}, new String[] {"vm.mf", "SHA256(vm.ovf)= 00\n"},
        new String[] {"vm.cert", "-----BEGIN"}, new String[] {LONG, "disk"});
    OvaArchive.Contents c = OvaArchive.scan(new ByteArrayInputStream(ova), 1 << 20);
    assertThat(c.descriptorName()).isEqualTo("vm.ovf");
    assertThat(new String(c.descriptor(), StandardCharsets.UTF_8)).isEqualTo("<Envelope/>");
    assertThat(c.manifestName()).hasValue("vm.mf");
    assertThat(new String(c.manifest().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("SHA256(vm.ovf)= 00\n");
    assertThat(c.certificates()).containsExactly("vm.cert");
  }

  @Test
  void aCopyWithoutReplacementsIsByteIdentical() throws IOException {
    for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU}) {
      byte[] ova = tar(mode, new String[] {"vm.ovf", "<Envelope/>"}, new String[] {LONG, "x".repeat(1500)});
      assertThat(copy(ova, Map.of(), Map.of())).isEqualTo(ova);
    }
  }

  @Test
  void aReplacedEntryChangesOnlyItsDataSizeAndChecksum() throws IOException {
    for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU}) {
      byte[] ova = tar(mode, new String[] {"vm.ovf", "<Envelope/>"}, new String[] {"vm.mf", "m"},
          new String[] {LONG, "y".repeat(700)});
      String bigger = "<Envelope>" + "z".repeat(600) + "</Envelope>";
      byte[] out = copy(ova, Map.of("vm.ovf", bigger.getBytes(StandardCharsets.UTF_8)),
          Map.of("vm.ovf", "<Envelope/>".getBytes(StandardCharsets.UTF_8)));
      List<String[]> entries = entries(out);
      assertThat(entries).extracting(e -> e[0]).containsExactly("vm.ovf", "vm.mf", LONG);
      assertThat(entries.get(0)[1]).isEqualTo(bigger);
      assertThat(entries.get(2)[1]).isEqualTo("y".repeat(700));
      assertThat(entries).allSatisfy(e -> assertThat(e[2]).isEqualTo("1600000000000"))
          .allSatisfy(e -> assertThat(e[3]).isEqualTo("builder"));
      // the header differs from the original only in the size (124..135) and checksum (148..155) fields
      for (int i = 0; i < 512; i++) {
        if (i < 124 || i >= 136 && i < 148 || i >= 156) {
          assertThat(out[i]).as("header byte %d", i).isEqualTo(ova[i]);
        }
      }
      // everything after the replaced entry is the original, shifted by the new data's padded size
      int oldEntry = 512 + 512;
      int newEntry = 512 + 1024;
      assertThat(Arrays.copyOfRange(out, newEntry, out.length)).isEqualTo(Arrays.copyOfRange(ova, oldEntry, ova.length));
    }
  }

  @Test
  void aChangedOrMissingEntryIsReported() throws IOException {
    byte[] ova = tar(TarArchiveOutputStream.LONGFILE_POSIX, new String[] {"vm.ovf", "<Envelope/>"});
    assertThatThrownBy(() -> copy(ova, Map.of("vm.ovf", new byte[1]), Map.of("vm.ovf", new byte[2])))
        .isInstanceOf(OvaArchive.ChangedException.class);
    assertThatThrownBy(() -> copy(ova, Map.of("gone.ovf", new byte[1]), Map.of("gone.ovf", new byte[1])))
        .isInstanceOf(OvaArchive.ChangedException.class);
  }

  @Test
  void corruptArchivesAreRefused() throws IOException {
    byte[] ova = tar(TarArchiveOutputStream.LONGFILE_POSIX, new String[] {"vm.ovf", "<Envelope/>"});
    byte[] badChecksum = ova.clone();
    badChecksum[0] = 'w';
    assertThatThrownBy(() -> OvaArchive.scan(new ByteArrayInputStream(badChecksum), 1 << 20))
        .isInstanceOf(OvaArchive.OvaFormatException.class).hasMessageContaining("checksum");
    byte[] truncated = Arrays.copyOf(ova, 700);
    assertThatThrownBy(() -> OvaArchive.scan(new ByteArrayInputStream(truncated), 1 << 20))
        .isInstanceOf(OvaArchive.OvaFormatException.class);
    byte[] noOvf = tar(TarArchiveOutputStream.LONGFILE_POSIX, new String[] {"disk.vmdk", "x"});
    assertThatThrownBy(() -> OvaArchive.scan(new ByteArrayInputStream(noOvf), 1 << 20))
        .isInstanceOf(OvaArchive.OvaFormatException.class).hasMessageContaining("no .ovf");
    assertThatThrownBy(() -> OvaArchive.scan(new ByteArrayInputStream(ova), 4))
        .isInstanceOf(OvaArchive.OvaFormatException.class).hasMessageContaining("larger than the limit");
  }

  /** Zeros, generated as they are read: nothing of the "disk" ever exists in memory. */
  private static final class Zeros extends java.io.InputStream {
    private long left;

    Zeros(long size) {
      left = size;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }

  @Test
  void entriesLargerThanAnyArrayAreStreamedThrough() throws IOException {
    long disk = 3L * 1024 * 1024 * 1024; // more than a byte[] can hold: buffering the entry could not work
    byte[] ovf = "<Envelope/>".getBytes(StandardCharsets.UTF_8);
    byte[] head = new byte[512 * 3];
    TarArchiveEntry e = new TarArchiveEntry("vm.ovf");
    e.setSize(ovf.length);
    e.writeEntryHeader(head);
    System.arraycopy(ovf, 0, head, 512, ovf.length);
    TarArchiveEntry d = new TarArchiveEntry("vm-disk1.vmdk");
    d.setSize(disk);
    byte[] diskHeader = new byte[512];
    d.writeEntryHeader(diskHeader);
    System.arraycopy(diskHeader, 0, head, 1024, 512);
    java.io.InputStream archive = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
        new ByteArrayInputStream(head), new Zeros(disk), new ByteArrayInputStream(new byte[1024]))));
    long[] written = new long[1];
    java.io.OutputStream counting = new java.io.OutputStream() {
      @Override
      public void write(int b) {
        written[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        written[0] += len;
      }
    };
    byte[] bigger = "<Envelope></Envelope>".getBytes(StandardCharsets.UTF_8);
    OvaArchive.copy(archive, counting, Map.of("vm.ovf", bigger), Map.of("vm.ovf", ovf));
    assertThat(written[0]).isEqualTo(512 * 3 + disk + 1024);
  }

  @Test
  void sizeFieldsKeepTheirFormOrBecomeBase256() {
    byte[] h = new byte[512];
    System.arraycopy("00000000012\0".getBytes(StandardCharsets.US_ASCII), 0, h, 124, 12);
    OvaArchive.setSize(h, 8);
    assertThat(new String(h, 124, 12, StandardCharsets.US_ASCII)).isEqualTo("00000000010\0");
    System.arraycopy("    0012\0\0\0\0".getBytes(StandardCharsets.US_ASCII), 0, h, 124, 12);
    OvaArchive.setSize(h, 0777);
    assertThat(new String(h, 124, 12, StandardCharsets.US_ASCII)).isEqualTo("    0777\0\0\0\0");
    OvaArchive.setSize(h, 012345);
    assertThat(new String(h, 124, 12, StandardCharsets.US_ASCII)).isEqualTo("00000012345\0");
    h[124] = (byte) 0x80;
    OvaArchive.setSize(h, 1L << 40);
    assertThat(h[124] & 0xFF).isEqualTo(0x80);
    assertThat(h[130] & 0xFF).isEqualTo(1);
  }
}
