package io.nestcheck.core.internal.libvirt;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Maps a parsed libvirt {@code <domain>} to the model; see {@link LibvirtReader} for the contract. */
final class LibvirtMapper {
  private static final Set<String> X86_ARCHES = Set.of("x86_64", "i686", "i586", "i486", "i386", "x86");
  private static final Set<String> ENABLING_POLICIES = Set.of("require", "force", "optional");
  private static final Set<String> DISABLING_POLICIES = Set.of("disable", "forbid");

  private final XmlElement domain;
  private final String sourceName;
  private final List<Setting> settings = new ArrayList<>();

  private LibvirtMapper(XmlElement domain, String sourceName) {
    this.domain = domain;
    this.sourceName = sourceName;
  }

  static VmConfiguration map(XmlElement root, String sourceName) throws ExportParseException {
    if (!root.is("domain") || !root.namespace().isEmpty()) {
      throw new ExportParseException(SourceLocation.of(sourceName, root.line()), Kind.UNSUPPORTED_FORMAT,
          "the root element is <" + root.localName() + ">, not a libvirt <domain>");
    }
    return new LibvirtMapper(root, sourceName).map();
  }

  private ExportParseException invalid(XmlElement at, String reason) {
    return new ExportParseException(SourceLocation.of(sourceName, at.line(), at.column()), Kind.INVALID_VALUE,
        reason);
  }

  private void setting(String key, String value, XmlElement at) {
    settings.add(Setting.of(key, value, at.line()));
  }

  private VmConfiguration map() throws ExportParseException {
    VmConfiguration.Builder b = VmConfiguration.builder().source(sourceName);
    domain.attribute("", "type").ifPresent(t -> setting("domain.type", t, domain));
    b.name(domain.childText("name").orElse(fileName(sourceName)));
    domain.childText("uuid").ifPresent(b::uuid);
    domain.child("metadata").flatMap(m -> m.child("libosinfo")).flatMap(l -> l.child("os"))
        .ifPresent(os -> os.attribute("", "id").ifPresent(id -> setting("metadata.libosinfo.os", id, os)));

    memory(b);
    Optional<XmlElement> vcpu = domain.child("vcpu");
    Integer vcpus = null;
    if (vcpu.isPresent()) {
      XmlElement v = vcpu.get();
      setting("vcpu", v.trimmedText(), v);
      vcpus = positiveInt(v.trimmedText()).orElseThrow(() -> invalid(v, "<vcpu> is \""
          + abbreviate(v.trimmedText()) + "\", expected a positive number of virtual CPUs"));
      Optional<String> current = v.attribute("", "current");
      if (current.isPresent()) {
        setting("vcpu.current", current.get(), v);
      }
    }

    XmlElement os = domain.child("os").orElse(null);
    String arch = null;
    if (os != null) {
      Optional<XmlElement> type = os.child("type");
      if (type.isPresent()) {
        arch = type.get().attribute("", "arch").orElse(null);
        type.get().attribute("", "arch").ifPresent(a -> setting("os.type.arch", a, type.get()));
        type.get().attribute("", "machine").ifPresent(m -> setting("os.type.machine", m, type.get()));
      }
    }

    OptionalInt topologyVcpus = cpu(b, arch);
    if (vcpus == null && topologyVcpus.isPresent()) {
      vcpus = topologyVcpus.getAsInt();
    }
    if (vcpus != null) {
      b.vcpus(vcpus);
    }
    firmware(b, os);
    features();
    memoryBacking(b);
    devices(b);
    b.addAllSettings(settings);
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new ExportParseException(SourceLocation.of(sourceName, domain.line()), Kind.INVALID_VALUE,
          "the domain is not a valid VM: " + e.getMessage(), e);
    }
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    String n = slash >= 0 ? path.substring(slash + 1) : path;
    return n.isEmpty() ? path : n;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void memory(VmConfiguration.Builder b) throws ExportParseException {
    Optional<XmlElement> memory = domain.child("memory");
    Optional<XmlElement> current = domain.child("currentMemory");
    for (XmlElement m : new XmlElement[] {memory.orElse(null), current.orElse(null)}) {
      if (m != null) {
        setting(m.localName(), m.trimmedText() + " " + m.attribute("", "unit").orElse("KiB"), m);
      }
    }
    XmlElement m = memory.or(() -> current)
        .orElseThrow(() -> invalid(domain, "the domain has no <memory> element, so its memory is not stated"));
    long mib = toMiB(m);
    if (mib < 1) {
      throw invalid(m, "the memory size is less than 1 MiB");
    }
    b.memoryMiB(mib);
  }

