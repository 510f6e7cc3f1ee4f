package io.nestcheck.core.internal.ovf;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.NicType;
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
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.internal.xml.XmlElement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the actions of a {@link FixPlan} into one VirtualSystem of an OVF descriptor as minimal text edits, keeping
 * every other character as written (namespace prefixes, attribute order and quoting, comments, whitespace, line
 * endings, the XML declaration and its encoding). Internal: public only for other packages of nestcheck-core.
 * Stateless and thread-safe; the document is never modified.
 *
 * <p>The VM is chosen by name ({@link FixPlan#vmName()} against the names {@link OvfReader} gives), so in a
 * VirtualSystemCollection only that VirtualSystem is edited. Its VirtualHardwareSection is the one the reader reads
 * (the first whose {@code VirtualSystemType} names a {@code vmx-N} version, else the first), and only the Items of
 * the default deployment configuration are touched. Actions are applied in plan order, each on the text the ones
 * before it produced, and each is checked by re-reading the descriptor: an edit the reader would refuse is not
 * made and the action is reported as skipped. The mapping, so that reading the written file gives the model {@code
 * io.nestcheck.core.fix.FixApplier} computes for the applied actions (its typed fields; raw setting lists differ
 * where noted):
 * <ul>
 *   <li>{@link ExposeNestedHv}: {@code <vmw:Config vmw:key="nestedHVEnabled" vmw:value="true"/>} (added when
 *       absent); an existing {@code vhv.enable} ExtraConfig is updated too, none is added.
 *   <li>{@link SetCpu}: the Processor Item's {@code VirtualQuantity}; cores per socket in an existing {@code
 *       CoresPerSocket} child or attribute or {@code cpuid.coresPerSocket} ExtraConfig, else (when not 1) a new
 *       {@code <vmw:CoresPerSocket ovf:required="false">} after the Item's last {@code rasd:} child, as VMware writes
 *       it. An existing {@code numvcpus} ExtraConfig is updated.
 *   <li>{@link SetMemory}: the Memory Item's {@code VirtualQuantity} in the Item's own {@code AllocationUnits}
 *       (refused with a reason when the size is not a whole number of them); a reservation locked to the memory
 *       follows. An existing {@code memsize} ExtraConfig is updated.
 *   <li>{@link SetMemoryReservation}: the Memory Item's {@code Reservation} (in its units; added in CIM order when
 *       no reservation is stated and the value is not 0), and every stated copy ({@code memoryAllocation.reservation}
 *       Config, {@code sched.mem.min}/{@code sched.mem.minSize} ExtraConfig); locked: {@code
 *       memoryReservationLockedToMax = true} Config (added when absent), unlocked: an existing one set to false;
 *       an existing {@code sched.mem.pin} follows.
 *   <li>{@link ReplaceNicType}: the Ethernet Item's {@code ResourceSubType} as VMware writes it ({@code E1000},
 *       {@code E1000e}, {@code VmxNet3}, {@code VmxNet2}, {@code VmxNet}, {@code PCNet32}); the NIC is the Item whose
 *       {@code InstanceID} is the action's NIC id.
 *   <li>{@link ReplaceControllerType}: a SCSI Item's (ResourceType 6) {@code ResourceSubType}: {@code lsilogic},
 *       {@code lsilogicsas}, {@code VirtualSCSI}, {@code buslogic}.
 *   <li>{@link SetFirmware}: {@code firmware} Config ({@code efi} or {@code bios}, added when absent: vSphere
 *       otherwise picks the guest OS default); a stated secure boot sets {@code bootOptions.efiSecureBootEnabled}
 *       Config and an existing {@code uefi.secureBoot.enabled} ExtraConfig.
 *   <li>{@link SetVmFlag}: vIOMMU {@code flags.vvtdEnabled} Config, VBS {@code flags.vbsEnabled} Config (added when
 *       absent; an existing {@code vvtd.enable}/{@code vbs.enable} ExtraConfig follows), vPMC {@code vpmc.enable}
 *       ExtraConfig (added when absent; an existing {@code vPMCEnabled} Config, which the reader prefers, follows).
 *   <li>{@link UpgradeHardwareVersion}: the {@code vssd:VirtualSystemType} ({@code vmx-NN}, zero-padded to two
 *       digits; other families in a list are kept); never a downgrade.
 *   <li>{@link SetGuestOs}: the OperatingSystemSection's {@code vmw:osType} (added when absent), API form.
 *   <li>{@link RemoveDevice}: the peripheral's Item is removed with its lines (a device that is already absent
 *       needs nothing); an Item that another Item names as its Parent is not removed.
 *   <li>{@link SetSetting} / {@link RemoveSetting}: the first {@code vmw:Config}/{@code vmw:ExtraConfig} with the
 *       key (case ignored) takes the value and later duplicates are removed, as {@code FixApplier} does with the
 *       setting list; an absent key is added as a {@code vmw:Config} when it is a vSphere configuration property
 *       ({@code nestedHVEnabled}, {@code firmware}, {@code flags.*}, {@code bootOptions.*}, {@code tools.*}, ...),
 *       else as a {@code vmw:ExtraConfig}. Remove drops every occurrence. A Config boolean is written in the
 *       {@code true}/{@code false} form the schema requires. Setting one of a {@code .vmx}/API pair ({@code
 *       vhv.enable}/{@code nestedHVEnabled}, {@code sched.mem.pin}/{@code memoryReservationLockedToMax}, ...) to a
 *       boolean updates the other when present, so that the reader's precedence does not hide the change.
 * </ul>
 *
 * <p>New {@code vmw:Config}/{@code vmw:ExtraConfig} lines are copies of an existing sibling with the key and value
 * replaced (so they keep its attribute order, quoting and prefixes), on a new line after the last sibling of the
 * same kind (Config lines before the ExtraConfig lines) with its indentation and line ending. Where no prefix is
 * bound to the VMware namespace, the new element declares it itself. The Items' descriptive {@code ElementName}s
 * that VMware derives from the values ({@code 2 virtual CPU(s)}, {@code 8192MB of memory}) and the leading type
 * word of a NIC's {@code Description} follow the change.
 *
 * <p>Skipped with a reason, the file untouched for them: a device the VM does not have, a NIC type VMware cannot
 * deploy from an OVF (VirtIO, RTL8139, OTHER, UNSPECIFIED), a controller change to or from a non-SCSI type (disks
 * would have to move), a memory size or reservation that is not a whole number of the Item's units, a hardware
 * downgrade, a hardware section without {@code VirtualSystemType}, a VirtualSystem without OperatingSystemSection,
 * a value element holding markup, removing a device that is not a peripheral or that other Items depend on, a
 * {@link SetSetting} of a {@code .vmx} key that an OVF expresses as an Item ({@code memsize}, {@code numvcpus},
 * {@code virtualHW.version}, {@code guestOS}, {@code <device>.present}, ...; use the typed action), {@link
 * SetPortGroupSecurity} (a host setting), {@link ManualStep}s (listed from both the actions and {@link
 * FixPlan#manualSteps()}).
 *
 * <p>Writing is idempotent for the planner's plans (one action per target): writing the result again with the
 * same actions gives the same bytes.
 */
public final class OvfFixWriter {
  static final String VMW = OvfMapper.VMW_NAMESPACE;
  private static final BigInteger MIB = BigInteger.ONE.shiftLeft(20);
  private static final Pattern CPU_NAME = Pattern.compile("(\\d+)( virtual CPU\\(s\\))");
  private static final Pattern MEMORY_NAME = Pattern.compile("(\\d+)( ?MB of memory)");

  /** vSphere configuration properties that VMware writes as {@code vmw:Config} (exact keys, case ignored). */
  private static final Set<String> CONFIG_KEYS = Set.of(
      "nestedhvenabled", "firmware", "cpuhotaddenabled", "cpuhotremoveenabled", "memoryhotaddenabled",
      "virtualich7mpresent", "virtualsmcpresent", "memoryreservationlockedtomax", "vpmcenabled", "swapplacement",
      "npivtemporarydisabled", "messagebustunnelenabled", "guestautolockenabled", "maxmksconnections",
      "vassertsenabled", "changetrackingenabled", "numcorespersocket");
  /** Prefixes of vSphere configuration property paths written as {@code vmw:Config}. */
  private static final List<String> CONFIG_PREFIXES = List.of("bootoptions.", "flags.", "tools.", "poweropinfo.",
      "cpuallocation.", "memoryallocation.", "latencysensitivity.", "consolepreferences.", "defaultpowerops.");
  /** {@code .vmx} keys that an OVF states as Items or sections, not as ExtraConfig. */
  private static final Pattern STRUCTURAL = Pattern.compile(
      "memsize|numvcpus|cpuid\\.corespersocket|virtualhw\\.version|guestos|sched\\.mem\\.min(size)?"
          + "|[a-z0-9_]+\\.present|[a-z0-9_]+\\.virtualdev");
  /** Boolean {@code .vmx} ExtraConfig keys and the Config keys the reader prefers for the same flag. */
  private static final Map<String, String> BOOLEAN_PAIRS = Map.of(
      "vhv.enable", "nestedHVEnabled",
      "sched.mem.pin", "memoryReservationLockedToMax",
      "uefi.secureboot.enabled", "bootOptions.efiSecureBootEnabled",
      "vbs.enable", "flags.vbsEnabled",
      "vvtd.enable", "flags.vvtdEnabled",
      "vpmc.enable", "vPMCEnabled");

  /**
   * An action that was not written, and why.
   *
   * @param action the action
   * @param reason one sentence for people, without a final period
   */
  public record Skipped(FixAction action, String reason) {
    /** Checks the components. */
    public Skipped {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The outcome of {@link #write}.
   *
   * @param original the descriptor before the edits
   * @param written the descriptor after the edits (the same document when nothing changed)
   * @param applied the actions written (including those the file already satisfied), in plan order
   * @param skipped the actions not written, with reasons, in plan order (manual steps last)
   */
  public record Result(OvfDocument original, OvfDocument written, List<FixAction> applied, List<Skipped> skipped) {
    /** Copies the lists. */
    public Result {
      Objects.requireNonNull(original, "original");
      Objects.requireNonNull(written, "written");
      applied = List.copyOf(applied);
      skipped = List.copyOf(skipped);
    }

    /** The new bytes; equal to the original's when nothing changed. */
    public byte[] bytes() {
      return written.bytes();
    }

    /** Whether the bytes differ from the original. */
    public boolean changed() {
      return !Arrays.equals(original.bytes(), written.bytes());
    }
  }

  private OvfFixWriter() {}

  /**
   * Applies {@code plan}'s actions and manual steps to the VM named {@code plan.vmName()}.
   *
   * @throws IllegalArgumentException if the descriptor does not hold exactly one VM of that name
   */
  public static Result write(OvfDocument doc, FixPlan plan) {
    Objects.requireNonNull(plan, "plan");
    List<FixAction> all = new ArrayList<>(plan.actions());
    for (ManualStep m : plan.manualSteps()) {
      if (!all.contains(m)) {
        all.add(m);
      }
    }
    return write(doc, plan.vmName(), all);
  }

  /**
   * Applies {@code actions} to the VM named {@code vmName}, in order.
   *
   * @throws IllegalArgumentException if the descriptor does not hold exactly one VM of that name
   */
  public static Result write(OvfDocument doc, String vmName, List<? extends FixAction> actions) {
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(vmName, "vmName");
    Objects.requireNonNull(actions, "actions");
    indexOf(doc, vmName);
    OvfDocument current = doc;
    List<FixAction> applied = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (FixAction a : actions) {
      Objects.requireNonNull(a, "action");
      Target t = new Target(current, indexOf(current, vmName));
      OvfTextEditor ed = new OvfTextEditor(current);
      Optional<String> reason = t.apply(a, ed);
      if (reason.isEmpty() && !ed.isEmpty()) {
        try {
          OvfDocument next = current.withText(ed.apply());
          indexOf(next, vmName);
          current = next;
        } catch (ExportParseException | IllegalArgumentException e) {
          reason = Optional.of("the edit would leave a descriptor the reader refuses (" + e.getMessage() + ")");
        }
      }
      if (reason.isPresent()) {
        skipped.add(new Skipped(a, reason.get()));
      } else {
        applied.add(a);
      }
    }
    return new Result(doc, current, applied, skipped);
  }

  /** The index of the only VM named {@code name}. */
  static int indexOf(OvfDocument doc, String name) {
    List<String> names = doc.vmNames();
    int found = -1;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(name)) {
        if (found >= 0) {
          throw new IllegalArgumentException("the descriptor holds more than one VM named \"" + name + "\"");
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("the descriptor holds no VM named \"" + name + "\"");
    }
    return found;
  }

  /** The {@code ResourceSubType} VMware writes for a NIC type. */
  static Optional<String> nicSubtype(NicType t) {
    switch (t) {
      case E1000:
        return Optional.of("E1000");
      case E1000E:
        return Optional.of("E1000e");
      case VMXNET3:
        return Optional.of("VmxNet3");
      case VMXNET2:
        return Optional.of("VmxNet2");
      case VMXNET:
        return Optional.of("VmxNet");
      case VLANCE:
        return Optional.of("PCNet32");
      default:
        return Optional.empty();
    }
  }

  /** The {@code ResourceSubType} VMware writes for a SCSI controller type. */
  static Optional<String> scsiSubtype(ControllerType t) {
    switch (t) {
      case LSI_LOGIC:
        return Optional.of("lsilogic");
      case LSI_LOGIC_SAS:
        return Optional.of("lsilogicsas");
      case PVSCSI:
        return Optional.of("VirtualSCSI");
      case BUSLOGIC:
        return Optional.of("buslogic");
      default:
        return Optional.empty();
    }
  }

  /** Whether an absent key is added as a {@code vmw:Config} (a vSphere configuration property path). */
  static boolean isConfigKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (CONFIG_KEYS.contains(k)) {
      return true;
    }
    for (String p : CONFIG_PREFIXES) {
      if (k.startsWith(p) && k.length() > p.length()) {
        return true;
      }
    }
    return false;
  }

  // -------------------------------------------------------------------------------------------------------------

  private enum Kind {
    CONFIG("Config"),
    EXTRA("ExtraConfig");

    final String localName;

    Kind(String localName) {
      this.localName = localName;
    }

    static Kind of(XmlElement e) {
      return e.is("Config") ? CONFIG : EXTRA;
    }
  }

  /** The VM being edited in one document, and the action mapping. */
  private static final class Target {
    final OvfDocument doc;
    final VmConfiguration vm;
    final XmlElement vs;
    final XmlElement hw;
    final Optional<String> configuration;
    OvfTextEditor ed;

    Target(OvfDocument doc, int index) {
      this.doc = doc;
      this.vm = doc.vms().get(index);
      this.vs = doc.system(index);
      this.hw = OvfMapper.hardwareSection(vs).orElseThrow();
      this.configuration = OvfMapper.defaultConfiguration(doc.root());
    }

    XmlSpans.Node span(XmlElement e) {
      return doc.span(e);
    }

    Optional<String> apply(FixAction action, OvfTextEditor editor) {
      this.ed = editor;
      if (action instanceof ExposeNestedHv a) {
        putBool(Kind.CONFIG, "nestedHVEnabled", a.enabled(), true);
        putBool(Kind.EXTRA, "vhv.enable", a.enabled(), false);
        return Optional.empty();
      } else if (action instanceof SetCpu a) {
        return setCpu(a);
      } else if (action instanceof SetMemory a) {
        return setMemory(a.memoryMiB());
      } else if (action instanceof SetMemoryReservation a) {
        return setReservation(a.lockedToMax() ? vm.memoryMiB() : a.reservationMiB(), a.lockedToMax());
      } else if (action instanceof ReplaceNicType a) {
        return replaceNic(a);
      } else if (action instanceof ReplaceControllerType a) {
        return replaceController(a);
      } else if (action instanceof SetFirmware a) {
        putString(Kind.CONFIG, "firmware", a.firmware() == Firmware.EFI ? "efi" : "bios", true,
            String::equalsIgnoreCase);
        a.secureBoot().ifPresent(sb -> {
          putBool(Kind.CONFIG, "bootOptions.efiSecureBootEnabled", sb, true);
          putBool(Kind.EXTRA, "uefi.secureBoot.enabled", sb, false);
        });
        return Optional.empty();
      } else if (action instanceof SetVmFlag a) {
        switch (a.flag()) {
          case VIRTUAL_IOMMU:
            putBool(Kind.CONFIG, "flags.vvtdEnabled", a.enabled(), true);
            putBool(Kind.EXTRA, "vvtd.enable", a.enabled(), false);
            break;
          case VBS:
            putBool(Kind.CONFIG, "flags.vbsEnabled", a.enabled(), true);
            putBool(Kind.EXTRA, "vbs.enable", a.enabled(), false);
            break;
          case VIRTUAL_PMC:
          default:
            putBool(Kind.EXTRA, "vpmc.enable", a.enabled(), true);
            putBool(Kind.CONFIG, "vPMCEnabled", a.enabled(), false);
            break;
        }
        return Optional.empty();
      } else if (action instanceof UpgradeHardwareVersion a) {
        return upgrade(a.version());
      } else if (action instanceof SetGuestOs a) {
        return setGuestOs(a.guestOs());
      } else if (action instanceof RemoveDevice a) {
        return removeDevice(a);
      } else if (action instanceof SetSetting a) {
        return setSetting(a.key(), a.value());
      } else if (action instanceof RemoveSetting a) {
        for (XmlElement s : settings(a.key())) {
          ed.remove(span(s));
        }
        return Optional.empty();
      } else if (action instanceof SetPortGroupSecurity) {
        return Optional.of("applies to the port group on the host, not to the VM's OVF descriptor; change it on the "
            + "virtual switch (vSphere Client, govc host.portgroup.change or the adapter)");
      } else if (action instanceof ManualStep) {
        return Optional.of("a manual step: a person must do it");
      }
      return Optional.of("not supported for OVF descriptors: " + action.describe());
    }

    // ----------------------------------------------------------------------------------------------------- items

    List<XmlElement> items() {
      List<XmlElement> out = new ArrayList<>();
      for (XmlElement c : hw.children()) {
        if (OvfMapper.isOvf(c) && (c.is("Item") || c.is("StorageItem") || c.is("EthernetPortItem"))
            && OvfMapper.inConfiguration(c, configuration)) {
          out.add(c);
        }
      }
      return out;
    }

    static OptionalInt resourceType(XmlElement item) {
      Optional<Integer> rt = item.child("ResourceType").flatMap(r -> OvfMapper.nonNegativeInt(r.trimmedText()));
      return rt.isPresent() ? OptionalInt.of(rt.get()) : OptionalInt.empty();
    }

    static String instanceId(XmlElement item) {
      return item.child("InstanceID").or(() -> item.child("InstanceId")).map(XmlElement::trimmedText).orElse("");
    }

    Optional<XmlElement> firstItem(int rt) {
      for (XmlElement i : items()) {
        if (resourceType(i).equals(OptionalInt.of(rt))) {
          return Optional.of(i);
        }
      }
      return Optional.empty();
    }

    Optional<XmlElement> itemById(String id) {
      for (XmlElement i : items()) {
        if (resourceType(i).isPresent() && instanceId(i).equals(id)) {
          return Optional.of(i);
        }
      }
      return Optional.empty();
    }

    /** Sets a child's number, comparing numerically; the reason when it cannot be edited. */
    Optional<String> setNumber(XmlElement e, BigInteger value) {
      Optional<BigInteger> current = OvfMapper.nonNegativeBig(e.trimmedText());
      if (current.isPresent() && current.get().equals(value)) {
        return Optional.empty();
      }
      return ed.setText(span(e), value.toString());
    }

    /** Replaces the leading {@code old} of an element's raw text with {@code replacement}, when it starts so. */
    void replaceLeading(XmlElement e, Pattern shape, String old, String replacement) {
      XmlSpans.Node s = span(e);
      String raw = ed.rawText(s);
      Matcher m = shape.matcher(raw);
      if (m.matches() && m.group(1).equals(old) && !old.equals(replacement)) {
        ed.replaceRawPrefix(s, old, ed.escapeText(replacement));
      }
    }

    /** Inserts {@code <prefix:localName>text</prefix:localName>} into {@code item} in CIM (alphabetical) order. */
    void insertItemChild(XmlElement item, String localName, String text) {
      XmlElement anchor = item.child("ResourceType").orElseThrow();
      String ns = anchor.namespace();
      XmlSpans.Node anchorSpan = span(anchor);
      String qname = anchorSpan.prefix.isEmpty() ? localName : anchorSpan.prefix + ":" + localName;
      String markup = "<" + qname + ">" + ed.escapeText(text) + "</" + qname + ">";
      XmlElement last = null;
      for (XmlElement c : item.children()) {
        if (!c.namespace().equals(ns)) {
          continue;
        }
        if (c.localName().compareToIgnoreCase(localName) > 0) {
          ed.insertBefore(span(c), markup);
          return;
        }
        last = c;
      }
      ed.insertAfter(span(last), markup);
    }

    // ------------------------------------------------------------------------------------------------------ CPU

    Optional<String> setCpu(SetCpu a) {
      Optional<XmlElement> proc = firstItem(3);
      if (proc.isEmpty()) {
        return Optional.of("the VM has no Processor Item (ResourceType 3) to change");
      }
      XmlElement item = proc.get();
      XmlElement q = item.child("VirtualQuantity").orElseThrow();
      Optional<String> r = setNumber(q, BigInteger.valueOf(a.vcpus()));
      if (r.isPresent()) {
        return r;
      }
      item.child("ElementName").ifPresent(n -> replaceLeading(n, CPU_NAME, q.trimmedText(),
          String.valueOf(a.vcpus())));
      String cps = String.valueOf(a.coresPerSocket());
      Optional<XmlElement> cpsChild = item.child("CoresPerSocket");
      Optional<XmlSpans.Attr> cpsAttr = span(item).attribute(VMW, "CoresPerSocket")
          .or(() -> span(item).attribute("", "CoresPerSocket"));
      boolean stated = !settings("cpuid.coresPerSocket").isEmpty();
      if (cpsChild.isPresent()) {
        r = setNumber(cpsChild.get(), BigInteger.valueOf(a.coresPerSocket()));
        if (r.isPresent()) {
          return r;
        }
      } else if (cpsAttr.isPresent()) {
        Optional<String> v = OvfMapper.vmwAttr(item, "CoresPerSocket");
        if (!v.map(String::strip).equals(Optional.of(cps))) {
          ed.setAttribute(cpsAttr.get(), cps);
        }
      } else if (!stated && a.coresPerSocket() != 1) {
        XmlElement anchor = item.child("ResourceType").orElseThrow();
        XmlElement last = null;
        for (XmlElement c : item.children()) {
          if (c.namespace().equals(anchor.namespace())) {
            last = c;
          }
        }
        XmlSpans.Node at = span(item);
        Prefix vmw = prefix(at, VMW, "vmw");
        String qname = vmw.name + ":CoresPerSocket";
        ed.insertAfter(span(last), "<" + qname + vmw.declaration + required(at) + ">" + cps + "</" + qname + ">");
      }
      putString(Kind.EXTRA, "cpuid.coresPerSocket", cps, false, OvfFixWriter::sameNumber);
      putString(Kind.EXTRA, "numvcpus", String.valueOf(a.vcpus()), false, OvfFixWriter::sameNumber);
      return Optional.empty();
    }

    // --------------------------------------------------------------------------------------------------- memory

    BigInteger bytesPerUnit(XmlElement memoryItem) {
      Optional<XmlElement> u = memoryItem.child("AllocationUnits").or(() -> memoryItem.child("VirtualQuantityUnits"));
      if (u.isEmpty() || u.get().trimmedText().isEmpty()) {
        return MIB;
      }
      return AllocationUnits.bytesPerUnit(u.get().trimmedText()).orElseThrow();
    }

    String unitsText(XmlElement memoryItem) {
      return memoryItem.child("AllocationUnits").or(() -> memoryItem.child("VirtualQuantityUnits"))
          .map(XmlElement::trimmedText).filter(s -> !s.isEmpty()).orElse("MB");
    }

    /** {@code mib} in the Item's units, when it is a whole number of them. */
    static Optional<BigInteger> inUnits(long mib, BigInteger perUnit) {
      BigInteger[] qr = BigInteger.valueOf(mib).multiply(MIB).divideAndRemainder(perUnit);
      return qr[1].signum() == 0 ? Optional.of(qr[0]) : Optional.empty();
    }

    Optional<String> setMemory(long mib) {
      XmlElement item = firstItem(4).orElseThrow();
      BigInteger perUnit = bytesPerUnit(item);
      Optional<BigInteger> q = inUnits(mib, perUnit);
      if (q.isEmpty()) {
        return Optional.of(mib + " MiB is not a whole number of the memory Item's units (" + unitsText(item) + ")");
      }
      XmlElement vq = item.child("VirtualQuantity").orElseThrow();
      String old = vq.trimmedText();
      Optional<String> r = setNumber(vq, q.get());
      if (r.isPresent()) {
        return r;
      }
      if (perUnit.equals(MIB)) {
        item.child("ElementName").ifPresent(n -> replaceLeading(n, MEMORY_NAME, old, q.get().toString()));
      }
      putString(Kind.EXTRA, "memsize", String.valueOf(mib), false, OvfFixWriter::sameNumber);
      if (vm.memoryLockedToMax()) {
        Optional<String> res = writeReservation(item, mib);
        putBool(Kind.EXTRA, "sched.mem.pin", true, false);
        return res;
      }
      return Optional.empty();
    }

    Optional<String> setReservation(long mib, boolean locked) {
      XmlElement item = firstItem(4).orElseThrow();
      Optional<String> r = writeReservation(item, mib);
      if (r.isPresent()) {
        return r;
      }
      putBool(Kind.CONFIG, "memoryReservationLockedToMax", locked, locked);
      putBool(Kind.EXTRA, "sched.mem.pin", locked, false);
      return Optional.empty();
    }

    /** Writes the reservation into every place that states it; adds a Reservation when none does. */
    Optional<String> writeReservation(XmlElement item, long mib) {
      Optional<XmlElement> res = item.child("Reservation");
      boolean stated = false;
      if (res.isPresent()) {
        Optional<BigInteger> q = inUnits(mib, bytesPerUnit(item));
        if (q.isEmpty()) {
          return Optional.of("a reservation of " + mib + " MiB is not a whole number of the memory Item's units ("
              + unitsText(item) + ")");
        }
        Optional<String> r = setNumber(res.get(), q.get());
        if (r.isPresent()) {
          return r;
        }
        stated = true;
      }
      String v = String.valueOf(mib);
      stated |= putString(Kind.CONFIG, "memoryAllocation.reservation", v, false, OvfFixWriter::sameNumber);
      stated |= putString(Kind.EXTRA, "sched.mem.min", v, false, OvfFixWriter::sameNumber);
      stated |= putString(Kind.EXTRA, "sched.mem.minSize", v, false, OvfFixWriter::sameNumber);
      if (!stated && mib != 0) {
        Optional<BigInteger> q = inUnits(mib, bytesPerUnit(item));
        if (q.isEmpty()) {
          return Optional.of("a reservation of " + mib + " MiB is not a whole number of the memory Item's units ("
              + unitsText(item) + ")");
        }
        insertItemChild(item, "Reservation", q.get().toString());
      }
      return Optional.empty();
    }

    // -------------------------------------------------------------------------------------------------- devices

    static String firstToken(String subtype) {
      String s = subtype.strip();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == ',' || Character.isWhitespace(c)) {
          return s.substring(0, i);
        }
      }
      return s;
    }

    Optional<String> replaceNic(ReplaceNicType a) {
      Optional<XmlElement> item = itemById(a.nicId()).filter(i -> resourceType(i).equals(OptionalInt.of(10)));
      if (item.isEmpty()) {
        return Optional.of("the VM has no network adapter Item with InstanceID " + a.nicId());
      }
      Optional<String> subtype = nicSubtype(a.to());
      if (subtype.isEmpty()) {
        return Optional.of(a.to().name().toLowerCase(Locale.ROOT) + " is not a NIC type VMware deploys from an OVF;"
            + " an OVF can name E1000, E1000e, VmxNet3, VmxNet2, VmxNet or PCNet32");
      }
      Optional<XmlElement> rst = item.get().child("ResourceSubType");
      if (rst.isEmpty()) {
        insertItemChild(item.get(), "ResourceSubType", subtype.get());
        return Optional.empty();
      }
      String old = firstToken(rst.get().trimmedText());
      if (OvfMapper.nicType(old) == a.to() && old.equals(rst.get().trimmedText())) {
        return Optional.empty();
      }
      Optional<String> r = ed.setText(span(rst.get()), subtype.get());
      if (r.isPresent()) {
        return r;
      }
      item.get().child("Description").ifPresent(d -> replaceLeading(d,
          Pattern.compile("(" + Pattern.quote(old) + ")( ethernet adapter.*)", Pattern.DOTALL), old, subtype.get()));
      return Optional.empty();
    }

    Optional<String> replaceController(ReplaceControllerType a) {
      Optional<XmlElement> item = itemById(a.controllerId());
      boolean controller = item.isPresent() && vm.controllers().stream().anyMatch(c -> c.id().equals(a.controllerId()));
      if (!controller) {
        return Optional.of("the VM has no storage controller Item with InstanceID " + a.controllerId());
      }
      int rt = resourceType(item.get()).orElse(-1);
      String to = a.to().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      if (rt != 6) {
        return Optional.of("only a SCSI controller's (ResourceType 6) type is a subtype in an OVF; changing "
            + a.controllerId() + " (ResourceType " + rt + ") to " + to + " means replacing the controller and "
            + "moving its disks, which is not automated");
      }
      Optional<String> subtype = scsiSubtype(a.to());
      if (subtype.isEmpty()) {
        return Optional.of("changing SCSI controller " + a.controllerId() + " to " + to + " means adding a " + to
            + " controller and moving its disks to it, which is not automated for OVF descriptors; do it after"
            + " deployment (the guest needs the driver first)");
      }
      Optional<XmlElement> rst = item.get().child("ResourceSubType");
      if (rst.isEmpty()) {
        insertItemChild(item.get(), "ResourceSubType", subtype.get());
        return Optional.empty();
      }
      String old = firstToken(rst.get().trimmedText());
      if (OvfMapper.scsiType(old) == a.to() && old.equals(rst.get().trimmedText())) {
        return Optional.empty();
      }
      return ed.setText(span(rst.get()), subtype.get());
    }

    Optional<String> removeDevice(RemoveDevice a) {
      Optional<XmlElement> item = itemById(a.deviceId());
      if (item.isEmpty()) {
        return Optional.empty(); // already absent (removed by an earlier fix), as FixApplier treats it
      }
      if (vm.peripherals().stream().noneMatch(p -> p.id().equals(a.deviceId()))) {
        return Optional.of("the Item with InstanceID " + a.deviceId() + " (ResourceType "
            + resourceType(item.get()).orElse(-1) + ") is not a peripheral; removing it is not automated");
      }
      List<String> dependents = new ArrayList<>();
      for (XmlElement c : hw.children()) {
        if (c.childText("Parent").filter(p -> p.equals(a.deviceId())).isPresent()) {
          dependents.add(instanceId(c));
        }
      }
      if (!dependents.isEmpty()) {
        return Optional.of("Items " + String.join(", ", dependents) + " name the device " + a.deviceId()
            + " as their Parent; remove them first");
      }
      ed.remove(span(item.get()));
      return Optional.empty();
    }

    // ----------------------------------------------------------------------------------------- version, guest OS

    Optional<String> upgrade(int version) {
      Optional<XmlElement> type = hw.children().stream().filter(c -> OvfMapper.isOvf(c) && c.is("System"))
          .findFirst().flatMap(s -> s.child("VirtualSystemType"));
      if (type.isEmpty()) {
        return Optional.of("the VirtualHardwareSection states no VirtualSystemType to upgrade");
      }
      String text = type.get().trimmedText();
      OptionalInt current = VmwareKeys.hardwareVersion(text);
      if (current.isPresent() && current.getAsInt() > version) {
        return Optional.of("the VM already has virtual hardware version " + current.getAsInt() + ", newer than "
            + version + "; a hardware version is never downgraded");
      }
      if (current.isPresent() && current.getAsInt() == version) {
        return Optional.empty();
      }
      String family = String.format(Locale.ROOT, "vmx-%02d", version);
      String separator = text.contains(",") ? "," : " ";
      List<String> tokens = new ArrayList<>();
      boolean placed = false;
      for (String token : text.split("[\\s,;]+")) {
        if (token.isEmpty()) {
          continue;
        }
        if (VmwareKeys.hardwareVersion(token).isPresent()) {
          if (!placed) {
            tokens.add(family);
            placed = true;
          }
        } else {
          tokens.add(token);
        }
      }
      if (!placed) {
        tokens.add(family);
      }
      Optional<String> r = ed.setText(span(type.get()), String.join(separator, tokens));
      if (r.isPresent()) {
        return r;
      }
      putString(Kind.EXTRA, "virtualHW.version", String.valueOf(version), false, OvfFixWriter::sameNumber);
      return Optional.empty();
    }

    Optional<String> setGuestOs(GuestOsId os) {
      Optional<XmlElement> section = vs.children().stream()
          .filter(c -> OvfMapper.isOvf(c) && c.is("OperatingSystemSection")).findFirst();
      if (section.isEmpty()) {
        return Optional.of("the VirtualSystem has no OperatingSystemSection to name the guest OS in");
      }
      XmlSpans.Node s = span(section.get());
      Optional<XmlSpans.Attr> attr = s.attribute(VMW, "osType").or(() -> s.attribute("", "osType"));
      if (attr.isPresent()) {
        String current = OvfMapper.vmwAttr(section.get(), "osType").orElse("").strip();
        if (current.isEmpty() || !GuestOsId.of(current).equals(os)) {
          ed.setAttribute(attr.get(), os.canonical());
        }
      } else {
        Prefix vmw = prefix(s, VMW, "vmw");
        if (!vmw.declaration.isEmpty()) {
          ed.addAttribute(s, "xmlns:" + vmw.name, VMW);
        }
        ed.addAttribute(s, vmw.name + ":osType", os.canonical());
      }
      putString(Kind.EXTRA, "guestOS", os.vmxForm(), false, String::equalsIgnoreCase);
      return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------------- settings

    /** The hardware section's Config/ExtraConfig elements with key {@code key} (case ignored), in order. */
    List<XmlElement> settings(String key) {
      List<XmlElement> out = new ArrayList<>();
      for (XmlElement c : hw.children()) {
        if (VMW.equals(c.namespace()) && (c.is("Config") || c.is("ExtraConfig"))
            && OvfMapper.vmwAttr(c, "key").filter(k -> k.equalsIgnoreCase(key)).isPresent()) {
          out.add(c);
        }
      }
      return out;
    }

    static String valueOf(XmlElement setting) {
      return OvfMapper.vmwAttr(setting, "value").orElse("");
    }

    /** Sets the value attribute of a setting element (adding it when missing). */
    void setValue(XmlElement setting, String value) {
      XmlSpans.Node s = span(setting);
      Optional<XmlSpans.Attr> v = s.attribute(VMW, "value").or(() -> s.attribute("", "value"));
      if (v.isPresent()) {
        ed.setAttribute(v.get(), value);
      } else {
        XmlSpans.Attr key = s.attribute(VMW, "key").or(() -> s.attribute("", "key")).orElseThrow();
        ed.addAttribute(s, key.prefix.isEmpty() ? "value" : key.prefix + ":value", value);
      }
    }

    /**
     * Sets every {@code key} setting to {@code value} (unless {@code same} says it already holds it); adds one of
     * {@code kind} when there is none and {@code add}.
     *
     * @return whether the key was present
     */
    boolean putString(Kind kind, String key, String value, boolean add, BiPredicate<String, String> same) {
      List<XmlElement> found = settings(key);
      for (XmlElement s : found) {
        String desired = Kind.of(s) == Kind.CONFIG ? configValue(value) : value;
        if (!same.test(valueOf(s).strip(), desired)) {
          setValue(s, desired);
        }
      }
      if (found.isEmpty() && add) {
        insertSetting(kind, key, kind == Kind.CONFIG ? configValue(value) : value);
      }
      return !found.isEmpty();
    }

    /** {@link #putString} for a boolean: equal when it parses to the same value; written in the existing case. */
    boolean putBool(Kind kind, String key, boolean value, boolean add) {
      List<XmlElement> found = settings(key);
      for (XmlElement s : found) {
        String current = valueOf(s).strip();
        if (VmwareKeys.parseBoolean(current).equals(Optional.of(value))) {
          continue;
        }
        setValue(s, booleanText(value, Kind.of(s), current));
      }
      if (found.isEmpty() && add) {
        insertSetting(kind, key, booleanText(value, kind, ""));
      }
      return !found.isEmpty();
    }

    /** {@code true}/{@code false} for Config (xsd:boolean); for ExtraConfig the case of the old value, else upper. */
    static String booleanText(boolean value, Kind kind, String old) {
      String lower = value ? "true" : "false";
      if (kind == Kind.CONFIG) {
        return lower;
      }
      boolean wasLower = !old.isEmpty() && old.equals(old.toLowerCase(Locale.ROOT))
          && VmwareKeys.parseBoolean(old).isPresent() && Character.isLetter(old.charAt(0));
      return wasLower ? lower : lower.toUpperCase(Locale.ROOT);
    }

    Optional<String> setSetting(String key, String value) {
      List<XmlElement> found = settings(key);
      if (found.isEmpty() && STRUCTURAL.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
        return Optional.of("an OVF descriptor states " + key + " in its hardware Items or sections, not as a setting;"
            + " use the typed fix (memory, CPU, hardware version, guest OS, device) instead");
      }
      if (found.isEmpty()) {
        Kind kind = isConfigKey(key) ? Kind.CONFIG : Kind.EXTRA;
        insertSetting(kind, key, kind == Kind.CONFIG ? configValue(value) : value);
      } else {
        XmlElement first = found.get(0);
        String desired = Kind.of(first) == Kind.CONFIG ? configValue(value) : value;
        String current = valueOf(first);
        boolean sameBoolean = current.strip().equalsIgnoreCase(desired.strip())
            && VmwareKeys.parseBoolean(current).isPresent() && Character.isLetter(current.strip().charAt(0));
        if (!current.equals(desired) && !sameBoolean) {
          setValue(first, desired);
        }
        for (XmlElement duplicate : found.subList(1, found.size())) {
          ed.remove(span(duplicate));
        }
      }
      Optional<Boolean> b = VmwareKeys.parseBoolean(value);
      if (b.isPresent()) {
        for (Map.Entry<String, String> pair : BOOLEAN_PAIRS.entrySet()) {
          if (pair.getKey().equalsIgnoreCase(key)) {
            putBool(Kind.CONFIG, pair.getValue(), b.get(), false);
          } else if (pair.getValue().equalsIgnoreCase(key)) {
            putBool(Kind.EXTRA, pair.getKey(), b.get(), false);
          }
        }
      }
      return Optional.empty();
    }

    /** A boolean as a Config value ({@code TRUE} becomes {@code true}); any other value as given. */
    static String configValue(String value) {
      String t = value.strip().toLowerCase(Locale.ROOT);
      return t.equals("true") || t.equals("false") ? t : value;
    }

    /** Inserts a new setting element of {@code kind} with the siblings' style and position. */
    void insertSetting(Kind kind, String key, String value) {
      List<XmlElement> config = new ArrayList<>();
      List<XmlElement> extra = new ArrayList<>();
      for (XmlElement c : hw.children()) {
        if (VMW.equals(c.namespace()) && c.is("Config")) {
          config.add(c);
        } else if (VMW.equals(c.namespace()) && c.is("ExtraConfig")) {
          extra.add(c);
        }
      }
      String markup = settingMarkup(kind, key, value, kind == Kind.CONFIG ? config : extra,
          kind == Kind.CONFIG ? extra : config);
      List<XmlElement> same = kind == Kind.CONFIG ? config : extra;
      if (!same.isEmpty()) {
        ed.insertAfter(span(same.get(same.size() - 1)), markup);
      } else if (kind == Kind.CONFIG && !extra.isEmpty()) {
        ed.insertBefore(span(extra.get(0)), markup);
      } else if (kind == Kind.EXTRA && !config.isEmpty()) {
        ed.insertAfter(span(config.get(config.size() - 1)), markup);
      } else {
        List<XmlElement> children = hw.children();
        ed.insertAfter(span(children.get(children.size() - 1)), markup);
      }
    }

    /** A copy of a sibling with the key and value replaced, or a new element in VMware's style. */
    String settingMarkup(Kind kind, String key, String value, List<XmlElement> sameKind, List<XmlElement> otherKind) {
      for (List<XmlElement> candidates : List.of(sameKind, otherKind)) {
        for (XmlElement c : candidates) {
          Optional<String> copy = copyOf(span(c), kind, key, value);
          if (copy.isPresent()) {
            return copy.get();
          }
        }
      }
      XmlSpans.Node at = span(hw);
      Prefix vmw = prefix(at, VMW, "vmw");
      String p = vmw.name;
      return "<" + p + ":" + kind.localName + vmw.declaration + required(at) + " " + p + ":key=\""
          + ed.escapeAttribute(key, '"') + "\" " + p + ":value=\"" + ed.escapeAttribute(value, '"') + "\"/>";
    }

    Optional<String> copyOf(XmlSpans.Node template, Kind kind, String key, String value) {
      if (!template.selfClosing) {
        return Optional.empty();
      }
      Optional<XmlSpans.Attr> k = template.attribute(VMW, "key").or(() -> template.attribute("", "key"));
      Optional<XmlSpans.Attr> v = template.attribute(VMW, "value").or(() -> template.attribute("", "value"));
      if (k.isEmpty() || v.isEmpty()) {
        return Optional.empty();
      }
      String tag = ed.startTag(template);
      int base = template.start;
      XmlSpans.Attr first = k.get().valueStart < v.get().valueStart ? k.get() : v.get();
      XmlSpans.Attr second = first == k.get() ? v.get() : k.get();
      String firstValue = first == k.get() ? key : value;
      String secondValue = first == k.get() ? value : key;
      String name = template.prefix.isEmpty() ? kind.localName : template.prefix + ":" + kind.localName;
      StringBuilder sb = new StringBuilder();
      sb.append('<').append(name);
      sb.append(tag, 1 + template.qname.length(), first.valueStart - base);
      sb.append(ed.escapeAttribute(firstValue, first.quote));
      sb.append(tag, first.valueEnd - base, second.valueStart - base);
      sb.append(ed.escapeAttribute(secondValue, second.quote));
      sb.append(tag, second.valueEnd - base, tag.length());
      return Optional.of(sb.toString());
    }

    /** {@code  ovf:required="false"} when a prefix is bound to the envelope's namespace, else nothing. */
    String required(XmlSpans.Node at) {
      return at.prefixFor(doc.root().namespace(), "ovf").map(p -> " " + p + ":required=\"false\"").orElse("");
    }
  }

  /** A prefix for a namespace, and the declaration to write when it is not in scope. */
  private record Prefix(String name, String declaration) {}

  private static Prefix prefix(XmlSpans.Node at, String uri, String preferred) {
    Optional<String> bound = at.prefixFor(uri, preferred);
    if (bound.isPresent()) {
      return new Prefix(bound.get(), "");
    }
    String p = preferred;
    for (int i = 2; at.scope.containsKey(p); i++) {
      p = preferred + i;
    }
    return new Prefix(p, " xmlns:" + p + "=\"" + uri + "\"");
  }

  private static boolean sameNumber(String current, String desired) {
    Optional<BigInteger> a = OvfMapper.nonNegativeBig(current);
    Optional<BigInteger> b = OvfMapper.nonNegativeBig(desired);
    return a.isPresent() && a.equals(b) || current.equals(desired);
  }
}
