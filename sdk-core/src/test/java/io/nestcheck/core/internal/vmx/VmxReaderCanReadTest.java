package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link VmxReader#canRead}: by content, the file name only a hint. */
class VmxReaderCanReadTest {
  private final VmxReader reader = new VmxReader();

  private boolean can(String name, String text) {
    return reader.canRead(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "config.version = \"8\"\n",
      "  virtualHW.version = \"19\"\n",
      ".encoding = \"windows-1252\"\n",
      "#!/usr/bin/vmware\nfoo = \"bar\"\n",
      "#!/usr/bin/vmplayer\n",
      "#!/USR/BIN/VMware\nnot a setting\n", // the #! line decides, whatever its case
      "  #!/usr/bin/VMPLAYER",
      "\uFEFFconfig.version = \"8\"\n",
      "displayName = \"a\"\r\nscsi0.present = \"TRUE\"\r\nethernet0.present = \"TRUE\"\r\nsound.present = \"TRUE\"\r\n",
      "# header\nnumvcpus = \"2\"\nguestOS = \"other\"\nscsi0.present = \"TRUE\"\nethernet0.virtualDev = \"e1000\"\n"
          + "sound.present = \"FALSE\"\n"})
  void recognisesVmxContentWhateverTheName(String text) {
    assertThat(can("export.txt", text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "<?xml version=\"1.0\"?><Envelope/>",
      "  <domain type='kvm'><name>a</name></domain>",
      "{\"Config\": {\"Name\": \"x\"}}",
      "[{\"a.b\": \"c\"}]",
      "hello world\nthis is text\n",
      "a.b = \"1\"\nc.d = \"2\"\n",
      "a.b = \"1\"\nc.d = \"2\"\ne.f = \"3\"\nnot a setting\nneither is this\n",
      "key=value\nother=thing\nthird=one\n",
      "#!/usr/bin/vmwar\nnot a setting\n",
      "#!/usr/bin/vmwarx\nnot a setting\n",
      "#!/usr/bin/python\nnot a setting\n"})
  void refusesOtherContent(String text) {
    assertThat(can("export.txt", text)).isFalse();
  }

  @Test
  void theVmxExtensionLowersTheBarButDoesNotDecide() {
    assertThat(can("a.vmx", "a.b = \"1\"\n")).isTrue();
    assertThat(can("a.VMX", "scsi0.present = \"TRUE\"\n")).isTrue();
    assertThat(can("a.vmx", "displayName = \"x\"\r\nmemsize = \"4\"")).isTrue();
    assertThat(can("a.txt", "displayName = \"x\"\r\nmemsize = \"4\"")).isFalse();
    assertThat(can("a.vmx", "<domain/>")).isFalse();
    assertThat(can("a.vmx", "just words\n")).isFalse();
  }

  @Test
  void binaryIsRefused() {
    byte[] binary = new byte[4096];
    new java.util.Random(7).nextBytes(binary);
    binary[0] = 'K';
    binary[1] = 'D';
    binary[2] = 'M';
    binary[3] = 'V'; // a sparse .vmdk header
    assertThat(reader.canRead("disk.vmx", binary)).isFalse();
    assertThat(reader.canRead("a.vmx", new byte[64])).isFalse();
  }

  @Test
  void aVmxWithAStrayNulOrInUtf16IsClaimedAndThenAnEncodingError() {
    byte[] nul = "config.version = \"8\"\ndisplayName = \"a\0b\"\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(reader.canRead("x", nul)).isTrue();
    io.nestcheck.api.spi.ExportParseException e = VmxRead.error(nul, "x.vmx");
    assertThat(e.kind()).isEqualTo(io.nestcheck.api.spi.ExportParseException.Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(2);
    byte[] utf16 = "\uFEFFconfig.version = \"8\"\nmemsize = \"4\"\n".getBytes(StandardCharsets.UTF_16LE);
    assertThat(reader.canRead("x", utf16)).isTrue();
    assertThat(VmxRead.error(utf16, "x.vmx").kind()).isEqualTo(io.nestcheck.api.spi.ExportParseException.Kind.ENCODING);
  }

  @Test
  void aHeadCutInTheMiddleOfALineStillCounts() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 9000; i++) {
      sb.append("guestinfo.k").append(i).append(" = \"").append("x".repeat(50)).append("\"\n");
    }
    byte[] head = Arrays.copyOf(sb.toString().getBytes(StandardCharsets.UTF_8), 8192);
    assertThat(reader.canRead("a", head)).isTrue();
  }

  @Test
  void everyCorpusAndExampleVmxIsRecognised() {
    Corpus.assumePresent();
    for (java.nio.file.Path p : Corpus.vmxFiles()) {
      byte[] all = Corpus.read(p.getFileName().toString());
      assertThat(reader.canRead("no-hint", Arrays.copyOf(all, Math.min(all.length, 8192))))
          .as(p.getFileName().toString()).isTrue();
    }
  }
}