  private long toMiB(XmlElement m) throws ExportParseException {
    String unit = m.attribute("", "unit").orElse(null);
    BigInteger perUnit = LibvirtUnits.bytesPerUnit(unit, 1024)
        .orElseThrow(() -> invalid(m, "the unit \"" + abbreviate(unit) + "\" is not a libvirt size unit"));
    String text = m.trimmedText();
    if (text.isEmpty() || text.length() > 30 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(m, "<" + m.localName() + "> is \"" + abbreviate(text) + "\", expected a non-negative integer");
    }
    BigInteger mib = new BigInteger(text).multiply(perUnit).shiftRight(20);
    if (mib.bitLength() > 62) {
      throw invalid(m, "<" + m.localName() + "> is too large");
    }
    return mib.longValue();
  }

  /** Maps {@code <cpu>}; returns the vCPU count its topology implies, if it has one. */
  private OptionalInt cpu(VmConfiguration.Builder b, String arch) throws ExportParseException {
    Optional<XmlElement> cpuElement = domain.child("cpu");
    boolean x86 = arch == null || X86_ARCHES.contains(arch.toLowerCase(Locale.ROOT));
    if (cpuElement.isEmpty()) {
      b.cpuMode(CpuMode.UNSPECIFIED);
      // No <cpu>: QEMU's default model (qemu64) has no VMX/SVM (domain-facts section 4).
      b.nestedHv(x86 ? TriState.NO : TriState.UNKNOWN);
      return OptionalInt.empty();
    }
    XmlElement cpu = cpuElement.get();
    Optional<String> modeAttr = cpu.attribute("", "mode");
    // The effective mode, so that a finding about the CPU can point at the <cpu> line even without the attribute.
    setting("cpu.mode", modeAttr.orElse("custom"), cpu);
    CpuMode mode;
    switch (modeAttr.map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("custom")) {
      case "host-passthrough":
        mode = CpuMode.HOST_PASSTHROUGH;
        break;
      case "host-model":
        mode = CpuMode.HOST_MODEL;
        break;
      case "maximum":
        mode = CpuMode.MAXIMUM;
        break;
      case "custom":
        // libvirt's default mode when <cpu> has none (formatdomain.html, "CPU model and topology").
        mode = CpuMode.CUSTOM;
        break;
      default:
        throw invalid(cpu, "<cpu mode> is \"" + abbreviate(modeAttr.orElse("")) + "\", expected host-passthrough,"
            + " host-model, maximum or custom");
    }
    b.cpuMode(mode);
    cpu.child("model").ifPresent(m -> {
      if (!m.trimmedText().isEmpty()) {
        setting("cpu.model", m.trimmedText(), m);
      }
    });

    OptionalInt topologyVcpus = OptionalInt.empty();
    Optional<XmlElement> topology = cpu.child("topology");
    if (topology.isPresent()) {
      XmlElement t = topology.get();
      long product = 1;
      for (String attr : new String[] {"sockets", "dies", "clusters", "cores", "threads"}) {
        Optional<String> v = t.attribute("", attr);
        if (v.isEmpty()) {
          continue;
        }
        setting("cpu.topology." + attr, v.get(), t);
        int n = positiveInt(v.get()).orElseThrow(() -> invalid(t, "<topology " + attr + "> is \""
            + abbreviate(v.get()) + "\", expected a positive integer"));
        product *= n;
        if (attr.equals("cores")) {
          b.coresPerSocket(n);
        }
      }
      if (product <= Integer.MAX_VALUE) {
        topologyVcpus = OptionalInt.of((int) product);
      }
    }

    Set<String> enabling = new HashSet<>();
    Set<String> disabling = new HashSet<>();
    for (XmlElement f : cpu.children("feature")) {
      Optional<String> name = f.attribute("", "name");
      if (name.isEmpty()) {
        continue;
      }
      // libvirt's default policy is "require".
      String policy = f.attribute("", "policy").orElse("require").strip().toLowerCase(Locale.ROOT);
      setting("cpu.feature." + name.get(), policy, f);
      String n = name.get().strip().toLowerCase(Locale.ROOT);
      if (n.equals("vmx") || n.equals("svm")) {
        if (ENABLING_POLICIES.contains(policy)) {
          enabling.add(n);
        } else if (DISABLING_POLICIES.contains(policy)) {
          disabling.add(n);
        }
      }
    }

    TriState nested;
    if (!x86) {
      // VMX/SVM are x86 features; whether another architecture nests is not decided by this file.
      nested = TriState.UNKNOWN;
    } else if (!enabling.isEmpty()) {
      nested = TriState.YES;
    } else if (!disabling.isEmpty()) {
      nested = TriState.NO;
    } else if (mode == CpuMode.CUSTOM) {
      // A named model without an explicit vmx/svm feature: QEMU's models do not add them.
      nested = TriState.NO;
    } else {
      // host-passthrough, host-model and maximum pass VMX/SVM through when the host has them.
      nested = TriState.YES;
    }
    b.nestedHv(nested);
    return topologyVcpus;
  }

