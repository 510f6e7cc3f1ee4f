package io.nestcheck.core.internal.ovf;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.RemoveDevice;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetGuestOs;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetMemoryReservation;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.fix.FixApplier;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link OvfFixWriter} over the real OVF descriptors of the corpus and random plans: the written
 * descriptor reads back as {@link FixApplier} predicts for the applied actions (typed fields; raw settings where
 * both sides write them), other VMs and every byte outside the edited VirtualSystem are untouched, inside it only
 * values change and whole element lines are added or removed (markup, attribute order, indentation and line endings
 * kept), and writing again is idempotent.
 */
class OvfFixWriterPropertiesTest {
  static final Path CORPUS = Path.of(System.getProperty("nestcheck.corpus", "/work/shared/corpus"));
  private static List<OvfDocument> docs;

  /** Keys whose field derivation differs between the {@code .vmx}-minded applier and the OVF reader. */
  private static final Pattern FIELD_KEYS = Pattern.compile(
      "vhv\\.enable|nestedhvenabled|numvcpus|cpuid\\..*|memsize|sched\\.mem\\..*|firmware|uefi\\.secureboot\\.enabled"
          + "|vvtd\\.enable|flags\\.vvtdenabled|vpmc\\.enable|vpmcenabled|flags\\.vbsenabled|vbs\\.enable"
          + "|virtualhw\\.version|guestos|cpu\\.mode|.*\\.virtualdev|.*\\.present|memoryreservationlockedtomax"
          + "|bootoptions\\.efisecurebootenabled|memoryallocation\\.reservation");
  /** Keys the OVF writer writes and the applier does not (or writes differently), excluded from the settings check. */
  private static final Set<String> OVF_ONLY = Set.of("memoryreservationlockedtomax", "bootoptions.efisecurebootenabled",
      "vpmcenabled", "memoryallocation.reservation", "firmware", "vpmc.enable", "nestedhvenabled", "vhv.enable");
  private static final Set<String> NEW_ELEMENTS =
      Set.of("Config", "ExtraConfig", "CoresPerSocket", "Reservation", "ResourceSubType");
  private static final Pattern ELEMENT_LINE = Pattern.compile(
      "([ \\t]*)<(?:[\\w.-]+:)?([\\w.-]+)(\\s[^<>]*)?(/>|>[^<>]*</(?:[\\w.-]+:)?\\2>)");

