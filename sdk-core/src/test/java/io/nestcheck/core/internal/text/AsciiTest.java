package io.nestcheck.core.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AsciiTest {
  @Test
  void lettersMatchInEitherCaseAndNothingElseFolds() {
    assertThat(Ascii.equalsIgnoreCase("TrUe", "true")).isTrue();
    assertThat(Ascii.equalsIgnoreCase("true", "true")).isTrue();
    assertThat(Ascii.equalsIgnoreCase("ye\u017f", "yes")).isFalse(); // long s: equalsIgnoreCase would say yes
    assertThat(Ascii.equalsIgnoreCase("tru", "true")).isFalse();
    assertThat(Ascii.equalsIgnoreCase("A-1", "a-1")).isTrue();
    assertThat(Ascii.equalsIgnoreCase("a\r1", "a-1")).isFalse(); // '-' is not a letter: no upper-case form
    assertThat(Ascii.containsIgnoreCase("Huawei FusionCompute CNA", "fusioncompute")).isTrue();
    assertThat(Ascii.containsIgnoreCase("fusioncomput", "fusioncompute")).isFalse();
    assertThat(Ascii.containsIgnoreCase("Fu\u017fionCompute", "fusioncompute")).isFalse();
    assertThat(Ascii.containsIgnoreCase("anything", "")).isTrue();
  }

  @Property(tries = 1000)
  void answersAsTheLowerCaseCopyDid(@ForAll("texts") String s, @ForAll("literals") String lower) {
    String copy = s.toLowerCase(Locale.ROOT);
    assertThat(Ascii.equalsIgnoreCase(s, lower)).isEqualTo(copy.equals(lower));
    assertThat(Ascii.containsIgnoreCase(s, lower)).isEqualTo(copy.contains(lower));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("aAbBsS-\r1 \u017f\u212a\u0130").ofMaxLength(6);
  }

  @Provide
  Arbitrary<String> literals() {
    return Arbitraries.strings().withChars("abs-1 ").ofMaxLength(3);
  }
}