  private void firmware(VmConfiguration.Builder b, XmlElement os) {
    if (os == null) {
      return;
    }
    Optional<String> fwAttr = os.attribute("", "firmware");
    fwAttr.ifPresent(f -> setting("os.firmware", f, os));
    boolean efi = fwAttr.map(f -> f.strip().equalsIgnoreCase("efi")).orElse(false);
    boolean bios = fwAttr.map(f -> f.strip().equalsIgnoreCase("bios")).orElse(false);
    Boolean loaderSecure = null;
    Optional<XmlElement> loader = os.child("loader");
    if (loader.isPresent()) {
      XmlElement l = loader.get();
      if (!l.trimmedText().isEmpty()) {
        setting("os.loader", l.trimmedText(), l);
      }
      Optional<String> type = l.attribute("", "type");
      type.ifPresent(t -> setting("os.loader.type", t, l));
      Optional<String> secure = l.attribute("", "secure");
      secure.ifPresent(s -> setting("os.loader.secure", s, l));
      loaderSecure = secure.map(s -> s.strip().equalsIgnoreCase("yes")).orElse(null);
      String path = l.trimmedText().toLowerCase(Locale.ROOT);
      boolean pflash = type.map(t -> t.strip().equalsIgnoreCase("pflash")).orElse(false);
      if (!bios && (pflash || path.contains("ovmf") || path.contains("edk2") || path.contains("aavmf")
          || path.contains("qemu_efi"))) {
        efi = true;
      }
    }
    Boolean secureBootFeature = null;
    Boolean enrolledKeys = null;
    Optional<XmlElement> fwElement = os.child("firmware");
    if (fwElement.isPresent()) {
      for (XmlElement f : fwElement.get().children("feature")) {
        Optional<String> name = f.attribute("", "name");
        Optional<String> enabled = f.attribute("", "enabled");
        if (name.isEmpty() || enabled.isEmpty()) {
          continue;
        }
        setting("os.firmware.feature." + name.get(), enabled.get(), f);
        boolean yes = enabled.get().strip().equalsIgnoreCase("yes");
        if (name.get().equals("secure-boot")) {
          secureBootFeature = yes;
        } else if (name.get().equals("enrolled-keys")) {
          enrolledKeys = yes;
        }
      }
    }
    b.firmware(efi ? Firmware.EFI : Firmware.BIOS);
    // <loader secure='yes'> and the secure-boot feature mean the firmware implements Secure Boot; it is enforced
    // only with keys enrolled. enrolled-keys is "valid only for firmwares with Secure Boot" (formatdomain.html),
    // so enrolled-keys=yes implies Secure Boot on; enrolled-keys=no means it boots unsigned code.
    boolean secure;
    if (Boolean.TRUE.equals(enrolledKeys)) {
      secure = true;
    } else if (Boolean.FALSE.equals(enrolledKeys)) {
      secure = false;
    } else {
      secure = Boolean.TRUE.equals(loaderSecure) || Boolean.TRUE.equals(secureBootFeature);
    }
    b.secureBoot(efi && secure);
  }

