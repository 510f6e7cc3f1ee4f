package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.core.internal.vmx.VmxPresentKey.Kind;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class VmxPresentKeyTest {
  // the patterns the reader used before VmxPresentKey: the oracle
  private static final Pattern CONTROLLER = Pattern.compile("(scsi|sata|nvme)(\\d{1,3})\\.present");
  private static final Pattern DEVICE = Pattern.compile("(scsi|sata|nvme|ide)(\\d{1,3}):(\\d{1,3})\\.present");
  private static final Pattern NIC = Pattern.compile("ethernet(\\d{1,3})\\.present");
  private static final Pattern PERIPHERAL =
      Pattern.compile("(sound|usb|ehci|usb_xhci|floppy\\d{1,2}|serial\\d{1,2}|parallel\\d{1,2})\\.present");

  @Test
  void readsEachKindWithItsGroupsAsWritten() {
    assertKey("scsi0.present", Kind.CONTROLLER, "scsi", "0", "");
    assertKey("nvme012.present", Kind.CONTROLLER, "nvme", "012", "");
    assertKey("sata1:05.present", Kind.DEVICE, "sata", "1", "05");
    assertKey("ide0:1.present", Kind.DEVICE, "ide", "0", "1");
    assertKey("ethernet10.present", Kind.NIC, "ethernet", "10", "");
    assertKey("usb_xhci.present", Kind.PERIPHERAL, "usb_xhci", "", "");
    assertKey("floppy0.present", Kind.PERIPHERAL, "floppy0", "", "");
    assertKey("parallel12.present", Kind.PERIPHERAL, "parallel12", "", "");
  }

  @Test
  void rejectsWhatThePatternsRejected() {
    for (String key : List.of("ide0.present", "scsi1000.present", "scsi0:1000.present", "scsi0:.present",
        "scsi:0.present", "ethernet.present", "ethernet1234.present", "floppy.present", "serial123.present",
        "usb0.present", "scsi0.presentx", "scsi0.virtualdev", "scsi\u0660.present", "SCSI0.present",
        "sound.present.present", "ethernet0:0.present", ".present", "")) {
      assertThat(VmxPresentKey.of(key).kind()).as(key).isEqualTo(Kind.NONE);
    }
  }

  @Property(tries = 3000)
  void agreesWithThePatterns(@ForAll("keys") String key) {
    VmxPresentKey k = VmxPresentKey.of(key);
    Matcher c = CONTROLLER.matcher(key);
    Matcher d = DEVICE.matcher(key);
    Matcher n = NIC.matcher(key);
    Matcher p = PERIPHERAL.matcher(key);
    if (c.matches()) {
      assertKey(key, Kind.CONTROLLER, c.group(1), c.group(2), "");
    } else if (d.matches()) {
      assertKey(key, Kind.DEVICE, d.group(1), d.group(2), d.group(3));
    } else if (n.matches()) {
      assertKey(key, Kind.NIC, "ethernet", n.group(1), "");
    } else if (p.matches()) {
      assertKey(key, Kind.PERIPHERAL, p.group(1), "", "");
    } else {
      assertThat(k.kind()).as(key).isEqualTo(Kind.NONE);
    }
    // every kind must keep coming up, or the comparison above proves nothing for it
    Statistics.label("kind").collect(k.kind());
    Statistics.label("kind").coverage(cov -> {
      for (Kind kind : Kind.values()) {
        cov.check(kind).percentage(pct -> pct >= 1.0); // 2.5-81% each in runs of 3,000
      }
    });
  }

  /**
   * Keys near a match: a device name (or a near miss), 0 to 4 digits, maybe a colon and 0 to 4 more, and an ending
   * that is {@code .present} most of the time; storage devices and NICs; and free combinations of the fragments the
   * patterns look for.
   */
  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> name = Arbitraries.of("scsi", "sata", "nvme", "ide", "idex", "ethernet", "sound", "usb", "ehci",
        "usb_xhci", "floppy", "serial", "parallel", "x", "", "SCSI");
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(4);
    Arbitrary<String> unit = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just("")), Tuple.of(1, digits.map(u -> ":" + u)));
    Arbitrary<String> ending = Arbitraries.frequency(
        Tuple.of(8, ".present"), Tuple.of(1, ""), Tuple.of(1, ".presentx"), Tuple.of(1, ".virtualdev"));
    Arbitrary<String> structured = Combinators.combine(name, digits, unit, ending).as((a, b, c, e) -> a + b + c + e);
    Arbitrary<String> fragment = Arbitraries.oneOf(
        Arbitraries.of("scsi", "sata", "nvme", "ide", "ethernet", "sound", "usb", "ehci", "usb_xhci", "floppy",
            "serial", "parallel", ".present", ":", ".", "_", "x", "\u0660"),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4));
    Arbitrary<String> free = Combinators.combine(fragment.list().ofMinSize(1).ofMaxSize(4), ending)
        .as((parts, end) -> String.join("", parts) + end);
    // and storage devices, the branch with the most parts
    Arbitrary<String> device = Combinators.combine(Arbitraries.of("scsi", "sata", "nvme", "ide"), digits, digits,
        ending).as((bus, number, u, e) -> bus + number + ":" + u + e);
    Arbitrary<String> nic = Combinators.combine(digits, ending).as((number, e) -> "ethernet" + number + e);
    return Arbitraries.frequencyOf(Tuple.of(3, structured), Tuple.of(1, device), Tuple.of(1, nic), Tuple.of(1, free));
  }

  private static void assertKey(String key, Kind kind, String name, String number, String unit) {
    VmxPresentKey k = VmxPresentKey.of(key);
    assertThat(List.of(k.kind(), k.name(), k.number(), k.unit())).as(key)
        .containsExactly(kind, name, number, unit);
  }
}
