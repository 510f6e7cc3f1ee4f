package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.spi.ExportParseException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The one-pass path for plain ASCII files against what the general path gives: the binary check, the declared
 * charset (its lookup errors too) and the characters.
 */
class VmxDecodingAsciiTest {
  @Property(tries = 500)
  void anAsciiFileDecodesAsItsDeclaredOrDetectedCharset(@ForAll("asciiFiles") String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    String declared = declaredEncoding(text);
    long nuls = text.chars().filter(c -> c == 0).count();
    long controls = text.chars().filter(c -> c != 0 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F))
        .count();

    if (nuls > 0) {
      assertThatThrownBy(() -> VmxDecoding.decode(bytes, "f.vmx")).isInstanceOf(ExportParseException.class)
          .hasMessageContaining("NUL byte at offset " + text.indexOf('\0'));
      return;
    }
    if (controls > 0 && controls > bytes.length / 10) {
      assertThatThrownBy(() -> VmxDecoding.decode(bytes, "f.vmx")).isInstanceOf(ExportParseException.class)
          .hasMessageContaining(controls + " of " + bytes.length + " bytes are control characters");
      return;
    }
    if (declared != null && !Charset.isSupported(declared)) {
      assertThatThrownBy(() -> VmxDecoding.decode(bytes, "f.vmx")).isInstanceOf(ExportParseException.class)
          .hasMessageContaining("unknown character set \"" + declared + "\"");
      return;
    }
    VmxDecoding.Decoded d = VmxDecoding.decode(bytes, "f.vmx");

    Charset expected = declared == null ? StandardCharsets.UTF_8 : Charset.forName(declared);
    assertThat(d.charset).isEqualTo(expected);
    assertThat(d.source).isEqualTo(declared == null ? VmxDocument.CharsetSource.DETECTED_UTF8
        : VmxDocument.CharsetSource.DECLARED);
    assertThat(d.bomLength).isZero();
    assertThat(new String(d.chars, 0, d.length)).isEqualTo(new String(bytes, expected));
  }

  @Provide
  Arbitrary<String> asciiFiles() {
    Arbitrary<String> encodingLine = Arbitraries.of("", ".encoding = \"UTF-8\"\n", ".encoding = \"windows-1252\"\n",
        ".encoding = \"Shift_JIS\"\n", ".encoding = \"GBK\"\n", ".encoding = \"no-such-charset\"\n",
        ".encoding = \"US-ASCII\"\n");
    Arbitrary<String> clean = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\n', '\r', '\n', '\n')
        .ofMaxLength(200);
    Arbitrary<String> dirty = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\n', '\r')
        .withChars((char) 0, (char) 1, (char) 0x1B, (char) 0x7F).ofMaxLength(200);
    Arbitrary<String> body = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(7, clean), net.jqwik.api.Tuple.of(3, dirty));
    return encodingLine.flatMap(line -> body.map(b -> line.isEmpty() && b.isEmpty() ? "" : line + "a = \"1\"\n" + b));
  }

  private static String declaredEncoding(String text) {
    String prefix = ".encoding = \"";
    if (!text.startsWith(prefix)) {
      return null;
    }
    return text.substring(prefix.length(), text.indexOf('"', prefix.length()));
  }

  @Test
  void theOnePassGivesWhatTheGeneralPathGives() throws Exception {
    // each pair: plain ASCII (the one pass) and the same with a non-ASCII comment (the general path)
    for (String head : new String[] {"", ".encoding = \"utf8\"\n", ".encoding = \"cp1252\"\n",
        "a = \"1\"\n.encoding = \"ISO-8859-1\"\n"}) {
      VmxDecoding.Decoded plain = VmxDecoding.decode((head + "b = \"2\"\n").getBytes(StandardCharsets.ISO_8859_1),
          "f.vmx");
      VmxDecoding.Decoded general = VmxDecoding.decode(
          (head + "b = \"2\"\n# \u00e9\n").getBytes(plain.charset), "f.vmx");

      assertThat(plain.ascii).as(head).isTrue();
      assertThat(general.ascii).as(head).isFalse();
      assertThat(plain.charset).as(head).isEqualTo(general.charset);
      assertThat(plain.source).as(head).isEqualTo(general.source);
      assertThat(new String(general.chars, 0, general.length)).startsWith(new String(plain.chars, 0, plain.length));
    }
    VmxDecoding.Decoded empty = VmxDecoding.decode(new byte[0], "f.vmx");
    assertThat(empty.length).isZero();
    assertThat(empty.source).isEqualTo(VmxDocument.CharsetSource.DETECTED_UTF8);
  }

  @Test
  void aDeclaredCharsetThatIsNotUsableIsRefusedOnBothPaths() {
    String head = ".encoding = \"UTF-16\"\nb = \"2\"\n";

    assertThatThrownBy(() -> VmxDecoding.decode(head.getBytes(StandardCharsets.US_ASCII), "f.vmx"))
        .hasMessageContaining("character set \"UTF-16\" in .encoding is not supported");
    assertThatThrownBy(() -> VmxDecoding.decode((head + "# \u00e9\n").getBytes(StandardCharsets.ISO_8859_1), "f.vmx"))
        .hasMessageContaining("character set \"UTF-16\" in .encoding is not supported");
  }

  @Test
  void aByteOrderMarkTakesTheGeneralPath() throws Exception {
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ' ', '=', ' ', '1', '\n'};

    VmxDecoding.Decoded d = VmxDecoding.decode(bytes, "f.vmx");

    assertThat(d.source).isEqualTo(VmxDocument.CharsetSource.BOM);
    assertThat(d.bomLength).isEqualTo(3);
    assertThat(new String(d.chars, 0, d.length)).isEqualTo("a = 1\n");
  }

  @Test
  void aFileWithOneControlByteInElevenIsText() throws Exception {
    byte[] bytes = "a = \"1\"\u001b\n".getBytes(StandardCharsets.US_ASCII); // 1 control in 9 bytes: binary

    assertThatThrownBy(() -> VmxDecoding.decode(bytes, "f.vmx")).isInstanceOf(ExportParseException.class);
    assertThat(new String(VmxDecoding.decode("abc = \"1\"\u001b\n".getBytes(StandardCharsets.US_ASCII), "f.vmx").chars))
        .startsWith("abc = \"1\"\u001b\n");
  }
}
