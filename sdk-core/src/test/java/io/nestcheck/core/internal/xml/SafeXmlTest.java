package io.nestcheck.core.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {
  private static final String SECRET = "NESTCHECK-XXE-CANARY-7f3a9c21";

  @TempDir
  Path tmp;

  private static ExportSource src(String xml) {
    return ExportSource.of("t.xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  private static ExportParseException fail(ExportSource s) {
    return catchThrowableOfType(ExportParseException.class, () -> SafeXml.parse(s));
  }

  /** Everything an exception can show: message, reason, location, causes and the stack trace text. */
  private static String everything(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  @Test
  void parsesElementsAttributesTextAndLines() throws Exception {
    XmlElement root = SafeXml.parse(src("<?xml version='1.0'?>\n<a xmlns='urn:x' xmlns:p='urn:p' p:k='v' k2=\"w\">\n"
        + "  <b>text &amp; &lt;more&gt; &#65;</b>\n  <b><![CDATA[<raw>]]></b>\n  <!-- c -->\n  <c/>\n</a>"));
    assertThat(root.namespace()).isEqualTo("urn:x");
    assertThat(root.localName()).isEqualTo("a");
    assertThat(root.line()).isEqualTo(2);
    assertThat(root.attribute("urn:p", "k")).contains("v");
    assertThat(root.attribute("k2")).contains("w");
    assertThat(root.attribute("", "k")).isEmpty();
    assertThat(root.children("b")).hasSize(2);
    assertThat(root.children("b").get(0).text()).isEqualTo("text & <more> A");
    assertThat(root.children("b").get(0).line()).isEqualTo(3);
    assertThat(root.children("b").get(1).text()).isEqualTo("<raw>");
    assertThat(root.child("c").orElseThrow().line()).isEqualTo(6);
    assertThat(root.text()).isEmpty();
  }

  @Test
  void refusesExternalEntityAndNeverLeaksTheFile() throws Exception {
    Path secret = tmp.resolve("secret.txt");
    Files.writeString(secret, SECRET);
    String uri = secret.toUri().toString();
    String[] attacks = {
      "<?xml version='1.0'?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM '" + uri + "'>]>\n<r>&xxe;</r>",
      "<?xml version='1.0'?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM '" + uri + "'>]>\n<r a='&xxe;'/>",
      "<?xml version='1.0'?>\n<!DOCTYPE r [<!ENTITY % p SYSTEM '" + uri + "'> %p;]>\n<r/>",
      "<?xml version='1.0'?>\n<!DOCTYPE r SYSTEM '" + uri + "'>\n<r/>",
    };
    for (String xml : attacks) {
      ExportParseException e = fail(src(xml));
      assertThat(e).as(xml).isNotNull();
      assertThat(e.kind()).isEqualTo(Kind.INSECURE_XML);
      assertThat(e.location().line()).isEqualTo(2);
      assertThat(everything(e)).doesNotContain(SECRET);
    }
    // The same through a file on disk, and the sniffing path, which must not resolve it either.
    Path f = tmp.resolve("xxe.ovf");
    Files.writeString(f, attacks[0]);
    ExportParseException e = fail(ExportSource.of(f));
    assertThat(e.kind()).isEqualTo(Kind.INSECURE_XML);
    assertThat(everything(e)).doesNotContain(SECRET);
    assertThat(SafeXml.rootElement(Files.readAllBytes(f))).map(SafeXml.RootName::localName).contains("r");
  }

  @Test
  void refusesBillionLaughs() {
    StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    sb.append(" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for (int i = 2; i <= 9; i++) {
      sb.append(" <!ENTITY lol").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        sb.append("&lol").append(i - 1).append(';');
      }
      sb.append("\">\n");
    }
    sb.append("]>\n<lolz>&lol9;</lolz>");
    long start = System.nanoTime();
    ExportParseException e = fail(src(sb.toString()));
    assertThat(e.kind()).isEqualTo(Kind.INSECURE_XML);
    assertThat(e.location().line()).isGreaterThan(0);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void undeclaredEntityIsSyntax() {
    ExportParseException e = fail(src("<r>\n&nope;</r>"));
    assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
    assertThat(e.location().line()).isEqualTo(2);
  }

  @Test
  void malformedXmlIsSyntaxWithLineAndColumn() {
    ExportParseException e = fail(src("<a>\n  <b>\n</a>"));
    assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
    assertThat(e.location().line()).isEqualTo(3);
    assertThat(e.location().column()).isGreaterThan(0);
    assertThat(e.reason()).contains("must be terminated").doesNotEndWith(".");
    assertThat(e.getMessage()).startsWith("t.xml:3:");

    ExportParseException two = fail(src("<a/>\n<a/>"));
    assertThat(two.kind()).isEqualTo(Kind.SYNTAX);
    assertThat(two.location().line()).isEqualTo(2);

    assertThat(fail(src("")).kind()).isEqualTo(Kind.SYNTAX);
    assertThat(fail(src("   ")).kind()).isEqualTo(Kind.SYNTAX);
    assertThat(fail(src("<a")).kind()).isEqualTo(Kind.SYNTAX);
    assertThat(fail(src("not xml at all")).kind()).isEqualTo(Kind.SYNTAX);
  }

  @Test
  void invalidBytesAreEncodingErrorsWithPositionAndNothingOnStderr() {
    byte[] bad = {'<', 'r', '>', '\n', 'a', 'b', (byte) 0xC3, (byte) 0x28, '<', '/', 'r', '>'};
    PrintStream old = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    ExportParseException e;
    try {
      e = fail(ExportSource.of("bad.xml", bad));
    } finally {
      System.setErr(old);
    }
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(2);
    assertThat(e.location().column()).isEqualTo(3);
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void honoursBomsAndDeclaredEncodings() throws Exception {
    byte[] utf8Bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "<?xml version='1.0' encoding='UTF-8'?><r>\u00e9</r>".getBytes(StandardCharsets.UTF_8));
    assertThat(SafeXml.parse(ExportSource.of("a", utf8Bom)).text()).isEqualTo("\u00e9");

    byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        "<?xml version='1.0' encoding='UTF-16'?><r>\u4e2d</r>".getBytes(StandardCharsets.UTF_16LE));
    assertThat(SafeXml.parse(ExportSource.of("b", utf16)).text()).isEqualTo("\u4e2d");

    byte[] latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><r>\u00e9</r>".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(SafeXml.parse(ExportSource.of("c", latin1)).text()).isEqualTo("\u00e9");

    ExportParseException e = fail(ExportSource.of("d",
        "<?xml version='1.0' encoding='x-no-such-charset'?><r/>".getBytes(StandardCharsets.US_ASCII)));
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(1);
  }

  @Test
  void refusesDeclaredOversizeInputWithoutOpeningIt() {
    ExportSource huge = new ExportSource() {
      @Override
      public String name() {
        return "huge.ovf";
      }

      @Override
      public long size() {
        return SafeXml.MAX_BYTES + 1;
      }

      @Override
      public InputStream open() {
        throw new AssertionError("must not be opened");
      }
    };
    ExportParseException e = fail(huge);
    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(e.getMessage()).contains("huge.ovf").contains("64 MiB");
  }

  @Test
  void refusesOversizeStreamOfUnknownSize() {
    // A stream with no declared size that keeps going: cut at the limit while reading.
    InputStream endless = new InputStream() {
      long n;

      @Override
      public int read() {
        n++;
        return n == 1 ? '<' : n == 2 ? 'r' : n == 3 ? '>' : ' ';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (n < 3) {
          b[off] = (byte) read();
          return 1;
        }
        java.util.Arrays.fill(b, off, off + len, (byte) ' ');
        n += len;
        return len;
      }
    };
    ExportParseException e = catchThrowableOfType(ExportParseException.class,
        () -> SafeXml.parse(endless, "endless.xml"));
    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void refusesDeepNestingManyAttributesAndManyElements() {
    String deep = "<a>".repeat(SafeXml.MAX_DEPTH + 1) + "</a>".repeat(SafeXml.MAX_DEPTH + 1);
    assertThat(fail(src(deep)).kind()).isEqualTo(Kind.TOO_LARGE);
    String ok = "<a>".repeat(SafeXml.MAX_DEPTH) + "</a>".repeat(SafeXml.MAX_DEPTH);
    assertThat(catchThrowableOfType(ExportParseException.class, () -> SafeXml.parse(src(ok)))).isNull();

    StringBuilder attrs = new StringBuilder("<a");
    for (int i = 0; i <= SafeXml.MAX_ATTRIBUTES; i++) {
      attrs.append(" a").append(i).append("='x'");
    }
    attrs.append("/>");
    assertThat(fail(src(attrs.toString())).kind()).isEqualTo(Kind.TOO_LARGE);

    String many = "<r>" + "<e/>".repeat(SafeXml.MAX_ELEMENTS) + "</r>";
    ExportParseException e = fail(src(many));
    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
    assertThat(e.reason()).contains("elements");

    String longAttr = "<a v='" + "x".repeat(SafeXml.MAX_ATTRIBUTE_CHARS + 1) + "'/>";
    assertThat(fail(src(longAttr)).kind()).isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void keepsOnlyABoundedAmountOfText() throws Exception {
    String xml = "<r>" + "y".repeat(SafeXml.MAX_TEXT_CHARS + 1000) + "</r>";
    assertThat(SafeXml.parse(src(xml)).text()).hasSize(SafeXml.MAX_TEXT_CHARS);
  }

  @Test
  void ioFailuresAreKindIo() {
    ExportSource missing = ExportSource.of(tmp.resolve("nope.ovf"));
    ExportParseException e = fail(missing);
    assertThat(e.kind()).isEqualTo(Kind.IO);
    assertThat(e.getCause()).isInstanceOf(NoSuchFileException.class);

    ExportSource failing = new ExportSource() {
      @Override
      public String name() {
        return "flaky.xml";
      }

      @Override
      public long size() {
        return -1;
      }

      @Override
      public InputStream open() {
        return new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n < 3) {
              return "<r>".charAt(n++);
            }
            throw new IOException("device went away");
          }
        };
      }
    };
    ExportParseException f = fail(failing);
    assertThat(f.kind()).isEqualTo(Kind.IO);
    assertThat(f.reason()).contains("device went away");
  }

  @Test
  void rootElementSniffing() {
    assertThat(SafeXml.rootElement("<?xml version='1.0'?><!-- x --><Envelope xmlns='urn:e'><a>"
        .getBytes(StandardCharsets.UTF_8)))
        .contains(new SafeXml.RootName("urn:e", "Envelope"));
    // Truncated after the root's start tag: still recognised.
    assertThat(SafeXml.rootElement("<domain type='kvm'>\n  <name>x</na".getBytes(StandardCharsets.UTF_8)))
        .contains(new SafeXml.RootName("", "domain"));
    assertThat(SafeXml.rootElement("{\"virtualMachines\":[]}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(SafeXml.rootElement(new byte[0])).isEmpty();
    assertThat(SafeXml.rootElement(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xC3})).isEmpty();
    assertThat(SafeXml.rootElement("<?xml version='1.0'?>\n<!DOCTYPE r SYSTEM 'http://example.invalid/x.dtd'>\n<r/>"
        .getBytes(StandardCharsets.UTF_8))).contains(new SafeXml.RootName("", "r"));
  }

  @Test
  void theBytePrecheckKeepsEveryXmlHeadAndDropsTheRest() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] withBom = ("\r\n\t <domain type='kvm'/>").getBytes(StandardCharsets.UTF_8);
    byte[] utf8Bom = new byte[bom.length + withBom.length];
    System.arraycopy(bom, 0, utf8Bom, 0, bom.length);
    System.arraycopy(withBom, 0, utf8Bom, bom.length, withBom.length);
    assertThat(SafeXml.mayStartXml(utf8Bom)).isTrue();
    assertThat(SafeXml.rootElement(utf8Bom)).contains(new SafeXml.RootName("", "domain"));
    // UTF-16 with and without a byte-order mark is left to the parser, which still finds the root
    byte[] utf16 = "<domain type='kvm'/>".getBytes(StandardCharsets.UTF_16);
    assertThat(SafeXml.rootElement(utf16)).contains(new SafeXml.RootName("", "domain"));
    assertThat(SafeXml.mayStartXml("<r/>".getBytes(StandardCharsets.UTF_16LE))).isTrue();
    assertThat(SafeXml.mayStartXml("<r/>".getBytes(StandardCharsets.UTF_16BE))).isTrue();
    // what a fleet of .vmx files, JSON and prose look like: no parser is built for them
    assertThat(SafeXml.mayStartXml(".encoding = \"UTF-8\"\nvhv.enable = \"TRUE\"\n".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(SafeXml.mayStartXml(" \n{\"a\": 1}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(SafeXml.mayStartXml("x<r/>".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(SafeXml.mayStartXml(new byte[] {' '})).isFalse();
    assertThat(SafeXml.mayStartXml(new byte[] {'<'})).isTrue();
    assertThat(SafeXml.mayStartXml(new byte[0])).isFalse();
  }

  @Test
  void doesNotFetchExternalDtds() {
    // A SYSTEM id on an unroutable address: refused without any network access (the test would hang otherwise).
    long start = System.nanoTime();
    ExportParseException e = fail(src("<?xml version='1.0'?>\n<!DOCTYPE r SYSTEM 'http://10.255.255.1/evil.dtd'>\n<r/>"));
    assertThat(e.kind()).isEqualTo(Kind.INSECURE_XML);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void nullArgumentsAreRejected() {
    assertThatThrownBy(() -> SafeXml.rootElement(null)).isInstanceOf(NullPointerException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
