package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The key grammar's character classes, looked up in a table, against the grammar's regular expressions. */
class VmxValuesKeyCharsTest {
  private static final Pattern START = Pattern.compile("[A-Za-z._]");
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_:.-]");

  @Test
  void everyCharIsClassifiedAsTheGrammarSays() {
    int starts = 0;
    int parts = 0;
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      String s = String.valueOf((char) c);
      assertThat(VmxValues.isKeyStart((char) c)).as("isKeyStart U+%04X", c).isEqualTo(START.matcher(s).matches());
      assertThat(VmxValues.isKeyPart((char) c)).as("isKeyPart U+%04X", c).isEqualTo(PART.matcher(s).matches());
      starts += VmxValues.isKeyStart((char) c) ? 1 : 0;
      parts += VmxValues.isKeyPart((char) c) ? 1 : 0;
    }
    assertThat(starts).isEqualTo(26 + 26 + 2);
    assertThat(parts).isEqualTo(26 + 26 + 10 + 4);
  }
}
