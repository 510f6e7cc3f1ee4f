package io.nestcheck.core.internal.ovf;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.Setting;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.core.internal.xml.XmlElement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Maps a parsed OVF envelope to the model. Shared by {@link OvfReader} and {@link OvaReader}.
 *
 * <p>Resource types are the {@code CIM_ResourceAllocationSettingData.ResourceType} ValueMap of CIM schema 2.24
 * (the version DSP0243 references; also in govmomi {@code ovf/cim.go} and Microsoft's CIM_ResourceAllocationSettingData
 * reference): 1 Other, 3 Processor, 4 Memory, 5 IDE Controller, 6 Parallel SCSI HBA, 7 FC HBA, 8 iSCSI HBA,
 * 10 Ethernet Adapter, 14 Floppy Drive, 15 CD Drive, 16 DVD drive, 17 Disk Drive, 20 Other storage device,
 * 21 Serial port, 22 Parallel port, 23 USB Controller, 24 Graphics controller, 31 Logical Disk. 35 (sound card) is
 * outside the 2.24 ValueMap (DMTF reserved) but is what VirtualBox ({@code OVFResourceType_SoundCard = 35}) and
 * VMware exports write for sound cards.
 */
final class OvfMapper {
  static final Set<String> OVF_NAMESPACES = Set.of(
      "http://schemas.dmtf.org/ovf/envelope/1", "http://schemas.dmtf.org/ovf/envelope/2");
  static final String VMW_NAMESPACE = "http://www.vmware.com/schema/ovf";
  static final String VBOX_NAMESPACE = "http://www.virtualbox.org/ovf/machine";

  private static final int RT_OTHER = 1;
  private static final int RT_PROCESSOR = 3;
  private static final int RT_MEMORY = 4;
  private static final int RT_IDE = 5;
  private static final int RT_SCSI = 6;
  private static final int RT_FC = 7;
  private static final int RT_ISCSI = 8;
  private static final int RT_ETHERNET = 10;
  private static final int RT_FLOPPY = 14;
  private static final int RT_CD = 15;
  private static final int RT_DVD = 16;
  private static final int RT_DISK = 17;
  private static final int RT_OTHER_STORAGE = 20;
  private static final int RT_SERIAL = 21;
  private static final int RT_PARALLEL = 22;
  private static final int RT_USB = 23;
  private static final int RT_LOGICAL_DISK = 31;
  private static final int RT_SOUND = 35;

  /** The id of the controller synthesised for disks whose Item names no Parent. */
  static final String IMPLICIT_CONTROLLER = "implicit";

  /**
   * CIM_OperatingSystem.OSType values mapped when the OVF has no {@code vmw:osType}. Only ids whose meaning is a
   * single VMware guest id are mapped; {@code 104} ("VMware ESXi") is not, because it does not say which ESXi
   * version, and the vmkernel guest ids differ per version.
   */
  private static final Map<Integer, String> CIM_OS_TYPES = Map.of(
      1, "otherGuest",
      36, "otherLinuxGuest",
      97, "other24xLinuxGuest",
      98, "other24xLinux64Guest",
      99, "other26xLinuxGuest",
      100, "other26xLinux64Guest",
      101, "otherLinux64Guest",
      102, "otherGuest64");

  private final XmlElement root;
  private final String sourceName;
  private final Map<String, XmlElement> disksById = new HashMap<>();
  private final Map<String, String> fileHrefs = new HashMap<>();
  private final Map<String, String> properties = new HashMap<>();
  /** The deployment configuration whose Items are read, when the envelope has a DeploymentOptionSection. */
  private final Optional<String> configuration;

