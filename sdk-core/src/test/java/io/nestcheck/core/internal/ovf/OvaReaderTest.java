package io.nestcheck.core.internal.ovf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OvaReaderTest {
  private static final String OVF = "<?xml version=\"1.0\"?>\n"
      + "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\""
      + " xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData\""
      + " xmlns:vmw=\"http://www.vmware.com/schema/ovf\">\n"
      + "<VirtualSystem ovf:id=\"esxi\">\n<VirtualHardwareSection>\n"
      + "<Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType>"
      + "<rasd:VirtualQuantity>8192</rasd:VirtualQuantity></Item>\n"
      + "<vmw:Config vmw:key=\"nestedHVEnabled\" vmw:value=\"true\"/>\n"
      + "</VirtualHardwareSection>\n</VirtualSystem>\n</Envelope>\n";
  private static final long BIG_DISK = 200L * 1024 * 1024;

  @TempDir
  Path tmp;

  private final OvaReader reader = new OvaReader();

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private interface Entries {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private static void entry(TarArchiveOutputStream tar, String name, long size, Body body) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(size);
    tar.putArchiveEntry(e);
    body.write(tar);
    tar.closeArchiveEntry();
  }

  private static void bytes(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    entry(tar, name, data.length, out -> out.write(data));
  }

  /** Writes {@code size} zero bytes in chunks: the test never holds the disk in memory either. */
  private static Body zeros(long size) {
    return out -> {
      byte[] chunk = new byte[1 << 20];
      for (long left = size; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    };
  }

  private Path ova(String name, Entries entries) throws IOException {
    Path p = tmp.resolve(name);
    try (OutputStream f = Files.newOutputStream(p);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(f)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      entries.write(tar);
    }
    return p;
  }

  /** A file source that counts the bytes read from it. */
  private static ExportSource counting(Path p, AtomicLong count) {
    ExportSource file = ExportSource.of(p);
    return new ExportSource() {
      @Override
      public String name() {
        return file.name();
      }

      @Override
      public long size() {
        return file.size();
      }

      @Override
      public InputStream open() throws IOException {
        return new FilterInputStream(file.open()) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
              count.incrementAndGet();
            }
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
              count.addAndGet(n);
            }
            return n;
          }

          @Override
          public long skip(long n) throws IOException {
            long s = super.skip(n);
            count.addAndGet(s);
            return s;
          }
        };
      }
    };
  }

  @Test
  void formatAndMagic() throws Exception {
    assertThat(reader.format()).isEqualTo("ova");
    Path p = ova("a.ova", tar -> bytes(tar, "a.ovf", OVF.getBytes(StandardCharsets.UTF_8)));
    byte[] head = Arrays.copyOf(Files.readAllBytes(p), 8192);
    assertThat(reader.canRead("a.ova", head)).isTrue();
    assertThat(reader.canRead("a.ova", Arrays.copyOf(head, 261))).isFalse();
    assertThat(reader.canRead("a.ova", OVF.getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(reader.canRead("a.ova", new byte[0])).isFalse();
  }

  @Test
  void readsTheDescriptorFirstAndStopsThere() throws Exception {
    Path p = ova("lab.ova", tar -> {
      bytes(tar, "esxi.ovf", OVF.getBytes(StandardCharsets.UTF_8));
      bytes(tar, "esxi.mf", "SHA256(esxi.ovf)= 00\n".getBytes(StandardCharsets.US_ASCII));
      entry(tar, "esxi-disk1.vmdk", 8L * 1024 * 1024, zeros(8L * 1024 * 1024));
    });
    AtomicLong read = new AtomicLong();
    List<VmConfiguration> vms = reader.read(counting(p, read));
    assertThat(vms).hasSize(1);
    VmConfiguration vm = vms.get(0);
    assertThat(vm.name()).isEqualTo("esxi");
    assertThat(vm.source()).isEqualTo(p + "!/esxi.ovf");
    assertThat(vm.memoryMiB()).isEqualTo(8192);
    assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
    assertThat(vm.lineOf("nestedHVEnabled")).isEqualTo(6);
    // Only the descriptor (and the read-ahead buffer) was read, not the 8 MiB disk.
    assertThat(read.get()).isLessThan(1024 * 1024);
  }

  @Test
  void streamsPastALargeDiskBeforeTheDescriptor() throws Exception {
    Path p = ova("big.ova", tar -> {
      entry(tar, "disk1.vmdk", BIG_DISK, zeros(BIG_DISK));
      bytes(tar, "nested/esxi.ovf", OVF.getBytes(StandardCharsets.UTF_8));
    });
    assertThat(Files.size(p)).isGreaterThan(BIG_DISK);
    long start = System.nanoTime();
    List<VmConfiguration> vms = reader.read(ExportSource.of(p));
    assertThat(vms).extracting(VmConfiguration::source).containsExactly(p + "!/nested/esxi.ovf");
    assertThat(System.nanoTime() - start).isLessThan(30_000_000_000L);
  }

  @Test
  void noDescriptorIsUnsupported() throws Exception {
    Path p = ova("empty.ova", tar -> {
      bytes(tar, "readme.txt", "no descriptor here".getBytes(StandardCharsets.US_ASCII));
      entry(tar, "disk.vmdk", 4096, zeros(4096));
    });
    ExportParseException e = catchThrowableOfType(ExportParseException.class, () -> reader.read(ExportSource.of(p)));
    assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
  }

  @Test
  void descriptorErrorsNameTheEntry() throws Exception {
    Path p = ova("bad.ova", tar -> bytes(tar, "vm.ovf",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<x>&e;</x>"
            .getBytes(StandardCharsets.UTF_8)));
    ExportParseException e = catchThrowableOfType(ExportParseException.class, () -> reader.read(ExportSource.of(p)));
    assertThat(e.kind()).isEqualTo(Kind.INSECURE_XML);
    assertThat(e.location().file()).isEqualTo(p + "!/vm.ovf");
    assertThat(e.location().line()).isEqualTo(2);
    assertThat(e.getMessage()).doesNotContain("root:");
  }

  @Test
  void oversizeDescriptorIsRefusedFromItsHeader() throws Exception {
    // A header announcing a 100 MiB descriptor, with (almost) nothing after it: refused before reading.
    TarArchiveEntry e = new TarArchiveEntry("huge.ovf");
    e.setSize(100L * 1024 * 1024);
    byte[] header = new byte[512];
    e.writeEntryHeader(header);
    byte[] archive = Arrays.copyOf(header, 512 + 1024);
    ExportParseException x = catchThrowableOfType(ExportParseException.class,
        () -> reader.read(ExportSource.of("huge.ova", archive)));
    assertThat(x.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(x.location().file()).isEqualTo("huge.ova!/huge.ovf");
  }

  @Test
  void notATarIsAnError() {
    byte[] junk = new byte[2048];
    Arrays.fill(junk, (byte) 'A');
    ExportParseException e = catchThrowableOfType(ExportParseException.class,
        () -> reader.read(ExportSource.of("junk.ova", junk)));
    assertThat(e.kind()).isIn(Kind.SYNTAX, Kind.UNSUPPORTED_FORMAT);
    assertThat(catchThrowableOfType(ExportParseException.class,
        () -> reader.read(ExportSource.of("empty.ova", new byte[0]))).kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
  }

  @Test
  void truncatedArchiveInsideTheDescriptorIsAnError() throws Exception {
    Path p = ova("t.ova", tar -> bytes(tar, "vm.ovf", OVF.getBytes(StandardCharsets.UTF_8)));
    byte[] all = Files.readAllBytes(p);
    byte[] cut = Arrays.copyOf(all, 512 + 100);
    ExportParseException e = catchThrowableOfType(ExportParseException.class,
        () -> reader.read(ExportSource.of("t.ova", cut)));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isIn(Kind.SYNTAX, Kind.IO);
  }

  @Test
  void ioErrorsAreKindIo() {
    ExportParseException e = catchThrowableOfType(ExportParseException.class,
        () -> reader.read(ExportSource.of(tmp.resolve("missing.ova"))));
    assertThat(e.kind()).isEqualTo(Kind.IO);
  }
}