  static synchronized List<OvfDocument> docs() {
    if (docs == null) {
      List<OvfDocument> out = new ArrayList<>();
      if (Files.isDirectory(CORPUS)) {
        try (Stream<Path> s = Files.list(CORPUS)) {
          for (Path p : s.filter(x -> x.toString().endsWith(".ovf")).sorted().collect(Collectors.toList())) {
            try {
              out.add(OvfDocument.parse(Files.readAllBytes(p), p.getFileName().toString()));
            } catch (ExportParseException e) {
              // descriptors the reader refuses are not edited either
            }
          }
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
      docs = out;
    }
    return docs;
  }

  @Property(tries = 500)
  void randomPlansOnCorpusDescriptors(@ForAll long seed) throws Exception {
    Assume.that(!docs().isEmpty());
    Random r = new Random(seed);
    OvfDocument doc = docs().get(r.nextInt(docs().size()));
    int index = r.nextInt(doc.vms().size());
    VmConfiguration vm = doc.vms().get(index);
    Assume.that(doc.vmNames().stream().filter(vm.name()::equals).count() == 1);
    check(doc, index, randomActions(r, vm));
  }

  @Test
  void everyVmOfEveryCorpusDescriptorWithABroadPlan() throws Exception {
    Assumptions.assumeFalse(docs().isEmpty(), CORPUS + " is missing");
    int checked = 0;
    for (OvfDocument doc : docs()) {
      for (int i = 0; i < doc.vms().size(); i++) {
        VmConfiguration vm = doc.vms().get(i);
        if (doc.vmNames().stream().filter(vm.name()::equals).count() != 1) {
          continue;
        }
        List<FixAction> actions = new ArrayList<>(List.of(UpgradeHardwareVersion.of(19), SetFirmware.of(Firmware.EFI,
            true), SetCpu.of(8, 4), SetMemory.of(16384), SetMemoryReservation.of(0, true), ExposeNestedHv.enable(),
            SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true), SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_PMC, true),
            SetGuestOs.of(GuestOsId.of("vmkernel8Guest"))));
        for (Nic n : vm.nics()) {
          actions.add(ReplaceNicType.of(n.id(), NicType.VMXNET3));
        }
        for (StorageController c : vm.controllers()) {
          actions.add(ReplaceControllerType.of(c.id(), ControllerType.PVSCSI));
        }
        for (Peripheral p : vm.peripherals()) {
          actions.add(RemoveDevice.of(p.id(), p.kind()));
        }
        actions.add(SetSetting.of("tools.syncTimeWithHost", "FALSE"));
        actions.add(SetSetting.of("disk.EnableUUID", "TRUE"));
        check(doc, i, actions);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(30);
  }

  // ------------------------------------------------------------------------------------------------- the checks

  static void check(OvfDocument doc, int index, List<FixAction> actions) throws Exception {
    VmConfiguration vm = doc.vms().get(index);
    FixPlan plan = FixPlan.builder().vmName(vm.name()).source(vm.source()).addAllActions(actions).build();
    OvfFixWriter.Result result = OvfFixWriter.write(doc, plan);
    OvfDocument written = result.written();
    String where = doc.name() + " / " + vm.name() + " / " + actions;

    // read back as the applier predicts
    VmConfiguration predicted = vm;
    for (FixAction a : result.applied()) {
      predicted = FixApplier.apply(predicted, a);
    }
    VmConfiguration reread = OvfDocument.parse(result.bytes(), doc.name()).vms().get(index);
    assertThat(typed(reread)).as(where).isEqualTo(typed(predicted));
    Map<String, String> p = settings(predicted);
    Map<String, String> w = settings(reread);
    for (Map.Entry<String, String> e : w.entrySet()) {
      if (p.containsKey(e.getKey()) && !OVF_ONLY.contains(e.getKey())) {
        assertThat(e.getValue()).as(where + " setting " + e.getKey()).isEqualToIgnoringCase(p.get(e.getKey()));
      }
    }
    for (int j = 0; j < doc.vms().size(); j++) {
      if (j != index) {
        // equal but for the line numbers of their settings, which move with lines added or removed above them
        assertThat(withoutLines(written.vms().get(j))).as(where + " other VM " + j)
            .isEqualTo(withoutLines(doc.vms().get(j)));
      }
    }

    // nothing outside the VirtualSystem changes, not a byte
    XmlSpans.Node vs = doc.span(doc.system(index));
    String o = doc.text();
    String n = written.text();
    assertThat(n).as(where).startsWith(o.substring(0, vs.start)).endsWith(o.substring(vs.end));
    byte[] head = doc.bytesOf(o.substring(0, vs.start));
    ByteBuffer tail = doc.charset().newEncoder().encode(java.nio.CharBuffer.wrap(o.substring(vs.end)));
    byte[] bytes = result.bytes();
    assertThat(Arrays.copyOf(bytes, head.length)).as(where).isEqualTo(head);
    byte[] tailBytes = new byte[tail.remaining()];
    tail.get(tailBytes);
    assertThat(Arrays.copyOfRange(bytes, bytes.length - tailBytes.length, bytes.length)).as(where)
        .isEqualTo(tailBytes);

    // inside it: values edited in place, whole element lines added or removed
    checkLines(doc, written, index, where);

    // idempotent
    OvfFixWriter.Result again = OvfFixWriter.write(written, plan);
    assertThat(again.changed()).as(where + "\n" + n).isFalse();
    assertThat(again.applied()).as(where).isEqualTo(result.applied());
  }

  static VmConfiguration typed(VmConfiguration v) {
    return v.withSettings(List.of())
        .withNics(v.nics().stream().map(x -> x.withRawType(Optional.empty())).collect(Collectors.toList()))
        .withControllers(v.controllers().stream().map(x -> x.withRawType(Optional.empty()))
            .collect(Collectors.toList()));
  }

  static VmConfiguration withoutLines(VmConfiguration v) {
    return v.withSettings(v.settings().stream().map(s -> Setting.of(s.key(), s.value())).collect(Collectors.toList()));
  }

  static Map<String, String> settings(VmConfiguration v) {
    Map<String, String> out = new TreeMap<>();
    for (Setting s : v.settings()) {
      out.putIfAbsent(s.key().toLowerCase(Locale.ROOT), s.value());
    }
    return out;
  }

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("[^\r\n]*(\r\n|\r|\n)|[^\r\n]+$").matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static String terminator(String line) {
    return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\r") ? "\r" : line.endsWith("\n") ? "\n" : "";
  }

  static String body(String line) {
    return line.substring(0, line.length() - terminator(line).length());
  }

  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'");
  private static final Pattern TEXT = Pattern.compile(">[^<]*<");
  private static final Pattern ATTR = Pattern.compile("\\s+([\\w.:-]+)=(\"\"|'')");

  /** The line with every value emptied and attributes listed apart. */
  static String skeleton(String body) {
    return ATTR.matcher(TEXT.matcher(QUOTED.matcher(body).replaceAll(m -> m.group().charAt(0) == '"' ? "\"\"" : "''"))
        .replaceAll("><")).replaceAll("");
  }

  static List<String> attributeNames(String body) {
    List<String> names = new ArrayList<>();
    Matcher m = ATTR.matcher(QUOTED.matcher(body).replaceAll(x -> x.group().charAt(0) == '"' ? "\"\"" : "''"));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Whether {@code after} is {@code before} with values changed and attributes appended. */
  static boolean valueEdit(String before, String after) {
    if (!terminator(before).equals(terminator(after))) {
      return false;
    }
    String b = body(before);
    String a = body(after);
    if (!skeleton(b).equals(skeleton(a))) {
      return false;
    }
    List<String> nb = attributeNames(b);
    List<String> na = attributeNames(a);
    return na.size() >= nb.size() && na.subList(0, nb.size()).equals(nb);
  }

  /** The hardware section's children of the VM, by identity: setting kind+key+occurrence, Item id (+ child). */
  static Map<String, XmlSpans.Node> elements(OvfDocument doc, int index) {
    Map<String, XmlSpans.Node> out = new TreeMap<>();
    io.nestcheck.core.internal.xml.XmlElement hw = OvfMapper.hardwareSection(doc.system(index)).orElseThrow();
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (io.nestcheck.core.internal.xml.XmlElement c : hw.children()) {
      String id;
      if (c.is("Config") || c.is("ExtraConfig")) {
        id = "setting:" + c.localName() + ":" + OvfMapper.vmwAttr(c, "key").orElse("").toLowerCase(Locale.ROOT);
      } else if (c.is("Item") || c.is("StorageItem") || c.is("EthernetPortItem")) {
        String item = "item:" + c.child("InstanceID").map(x -> x.trimmedText()).orElse("?");
        Map<String, Integer> inner = new java.util.HashMap<>();
        for (io.nestcheck.core.internal.xml.XmlElement g : c.children()) {
          String gid = item + "/" + g.localName();
          out.put(gid + "#" + inner.merge(gid, 1, Integer::sum), doc.span(g));
        }
        id = item;
      } else {
        id = "other:" + c.localName();
      }
      out.put(id + "#" + seen.merge(id, 1, Integer::sum), doc.span(c));
    }
    return out;
  }

  /** 0-based line numbers of the lines {@code node} covers, in {@code starts} (offsets of line starts). */
  static List<Integer> linesOf(XmlSpans.Node node, List<Integer> starts) {
    int first = lineAt(starts, node.start);
    int last = lineAt(starts, Math.max(node.start, node.end - 1));
    List<Integer> out = new ArrayList<>();
    for (int i = first; i <= last; i++) {
      out.add(i);
    }
    return out;
  }

  static int lineAt(List<Integer> starts, int offset) {
    int i = java.util.Collections.binarySearch(starts, offset);
    return i >= 0 ? i : -i - 2;
  }

  static List<Integer> lineStarts(List<String> lines) {
    List<Integer> out = new ArrayList<>();
    int at = 0;
    for (String l : lines) {
      out.add(at);
      at += l.length();
    }
    return out;
  }

  /**
   * Inside the VM's VirtualSystem: the elements that are new are whole lines holding one element, indented like a
   * neighbour, ending like the file's lines; the elements that went were whole Items or settings on lines of their
   * own; every other line is unchanged or changed only in values (attributes may be added at the end of a tag).
   */
  static void checkLines(OvfDocument before, OvfDocument after, int index, String where) {
    List<String> ol = lines(before.text());
    List<String> nl = lines(after.text());
    List<Integer> os = lineStarts(ol);
    List<Integer> ns = lineStarts(nl);
    Map<String, XmlSpans.Node> oe = elements(before, index);
    Map<String, XmlSpans.Node> ne = elements(after, index);
    Set<String> terminators = new HashSet<>();
    ol.forEach(l -> terminators.add(terminator(l)));
    Set<Integer> removedLines = new java.util.TreeSet<>();
    for (Map.Entry<String, XmlSpans.Node> e : oe.entrySet()) {
      if (ne.containsKey(e.getKey())) {
        continue;
      }
      if (e.getKey().contains("/") && !ne.containsKey(e.getKey().substring(0, e.getKey().indexOf('/')) + "#1")) {
        continue; // its Item went as a whole
      }
      String kind = e.getKey().substring(0, e.getKey().indexOf(':'));
      assertThat(kind).as(where + ": removed " + e.getKey()).isIn("setting", "item");
      assertThat(e.getKey()).as(where + ": removed " + e.getKey()).doesNotContain("/");
      XmlSpans.Node node = e.getValue();
      List<Integer> covered = linesOf(node, os);
      String first = ol.get(covered.get(0));
      String last = ol.get(covered.get(covered.size() - 1));
      assertThat(first.substring(0, node.start - os.get(covered.get(0)))).as(where + ": removed " + e.getKey())
          .isBlank();
      assertThat(body(last).substring(node.end - os.get(covered.get(covered.size() - 1)))).as(where).isBlank();
      removedLines.addAll(covered);
    }
    Set<Integer> addedLines = new java.util.TreeSet<>();
    for (Map.Entry<String, XmlSpans.Node> e : ne.entrySet()) {
      if (oe.containsKey(e.getKey())) {
        continue;
      }
      XmlSpans.Node node = e.getValue();
      List<Integer> covered = linesOf(node, ns);
      assertThat(covered).as(where + ": added " + e.getKey()).hasSize(1);
      int at = covered.get(0);
      String line = nl.get(at);
      Matcher m = ELEMENT_LINE.matcher(body(line));
      assertThat(m.matches()).as(where + ": added line is not one element: " + line).isTrue();
      assertThat(NEW_ELEMENTS).as(where + ": added " + line).contains(m.group(2));
      assertThat(terminators).as(where + ": line ending of " + line).contains(terminator(line));
      String indent = m.group(1);
      boolean neighbour = false;
      for (int k : new int[] {at - 1, at + 1}) {
        if (k >= 0 && k < nl.size() && nl.get(k).startsWith(indent) && nl.get(k).length() > indent.length()
            && !Character.isWhitespace(nl.get(k).charAt(indent.length()))) {
          neighbour = true;
        }
      }
      assertThat(neighbour).as(where + ": indentation of " + line).isTrue();
      addedLines.add(at);
    }
    List<String> restOld = new ArrayList<>();
    for (int i = 0; i < ol.size(); i++) {
      if (!removedLines.contains(i)) {
        restOld.add(ol.get(i));
      }
    }
    List<String> restNew = new ArrayList<>();
    for (int i = 0; i < nl.size(); i++) {
      if (!addedLines.contains(i)) {
        restNew.add(nl.get(i));
      }
    }
    assertThat(restNew).as(where + ": lines besides added and removed elements").hasSameSizeAs(restOld);
    for (int i = 0; i < restOld.size(); i++) {
      String a = restOld.get(i);
      String b = restNew.get(i);
      if (!a.equals(b)) {
        assertThat(valueEdit(a, b)).as(where + ": line changed beyond its values:\n" + a + "\n" + b).isTrue();
      }
    }
  }

  // ------------------------------------------------------------------------------------------------- random plans

  private static final List<String> GUESTS = List.of("vmkernel8Guest", "vmkernel7", "otherLinux64Guest",
      "windows9_64Guest", "rhel8_64Guest", "someFutureGuest");
  private static final List<String> FREE_KEYS = List.of("disk.EnableUUID", "tools.syncTimeWithHost",
      "hypervisor.cpuid.v0", "nestcheck.test", "svga.present", "tools.upgrade.policy", "cpuHotAddEnabled",
      "powerOpInfo.standbyAction", "isolation.tools.copy.disable");
  private static final List<String> VALUES = List.of("TRUE", "FALSE", "true", "42", "a \"quoted\" & <odd> value",
      "tab\there", "ünïcødé ✓");

  static List<FixAction> randomActions(Random r, VmConfiguration vm) {
    List<FixAction> out = new ArrayList<>();
    int n = 1 + r.nextInt(7);
    for (int i = 0; i < n; i++) {
      out.add(randomAction(r, vm));
    }
    // one action per target, as the planner makes plans
    Set<String> targets = new HashSet<>();
    out.removeIf(a -> !targets.add(a.target()));
    return out;
  }

  private static <T> T pick(Random r, List<T> list) {
    return list.get(r.nextInt(list.size()));
  }

  static FixAction randomAction(Random r, VmConfiguration vm) {
    switch (r.nextInt(15)) {
      case 0:
        return ExposeNestedHv.builder().enabled(r.nextInt(4) != 0).build();
      case 1: {
        int v = pick(r, List.of(1, 2, 4, 6, 8, 16));
        List<Integer> divisors = new ArrayList<>();
        for (int c = 1; c <= v; c++) {
          if (v % c == 0) {
            divisors.add(c);
          }
        }
        return SetCpu.of(v, pick(r, divisors));
      }
      case 2:
        return SetMemory.of(pick(r, List.of(512L, 1024L, 1536L, 3000L, 4096L, 8192L, 16384L, 65536L)));
      case 3:
        return SetMemoryReservation.of(pick(r, List.of(0L, 256L, 1024L, 1000L)), r.nextBoolean());
      case 4:
        if (!vm.nics().isEmpty() && r.nextInt(5) != 0) {
          return ReplaceNicType.of(pick(r, vm.nics()).id(), pick(r, Arrays.asList(NicType.values())));
        }
        return ReplaceNicType.of("4711", NicType.E1000E);
      case 5:
        if (!vm.controllers().isEmpty() && r.nextInt(5) != 0) {
          return ReplaceControllerType.of(pick(r, vm.controllers()).id(),
              pick(r, Arrays.asList(ControllerType.values())));
        }
        return ReplaceControllerType.of("4712", ControllerType.PVSCSI);
      case 6:
        return r.nextBoolean() ? SetFirmware.of(pick(r, List.of(Firmware.EFI, Firmware.BIOS)))
            : SetFirmware.of(pick(r, List.of(Firmware.EFI, Firmware.BIOS)), r.nextBoolean());
      case 7:
        return SetVmFlag.of(pick(r, Arrays.asList(SetVmFlag.Flag.values())), r.nextBoolean());
      case 8:
        return UpgradeHardwareVersion.of(pick(r, List.of(4, 7, 9, 13, 14, 19, 20, 21)));
      case 9:
        return SetGuestOs.of(GuestOsId.of(pick(r, GUESTS)));
      case 10:
        if (!vm.peripherals().isEmpty() && r.nextInt(4) != 0) {
          Peripheral p = pick(r, vm.peripherals());
          return RemoveDevice.of(p.id(), p.kind());
        }
        if (!vm.controllers().isEmpty()) {
          return RemoveDevice.of(pick(r, vm.controllers()).id(), io.nestcheck.api.PeripheralKind.USB);
        }
        return RemoveDevice.of("4713", io.nestcheck.api.PeripheralKind.SOUND);
      case 11:
        return SetSetting.of(pick(r, FREE_KEYS), pick(r, VALUES));
      case 12: {
        List<String> existing = vm.settings().stream().map(Setting::key)
            .filter(k -> !FIELD_KEYS.matcher(k.toLowerCase(Locale.ROOT)).matches()).collect(Collectors.toList());
        if (!existing.isEmpty() && r.nextInt(4) != 0) {
          String key = pick(r, existing);
          return r.nextBoolean() ? RemoveSetting.of(key) : SetSetting.of(key, pick(r, VALUES));
        }
        return RemoveSetting.of(pick(r, FREE_KEYS));
      }
      case 13:
        return SetPortGroupSecurity.builder().portGroup("VM Network").forgedTransmits(true).build();
      default:
        return ManualStep.of("Enable VT-x", "in the host BIOS");
    }
  }
}