  private OvfMapper(XmlElement root, String sourceName) {
    this.root = root;
    this.sourceName = sourceName;
    root.forEachDescendant(e -> {
      if (!isOvf(e)) {
        return;
      }
      if (e.is("Disk")) {
        ovfAttr(e, "diskId").ifPresent(id -> disksById.putIfAbsent(id, e));
      } else if (e.is("File")) {
        Optional<String> id = ovfAttr(e, "id");
        Optional<String> href = ovfAttr(e, "href");
        if (id.isPresent() && href.isPresent()) {
          fileHrefs.putIfAbsent(id.get(), href.get());
        }
      } else if (e.is("ProductSection")) {
        String cls = ovfAttr(e, "class").orElse("");
        String inst = ovfAttr(e, "instance").orElse("");
        for (XmlElement p : e.children("Property")) {
          Optional<String> key = ovfAttr(p, "key");
          Optional<String> value = ovfAttr(p, "value");
          if (key.isPresent() && value.isPresent()) {
            String full = (cls.isEmpty() ? "" : cls + ".") + key.get() + (inst.isEmpty() ? "" : "." + inst);
            properties.putIfAbsent(full, value.get());
          }
        }
      }
    });
    this.configuration = defaultConfiguration(root);
  }

  /**
   * Maps every VirtualSystem in the envelope, in document order, descending into (nested) VirtualSystemCollections.
   *
   * @param root the parsed document
   * @param sourceName the name to give each VM's {@code source} and to use in errors
   */
  static List<VmConfiguration> map(XmlElement root, String sourceName) throws ExportParseException {
    if (!root.is("Envelope")) {
      throw new ExportParseException(SourceLocation.of(sourceName, root.line()), Kind.UNSUPPORTED_FORMAT,
          "the root element is <" + root.localName() + ">, not an OVF <Envelope>");
    }
    if (!OVF_NAMESPACES.contains(root.namespace())) {
      String ns = root.namespace().isEmpty() ? "no namespace" : "namespace " + root.namespace();
      throw new ExportParseException(SourceLocation.of(sourceName, root.line()), Kind.UNSUPPORTED_FORMAT,
          "the <Envelope> is in " + ns + ", not an OVF 1.x/2.x namespace (pre-standard OVF 0.9 drafts are not"
              + " supported)");
    }
    OvfMapper m = new OvfMapper(root, sourceName);
    List<VmConfiguration> out = new ArrayList<>();
    m.collect(root, out);
    if (out.isEmpty()) {
      throw new ExportParseException(SourceLocation.of(sourceName, root.line()), Kind.UNSUPPORTED_FORMAT,
          "the OVF envelope contains no VirtualSystem");
    }
    return out;
  }

