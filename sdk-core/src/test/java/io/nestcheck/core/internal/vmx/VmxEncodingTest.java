package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VmxEncodingTest {
  @TempDir Path dir;

  private VmxDocument writeAndParse(String text, Charset charset) throws IOException, ExportParseException {
    Path file = dir.resolve("vm.vmx");
    Files.write(file, text.getBytes(charset));
    return VmxDocument.parse(Files.readAllBytes(file), file.toString());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "GBK, 中文虚拟机 测试",
    "GB18030, 中文虚拟机 𠀀",
    "Shift_JIS, 日本語の仮想マシン",
    "windows-1252, Café Müller €",
    "Big5, 中文顯示名稱",
    "EUC-JP, 日本語テスト",
    "UTF-8, Ünïcödé 中文 😀",
  })
  void declaredEncodingDecodesDisplayName(String charsetName, String displayName) throws Exception {
    Charset charset = Charset.forName(charsetName);
    String text =
        ".encoding = \"" + charsetName + "\"\r\nconfig.version = \"8\"\r\ndisplayName = \"" + displayName
            + "\"\r\nannotation = \"" + displayName + "|0D|0Aline 2\"\r\n";
    VmxDocument doc = writeAndParse(text, charset);
    assertThat(doc.charset()).isEqualTo(charset);
    assertThat(doc.charsetSource()).isEqualTo(VmxDocument.CharsetSource.DECLARED);
    assertThat(doc.get("displayName")).hasValue(displayName);
    assertThat(doc.get("annotation")).hasValue(displayName + "\r\nline 2");
    assertThat(doc.get("config.version")).hasValue("8");
  }

  @Test
  void shiftJisWithBackslashAndPipeTrailBytes() throws Exception {
    // 表 is 0x95 0x5C and ポ is 0x83 0x7C in Shift_JIS: their trail bytes are '\' and '|' in ASCII.
    VmxDocument doc = writeAndParse(".encoding = \"Shift_JIS\"\ndisplayName = \"表ポ|22\"\n", Charset.forName("Shift_JIS"));
    assertThat(doc.get("displayName")).hasValue("表ポ\"");
  }

  @Test
  void encodingLineNeedNotBeFirstAndKeyIsCaseInsensitive() throws Exception {
    VmxDocument doc = writeAndParse("displayName = \"Café\"\n.ENCODING=\"windows-1252\"\n", Charset.forName("windows-1252"));
    assertThat(doc.get("displayName")).hasValue("Café");
    assertThat(doc.charset().name()).isEqualTo("windows-1252");
  }

  @Test
  void utf8BomIsDetectedAndKept() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.write("displayName = \"Ünï\"\n".getBytes(StandardCharsets.UTF_8));
    VmxDocument doc = Vmx.parse(out.toByteArray());
    assertThat(doc.hasBom()).isTrue();
    assertThat(doc.charsetSource()).isEqualTo(VmxDocument.CharsetSource.BOM);
    assertThat(doc.get("displayName")).hasValue("Ünï");
    assertThat(doc.entry("displayName").orElseThrow().column()).isEqualTo(1);
    assertThat(doc.text()).startsWith("displayName");
  }

  @Test
  void undeclaredValidUtf8IsUtf8() {
    VmxDocument doc = Vmx.parse("displayName = \"中文\"\n");
    assertThat(doc.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(doc.charsetSource()).isEqualTo(VmxDocument.CharsetSource.DETECTED_UTF8);
    assertThat(doc.hasBom()).isFalse();
    assertThat(doc.get("displayName")).hasValue("中文");
  }

  @Test
  void undeclaredInvalidUtf8FallsBackToWindows1252() {
    byte[] bytes = "displayName = \"Café €\"\n".getBytes(Charset.forName("windows-1252"));
    VmxDocument doc = Vmx.parse(bytes);
    assertThat(doc.charset().name()).isEqualTo("windows-1252");
    assertThat(doc.charsetSource()).isEqualTo(VmxDocument.CharsetSource.FALLBACK_WINDOWS_1252);
    assertThat(doc.get("displayName")).hasValue("Café €");
  }

  @Test
  void windows1252FallbackWithUndefinedByteStaysByteExact() {
    byte[] bytes = {'a', ' ', '=', ' ', '"', (byte) 0x81, '"', '\n'};
    VmxDocument doc = Vmx.parse(bytes);
    assertThat(doc.get("a")).hasValue("\uFFFD");
    assertThat(new VmxEditor(doc).apply()).isEqualTo(bytes);
  }

  @Test
  void unknownCharsetNamesTheEncodingLine() {
    ExportParseException e = Vmx.error("# hi\n.encoding = \"x-no-such-charset\"\n");
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(2);
    assertThat(e.location().column()).isEqualTo(14);
    assertThat(e.reason()).contains("x-no-such-charset");
  }

  @Test
  void illegalCharsetNameIsAnEncodingError() {
    ExportParseException e = Vmx.error(".encoding = \"bad name!\"\n");
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(1);
  }

  @Test
  void statefulOrNonAsciiCharsetsAreRefused() {
    for (String name : new String[] {"ISO-2022-JP", "UTF-16", "IBM037", "x-JISAutoDetect"}) {
      ExportParseException e = Vmx.error("a = \"1\"\n.encoding = \"" + name + "\"\n");
      assertThat(e.kind()).as(name).isEqualTo(Kind.ENCODING);
      assertThat(e.location().line()).as(name).isEqualTo(2);
      assertThat(e.reason()).as(name).contains("not supported");
    }
  }

  @Test
  void malformedBytesInDeclaredCharsetGiveLineAndColumn() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(".encoding = \"UTF-8\"\nok = \"1\"\nname = \"ab".getBytes(StandardCharsets.US_ASCII));
    out.write(0xC3); // truncated two-byte sequence
    out.writeBytes("(\"\n".getBytes(StandardCharsets.US_ASCII));
    ExportParseException e = Vmx.error(out.toByteArray());
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(3);
    assertThat(e.location().column()).isEqualTo(11);
    assertThat(e.reason()).contains("C3").contains("UTF-8");
  }

  @Test
  void malformedGbkBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(".encoding = \"GBK\"\r\n\r\nname = \"".getBytes(StandardCharsets.US_ASCII));
    out.write(0xFF);
    out.write(0xFF);
    out.writeBytes("\"\r\n".getBytes(StandardCharsets.US_ASCII));
    ExportParseException e = Vmx.error(out.toByteArray());
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(3);
    assertThat(e.location().column()).isEqualTo(9);
  }

  @Test
  void bomWinsOverDeclaredEncodingAndMalformedUtf8AfterBomIsAnError() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xEF);
    out.write(0xBB);
    out.write(0xBF);
    out.writeBytes(".encoding = \"windows-1252\"\nx = \"".getBytes(StandardCharsets.US_ASCII));
    out.write(0xE9); // é in windows-1252, invalid UTF-8
    out.writeBytes("\"\n".getBytes(StandardCharsets.US_ASCII));
    ExportParseException e = Vmx.error(out.toByteArray());
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(2);
  }
}
