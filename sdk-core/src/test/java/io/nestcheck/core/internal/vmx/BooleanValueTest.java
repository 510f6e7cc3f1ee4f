package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BooleanValueTest {
  @Test
  void acceptedSpellingsInAnyCaseAndAroundWhitespace() {
    for (String t : new String[] {"TRUE", "true", "True", " yes ", "YES", "1", "\ttRuE"}) {
      assertThat(BooleanValue.parse(t)).as(t).isEqualTo(BooleanValue.TRUE);
    }
    for (String f : new String[] {"FALSE", "false", "No", "no ", "0"}) {
      assertThat(BooleanValue.parse(f)).as(f).isEqualTo(BooleanValue.FALSE);
    }
    // the long s (U+017F) folds to 's' for equalsIgnoreCase, not for the ASCII comparison; full-width letters
    for (String bad : new String[] {"ye\u017f", "fal\u017fe", "tru", "truee", "", "2", "\uff34\uff32\uff35\uff25", "on"}) {
      assertThat(BooleanValue.parse(bad)).as(bad).isEqualTo(BooleanValue.INVALID);
    }
  }

  @Property(tries = 2000)
  void readsAsTheLowerCaseSwitchDid(@ForAll("spellings") String value) {
    assertThat(BooleanValue.parse(value)).isEqualTo(lowerCaseSwitch(value));
  }

  @Provide
  Arbitrary<String> spellings() {
    Arbitrary<String> near = Arbitraries.of("true", "false", "yes", "no", "1", "0")
        .flatMap(w -> Arbitraries.strings().withChars("tTrRuUeEfFaAlLsSyYnNoO10 \t\u017f\u0130\u212a")
            .ofMaxLength(w.length() + 1));
    Arbitrary<String> cased = Arbitraries.of("true", "false", "yes", "no")
        .flatMap(w -> Arbitraries.integers().between(0, (1 << w.length()) - 1).map(mask -> {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < w.length(); i++) {
            b.append((mask & (1 << i)) != 0 ? Character.toUpperCase(w.charAt(i)) : w.charAt(i));
          }
          return " " + b + "\t";
        }));
    return Arbitraries.oneOf(near, cased);
  }

  /** The implementation before: strip, lower-case, switch. */
  private static BooleanValue lowerCaseSwitch(String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "1":
        return BooleanValue.TRUE;
      case "false":
      case "no":
      case "0":
        return BooleanValue.FALSE;
      default:
        return BooleanValue.INVALID;
    }
  }
}