  private void collect(XmlElement parent, List<VmConfiguration> out) throws ExportParseException {
    for (XmlElement c : parent.children()) {
      if (!isOvf(c)) {
        continue;
      }
      if (c.is("VirtualSystem")) {
        out.add(mapSystem(c));
      } else if (c.is("VirtualSystemCollection")) {
        collect(c, out);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  static boolean isOvf(XmlElement e) {
    return OVF_NAMESPACES.contains(e.namespace());
  }

  /** An OVF attribute: {@code ovf:name} in either OVF namespace, or unqualified (some exporters omit the prefix). */
  static Optional<String> ovfAttr(XmlElement e, String name) {
    for (XmlElement.XmlAttribute a : e.attributes()) {
      if (a.localName().equals(name) && OVF_NAMESPACES.contains(a.namespace())) {
        return Optional.of(a.value());
      }
    }
    return e.attribute("", name);
  }

  /** A VMware attribute: {@code vmw:name}, or unqualified. */
  static Optional<String> vmwAttr(XmlElement e, String name) {
    Optional<String> v = e.attribute(VMW_NAMESPACE, name);
    return v.isPresent() ? v : e.attribute("", name);
  }

  /** The default deployment configuration of the envelope, when it has a DeploymentOptionSection. */
  static Optional<String> defaultConfiguration(XmlElement root) {
    for (XmlElement c : root.children()) {
      if (isOvf(c) && c.is("DeploymentOptionSection")) {
        String first = null;
        for (XmlElement conf : c.children("Configuration")) {
          Optional<String> id = ovfAttr(conf, "id");
          if (id.isEmpty()) {
            continue;
          }
          if (first == null) {
            first = id.get();
          }
          if (ovfAttr(conf, "default").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false)) {
            return id;
          }
        }
        // DSP0243: without an explicit default, the first Configuration is the default.
        return Optional.ofNullable(first);
      }
    }
    return Optional.empty();
  }

  /** Whether an Item belongs to the deployment configuration being read. */
  private boolean inConfiguration(XmlElement item) {
    return inConfiguration(item, configuration);
  }

  /** Whether an Item belongs to {@code configuration} (empty: the envelope has no DeploymentOptionSection). */
  static boolean inConfiguration(XmlElement item, Optional<String> configuration) {
    Optional<String> conf = ovfAttr(item, "configuration");
    if (conf.isEmpty() || conf.get().isBlank()) {
      return true;
    }
    if (configuration.isEmpty()) {
      return false;
    }
    for (String c : conf.get().strip().split("\\s+")) {
      if (c.equals(configuration.get())) {
        return true;
      }
    }
    return false;
  }

  private ExportParseException invalid(XmlElement at, String reason) {
    return new ExportParseException(SourceLocation.of(sourceName, at.line(), at.column()), Kind.INVALID_VALUE,
        reason);
  }

  // ---------------------------------------------------------------------------------------------------------------

  private VmConfiguration mapSystem(XmlElement vs) throws ExportParseException {
    Optional<String> id = ovfAttr(vs, "id").map(String::strip).filter(s -> !s.isEmpty());
    if (id.isEmpty()) {
      throw invalid(vs, "the VirtualSystem has no ovf:id attribute, which DSP0243 requires");
    }
    String name = vs.children().stream()
        .filter(c -> isOvf(c) && c.is("Name"))
        .map(XmlElement::trimmedText)
        .filter(s -> !s.isEmpty())
        .findFirst()
        .orElse(id.get());

    VmConfiguration.Builder b = VmConfiguration.builder().name(name).source(sourceName);
    guestOs(vs).ifPresent(b::guestOs);
    vboxUuid(vs).ifPresent(b::uuid);

    XmlElement hw = hardwareSection(vs).orElseThrow(() -> invalid(vs, "the VirtualSystem \"" + id.get()
        + "\" has no VirtualHardwareSection, so its memory is not stated"));
    hw.child("System").flatMap(s -> s.childText("VirtualSystemType")).ifPresent(t -> {
      OptionalInt v = VmwareKeys.hardwareVersion(t);
      if (v.isPresent()) {
        b.hardwareVersion(v.getAsInt());
      }
    });

    // vmw:Config and vmw:ExtraConfig directly in the VirtualHardwareSection, in document order.
    List<Setting> settings = new ArrayList<>();
    Map<String, Setting> config = new HashMap<>();
    Map<String, Setting> extra = new HashMap<>();
    List<Setting> extraList = new ArrayList<>();
    for (XmlElement c : hw.children()) {
      if (!VMW_NAMESPACE.equals(c.namespace()) || !(c.is("Config") || c.is("ExtraConfig"))) {
        continue;
      }
      Optional<String> key = vmwAttr(c, "key");
      if (key.isEmpty() || key.get().isEmpty()) {
        continue;
      }
      Setting s = Setting.of(key.get(), vmwAttr(c, "value").orElse(""), c.line());
      settings.add(s);
      (c.is("Config") ? config : extra).putIfAbsent(key.get().toLowerCase(Locale.ROOT), s);
      if (c.is("ExtraConfig")) {
        extraList.add(s);
      }
    }
    b.addAllSettings(settings);

    Hardware h = new Hardware();
    Set<String> instanceIds = new HashSet<>();
    for (XmlElement item : hw.children()) {
      if (!isOvf(item) || !(item.is("Item") || item.is("StorageItem") || item.is("EthernetPortItem"))) {
        continue;
      }
      if (!inConfiguration(item)) {
        continue;
      }
      mapItem(item, h, instanceIds);
    }

    // CPU
    if (h.vcpus != null) {
      b.vcpus(h.vcpus);
    }
    Integer cores = h.coresPerSocket;
    if (cores == null) {
      Setting s = extra.get("cpuid.corespersocket");
      if (s != null) {
        cores = positiveInt(s.value()).orElseThrow(() -> invalidSetting(s, "a positive integer"));
      }
    }
    if (cores != null) {
      b.coresPerSocket(cores);
    }

    // Memory
    if (h.memoryMiB == null) {
      throw invalid(hw, "the VirtualSystem \"" + id.get() + "\" states no memory (no Item with ResourceType 4"
          + configuration.map(c -> " for the default configuration \"" + c + "\"").orElse("") + ")");
    }
    b.memoryMiB(h.memoryMiB);
    Long reservation = h.memoryReservationMiB;
    if (reservation == null) {
      Setting s = firstOf(config, "memoryAllocation.reservation");
      if (s == null) {
        s = extra.get("sched.mem.min");
      }
      if (s != null) {
        Setting at = s;
        reservation = nonNegativeLong(s.value()).orElseThrow(() -> invalidSetting(at, "a number of MB"));
      }
    }
    if (reservation != null) {
      b.memoryReservationMiB(reservation);
    }

    // Flags: the vmw:Config (API) key wins over the ExtraConfig (.vmx) key.
    bool(config, "memoryReservationLockedToMax", extra, "sched.mem.pin").ifPresent(b::memoryLockedToMax);
    bool(config, "nestedHVEnabled", extra, "vhv.enable").ifPresent(v -> b.nestedHv(TriState.of(v)));
    bool(config, "bootOptions.efiSecureBootEnabled", extra, "uefi.secureBoot.enabled").ifPresent(b::secureBoot);
    bool(config, "flags.vbsEnabled", extra, "vbs.enable").ifPresent(b::vbs);
    bool(config, "flags.vvtdEnabled", extra, "vvtd.enable").ifPresent(b::virtualIommu);
    bool(config, "vPMCEnabled", extra, "vpmc.enable").ifPresent(b::virtualPmc);
    Setting fw = firstOf(config, "firmware");
    if (fw == null) {
      fw = extra.get("firmware");
    }
    if (fw != null) {
      Setting at = fw;
      Firmware f = VmwareKeys.parseFirmware(fw.value()).orElseThrow(() -> invalidSetting(at, "efi or bios"));
      b.firmware(f);
    }
    for (Setting s : extraList) {
      if (VmwareKeys.isCpuidMaskKey(s.key())) {
        Optional<CpuidMask> mask = VmwareKeys.cpuidMask(s.key(), s.value());
        b.addCpuidMasks(mask.orElseThrow(() -> invalidSetting(s, "a 32-character CPUID mask")));
      }
    }

    b.addAllControllers(h.controllers);
    b.addAllDisks(h.disks);
    b.addAllNics(h.nics);
    b.addAllPeripherals(h.peripherals);
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new ExportParseException(SourceLocation.of(sourceName, vs.line()), Kind.INVALID_VALUE,
          "the VirtualSystem \"" + id.get() + "\" is not a valid VM: " + e.getMessage(), e);
    }
  }

  private static final class Hardware {
    Integer vcpus;
    Integer coresPerSocket;
    Long memoryMiB;
    Long memoryReservationMiB;
    final List<StorageController> controllers = new ArrayList<>();
    final List<Disk> disks = new ArrayList<>();
    final List<Nic> nics = new ArrayList<>();
    final List<Peripheral> peripherals = new ArrayList<>();
    boolean implicitController;
  }

  private static Setting firstOf(Map<String, Setting> map, String key) {
    return map.get(key.toLowerCase(Locale.ROOT));
  }

  private Optional<Boolean> bool(Map<String, Setting> config, String configKey, Map<String, Setting> extra,
      String extraKey) throws ExportParseException {
    Setting s = firstOf(config, configKey);
    if (s == null) {
      s = extra.get(extraKey.toLowerCase(Locale.ROOT));
    }
    if (s == null) {
      return Optional.empty();
    }
    Optional<Boolean> v = VmwareKeys.parseBoolean(s.value());
    if (v.isEmpty()) {
      throw invalidSetting(s, "true or false");
    }
    return v;
  }

  private ExportParseException invalidSetting(Setting s, String expected) {
    return new ExportParseException(SourceLocation.of(sourceName, s.line()), Kind.INVALID_VALUE,
        "the value of " + s.key() + " is \"" + abbreviate(s.value()) + "\", expected " + expected);
  }

  static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  /** The VirtualHardwareSection to read: the first whose VirtualSystemType names a vmx version, else the first. */
  static Optional<XmlElement> hardwareSection(XmlElement vs) {
    XmlElement first = null;
    for (XmlElement c : vs.children()) {
      if (!isOvf(c) || !c.is("VirtualHardwareSection")) {
        continue;
      }
      if (first == null) {
        first = c;
      }
      Optional<String> type = c.child("System").flatMap(s -> s.childText("VirtualSystemType"));
      if (type.isPresent() && VmwareKeys.hardwareVersion(type.get()).isPresent()) {
        return Optional.of(c);
      }
    }
    return Optional.ofNullable(first);
  }

  private static Optional<GuestOsId> guestOs(XmlElement vs) {
    for (XmlElement c : vs.children()) {
      if (!isOvf(c) || !c.is("OperatingSystemSection")) {
        continue;
      }
      Optional<String> osType = vmwAttr(c, "osType").map(String::strip).filter(s -> !s.isEmpty());
      if (osType.isPresent()) {
        return Optional.of(GuestOsId.of(osType.get()));
      }
      Optional<String> cimId = ovfAttr(c, "id").map(String::strip);
      if (cimId.isPresent() && cimId.get().matches("\\d{1,5}")) {
        String mapped = CIM_OS_TYPES.get(Integer.parseInt(cimId.get()));
        if (mapped != null) {
          return Optional.of(GuestOsId.of(mapped));
        }
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<String> vboxUuid(XmlElement vs) {
    for (XmlElement c : vs.children()) {
      if (VBOX_NAMESPACE.equals(c.namespace()) && c.is("Machine")) {
        Optional<String> uuid = c.attribute("", "uuid").map(String::strip);
        if (uuid.isPresent()) {
          String u = uuid.get();
          if (u.startsWith("{") && u.endsWith("}")) {
            u = u.substring(1, u.length() - 1);
          }
          if (!u.isBlank()) {
            return Optional.of(u);
          }
        }
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void mapItem(XmlElement item, Hardware h, Set<String> instanceIds) throws ExportParseException {
    Optional<XmlElement> rtElement = item.child("ResourceType");
    if (rtElement.isEmpty() || rtElement.get().trimmedText().isEmpty()) {
      // Without a ResourceType the Item describes nothing this model knows; ovftool skips such items too.
      return;
    }
    int rt = intValue(rtElement.get(), "ResourceType");
    Optional<XmlElement> idElement = item.child("InstanceID").or(() -> item.child("InstanceId"));
    String instanceId = idElement.map(XmlElement::trimmedText).orElse("");
    if (instanceId.isEmpty()) {
      throw invalid(item, "the " + item.localName() + " has no InstanceID");
    }
    if (!instanceIds.add(instanceId)) {
      throw invalid(idElement.get(), "the InstanceID " + abbreviate(instanceId) + " is used by more than one Item");
    }
    String subtype = firstToken(item.childText("ResourceSubType").orElse(""));
    Optional<String> rawSubtype = item.childText("ResourceSubType");

    switch (rt) {
      case RT_PROCESSOR: {
        if (h.vcpus == null) {
          XmlElement q = item.child("VirtualQuantity")
              .orElseThrow(() -> invalid(item, "the Processor Item has no VirtualQuantity"));
          h.vcpus = positiveInt(q.trimmedText())
              .orElseThrow(() -> invalid(q, "the number of virtual CPUs is \"" + abbreviate(q.trimmedText())
                  + "\", expected a positive integer"));
          Optional<XmlElement> cps = item.child("CoresPerSocket");
          Optional<String> cpsValue = cps.map(XmlElement::trimmedText).or(() -> vmwAttr(item, "CoresPerSocket"));
          if (cpsValue.isPresent()) {
            XmlElement at = cps.orElse(item);
            h.coresPerSocket = positiveInt(cpsValue.get())
                .orElseThrow(() -> invalid(at, "CoresPerSocket is \"" + abbreviate(cpsValue.get())
                    + "\", expected a positive integer"));
          }
        }
        break;
      }
      case RT_MEMORY: {
        if (h.memoryMiB == null) {
          XmlElement q = item.child("VirtualQuantity")
              .orElseThrow(() -> invalid(item, "the Memory Item has no VirtualQuantity"));
          BigInteger perUnit = memoryUnits(item);
          long mib = toMiB(q, perUnit, "memory size");
          if (mib < 1) {
            throw invalid(q, "the memory size is less than 1 MiB");
          }
          h.memoryMiB = mib;
          Optional<XmlElement> res = item.child("Reservation");
          if (res.isPresent() && !res.get().trimmedText().isEmpty()) {
            h.memoryReservationMiB = toMiB(res.get(), perUnit, "memory reservation");
          }
        }
        break;
      }
      case RT_IDE:
        h.controllers.add(controller(item, instanceId, ControllerType.IDE, rawSubtype));
        break;
      case RT_SCSI:
        h.controllers.add(controller(item, instanceId, scsiType(subtype), rawSubtype));
        break;
      case RT_FC:
      case RT_ISCSI:
        h.controllers.add(controller(item, instanceId, ControllerType.OTHER, rawSubtype));
        break;
      case RT_OTHER_STORAGE:
        h.controllers.add(controller(item, instanceId, otherStorageType(subtype), rawSubtype));
        break;
      case RT_DISK:
      case RT_LOGICAL_DISK:
        h.disks.add(disk(item, instanceId, h));
        break;
      case RT_ETHERNET:
        h.nics.add(nic(item, instanceId, subtype, rawSubtype));
        break;
      case RT_FLOPPY:
        h.peripherals.add(Peripheral.of(instanceId, PeripheralKind.FLOPPY));
        break;
      case RT_CD:
      case RT_DVD:
        h.peripherals.add(Peripheral.of(instanceId, PeripheralKind.CDROM));
        break;
      case RT_SERIAL:
        h.peripherals.add(Peripheral.of(instanceId, PeripheralKind.SERIAL));
        break;
      case RT_PARALLEL:
        h.peripherals.add(Peripheral.of(instanceId, PeripheralKind.PARALLEL));
        break;
      case RT_USB:
        h.peripherals.add(Peripheral.of(instanceId, PeripheralKind.USB));
        break;
      case RT_SOUND:
        h.peripherals.add(Peripheral.of(instanceId, PeripheralKind.SOUND));
        break;
      case RT_OTHER:
        // VMware writes some devices as "Other" with a telling subtype.
        if (subtype.toLowerCase(Locale.ROOT).startsWith("vmware.soundcard.")) {
          h.peripherals.add(Peripheral.of(instanceId, PeripheralKind.SOUND));
        }
        break;
      default:
        // graphics, VMCI, vTPM, PCI passthrough...: not part of the model
        break;
    }
  }

  private static String firstToken(String subtype) {
    // A ResourceSubType may list alternatives ("buslogic,lsilogic" or space separated): the first is preferred.
    String s = subtype.strip();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || Character.isWhitespace(c)) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  private BigInteger memoryUnits(XmlElement item) throws ExportParseException {
    Optional<XmlElement> unitsElement = item.child("AllocationUnits").or(() -> item.child("VirtualQuantityUnits"));
    if (unitsElement.isEmpty() || unitsElement.get().trimmedText().isEmpty()) {
      // VMware reads an unqualified memory quantity as MB (govmomi ToConfigSpec: MemoryMB = VirtualQuantity).
      return BigInteger.ONE.shiftLeft(20);
    }
    XmlElement u = unitsElement.get();
    return AllocationUnits.bytesPerUnit(u.trimmedText())
        .orElseThrow(() -> invalid(u, "the allocation units \"" + abbreviate(u.trimmedText())
            + "\" are not a recognised byte unit"));
  }

  private long toMiB(XmlElement q, BigInteger perUnit, String what) throws ExportParseException {
    BigInteger quantity = nonNegativeBig(q.trimmedText())
        .orElseThrow(() -> invalid(q, "the " + what + " is \"" + abbreviate(q.trimmedText())
            + "\", expected a non-negative integer"));
    return AllocationUnits.toMiB(quantity, perUnit)
        .orElseThrow(() -> invalid(q, "the " + what + " is too large"));
  }

  private StorageController controller(XmlElement item, String id, ControllerType type, Optional<String> raw)
      throws ExportParseException {
    StorageController.Builder c = StorageController.builder().id(id).type(type);
    raw.ifPresent(c::rawType);
    Optional<XmlElement> address = item.child("Address");
    if (address.isPresent() && !address.get().trimmedText().isEmpty()) {
      XmlElement a = address.get();
      c.busNumber(nonNegativeInt(a.trimmedText()).orElseThrow(() -> invalid(a, "the controller Address is \""
          + abbreviate(a.trimmedText()) + "\", expected a bus number")));
    }
    return c.build();
  }

  static ControllerType scsiType(String subtype) {
    switch (subtype.toLowerCase(Locale.ROOT)) {
      case "":
        return ControllerType.UNSPECIFIED;
      case "lsilogic":
        return ControllerType.LSI_LOGIC;
      case "lsilogicsas":
        return ControllerType.LSI_LOGIC_SAS;
      case "virtualscsi":
      case "pvscsi":
        return ControllerType.PVSCSI;
      case "buslogic":
        return ControllerType.BUSLOGIC;
      case "virtioscsi":
      case "virtio-scsi":
        return ControllerType.VIRTIO_SCSI;
      default:
        return ControllerType.OTHER;
    }
  }

  static ControllerType otherStorageType(String subtype) {
    switch (subtype.toLowerCase(Locale.ROOT)) {
      case "":
        return ControllerType.UNSPECIFIED;
      case "ahci":
      case "vmware.sata.ahci":
        return ControllerType.SATA_AHCI;
      case "nvme":
      case "vmware.nvme.controller":
        return ControllerType.NVME;
      default:
        return ControllerType.OTHER;
    }
  }

  static NicType nicType(String subtype) {
    switch (subtype.toLowerCase(Locale.ROOT)) {
      case "":
        return NicType.UNSPECIFIED;
      case "e1000":
        return NicType.E1000;
      case "e1000e":
        return NicType.E1000E;
      case "vmxnet3":
        return NicType.VMXNET3;
      case "vmxnet2":
        return NicType.VMXNET2;
      case "vmxnet":
        return NicType.VMXNET;
      case "pcnet32":
        return NicType.VLANCE;
      case "virtio":
      case "virtionet":
      case "virtio-net":
        return NicType.VIRTIO;
      case "rtl8139":
        return NicType.RTL8139;
      default:
        return NicType.OTHER;
    }
  }

  private Nic nic(XmlElement item, String id, String subtype, Optional<String> raw) {
    Nic.Builder n = Nic.builder().id(id).type(nicType(subtype));
    raw.ifPresent(n::rawType);
    item.childText("Connection").ifPresent(n::network);
    Optional<String> mac = item.childText("Address").flatMap(VmwareKeys::normalizeMac);
    if (mac.isPresent()) {
      n.macAddress(mac.get());
      // A MAC written into the descriptor is applied as a manual (static) address on import.
      n.addressType(MacAddressType.STATIC);
    }
    return n.build();
  }

  private Disk disk(XmlElement item, String id, Hardware h) throws ExportParseException {
    Disk.Builder d = Disk.builder().id(id);
    Optional<String> parent = item.childText("Parent");
    if (parent.isPresent()) {
      d.controllerId(parent.get());
    } else {
      if (!h.implicitController) {
        h.implicitController = true;
        h.controllers.add(StorageController.of(IMPLICIT_CONTROLLER, ControllerType.UNSPECIFIED));
      }
      d.controllerId(IMPLICIT_CONTROLLER);
    }
    Optional<XmlElement> aop = item.child("AddressOnParent");
    if (aop.isPresent() && !aop.get().trimmedText().isEmpty()) {
      XmlElement a = aop.get();
      d.unit(nonNegativeInt(a.trimmedText()).orElseThrow(() -> invalid(a, "AddressOnParent is \""
          + abbreviate(a.trimmedText()) + "\", expected a unit number")));
    }
    Optional<XmlElement> hostResource = item.child("HostResource");
    if (hostResource.isPresent() && !hostResource.get().trimmedText().isEmpty()) {
      XmlElement hr = hostResource.get();
      String ref = hr.trimmedText();
      Optional<String> diskRef = stripPrefix(ref, "disk");
      Optional<String> fileRef = stripPrefix(ref, "file");
      if (diskRef.isPresent()) {
        XmlElement disk = disksById.get(diskRef.get());
        if (disk == null) {
          throw invalid(hr, "HostResource refers to the disk \"" + abbreviate(diskRef.get())
              + "\", which the DiskSection does not declare");
        }
        capacityOf(disk).ifPresent(d::capacityMiB);
        ovfAttr(disk, "fileRef").map(fileHrefs::get).ifPresent(d::fileName);
      } else if (fileRef.isPresent()) {
        Optional.ofNullable(fileHrefs.get(fileRef.get())).ifPresent(d::fileName);
      }
    } else {
      // An OVF 2 StorageItem (Logical Disk) may state its size itself.
      Optional<XmlElement> q = item.child("VirtualQuantity");
      if (q.isPresent() && !q.get().trimmedText().isEmpty()) {
        Optional<XmlElement> units = item.child("AllocationUnits").or(() -> item.child("VirtualQuantityUnits"));
        BigInteger perUnit = BigInteger.ONE;
        if (units.isPresent() && !units.get().trimmedText().isEmpty()) {
          XmlElement u = units.get();
          perUnit = AllocationUnits.bytesPerUnit(u.trimmedText())
              .orElseThrow(() -> invalid(u, "the allocation units \"" + abbreviate(u.trimmedText())
                  + "\" are not a recognised byte unit"));
        }
        d.capacityMiB(toMiB(q.get(), perUnit, "disk size"));
      }
    }
    return d.build();
  }

  /** {@code ovf:/disk/ID} or {@code /disk/ID} to {@code ID}; empty for other references. */
  private static Optional<String> stripPrefix(String ref, String kind) {
    for (String prefix : new String[] {"ovf:/" + kind + "/", "/" + kind + "/"}) {
      if (ref.startsWith(prefix) && ref.length() > prefix.length()) {
        return Optional.of(ref.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  /**
   * The capacity of a DiskSection Disk in MiB. A {@code ${property}} capacity is resolved from the default value
   * of the ProductSection property; when it has none the capacity is unknown.
   */
  private Optional<Long> capacityOf(XmlElement disk) throws ExportParseException {
    Optional<String> cap = ovfAttr(disk, "capacity").map(String::strip);
    if (cap.isEmpty() || cap.get().isEmpty()) {
      return Optional.empty();
    }
    String value = cap.get();
    if (value.startsWith("${") && value.endsWith("}")) {
      String resolved = properties.get(value.substring(2, value.length() - 1).strip());
      if (resolved == null) {
        return Optional.empty();
      }
      value = resolved.strip();
    }
    String v = value;
    BigInteger quantity = nonNegativeBig(v).orElseThrow(() -> invalid(disk, "the disk capacity is \""
        + abbreviate(v) + "\", expected a non-negative integer"));
    String units = ovfAttr(disk, "capacityAllocationUnits").map(String::strip).orElse("");
    BigInteger perUnit = units.isEmpty() ? BigInteger.ONE : AllocationUnits.bytesPerUnit(units)
        .orElseThrow(() -> invalid(disk, "the capacity allocation units \"" + abbreviate(units)
            + "\" are not a recognised byte unit"));
    return Optional.of(AllocationUnits.toMiB(quantity, perUnit)
        .orElseThrow(() -> invalid(disk, "the disk capacity is too large")));
  }

  // ---------------------------------------------------------------------------------------------------------------

  private int intValue(XmlElement e, String what) throws ExportParseException {
    return nonNegativeInt(e.trimmedText()).orElseThrow(() -> invalid(e, what + " is \""
        + abbreviate(e.trimmedText()) + "\", expected a non-negative integer"));
  }

  static Optional<BigInteger> nonNegativeBig(String s) {
    String t = s.strip();
    if (t.startsWith("+")) {
      t = t.substring(1);
    }
    if (t.isEmpty() || t.length() > 30 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(new BigInteger(t));
  }

  static Optional<Long> nonNegativeLong(String s) {
    return nonNegativeBig(s).filter(v -> v.bitLength() < 63).map(BigInteger::longValue);
  }

  static Optional<Integer> nonNegativeInt(String s) {
    return nonNegativeBig(s).filter(v -> v.bitLength() < 31).map(BigInteger::intValue);
  }

  static Optional<Integer> positiveInt(String s) {
    return nonNegativeInt(s).filter(v -> v > 0);
  }
}
