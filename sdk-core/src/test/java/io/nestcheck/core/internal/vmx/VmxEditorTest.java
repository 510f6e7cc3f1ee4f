package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VmxEditorTest {

  private static String edit(String text, java.util.function.Consumer<VmxEditor> ops) {
    VmxEditor editor = new VmxEditor(Vmx.parse(text));
    ops.accept(editor);
    return Vmx.utf8(editor.apply());
  }

  @Test
  void noEditsGiveTheOriginalBytes() {
    String text = "#!/usr/bin/vmware\r\n\tA = \"1\"  # c\r\nb=2\n\n";
    assertThat(edit(text, e -> {})).isEqualTo(text);
  }

  @Test
  void setReplacesValueInPlaceKeepingKeyCaseSpacingAndComment() {
    String text = "# head\n  MemSize   =  \"1024\"   # keep me\nnumvcpus = \"2\"\n";
    assertThat(edit(text, e -> e.set("memsize", "4096")))
        .isEqualTo("# head\n  MemSize   =  \"4096\"   # keep me\nnumvcpus = \"2\"\n");
  }

  @Test
  void setRemovesLaterDuplicates() {
    String text = "a = \"1\"\r\nmsg.autoanswer = \"FALSE\"\r\nb = \"2\"\r\nmsg.autoAnswer = \"FALSE\"\r\nc = \"3\"\r\n";
    assertThat(edit(text, e -> e.setBoolean("msg.autoAnswer", true)))
        .isEqualTo("a = \"1\"\r\nmsg.autoanswer = \"TRUE\"\r\nb = \"2\"\r\nc = \"3\"\r\n");
  }

  @Test
  void setWithUnchangedValueLeavesTheLineAsWritten() {
    String text = "vhv.enable = \"TRUE\" # on\nvhv.enable = \"FALSE\"\n";
    assertThat(edit(text, e -> e.set("VHV.ENABLE", "TRUE"))).isEqualTo("vhv.enable = \"TRUE\" # on\n");
  }

  @Test
  void newKeyIsAppendedWithDominantSeparator() {
    assertThat(edit("a = \"1\"\r\nb = \"2\"\r\n", e -> e.set("vhv.enable", "TRUE")))
        .isEqualTo("a = \"1\"\r\nb = \"2\"\r\nvhv.enable = \"TRUE\"\r\n");
  }

  @Test
  void newKeyAfterAddingMissingFinalSeparator() {
    assertThat(edit("a = \"1\"\nb = \"2\"", e -> e.set("c", "3"))).isEqualTo("a = \"1\"\nb = \"2\"\nc = \"3\"\n");
    assertThat(edit("", e -> e.set("c", "3"))).isEqualTo("c = \"3\"\n");
  }

  @Test
  void newKeysKeepTheOrderOfTheCalls() {
    assertThat(edit("a = \"1\"\n", e -> e.set("z", "1").set("y", "2").set("z", "3")))
        .isEqualTo("a = \"1\"\nz = \"3\"\ny = \"2\"\n");
  }

  @Test
  void removeDeletesEveryOccurrence() {
    String text = "a = \"1\"\nethernet0.present = \"TRUE\"\nb = \"2\"\nEthernet0.Present = \"TRUE\"\nc = \"3\"";
    assertThat(edit(text, e -> e.remove("ethernet0.present"))).isEqualTo("a = \"1\"\nb = \"2\"\nc = \"3\"");
    assertThat(edit(text, e -> e.remove("c"))).isEqualTo(
        "a = \"1\"\nethernet0.present = \"TRUE\"\nb = \"2\"\nEthernet0.Present = \"TRUE\"\n");
    assertThat(edit(text, e -> e.remove("absent"))).isEqualTo(text);
  }

  @Test
  void lastOperationOnAKeyWins() {
    assertThat(edit("a = \"1\"\nb = \"2\"\n", e -> e.set("a", "9").remove("A"))).isEqualTo("b = \"2\"\n");
    assertThat(edit("a = \"1\"\nb = \"2\"\n", e -> e.remove("a").set("A", "9"))).isEqualTo("a = \"9\"\nb = \"2\"\n");
  }

  @Test
  void valuesAreEscapedWithUpperCaseHex() {
    String out = edit("annotation = \"\"\n", e -> e.set("annotation", "say \"hi\" | #1\r\nnext\tline\\"));
    assertThat(out).isEqualTo("annotation = \"say |22hi|22 |7C #1|0D|0Anext|09line\\\"\n");
    assertThat(Vmx.parse(out).get("annotation")).hasValue("say \"hi\" | #1\r\nnext\tline\\");
  }

  @Test
  void unquotedValueStaysUnquotedWhenSafeAndIsQuotedOtherwise() {
    assertThat(edit("x = 1 # c\n", e -> e.set("x", "0"))).isEqualTo("x = 0 # c\n");
    assertThat(edit("x = 1 # c\n", e -> e.set("x", "two words"))).isEqualTo("x = \"two words\" # c\n");
    assertThat(edit("x = 1\n", e -> e.set("x", ""))).isEqualTo("x = \"\"\n");
    assertThat(edit("x = 1\n", e -> e.set("x", "a#b"))).isEqualTo("x = \"a#b\"\n");
    assertThat(edit("x =\n", e -> e.set("x", "v"))).isEqualTo("x =v\n");
  }

  @Test
  void singleQuotedValueEscapesTheApostrophe() {
    String out = edit("x = 'a'\n", e -> e.set("x", "it's"));
    assertThat(out).isEqualTo("x = 'it|27s'\n");
    assertThat(Vmx.parse(out).get("x")).hasValue("it's");
  }

  @Test
  void bomIsKept() {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write(0xEF);
    in.write(0xBB);
    in.write(0xBF);
    in.writeBytes("a = \"é\"".getBytes(StandardCharsets.UTF_8));
    VmxDocument doc = Vmx.parse(in.toByteArray());
    byte[] out = new VmxEditor(doc).set("a", "ü").set("b", "ß").apply();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(0xEF);
    expected.write(0xBB);
    expected.write(0xBF);
    expected.writeBytes("a = \"ü\"\nb = \"ß\"\n".getBytes(StandardCharsets.UTF_8));
    assertThat(out).isEqualTo(expected.toByteArray());
  }

  @Test
  void valuesAreWrittenInTheFileCharset() {
    Charset gbk = Charset.forName("GBK");
    VmxDocument doc = Vmx.parse(".encoding = \"GBK\"\ndisplayName = \"旧\"\n", gbk);
    byte[] out = new VmxEditor(doc).set("displayName", "新的名字").set("annotation", "备注").apply();
    assertThat(out).isEqualTo(".encoding = \"GBK\"\ndisplayName = \"新的名字\"\nannotation = \"备注\"\n".getBytes(gbk));
  }

  @Test
  void unencodableCharacterIsRejectedWithAClearMessage() {
    VmxDocument doc = Vmx.parse(".encoding = \"windows-1252\"\ndisplayName = \"x\"\n", Charset.forName("windows-1252"));
    VmxEditor editor = new VmxEditor(doc);
    assertThatThrownBy(() -> editor.set("displayName", "中"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+4E2D")
        .hasMessageContaining("displayName")
        .hasMessageContaining("windows-1252");
    assertThatThrownBy(() -> new VmxEditor(Vmx.parse("")).set("a", "\uD800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+D800");
  }

  @Test
  void invalidKeysAreRejected() {
    VmxEditor editor = new VmxEditor(Vmx.parse(""));
    assertThatThrownBy(() -> editor.set("bad key", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> editor.set("", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> editor.remove("a\nb")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodingCannotBeChangedOrRemoved() {
    VmxDocument doc = Vmx.parse(".encoding = \"UTF-8\"\n");
    assertThatThrownBy(() -> new VmxEditor(doc).set(".encoding", "GBK")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VmxEditor(doc).remove(".Encoding")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Vmx.utf8(new VmxEditor(doc).set(".encoding", "utf-8").apply())).isEqualTo(".encoding = \"utf-8\"\n");
  }

  @Test
  void editingTwiceGivesTheSameBytes() {
    String text = "a = \"1\"\nA = \"2\"\nb = 3\n";
    String once = edit(text, e -> e.set("a", "x\"y").set("new", "v").remove("b"));
    String twice = edit(once, e -> e.set("a", "x\"y").set("new", "v").remove("b"));
    assertThat(twice).isEqualTo(once).isEqualTo("a = \"x|22y\"\nnew = \"v\"\n");
  }

  @Test
  void editsOnlyTouchTheirLinesInAWindows1252FileWithUndefinedBytes() {
    byte[] in = {'x', ' ', '=', ' ', '"', (byte) 0x81, (byte) 0xE9, '"', '\r', '\n', 'y', '=', '"', '1', '"'};
    VmxDocument doc = Vmx.parse(in);
    byte[] out = new VmxEditor(doc).set("y", "é").apply();
    byte[] expected = {
      'x', ' ', '=', ' ', '"', (byte) 0x81, (byte) 0xE9, '"', '\r', '\n', 'y', '=', '"', (byte) 0xE9, '"'
    };
    assertThat(out).isEqualTo(expected);
  }
}