  private void features() {
    Optional<XmlElement> features = domain.child("features");
    if (features.isEmpty()) {
      return;
    }
    for (XmlElement f : features.get().children()) {
      String key = "features." + f.localName();
      setting(key, f.attribute("", "state").or(() -> f.attribute("", "mode")).orElse("on"), f);
      for (XmlElement g : f.children()) {
        Optional<String> v = g.attribute("", "state").or(() -> g.attribute("", "value"));
        if (v.isPresent()) {
          setting(key + "." + g.localName(), v.get(), g);
        }
      }
    }
  }

  private void memoryBacking(VmConfiguration.Builder b) {
    Optional<XmlElement> mb = domain.child("memoryBacking");
    if (mb.isEmpty()) {
      return;
    }
    for (XmlElement c : mb.get().children()) {
      setting("memoryBacking." + c.localName(), "yes", c);
      if (c.is("locked")) {
        // Locked guest memory stays resident: the libvirt counterpart of a reservation locked to the maximum.
        // memoryReservationMiB keeps what the file states (nothing), as for the other readers.
        b.memoryLockedToMax(true);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void devices(VmConfiguration.Builder b) throws ExportParseException {
    Optional<XmlElement> devicesElement = domain.child("devices");
    if (devicesElement.isEmpty()) {
      return;
    }
    XmlElement devices = devicesElement.get();
    Map<String, StorageController> declared = new LinkedHashMap<>();
    Map<String, StorageController> implied = new LinkedHashMap<>();
    List<Disk> disks = new ArrayList<>();
    List<Nic> nics = new ArrayList<>();
    List<Peripheral> peripherals = new ArrayList<>();
    Set<String> usbIndexes = new HashSet<>();
    int diskIndex = 0;
    int nicIndex = 0;
    int soundIndex = 0;
    int serialIndex = 0;
    int parallelIndex = 0;
    for (XmlElement d : devices.children()) {
      switch (d.localName()) {
        case "disk": {
          String device = d.attribute("", "device").orElse("disk").strip().toLowerCase(Locale.ROOT);
          Optional<XmlElement> target = d.child("target");
          String dev = target.flatMap(t -> t.attribute("", "dev")).map(String::strip).orElse("");
          String id = !dev.isEmpty() ? dev : alias(d).orElse("disk" + diskIndex);
          diskIndex++;
          if (device.equals("cdrom")) {
            peripherals.add(Peripheral.of(id, PeripheralKind.CDROM));
          } else if (device.equals("floppy")) {
            peripherals.add(Peripheral.of(id, PeripheralKind.FLOPPY));
          } else if (device.equals("disk") || device.equals("lun")) {
            disks.add(disk(d, id, dev, target, declared, implied));
          }
          break;
        }
        case "controller": {
          String type = d.attribute("", "type").orElse("").strip().toLowerCase(Locale.ROOT);
          String index = d.attribute("", "index").orElse("0").strip();
          int bus = nonNegativeInt(index).orElseThrow(() -> invalid(d, "<controller index> is \""
              + abbreviate(index) + "\", expected a non-negative integer"));
          Optional<String> model = d.attribute("", "model").map(String::strip);
          if (type.equals("usb")) {
            if (!model.map(m -> m.equalsIgnoreCase("none")).orElse(false) && usbIndexes.add(index)) {
              peripherals.add(Peripheral.of("usb" + bus, PeripheralKind.USB));
            }
          } else if (type.equals("scsi") || type.equals("sata") || type.equals("ide") || type.equals("nvme")) {
            String id = type + bus;
            StorageController.Builder c = StorageController.builder().id(id).busNumber(bus)
                .type(controllerType(type, model.orElse("")));
            model.ifPresent(c::rawType);
            declared.putIfAbsent(id, c.build());
          }
          break;
        }
        case "interface":
          nics.add(nic(d, nicIndex++));
          break;
        case "sound":
          peripherals.add(Peripheral.of(alias(d).orElse("sound" + soundIndex), PeripheralKind.SOUND));
          soundIndex++;
          break;
        case "serial":
          peripherals.add(Peripheral.of(alias(d).orElse("serial" + serialIndex), PeripheralKind.SERIAL));
          serialIndex++;
          break;
        case "parallel":
          peripherals.add(Peripheral.of(alias(d).orElse("parallel" + parallelIndex), PeripheralKind.PARALLEL));
          parallelIndex++;
          break;
        case "iommu":
          b.virtualIommu(true);
          setting("iommu.model", d.attribute("", "model").orElse(""), d);
          break;
        default:
          break;
      }
    }
    List<StorageController> controllers = new ArrayList<>(declared.values());
    for (StorageController c : implied.values()) {
      if (!declared.containsKey(c.id())) {
        controllers.add(c);
      }
    }
    b.addAllControllers(controllers);
    b.addAllDisks(disks);
    b.addAllNics(nics);
    b.addAllPeripherals(peripherals);
  }

  private static Optional<String> alias(XmlElement d) {
    return d.child("alias").flatMap(a -> a.attribute("", "name")).map(String::strip).filter(s -> !s.isEmpty());
  }

  static ControllerType controllerType(String type, String model) {
    switch (type) {
      case "sata":
        return ControllerType.SATA_AHCI;
      case "ide":
        return ControllerType.IDE;
      case "nvme":
        return ControllerType.NVME;
      case "virtio":
        return ControllerType.VIRTIO_BLK;
      case "scsi":
        switch (model.toLowerCase(Locale.ROOT)) {
          case "":
          case "auto":
            return ControllerType.UNSPECIFIED;
          case "virtio-scsi":
          case "virtio-transitional":
          case "virtio-non-transitional":
            return ControllerType.VIRTIO_SCSI;
          case "lsilogic":
            return ControllerType.LSI_LOGIC;
          case "lsisas1068":
            return ControllerType.LSI_LOGIC_SAS;
          case "vmpvscsi":
            return ControllerType.PVSCSI;
          case "buslogic":
            return ControllerType.BUSLOGIC;
          default:
            return ControllerType.OTHER;
        }
      default:
        return ControllerType.OTHER;
    }
  }

  /** The bus libvirt infers from a target device name when {@code bus} is absent. */
  private static String busFromDev(String dev) {
    if (dev.startsWith("xvd")) {
      return "xen";
    }
    if (dev.startsWith("ubd")) {
      return "uml";
    }
    if (dev.startsWith("hd")) {
      return "ide";
    }
    if (dev.startsWith("sd")) {
      return "scsi";
    }
    if (dev.startsWith("vd")) {
      return "virtio";
    }
    if (dev.startsWith("fd")) {
      return "fdc";
    }
    return "";
  }

  /** The index a device name encodes: {@code sda} 0, {@code sdb} 1, {@code sdaa} 26 (libvirt's virDiskNameToIndex). */
  private static int devIndex(String dev) {
    int i = 0;
    while (i < dev.length() && dev.charAt(i) >= 'a' && dev.charAt(i) <= 'z') {
      i++;
    }
    String letters = dev.substring(0, i);
    String prefix;
    if (letters.startsWith("xvd") || letters.startsWith("ubd")) {
      prefix = letters.substring(0, 3);
    } else if (letters.startsWith("hd") || letters.startsWith("sd") || letters.startsWith("vd")
        || letters.startsWith("fd")) {
      prefix = letters.substring(0, 2);
    } else {
      return 0;
    }
    String suffix = letters.substring(prefix.length());
    if (suffix.isEmpty() || suffix.length() > 4) {
      return 0;
    }
    int idx = 0;
    for (int k = 0; k < suffix.length(); k++) {
      idx = (idx + (k > 0 ? 1 : 0)) * 26 + (suffix.charAt(k) - 'a');
    }
    return idx;
  }

  private Disk disk(XmlElement d, String id, String dev, Optional<XmlElement> target,
      Map<String, StorageController> declared, Map<String, StorageController> implied)
      throws ExportParseException {
    String bus = target.flatMap(t -> t.attribute("", "bus")).map(s -> s.strip().toLowerCase(Locale.ROOT))
        .orElse(busFromDev(dev));
    Optional<XmlElement> drive = d.children("address").stream()
        .filter(a -> a.attribute("", "type").map(t -> t.equals("drive")).orElse(false))
        .findFirst();
    int index = devIndex(dev);
    int controller;
    int unit;
    if (drive.isPresent()) {
      XmlElement a = drive.get();
      controller = attrInt(a, "controller");
      int unitAttr = attrInt(a, "unit");
      unit = bus.equals("ide") ? attrInt(a, "bus") * 2 + unitAttr : unitAttr;
    } else {
      // libvirt's default drive addresses (virDomainDiskDefAssignAddress): 7 units per SCSI controller, 6 ports
      // per SATA controller, 2 buses of 2 units per IDE controller.
      switch (bus) {
        case "scsi":
          controller = index / 7;
          unit = index % 7;
          break;
        case "sata":
          controller = index / 6;
          unit = index % 6;
          break;
        case "ide":
          controller = index / 4;
          unit = index % 4;
          break;
        default:
          controller = 0;
          unit = index;
          break;
      }
    }
    String controllerId;
    ControllerType impliedType;
    switch (bus) {
      case "virtio":
        controllerId = "virtio";
        impliedType = ControllerType.VIRTIO_BLK;
        break;
      case "scsi":
      case "sata":
      case "ide":
      case "nvme":
        controllerId = bus + controller;
        impliedType = controllerType(bus, "");
        break;
      case "usb":
        controllerId = "usb-storage";
        impliedType = ControllerType.OTHER;
        break;
      case "":
        controllerId = "unknown-bus";
        impliedType = ControllerType.UNSPECIFIED;
        break;
      default:
        controllerId = bus;
        impliedType = ControllerType.OTHER;
        break;
    }
    if (!declared.containsKey(controllerId) && !implied.containsKey(controllerId)) {
      StorageController.Builder c = StorageController.builder().id(controllerId).type(impliedType)
          .busNumber(controllerId.equals(bus + controller) ? controller : 0);
      if (impliedType == ControllerType.OTHER) {
        c.rawType(bus);
      }
      implied.put(controllerId, c.build());
    }
    Disk.Builder disk = Disk.builder().id(id).controllerId(controllerId).unit(unit);
    d.child("source").flatMap(LibvirtMapper::sourcePath).ifPresent(disk::fileName);
    return disk.build();
  }

  private static Optional<String> sourcePath(XmlElement source) {
    for (String attr : new String[] {"file", "dev", "name"}) {
      Optional<String> v = source.attribute("", attr).filter(s -> !s.isBlank());
      if (v.isPresent()) {
        return v;
      }
    }
    Optional<String> pool = source.attribute("", "pool");
    Optional<String> volume = source.attribute("", "volume");
    if (pool.isPresent() && volume.isPresent()) {
      return Optional.of(pool.get() + "/" + volume.get());
    }
    return Optional.empty();
  }

  private int attrInt(XmlElement a, String name) throws ExportParseException {
    Optional<String> v = a.attribute("", name);
    if (v.isEmpty()) {
      return 0;
    }
    return nonNegativeInt(v.get()).orElseThrow(() -> invalid(a, "<address " + name + "> is \""
        + abbreviate(v.get()) + "\", expected a non-negative integer"));
  }

  private Nic nic(XmlElement d, int index) {
    String id = alias(d)
        .or(() -> d.child("target").flatMap(t -> t.attribute("", "dev")).filter(s -> !s.isBlank()))
        .orElse("net" + index);
    Optional<String> model = d.child("model").flatMap(m -> m.attribute("", "type")).map(String::strip)
        .filter(s -> !s.isEmpty());
    Nic.Builder n = Nic.builder().id(id).type(nicType(model.orElse("")));
    model.ifPresent(n::rawType);
    d.child("source").flatMap(s -> s.attribute("", "bridge")
        .or(() -> s.attribute("", "network"))
        .or(() -> s.attribute("", "dev"))
        .or(() -> s.attribute("", "name")))
        .filter(s -> !s.isBlank())
        .ifPresent(n::network);
    d.child("mac").flatMap(m -> m.attribute("", "address")).map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty())
        .ifPresent(n::macAddress);
    return n.build();
  }

  static NicType nicType(String model) {
    switch (model.toLowerCase(Locale.ROOT)) {
      case "":
        return NicType.UNSPECIFIED;
      case "virtio":
      case "virtio-transitional":
      case "virtio-non-transitional":
      case "virtio-net-pci":
        return NicType.VIRTIO;
      case "e1000":
        return NicType.E1000;
      case "e1000e":
        return NicType.E1000E;
      case "rtl8139":
        return NicType.RTL8139;
      case "vmxnet3":
        return NicType.VMXNET3;
      case "pcnet":
        return NicType.VLANCE;
      default:
        return NicType.OTHER;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static Optional<Integer> nonNegativeInt(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(t));
  }

  private static Optional<Integer> positiveInt(String s) {
    return nonNegativeInt(s).filter(v -> v > 0);
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
