package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VmxGrammarTest {

  @Test
  void quotedValueWithVariableSpacing() {
    VmxDocument doc = Vmx.parse("a = \"1\"\nb=\"2\"\nc   =\t\"3\"\nd\t=  \"4\"\n");
    assertThat(doc.get("a")).hasValue("1");
    assertThat(doc.get("b")).hasValue("2");
    assertThat(doc.get("c")).hasValue("3");
    assertThat(doc.get("d")).hasValue("4");
    assertThat(doc.entries()).extracting(VmxEntry::line).containsExactly(1, 2, 3, 4);
  }

  @Test
  void leadingTabsAndSpacesAndTrailingBlanks() {
    VmxDocument doc = Vmx.parse("\t\tmemsize = \"4096\"   \n    numvcpus = \"2\"\t\n");
    assertThat(doc.get("memsize")).hasValue("4096");
    assertThat(doc.entry("memsize").orElseThrow().column()).isEqualTo(3);
    assertThat(doc.get("numvcpus")).hasValue("2");
    assertThat(doc.entry("numvcpus").orElseThrow().column()).isEqualTo(5);
  }

  @Test
  void crlfLfAndCrLineEndings() {
    VmxDocument doc = Vmx.parse("a = \"1\"\r\nb = \"2\"\nc = \"3\"\rd = \"4\"");
    assertThat(doc.entries()).extracting(VmxEntry::key).containsExactly("a", "b", "c", "d");
    assertThat(doc.entries()).extracting(VmxEntry::line).containsExactly(1, 2, 3, 4);
    assertThat(doc.entries()).extracting(VmxEntry::value).containsExactly("1", "2", "3", "4");
  }

  @Test
  void dominantLineSeparator() {
    assertThat(Vmx.parse("a = \"1\"\r\nb = \"2\"\r\nc = \"3\"\n").lineSeparator()).isEqualTo("\r\n");
    assertThat(Vmx.parse("a = \"1\"\nb = \"2\"\r\n").lineSeparator()).isEqualTo("\n");
    assertThat(Vmx.parse("a = \"1\"\rb = \"2\"\r").lineSeparator()).isEqualTo("\r");
    assertThat(Vmx.parse("a = \"1\"").lineSeparator()).isEqualTo("\n");
  }

  @Test
  void blankLinesAndCommentLines() {
    VmxDocument doc = Vmx.parse("#!/usr/bin/vmware\n\n   \n\t\n# a comment\n  # indented\nx = \"1\"\n");
    assertThat(doc.entries()).hasSize(1);
    assertThat(doc.entry("x").orElseThrow().line()).isEqualTo(7);
    assertThat(doc.comments())
        .containsExactly(
            new VmxDocument.Comment(1, 1, "!/usr/bin/vmware", false),
            new VmxDocument.Comment(5, 1, " a comment", false),
            new VmxDocument.Comment(6, 3, " indented", false));
  }

  @Test
  void trailingCommentAfterClosingQuote() {
    VmxDocument doc = Vmx.parse("x = \"1\"  # nestcheck:ignore NV-CPU-001 reason until=2027-01-31\ny = \"2\"# tight\n");
    assertThat(doc.get("x")).hasValue("1");
    assertThat(doc.entry("x").orElseThrow().comment()).hasValue(" nestcheck:ignore NV-CPU-001 reason until=2027-01-31");
    assertThat(doc.get("y")).hasValue("2");
    assertThat(doc.entry("y").orElseThrow().comment()).hasValue(" tight");
    assertThat(doc.comments())
        .containsExactly(
            new VmxDocument.Comment(1, 10, " nestcheck:ignore NV-CPU-001 reason until=2027-01-31", true),
            new VmxDocument.Comment(2, 8, " tight", true));
  }

  @Test
  void unquotedValues() {
    VmxDocument doc = Vmx.parse("x = 1\nscsi0:0.virtualSSD = 1 # packer\ny=abc#c\nz = \n");
    assertThat(doc.get("x")).hasValue("1");
    assertThat(doc.entry("x").orElseThrow().quoted()).isFalse();
    assertThat(doc.get("scsi0:0.virtualSSD")).hasValue("1");
    assertThat(doc.entry("scsi0:0.virtualSSD").orElseThrow().comment()).hasValue(" packer");
    assertThat(doc.get("y")).hasValue("abc");
    assertThat(doc.entry("y").orElseThrow().comment()).hasValue("c");
    assertThat(doc.get("z")).hasValue("");
  }

  @Test
  void backslashNeverEscapes() {
    VmxDocument doc = Vmx.parse("ide1:0.fileName = \"C:\\\"\nnext = \"D:\\iso\\ubuntu.iso\"\n");
    assertThat(doc.get("ide1:0.fileName")).hasValue("C:\\");
    assertThat(doc.get("next")).hasValue("D:\\iso\\ubuntu.iso");
  }

  @Test
  void pipeEscapeDecodedOnlyWithTwoHexDigits() {
    VmxDocument doc =
        Vmx.parse(
            "a = \"say |22hi|22\"\nb = \"x|7Cy\"\nc = \"line1|0D|0Aline2\"\nd = \"a|b\"\ne = \"end|\"\n"
                + "f = \"|2\"\ng = \"|zz|7c\"\n");
    assertThat(doc.get("a")).hasValue("say \"hi\"");
    assertThat(doc.get("b")).hasValue("x|y");
    assertThat(doc.get("c")).hasValue("line1\r\nline2");
    assertThat(doc.get("d")).hasValue("a|b");
    assertThat(doc.get("e")).hasValue("end|");
    assertThat(doc.get("f")).hasValue("|2");
    assertThat(doc.get("g")).hasValue("|zz|");
    assertThat(doc.entry("a").orElseThrow().rawValue()).isEqualTo("say |22hi|22");
  }

  @Test
  void pipeEscapeOfNonAsciiBytesUsesTheFileCharset() {
    VmxDocument doc = Vmx.parse("a = \"|E4|B8|AD\"\n");
    assertThat(doc.get("a")).hasValue("中");
  }

  @Test
  void hashInsideQuotesIsData() {
    VmxDocument doc = Vmx.parse("annotation = \"issue #42 # not a comment\" # real\n");
    assertThat(doc.get("annotation")).hasValue("issue #42 # not a comment");
    assertThat(doc.entry("annotation").orElseThrow().comment()).hasValue(" real");
  }

  @Test
  void keysWithLeadingUnderscoreDotAndColons() {
    VmxDocument doc =
        Vmx.parse("__CPU_Settings__ = \"\"\n.encoding = \"UTF-8\"\nscsi0:0.fileName = \"d.vmdk\"\nsched.mem-x = \"1\"\n");
    assertThat(doc.get("__cpu_settings__")).hasValue("");
    assertThat(doc.get(".ENCODING")).hasValue("UTF-8");
    assertThat(doc.get("SCSI0:0.FILENAME")).hasValue("d.vmdk");
    assertThat(doc.get("sched.mem-x")).hasValue("1");
  }

  @Test
  void singleQuotedValueAsLibvirtAccepts() {
    VmxDocument doc = Vmx.parse("a = 'it \"is\" fine'\n");
    assertThat(doc.get("a")).hasValue("it \"is\" fine");
    assertThat(doc.entry("a").orElseThrow().quoted()).isTrue();
  }

  @Test
  void entryRecordsOffsetsKeysAndRawText() {
    String text = "# c\n  Memsize = \"1|7C2\" # x\n";
    VmxDocument doc = Vmx.parse(text);
    VmxEntry e = doc.entry("MEMSIZE").orElseThrow();
    assertThat(e.key()).isEqualTo("Memsize");
    assertThat(e.lowerKey()).isEqualTo("memsize");
    assertThat(e.value()).isEqualTo("1|2");
    assertThat(e.rawValue()).isEqualTo("1|7C2");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.quoted()).isTrue();
    assertThat(text.substring(e.startOffset(), e.endOffset())).isEqualTo("  Memsize = \"1|7C2\" # x");
    assertThat(text.substring(e.valueStartOffset(), e.valueEndOffset())).isEqualTo("1|7C2");
    assertThat(doc.locationOf(e).toString()).isEqualTo("test.vmx:2:3");
  }

  @Test
  void emptyFileHasNoEntries() {
    VmxDocument doc = Vmx.parse("");
    assertThat(doc.entries()).isEmpty();
    assertThat(doc.comments()).isEmpty();
    assertThat(doc.get("x")).isEmpty();
  }

  @Test
  void textAndBytesAreKept() {
    byte[] bytes = "a = \"1\"\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    VmxDocument doc = Vmx.parse(bytes);
    assertThat(doc.text()).isEqualTo("a = \"1\"\r\n");
    assertThat(doc.toBytes()).isEqualTo(bytes).isNotSameAs(bytes);
    bytes[0] = 'b';
    assertThat(doc.get("a")).hasValue("1");
  }

  @Test
  void multiMegabyteLineParsesInLinearTime() {
    char[] base64 = new char[15 * 1024 * 1024];
    Arrays.fill(base64, 'Q');
    for (int i = 0; i < base64.length; i += 97) {
      base64[i] = '|'; // many '|' without hex digits after them
    }
    String text = "guestinfo.userdata = \"" + new String(base64) + "\"\nx = \"1\"\n";
    VmxDocument doc =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Vmx.parse(text));
    assertThat(doc.get("guestinfo.userdata").orElseThrow().length()).isEqualTo(base64.length);
    assertThat(doc.get("x")).hasValue("1");
  }

  @Test
  void manyLinesParseInLinearTime() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append("key").append(i).append(" = \"value ").append(i).append("\"\n");
    }
    VmxDocument doc =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(30), () -> Vmx.parse(sb.toString()));
    assertThat(doc.entries()).hasSize(100_000);
    assertThat(doc.get("key99999")).hasValue("value 99999");
  }
}
