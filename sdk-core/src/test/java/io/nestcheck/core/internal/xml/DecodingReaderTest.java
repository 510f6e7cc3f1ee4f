package io.nestcheck.core.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodingReaderTest {

  private static String readAll(Reader r) throws IOException {
    StringWriter w = new StringWriter();
    r.transferTo(w);
    return w.toString();
  }

  @Test
  void decodesLargeInputAcrossBufferBoundaries() throws Exception {
    String text = "\u00e9\u4e2d\ud83d\ude00abc\n".repeat(5000);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThat(readAll(DecodingReader.forXml(new ByteArrayInputStream(bytes)))).isEqualTo(text);
    assertThat(readAll(DecodingReader.forJson(new ByteArrayInputStream(bytes)))).isEqualTo(text);
  }

  @Test
  void reportsLineAndColumnOfTheFirstBadByte() {
    byte[] bytes = "line1\r\nline2\rl3\nab".getBytes(StandardCharsets.US_ASCII);
    byte[] bad = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, bad, 0, bytes.length);
    bad[bytes.length] = (byte) 0xFF;
    bad[bytes.length + 1] = 'z';
    DecodingReader.MalformedTextException e = catchThrowableOfType(DecodingReader.MalformedTextException.class,
        () -> readAll(DecodingReader.forJson(new ByteArrayInputStream(bad))));
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.reason()).contains("UTF-8");
  }

  @Test
  void truncatedSequenceAtTheEndIsAnError() {
    byte[] bad = {'a', (byte) 0xE4, (byte) 0xB8};
    assertThat(catchThrowableOfType(DecodingReader.MalformedTextException.class,
        () -> readAll(DecodingReader.forJson(new ByteArrayInputStream(bad))))).isNotNull();
  }

  @Test
  void readsTheXmlDeclaration() {
    assertThat(DecodingReader.declaredEncoding("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a/>"
        .getBytes(StandardCharsets.US_ASCII))).contains("windows-1252");
    assertThat(DecodingReader.declaredEncoding("<?xml version='1.0' encoding = 'utf-8' ?>"
        .getBytes(StandardCharsets.US_ASCII))).contains("utf-8");
    assertThat(DecodingReader.declaredEncoding("<?xml version='1.0'?><a/>".getBytes(StandardCharsets.US_ASCII)))
        .isEmpty();
    assertThat(DecodingReader.declaredEncoding("<a encoding='x'/>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  @Test
  void detectsUtf16WithoutBom() throws Exception {
    byte[] le = "<?xml version='1.0'?><r/>".getBytes(StandardCharsets.UTF_16LE);
    DecodingReader r = DecodingReader.forXml(new ByteArrayInputStream(le));
    assertThat(r.charset()).isEqualTo(StandardCharsets.UTF_16LE);
    assertThat(readAll(r)).isEqualTo("<?xml version='1.0'?><r/>");
  }
}
