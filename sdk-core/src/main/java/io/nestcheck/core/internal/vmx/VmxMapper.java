package io.nestcheck.core.internal.vmx;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a parsed {@link VmxDocument} to one {@link VmConfiguration}; the mapping rules are listed on
 * {@link VmxReader}. Stateless.
 */
final class VmxMapper {
  static final Pattern CPUID_KEY = Pattern.compile("cpuid\\.(0x)?([0-9a-f]{1,8})\\.(eax|ebx|ecx|edx)");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{?[^}]*}}?|\\$\\{?[A-Za-z_][A-Za-z0-9_.]*}?|(?i)^x{3,}$");

  private VmxMapper() {}

  /** A {@code .present} entry that names a device, and what it names. */
  private record Present(VmxEntry entry, VmxPresentKey key) {}

  /** A device found by its {@code .present} key, ordered by the line of that key. */
  private record Found<T>(int line, T value) {}

  /** Keys are looked up in lower case (lookups ignore case; an all-lower-case key is not copied to lower it). */
  static VmConfiguration map(VmxDocument doc, String source) throws ExportParseException {
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name(name(doc, source));
    b.source(source);
    String uuid = stripped(doc, "uuid.bios", "");
    if (uuid != null) {
      b.uuid(uuid);
    }
    OptionalIntValue hw = positiveInt(doc, "virtualhw.version", 0);
    if (hw.present) {
      b.hardwareVersion(hw.value);
    }
    String guest = stripped(doc, "guestos", "");
    if (guest != null) {
      b.guestOs(GuestOsId.of(guest));
    }
    b.firmware(firmware(doc));
    b.secureBoot(bool(doc, "uefi.secureboot.enabled").orElse(false));
    int vcpus = positiveInt(doc, "numvcpus", 1).value;
    int cores = positiveInt(doc, "cpuid.corespersocket", 1).value;
    b.vcpus(vcpus).coresPerSocket(cores);
    b.memoryMiB(positiveInt(doc, "memsize", 32).value);
    b.memoryReservationMiB(reservation(doc));
    b.memoryLockedToMax(bool(doc, "sched.mem.pin").orElse(false));
    b.nestedHv(firstBool(doc, "vhv.enable", "nestedhvenabled").map(TriState::of).orElse(TriState.UNKNOWN));
    b.virtualIommu(firstBool(doc, "vvtd.enable", "flags.vvtdenabled").orElse(false));
    b.virtualPmc(bool(doc, "vpmc.enable").orElse(false));
    b.vbs(firstBool(doc, "flags.vbsenabled", "vbs.enable").orElse(false));
    b.cpuidMasks(cpuidMasks(doc));
    devices(doc, b);
    List<VmxEntry> entries = doc.entries();
    List<Setting> settings = new ArrayList<>(entries.size());
    for (int i = 0, n = entries.size(); i < n; i++) { // no iterator: the CLI's C1 code allocates each one
      VmxEntry e = entries.get(i);
      settings.add(Setting.of(e.key(), e.value(), e.line()));
    }
    b.settings(settings);
    b.inlineSuppressions(VmxSuppressions.parse(doc));
    return b.build();
  }

  // ------------------------------------------------------------------------------------------ scalars

  static String name(VmxDocument doc, String source) {
    String display = stripped(doc, "displayname", "");
    if (display != null) {
      return display;
    }
    String file = source.replace('\\', '/');
    file = file.substring(file.lastIndexOf('/') + 1);
    int dot = file.lastIndexOf('.');
    String stem = dot > 0 ? file.substring(0, dot) : file;
    if (!stem.isBlank()) {
      return stem;
    }
    return source.isBlank() ? "vm" : source;
  }

  // Lookups of lower-case keys (the reader's own names, and device prefixes taken from lower-case keys) in two parts,
  // so that "ethernet0" and ".virtualdev" are looked up without concatenating them (VmxDocument.valueOrNull).

  /** The value of {@code prefix + suffix} without surrounding white space; {@code null} when absent or blank. */
  private static String stripped(VmxDocument doc, String prefix, String suffix) {
    String v = doc.valueOrNull(prefix, suffix);
    if (v == null) {
      return null;
    }
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  /** The value of {@code prefix + suffix} as written; {@code null} when absent or blank. */
  private static String unlessBlank(VmxDocument doc, String prefix, String suffix) {
    String v = doc.valueOrNull(prefix, suffix);
    return v == null || v.isBlank() ? null : v;
  }

  /** The value of {@code prefix + suffix} stripped and in lower case; empty when absent. */
  private static String strippedLowerCase(VmxDocument doc, String prefix, String suffix) {
    String v = doc.valueOrNull(prefix, suffix);
    return v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
  }

  private static Firmware firmware(VmxDocument doc) throws ExportParseException {
    Optional<VmxEntry> e = doc.entry("firmware");
    if (e.isEmpty()) {
      return Firmware.BIOS;
    }
    String v = e.get().value().strip().toLowerCase(Locale.ROOT);
    if (v.equals("efi")) {
      return Firmware.EFI;
    }
    if (v.equals("bios")) {
      return Firmware.BIOS;
    }
    throw invalid(doc, e.get(), "firmware must be \"efi\" or \"bios\" (absent means BIOS), found \""
        + shorten(e.get().value()) + "\"");
  }

  private static long reservation(VmxDocument doc) throws ExportParseException {
    String key = doc.contains("sched.mem.min") ? "sched.mem.min" : "sched.mem.minsize";
    Optional<VmxEntry> e = doc.entry(key);
    if (e.isEmpty()) {
      return 0;
    }
    IntValue v = doc.intValue(key);
    if (v.status() != IntValue.Status.PRESENT || v.value().getAsInt() < 0) {
      throw invalid(doc, e.get(), notNumber(e.get(), "a memory reservation in MB (0 or more)"));
    }
    return v.value().getAsInt();
  }

  /** A tiny holder: whether the key was present, and the value (or the default). */
  private record OptionalIntValue(boolean present, int value) {}

  private static OptionalIntValue positiveInt(VmxDocument doc, String key, int whenAbsent)
      throws ExportParseException {
    Optional<VmxEntry> e = doc.entry(key);
    if (e.isEmpty()) {
      return new OptionalIntValue(false, whenAbsent);
    }
    IntValue v = doc.intValue(key);
    if (v.status() != IntValue.Status.PRESENT || v.value().getAsInt() < 1) {
      throw invalid(doc, e.get(), notNumber(e.get(), "a whole number of at least 1"));
    }
    return new OptionalIntValue(true, v.value().getAsInt());
  }

  private static String notNumber(VmxEntry e, String expected) {
    Matcher m = PLACEHOLDER.matcher(e.value().strip());
    if (m.find()) {
      return e.key() + " holds the unexpanded template placeholder \"" + shorten(m.group()) + "\"; expected "
          + expected;
    }
    return e.key() + " must be " + expected + ", found \"" + shorten(e.value()) + "\"";
  }

  /** A boolean key: empty when absent; an unreadable value is an error. */
  static Optional<Boolean> bool(VmxDocument doc, String key) throws ExportParseException {
    BooleanValue v = doc.booleanValue(key);
    if (v == BooleanValue.INVALID) {
      throw notBoolean(doc, doc.entry(key).orElseThrow());
    }
    return v.toOptional();
  }

  /** Whether the entry in hand (a first occurrence) says TRUE, read as {@link #bool} reads its key. */
  private static boolean isTrue(VmxDocument doc, VmxEntry e) throws ExportParseException {
    BooleanValue v = BooleanValue.parse(e.value());
    if (v == BooleanValue.INVALID) {
      throw notBoolean(doc, e);
    }
    return v == BooleanValue.TRUE;
  }

  private static ExportParseException notBoolean(VmxDocument doc, VmxEntry e) {
    Matcher m = PLACEHOLDER.matcher(e.value().strip());
    String reason = m.find()
        ? e.key() + " holds the unexpanded template placeholder \"" + shorten(m.group()) + "\"; expected"
            + " \"TRUE\" or \"FALSE\""
        : e.key() + " must be \"TRUE\" or \"FALSE\", found \"" + shorten(e.value()) + "\"";
    return invalid(doc, e, reason);
  }

  private static Optional<Boolean> firstBool(VmxDocument doc, String key, String fallback)
      throws ExportParseException {
    return doc.contains(key) ? bool(doc, key) : bool(doc, fallback);
  }

  static ExportParseException invalid(VmxDocument doc, VmxEntry e, String reason) {
    int column = e.valueStartOffset() - e.startOffset() + 1;
    return new ExportParseException(SourceLocation.of(doc.fileName(), e.line(), column), Kind.INVALID_VALUE, reason);
  }

  static String shorten(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  // ------------------------------------------------------------------------------------------ CPUID

  private static List<CpuidMask> cpuidMasks(VmxDocument doc) {
    List<CpuidMask> masks = new ArrayList<>();
    for (VmxEntry e : doc.entriesWithPrefix("cpuid.")) {
      Matcher m = CPUID_KEY.matcher(e.lowerKey());
      if (!m.matches()) {
        continue;
      }
      String mask = e.value().replace(":", "").strip();
      if (mask.length() != 32) {
        continue; // not a mask this model can hold; the setting keeps it for rules that look at raw values
      }
      masks.add(CpuidMask.of(Long.parseLong(m.group(2), 16),
          CpuidMask.Register.valueOf(m.group(3).toUpperCase(Locale.ROOT)), mask));
    }
    return masks;
  }

  // ------------------------------------------------------------------------------------------ devices

  private static void devices(VmxDocument doc, VmConfiguration.Builder b) throws ExportParseException {
    List<Found<StorageController>> controllers = new ArrayList<>();
    List<Found<Disk>> disks = new ArrayList<>();
    List<Found<Nic>> nics = new ArrayList<>();
    List<Found<Peripheral>> peripherals = new ArrayList<>();
    Set<String> presentControllers = new HashSet<>();
    Set<String> ideControllers = new HashSet<>();
    // the first occurrence of every "<device>.present" key that names a device (VmxPresentKey), in file order
    // (duplicates: first wins); only those keys name devices, the rest are not looked at again
    List<Present> present = new ArrayList<>();
    List<VmxEntry> entries = doc.entries();
    for (int i = 0, n = entries.size(); i < n; i++) {
      VmxEntry e = entries.get(i);
      if (e.lowerKey().endsWith(".present") && doc.isFirstOccurrence(e)) {
        VmxPresentKey k = VmxPresentKey.of(e.lowerKey());
        if (k.kind() != VmxPresentKey.Kind.NONE) {
          present.add(new Present(e, k));
        }
      }
    }
    // device prefixes are taken from the lower-case key: lookups ignore case, and an all-lower-case key skips
    // lower-casing (VmxValues.lower), which each of the ~10 lookups per device otherwise paid with a copy.
    for (Present p : present) {
      VmxEntry e = p.entry();
      VmxPresentKey k = p.key();
      if (k.kind() == VmxPresentKey.Kind.CONTROLLER && isTrue(doc, e)) {
        String id = k.name() + k.number();
        presentControllers.add(id);
        String prefix = devicePrefix(e);
        controllers.add(new Found<>(e.line(), controller(doc, k.name(), prefix, id, Integer.parseInt(k.number()))));
      }
    }
    for (Present p : present) {
      VmxEntry e = p.entry();
      VmxPresentKey k = p.key();
      switch (k.kind()) {
        case DEVICE: {
          if (!isTrue(doc, e)) {
            break;
          }
          String bus = k.name();
          int busNumber = Integer.parseInt(k.number());
          String controllerId = bus + k.number();
          if (!bus.equals("ide") && !presentControllers.contains(controllerId)) {
            break; // libvirt skips the devices of an absent controller
          }
          String prefix = devicePrefix(e);
          String id = controllerId + ":" + k.unit();
          if (isCdrom(doc, prefix)) {
            peripherals.add(new Found<>(e.line(), Peripheral.of(id, PeripheralKind.CDROM)));
            break;
          }
          if (bus.equals("ide") && ideControllers.add(controllerId)) {
            controllers.add(new Found<>(e.line(),
                StorageController.builder().id(controllerId).type(ControllerType.IDE).busNumber(busNumber).build()));
          }
          Disk.Builder disk = Disk.builder().id(id).controllerId(controllerId).unit(Integer.parseInt(k.unit()));
          String fileName = doc.valueOrNull(prefix, ".filename");
          if (fileName != null && !fileName.isEmpty()) {
            disk.fileName(fileName);
          }
          disks.add(new Found<>(e.line(), disk.build()));
          break;
        }
        case NIC:
          if (isTrue(doc, e)) {
            nics.add(new Found<>(e.line(), nic(doc, "ethernet" + k.number(), devicePrefix(e))));
          }
          break;
        case PERIPHERAL:
          if (isTrue(doc, e)) {
            peripherals.add(new Found<>(e.line(), Peripheral.of(k.name(), peripheralKind(k.name()))));
          }
          break;
        default:
          break;
      }
    }
    b.controllers(sorted(controllers));
    b.disks(sorted(disks));
    b.nics(sorted(nics));
    b.peripherals(sorted(peripherals));
  }

  /** The device a {@code <device>.present} entry names, in lower case: the prefix of its other keys. */
  private static String devicePrefix(VmxEntry present) {
    String key = present.lowerKey();
    return key.substring(0, key.length() - ".present".length());
  }

  private static <T> List<T> sorted(List<Found<T>> found) {
    found.sort(Comparator.comparingInt(Found::line));
    List<T> out = new ArrayList<>(found.size());
    for (Found<T> f : found) {
      out.add(f.value());
    }
    return out;
  }

  private static StorageController controller(VmxDocument doc, String bus, String prefix, String id, int number) {
    StorageController.Builder c = StorageController.builder().id(id).busNumber(number);
    switch (bus) {
      case "sata":
        return c.type(ControllerType.SATA_AHCI).build();
      case "nvme":
        return c.type(ControllerType.NVME).build();
      default:
        String dev = unlessBlank(doc, prefix, ".virtualdev");
        if (dev == null) {
          return c.type(ControllerType.UNSPECIFIED).build();
        }
        return c.type(VmxDevices.scsiType(dev)).rawType(dev).build();
    }
  }

  private static boolean isCdrom(VmxDocument doc, String prefix) {
    String type = strippedLowerCase(doc, prefix, ".devicetype");
    String file = strippedLowerCase(doc, prefix, ".filename");
    switch (type) {
      case "cdrom-image":
      case "atapi-cdrom":
      case "cdrom-raw":
        return true;
      case "scsi-passthru":
        return file.startsWith("/vmfs/devices/cdrom/");
      case "scsi-harddisk":
      case "ata-harddisk":
      case "disk":
      case "plaindisk":
      case "rawdisk":
        return false;
      default:
        break;
    }
    if (type.contains("cdrom")) {
      return true;
    }
    return file.endsWith(".iso") || file.equals("emptybackingstring") || file.equals("auto detect");
  }

  private static Nic nic(VmxDocument doc, String id, String prefix) {
    Nic.Builder n = Nic.builder().id(id);
    String dev = unlessBlank(doc, prefix, ".virtualdev");
    if (dev == null) {
      n.type(NicType.UNSPECIFIED);
    } else {
      boolean features15 = "15".equals(stripped(doc, prefix, ".features"));
      n.type(VmxDevices.nicType(dev, features15)).rawType(dev);
    }
    String network = unlessBlank(doc, prefix, ".networkname");
    if (network != null) {
      n.network(network);
    }
    String rawAddressType = doc.valueOrNull(prefix, ".addresstype");
    String addressType = rawAddressType == null ? "generated" : rawAddressType.strip().toLowerCase(Locale.ROOT);
    MacAddressType type;
    switch (addressType) {
      case "generated":
        type = MacAddressType.GENERATED;
        break;
      case "vpx":
        type = MacAddressType.ASSIGNED;
        break;
      case "static":
      case "manual":
        type = MacAddressType.STATIC;
        break;
      default:
        type = MacAddressType.UNSPECIFIED;
        break;
    }
    n.addressType(type);
    String generated = stripped(doc, prefix, ".generatedaddress");
    String fixed = stripped(doc, prefix, ".address");
    String mac = type == MacAddressType.STATIC ? (fixed != null ? fixed : generated)
        : (generated != null ? generated : fixed);
    if (mac != null) {
      n.macAddress(mac.toLowerCase(Locale.ROOT));
    }
    return n.build();
  }

  private static PeripheralKind peripheralKind(String id) {
    if (id.equals("sound")) {
      return PeripheralKind.SOUND;
    }
    if (id.equals("usb") || id.equals("ehci") || id.equals("usb_xhci")) {
      return PeripheralKind.USB;
    }
    if (id.startsWith("floppy")) {
      return PeripheralKind.FLOPPY;
    }
    if (id.startsWith("serial")) {
      return PeripheralKind.SERIAL;
    }
    return PeripheralKind.PARALLEL;
  }
}
