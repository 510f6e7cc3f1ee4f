package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** {@link VmxValues#lower} is {@code toLowerCase(Locale.ROOT)} with an ASCII fast path. */
class VmxValuesLowerTest {

  @Property(tries = 2000)
  void equalsRootLowerCaseForKeyLikeStrings(
      @ForAll @StringLength(max = 40) @CharRange(from = 'A', to = 'Z') @CharRange(from = 'a', to = 'z')
      @CharRange(from = '0', to = '9') @Chars({'.', '_', ':', '-'}) String key) {
    assertThat(VmxValues.lower(key)).isEqualTo(key.toLowerCase(Locale.ROOT));
  }

  @Property(tries = 2000)
  void equalsRootLowerCaseForAnyString(@ForAll @StringLength(max = 20) String s) {
    assertThat(VmxValues.lower(s)).isEqualTo(s.toLowerCase(Locale.ROOT));
  }

  @Example
  void returnsTheKeyItselfWhenNothingChangesAndFallsBackForNonAscii() {
    String key = "ethernet0.virtualdev";
    assertThat(VmxValues.lower(key)).isSameAs(key);
    assertThat(VmxValues.lower("Ethernet0.VirtualDev")).isEqualTo("ethernet0.virtualdev");
    assertThat(VmxValues.lower("KEY.İ")).isEqualTo("key.i\u0307");
    assertThat(VmxValues.lower("ÄBC")).isEqualTo("äbc");
  }
}
