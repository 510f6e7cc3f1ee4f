package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VmxErrorTest {

  private static void assertError(ExportParseException e, Kind kind, int line, int column) {
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.location().file()).isEqualTo("test.vmx");
    assertThat(e.location().line()).as("line").isEqualTo(line);
    assertThat(e.location().column()).as("column").isEqualTo(column);
  }

  @Test
  void unterminatedQuotePointsAtTheOpeningQuote() {
    ExportParseException e = Vmx.error("a = \"1\"\n  displayName = \"broken\nb = \"2\"\n");
    assertError(e, Kind.SYNTAX, 2, 17);
    assertThat(e.reason()).contains("unterminated");
    assertThat(e.getMessage()).startsWith("test.vmx:2:17: ");
  }

  @Test
  void lineWithoutEqualsSign() {
    assertError(Vmx.error("a = \"1\"\n\n   just some words\n"), Kind.SYNTAX, 3, 4);
  }

  @Test
  void textAfterClosingQuote() {
    ExportParseException e = Vmx.error("a = \"1\" trailing\n");
    assertError(e, Kind.SYNTAX, 1, 9);
    assertThat(e.reason()).contains("after the closing quote");
  }

  @Test
  void rawEmbeddedQuoteIsAnError() {
    assertError(Vmx.error("annotation = \"say \"hi\"\"\n"), Kind.SYNTAX, 1, 20);
  }

  @Test
  void textAfterUnquotedValue() {
    assertError(Vmx.error("x = two words\n"), Kind.SYNTAX, 1, 9);
  }

  @Test
  void invalidKeyCharacters() {
    assertError(Vmx.error("x = \"1\"\r\n1abc = \"2\"\r\n"), Kind.SYNTAX, 2, 1);
    assertError(Vmx.error("ab@c = \"2\"\n"), Kind.SYNTAX, 1, 3);
    assertError(Vmx.error("foo bar = \"2\"\n"), Kind.SYNTAX, 1, 5);
    assertError(Vmx.error("  = \"2\"\n"), Kind.SYNTAX, 1, 3);
  }

  @Test
  void lineNumbersCountCrOnlyAndCrlfLines() {
    assertError(Vmx.error("a = \"1\"\rb = \"2\"\r\nc \"3\"\n"), Kind.SYNTAX, 3, 1);
  }

  @Test
  void tooLargeIsRefusedBeforeParsing() {
    byte[] big = new byte[VmxDocument.MAX_BYTES + 1];
    Arrays.fill(big, (byte) 0); // would be an ENCODING error if it were looked at
    ExportParseException e = Vmx.error(big);
    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(e.location().line()).isZero();
  }

  @Test
  void exactlyMaxBytesIsAccepted() {
    byte[] max = new byte[VmxDocument.MAX_BYTES];
    Arrays.fill(max, (byte) '\n');
    assertThat(Vmx.parse(max).entries()).isEmpty();
  }

  @Test
  void nulByteIsBinaryWithItsLine() {
    byte[] bytes = "a = \"1\"\nb = \"2\"\nc = \"x\0y\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ExportParseException e = Vmx.error(bytes);
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(3);
    assertThat(e.reason()).contains("NUL");
  }

  @Test
  void utf16IsBinary() {
    ExportParseException e = Vmx.error("a = \"1\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(1);
  }

  @Test
  void manyControlCharactersAreBinary() {
    byte[] bytes = "a = \"1\"\nb = \"\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\"\n".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII);
    ExportParseException e = Vmx.error(bytes);
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(2);
  }

  @Test
  void aFewControlCharactersInAValueAreData() {
    VmxDocument doc = Vmx.parse("annotation = \"bell\u0007 here\"\nmemsize = \"4096\"\n");
    assertThat(doc.get("annotation")).hasValue("bell\u0007 here");
  }
}
