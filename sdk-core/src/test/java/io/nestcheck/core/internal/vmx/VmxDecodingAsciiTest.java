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

    if (nuls > 0 || (controls > 0 && controls > bytes.length / 10)) {
      assertThatThrownBy(() -> VmxDecoding.decode(bytes, "f.vmx")).isInstanceOf(ExportParseException.class)
          .extracting(e -> ((ExportParseException) e).kind()).isEqualTo(ExportParseException.Kind.ENCODING);
      return;
    }
    if (declared != null && !Charset.isSupported(declared)) {
      assertThatThrownBy(() -> VmxDecoding.decode(bytes, "f.vmx")).isInstanceOf(ExportParseException.class)
          .hasMessageContaining(declared);
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
    return encodingLine.flatMap(line -> body.map(b -> line + "a = \"1\"\n" + b));
  }

  private static String declaredEncoding(String text) {
    String prefix = ".encoding = \"";
    if (!text.startsWith(prefix)) {
      return null;
    }
    return text.substring(prefix.length(), text.indexOf('"', prefix.length()));
  }

  @Test
  void aFileWithOneControlByteInElevenIsText() throws Exception {
    byte[] bytes = "a = \"1\"\u001b\n".getBytes(StandardCharsets.US_ASCII); // 1 control in 9 bytes: binary

    assertThatThrownBy(() -> VmxDecoding.decode(bytes, "f.vmx")).isInstanceOf(ExportParseException.class);
    assertThat(new String(VmxDecoding.decode("abc = \"1\"\u001b\n".getBytes(StandardCharsets.US_ASCII), "f.vmx").chars))
        .startsWith("abc = \"1\"\u001b\n");
  }
}
