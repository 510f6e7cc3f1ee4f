package io.nestcheck.core.internal.govc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The byte-level pre-check of {@link GovcReader#canRead} never changes its answer. */
class GovcCanReadPropertiesTest {

  /** canRead as it was before the pre-check: decode the whole head, then look. */
  private static boolean reference(byte[] head) {
    String s = new String(head, StandardCharsets.UTF_8);
    int i = 0;
    while (i < s.length() && (s.charAt(i) == '\uFEFF' || Character.isWhitespace(s.charAt(i)))) {
      i++;
    }
    if (i >= s.length() || (s.charAt(i) != '{' && s.charAt(i) != '[')) {
      return false;
    }
    return s.toLowerCase(Locale.ROOT).contains("\"virtualmachines\"") || s.contains("\"_typeName\"");
  }

  @Provide
  Arbitrary<byte[]> heads() {
    Arbitrary<String> pieces = Arbitraries.of("\uFEFF", " ", "\t", "\n", "\r", "\u000B", "\f", "\u001C", "\u2028",
        "\u00A0", "{", "[", "\"VirtualMachines\"", "\"_typeName\"", "x", "<", "#", "é", "漢", "\u0000");
    return pieces.list().ofMaxSize(8).map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 3000)
  void sameAnswerAsDecodingTheWholeHead(@ForAll("heads") byte[] head) {
    assertThat(new GovcReader().canRead("x", head)).isEqualTo(reference(head));
  }

  @Property(tries = 1000)
  void sameAnswerOnArbitraryBytes(@ForAll byte[] head) {
    assertThat(new GovcReader().canRead("x", head)).isEqualTo(reference(head));
  }

  @Example
  void thePreCheckRejectsAVmxHeadAndKeepsJson() {
    assertThat(GovcReader.mayStartJson("config.version = \"8\"\n".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(GovcReader.mayStartJson("\uFEFF \n{\"VirtualMachines\": []}".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(GovcReader.mayStartJson(new byte[0])).isFalse();
  }
}
