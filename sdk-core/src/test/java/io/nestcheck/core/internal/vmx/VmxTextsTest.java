package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class VmxTextsTest {
  @Test
  void aRepeatedKeyIsTheSameStringWithItsLowerCaseForm() {
    VmxTexts keys = new VmxTexts();
    char[] line = "xx ethernet0.virtualDev = 1".toCharArray();

    String first = key(keys, line, 3, 23);
    String lower = keys.lastLowerKey();
    String again = key(keys, "ethernet0.virtualDev".toCharArray(), 0, 20);

    assertThat(first).isEqualTo("ethernet0.virtualDev");
    assertThat(lower).isEqualTo("ethernet0.virtualdev");
    assertThat(again).isSameAs(first);
    assertThat(keys.lastLowerKey()).isSameAs(lower);
  }

  @Test
  void twoKeysOfOneSetAreBothKeptAndAThirdEvictsTheOlder() {
    // keys of one fleet that hash to the same set, as found by the table's own set function
    List<String> same = new java.util.ArrayList<>();
    int set = VmxTexts.set("ethernet0.present".hashCode());
    for (int i = 0; same.size() < 3; i++) {
      String k = "guestinfo.k" + i;
      if (VmxTexts.set(k.hashCode()) == set) {
        same.add(k);
      }
    }
    VmxTexts keys = new VmxTexts();
    String a = key(keys, "ethernet0.present".toCharArray(), 0, 17);
    String b = key(keys, same.get(0).toCharArray(), 0, same.get(0).length());
    for (int round = 0; round < 3; round++) { // alternating: each stays kept
      assertThat(key(keys, "ethernet0.present".toCharArray(), 0, 17)).isSameAs(a);
      assertThat(key(keys, same.get(0).toCharArray(), 0, same.get(0).length())).isSameAs(b);
    }
    String c = key(keys, same.get(1).toCharArray(), 0, same.get(1).length());
    assertThat(key(keys, same.get(1).toCharArray(), 0, same.get(1).length())).isSameAs(c);
    assertThat(key(keys, same.get(0).toCharArray(), 0, same.get(0).length())).as("the newer of the two before c")
        .isSameAs(b);
    assertThat(key(keys, "ethernet0.present".toCharArray(), 0, 17)).as("the older one, evicted by c")
        .isEqualTo(a).isNotSameAs(a);
  }

  @Test
  void aKeyWithoutCapitalsIsItsOwnLowerCaseForm() {
    VmxTexts keys = new VmxTexts();

    String key = key(keys, "memsize".toCharArray(), 0, 7);

    assertThat(keys.lastLowerKey()).isSameAs(key).isEqualTo("memsize");
  }

  @Test
  void textsOverTheLimitAreBuiltEachTime() {
    VmxTexts keys = new VmxTexts();
    VmxTexts values = new VmxTexts();
    char[] longKey = ("a".repeat(VmxTexts.MAX_LENGTH) + "B").toCharArray();
    char[] exact = "c".repeat(VmxTexts.MAX_LENGTH).toCharArray();

    String k1 = key(keys, longKey, 0, longKey.length);
    String k2 = key(keys, longKey, 0, longKey.length);

    assertThat(k1).isEqualTo(k2).isNotSameAs(k2);
    assertThat(keys.lastLowerKey()).isEqualTo("a".repeat(VmxTexts.MAX_LENGTH) + "b");
    value(values, longKey, 0, longKey.length);
    assertThat(value(values, longKey, 0, longKey.length)).isNotSameAs(value(values, longKey, 0, longKey.length));
    value(values, exact, 0, exact.length);
    assertThat(value(values, exact, 0, exact.length)).isSameAs(value(values, exact, 0, exact.length));
  }

  @Test
  void aValueIsKeptFromItsSecondSight() {
    VmxTexts values = new VmxTexts();
    char[] text = "vmxnet3".toCharArray();

    String first = value(values, text, 0, 7);
    String second = value(values, text, 0, 7);
    String third = value(values, "x vmxnet3".toCharArray(), 2, 9);

    assertThat(first).isEqualTo(second).isEqualTo("vmxnet3").isNotSameAs(second); // seen once: not kept
    assertThat(third).isSameAs(second);
  }

  @Test
  void valuesKeepTheirCharacters() {
    VmxTexts values = new VmxTexts();
    char[] text = "虚拟机 TRUE".toCharArray();

    assertThat(value(values, text, 0, 3)).isEqualTo("虚拟机");
    value(values, text, 4, 8);
    assertThat(value(values, text, 4, 8)).isEqualTo("TRUE").isSameAs(value(values, "TRUE".toCharArray(), 0, 4));
    assertThat(value(values, text, 0, 0)).isEmpty();
  }

  @Test
  void theParserSharesKeysAndShortValuesBetweenFiles() throws Exception {
    byte[] one = "guestOS = \"vmkernel8\"\nethernet0.virtualDev = vmxnet3\n".getBytes(StandardCharsets.UTF_8);
    byte[] two = "# another file\nethernet0.virtualDev = 'vmxnet3'\nguestOS = \"vmkernel8\"\n"
        .getBytes(StandardCharsets.UTF_8);

    VmxDocument.parse(one, "primer.vmx"); // a value is kept from its second sight on this thread
    VmxDocument a = VmxDocument.parse(one, "a.vmx");
    VmxDocument b = VmxDocument.parse(two, "b.vmx");

    VmxEntry guestA = a.entries().get(0);
    VmxEntry guestB = b.entries().get(1);
    VmxEntry nicA = a.entries().get(1);
    VmxEntry nicB = b.entries().get(0);
    assertThat(guestB.key()).isEqualTo("guestOS").isSameAs(guestA.key());
    assertThat(guestB.lowerKey()).isEqualTo("guestos").isSameAs(guestA.lowerKey());
    assertThat(guestB.value()).isEqualTo("vmkernel8").isSameAs(guestA.value());
    // the unquoted and the single-quoted spelling of the same value
    assertThat(nicB.value()).isEqualTo("vmxnet3").isSameAs(nicA.value());
    assertThat(nicB.key()).isSameAs(nicA.key());
  }

  @Property(tries = 200)
  void anyHistoryOfKeysGivesEachKeyAndItsLowerCase(@ForAll("keyLists") List<String> history) {
    // few letters and short keys: many keys share a slot and replace each other
    VmxTexts keys = new VmxTexts();
    VmxTexts values = new VmxTexts();
    for (String k : history) {
      char[] padded = ("=" + k + "=").toCharArray();

      String key = key(keys, padded, 1, padded.length - 1);
      String lower = keys.lastLowerKey();
      String value = value(values, padded, 1, padded.length - 1);

      assertThat(key).isEqualTo(k);
      assertThat(lower).isEqualTo(k.toLowerCase(Locale.ROOT));
      assertThat(value).isEqualTo(k);
    }
  }

  @Provide
  Arbitrary<List<String>> keyLists() {
    return Arbitraries.strings().withChars("aAbB.0:").ofMinLength(0).ofMaxLength(VmxTexts.MAX_LENGTH + 2)
        .list().ofMinSize(1).ofMaxSize(3000);
  }

  /** {@link VmxTexts#key} with the hash the parser takes while scanning. */
  private static String key(VmxTexts t, char[] chars, int from, int to) {
    return t.key(chars, from, to, VmxTexts.hash(chars, from, to));
  }

  /** {@link VmxTexts#value} with the hash the parser takes while scanning. */
  private static String value(VmxTexts t, char[] chars, int from, int to) {
    return t.value(chars, from, to, VmxTexts.hash(chars, from, to));
  }
}
