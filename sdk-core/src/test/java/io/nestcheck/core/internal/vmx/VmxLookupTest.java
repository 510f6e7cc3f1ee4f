package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VmxLookupTest {

  @Test
  void lookupIsCaseInsensitiveAndFirstOccurrenceWins() {
    VmxDocument doc = Vmx.parse("memsize = \"1024\"\nx = \"1\"\nmemSize = \"2048\"\nMEMSIZE = \"4096\"\n");
    assertThat(doc.get("MemSize")).hasValue("1024");
    assertThat(doc.entry("memsize").orElseThrow().line()).isEqualTo(1);
    assertThat(doc.entries("memsize")).extracting(VmxEntry::value).containsExactly("1024", "2048", "4096");
    assertThat(doc.contains("MEMSIZE")).isTrue();
    assertThat(doc.contains("nope")).isFalse();
    assertThat(doc.entries("nope")).isEmpty();
  }

  @Test
  void duplicatesListAllLinesIncludingCaseVariants() {
    VmxDocument doc =
        Vmx.parse(
            "msg.autoanswer = \"TRUE\"\nother = \"1\"\nmsg.autoAnswer = \"FALSE\"\nother = \"2\"\nsingle = \"s\"\n"
                + "other = \"3\"\n");
    assertThat(doc.duplicates())
        .containsExactly(
            new VmxDocument.Duplicate("msg.autoanswer", List.of("msg.autoanswer", "msg.autoAnswer"), List.of(1, 3)),
            new VmxDocument.Duplicate("other", List.of("other"), List.of(2, 4, 6)));
  }

  @Test
  void noDuplicates() {
    assertThat(Vmx.parse("a = \"1\"\nb = \"2\"\n").duplicates()).isEmpty();
  }

  @Test
  void keysWithPrefixForDeviceDiscovery() {
    VmxDocument doc =
        Vmx.parse(
            "ethernet1.present = \"TRUE\"\nethernet0.present = \"TRUE\"\nEthernet0.virtualDev = \"e1000\"\n"
                + "ethernet0.PRESENT = \"FALSE\"\nether = \"x\"\nscsi0.present = \"TRUE\"\nethernet10.present = \"1\"\n");
    assertThat(doc.keysWithPrefix("ethernet"))
        .containsExactly("ethernet1.present", "ethernet0.present", "Ethernet0.virtualDev", "ethernet10.present");
    assertThat(doc.keysWithPrefix("ETHERNET0.")).containsExactly("ethernet0.present", "Ethernet0.virtualDev");
    assertThat(doc.entriesWithPrefix("ethernet0.present")).extracting(VmxEntry::value).containsExactly("TRUE");
    assertThat(doc.keysWithPrefix("usb")).isEmpty();
    assertThat(doc.keysWithPrefix("")).hasSize(6);
  }

  @ParameterizedTest
  @CsvSource({
    "TRUE, TRUE", "true, TRUE", "True, TRUE", "yes, TRUE", "YES, TRUE", "1, TRUE", "' true ', TRUE",
    "FALSE, FALSE", "false, FALSE", "no, FALSE", "No, FALSE", "0, FALSE",
    "maybe, INVALID", "'', INVALID", "2, INVALID", "truee, INVALID", "on, INVALID",
  })
  void booleans(String written, BooleanValue expected) {
    VmxDocument doc = Vmx.parse("vhv.enable = \"" + written + "\"\n");
    assertThat(doc.booleanValue("VHV.enable")).isEqualTo(expected);
    assertThat(doc.getBoolean("vhv.enable")).isEqualTo(expected.toOptional());
  }

  @Test
  void absentBoolean() {
    VmxDocument doc = Vmx.parse("x = \"1\"\n");
    assertThat(doc.booleanValue("vhv.enable")).isEqualTo(BooleanValue.ABSENT);
    assertThat(doc.getBoolean("vhv.enable")).isEmpty();
  }

  @Test
  void booleanUsesFirstOccurrence() {
    VmxDocument doc = Vmx.parse("vhv.enable = \"FALSE\"\nvhv.Enable = \"TRUE\"\n");
    assertThat(doc.booleanValue("vhv.enable")).isEqualTo(BooleanValue.FALSE);
  }

  @ParameterizedTest
  @CsvSource({
    "4096, PRESENT, 4096", "' 8 ', PRESENT, 8", "-5, PRESENT, -5", "+7, PRESENT, 7", "unlimited, PRESENT, -1",
    "UNLIMITED, PRESENT, -1", "2147483647, PRESENT, 2147483647", "-2147483648, PRESENT, -2147483648",
    "2147483648, INVALID, 0", "99999999999999999999, INVALID, 0", "0x10, INVALID, 0", "4k, INVALID, 0",
    "'', INVALID, 0", "-, INVALID, 0", "1.5, INVALID, 0",
  })
  void integers(String written, IntValue.Status status, int value) {
    VmxDocument doc = Vmx.parse("memsize = \"" + written + "\"\n");
    IntValue read = doc.intValue("memSize");
    assertThat(read.status()).isEqualTo(status);
    assertThat(read.raw()).isEqualTo(written);
    if (status == IntValue.Status.PRESENT) {
      assertThat(read.value()).hasValue(value);
      assertThat(doc.getInt("memsize")).hasValue(value);
    } else {
      assertThat(read.value()).isEmpty();
      assertThat(doc.getInt("memsize")).isEqualTo(OptionalInt.empty());
    }
  }

  @Test
  void absentInteger() {
    IntValue read = Vmx.parse("").intValue("numvcpus");
    assertThat(read.status()).isEqualTo(IntValue.Status.ABSENT);
    assertThat(read.value()).isEmpty();
    assertThat(read.raw()).isEmpty();
  }
}
