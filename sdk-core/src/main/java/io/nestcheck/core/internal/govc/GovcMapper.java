package io.nestcheck.core.internal.govc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Disk;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.Setting;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.core.internal.ovf.VmwareKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Maps one {@code mo.VirtualMachine} of govc's JSON to the model; see {@link GovcReader} for the contract. */
final class GovcMapper {
  private static final Map<String, ControllerType> CONTROLLERS = Map.of(
      "VirtualLsiLogicController", ControllerType.LSI_LOGIC,
      "VirtualLsiLogicSASController", ControllerType.LSI_LOGIC_SAS,
      "ParaVirtualSCSIController", ControllerType.PVSCSI,
      "VirtualBusLogicController", ControllerType.BUSLOGIC,
      "VirtualAHCIController", ControllerType.SATA_AHCI,
      "VirtualSATAController", ControllerType.SATA_AHCI,
      "VirtualNVMEController", ControllerType.NVME,
      "VirtualIDEController", ControllerType.IDE);
  private static final Map<String, NicType> NICS = Map.of(
      "VirtualE1000", NicType.E1000,
      "VirtualE1000e", NicType.E1000E,
      "VirtualVmxnet3", NicType.VMXNET3,
      "VirtualVmxnet2", NicType.VMXNET2,
      "VirtualVmxnet", NicType.VMXNET,
      "VirtualPCNet32", NicType.VLANCE,
      "VirtualVmxnet3Vrdma", NicType.OTHER,
      "VirtualSriovEthernetCard", NicType.OTHER);
  private static final Map<String, PeripheralKind> PERIPHERALS = Map.ofEntries(
      Map.entry("VirtualSoundBlaster16", PeripheralKind.SOUND),
      Map.entry("VirtualEnsoniq1371", PeripheralKind.SOUND),
      Map.entry("VirtualHdAudioCard", PeripheralKind.SOUND),
      Map.entry("VirtualSoundCard", PeripheralKind.SOUND),
      Map.entry("VirtualUSBController", PeripheralKind.USB),
      Map.entry("VirtualUSBXHCIController", PeripheralKind.USB),
      Map.entry("VirtualFloppy", PeripheralKind.FLOPPY),
      Map.entry("VirtualSerialPort", PeripheralKind.SERIAL),
      Map.entry("VirtualParallelPort", PeripheralKind.PARALLEL),
      Map.entry("VirtualCdrom", PeripheralKind.CDROM));

  private final JsonTree tree;
  private final String sourceName;
  private final String base;

  private GovcMapper(JsonTree tree, String sourceName, String base) {
    this.tree = tree;
    this.sourceName = sourceName;
    this.base = base;
  }

  /**
   * Maps one VM.
   *
   * @param tree the VM object with its lines
   * @param sourceName the input's name
   * @param base the absolute JSON pointer of the VM object, for example {@code /virtualMachines/0}
   * @param index the VM's position, for a fallback name
   */
  static VmConfiguration map(JsonTree tree, String sourceName, String base, int index) throws ExportParseException {
    return new GovcMapper(tree, sourceName, base).map(index);
  }

  // --- JSON helpers ---------------------------------------------------------------------------------------------

  /**
   * A field by name, exact first, then ignoring case (older govc wrote Go field names: "Config", "MemoryMB");
   * a missing node when absent or JSON {@code null}.
   */
  private static JsonNode field(JsonNode node, String name) {
    if (!node.isObject()) {
      return MissingNode.getInstance();
    }
    JsonNode v = node.get(name);
    if (v == null) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String n = it.next();
        if (n.equalsIgnoreCase(name)) {
          v = node.get(n);
          break;
        }
      }
    }
    return v == null || v.isNull() ? MissingNode.getInstance() : v;
  }

  /** The actual spelling of a field, for pointers. */
  private static String fieldName(JsonNode node, String name) {
    if (node.isObject() && !node.has(name)) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String n = it.next();
        if (n.equalsIgnoreCase(name)) {
          return n;
        }
      }
    }
    return name;
  }

  /** A value and its pointer relative to the VM; {@link #ABSENT} for a value that is not there. */
  private static final class At {
    static final At ABSENT = new At(MissingNode.getInstance(), "");

    final JsonNode node;
    final String pointer;

    At(JsonNode node, String pointer) {
      this.node = node;
      this.pointer = pointer;
    }

    boolean present() {
      return this != ABSENT;
    }
  }

  /** Follows {@code names} from {@code from}; {@link At#ABSENT} when any step is absent or null. */
  private static At path(At from, String... names) {
    if (!from.present()) {
      return At.ABSENT;
    }
    JsonNode node = from.node;
    String pointer = from.pointer;
    for (String n : names) {
      JsonNode next = field(node, n);
      if (next.isMissingNode()) {
        return At.ABSENT;
      }
      pointer = pointer + "/" + JsonTree.escape(fieldName(node, n));
      node = next;
    }
    return new At(node, pointer);
  }

  private SourceLocation location(String relativePointer) {
    return SourceLocation.builder().file(sourceName).line(tree.line(relativePointer))
        .pointer(base + relativePointer).build();
  }

  private ExportParseException invalid(At at, String reason) {
    return new ExportParseException(location(at.pointer), Kind.INVALID_VALUE, reason);
  }

  /**
   * The value of an {@code AnyType}: govmomi writes a primitive in a polymorphic slot as {@code {"_typeName":
   * "string", "_value": "TRUE"}}; a plain value is taken as is.
   */
  private static JsonNode unwrap(JsonNode n) {
    if (n.isObject()) {
      JsonNode v = n.get("_value");
      if (v != null) {
        return v;
      }
    }
    return n;
  }

  private static String text(JsonNode n) {
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  private Optional<Long> integer(At at, String what, long min) throws ExportParseException {
    if (!at.present()) {
      return Optional.empty();
    }
    JsonNode n = at.node;
    BigInteger v = null;
    if (n.isIntegralNumber()) {
      v = n.bigIntegerValue();
    } else if (n.isTextual() && n.asText().strip().matches("-?\\d{1,19}")) {
      v = new BigInteger(n.asText().strip());
    }
    if (v == null || v.bitLength() > 62 || v.longValue() < min) {
      throw invalid(at, what + " is " + abbreviate(text(n)) + ", expected an integer >= " + min);
    }
    return Optional.of(v.longValue());
  }

  private Optional<Boolean> bool(At at, String what) throws ExportParseException {
    if (!at.present()) {
      return Optional.empty();
    }
    if (at.node.isBoolean()) {
      return Optional.of(at.node.booleanValue());
    }
    Optional<Boolean> b = at.node.isTextual() ? VmwareKeys.parseBoolean(at.node.asText()) : Optional.empty();
    if (b.isEmpty()) {
      throw invalid(at, what + " is " + abbreviate(text(at.node)) + ", expected true or false");
    }
    return b;
  }

  private static Optional<String> string(At at) {
    if (!at.present() || !at.node.isValueNode()) {
      return Optional.empty();
    }
    String s = at.node.asText().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  // --- mapping --------------------------------------------------------------------------------------------------

  private VmConfiguration map(int index) throws ExportParseException {
    At vm = new At(tree.root, "");
    At config = path(vm, "config");
    String name = string(path(vm, "name"))
        .or(() -> string(path(config, "name")))
        .orElse(fileName(sourceName) + "#" + index);
    VmConfiguration.Builder b = VmConfiguration.builder().name(name).source(sourceName);

    At runtime = path(vm, "runtime");
    if (runtime.present()) {
      string(path(runtime, "powerState")).ifPresent(s -> b.powerState(powerState(s)));
      string(path(runtime, "host", "value")).ifPresent(b::hostRef);
    }
    if (!config.present()) {
      throw new ExportParseException(location(""), Kind.INVALID_VALUE,
          "the VM \"" + abbreviate(name) + "\" has no config, so its memory is not stated (was the output made"
              + " with \"govc vm.info -json\"?)");
    }
    string(path(config, "uuid")).ifPresent(b::uuid);
    string(path(config, "changeVersion")).ifPresent(b::changeVersion);
    At version = path(config, "version");
    if (version.present()) {
      OptionalInt v = VmwareKeys.hardwareVersion(text(version.node));
      if (v.isPresent()) {
        b.hardwareVersion(v.getAsInt());
      }
    }
    string(path(config, "guestId")).ifPresent(g -> b.guestOs(GuestOsId.of(g)));
    At firmware = path(config, "firmware");
    if (firmware.present()) {
      b.firmware(VmwareKeys.parseFirmware(text(firmware.node))
          .orElseThrow(() -> invalid(firmware, "config.firmware is " + abbreviate(text(firmware.node))
              + ", expected efi or bios")));
    }

    // extraConfig first: some flags fall back to it.
    List<Setting> settings = new ArrayList<>();
    At extra = path(config, "extraConfig");
    if (extra.node.isArray()) {
      for (int i = 0; i < extra.node.size(); i++) {
        At option = new At(extra.node.get(i), extra.pointer + "/" + i);
        Optional<String> key = string(path(option, "key"));
        if (key.isEmpty()) {
          continue;
        }
        At value = path(option, "value");
        int line = tree.line(option.pointer + "/" + fieldName(option.node, "key"));
        settings.add(Setting.of(key.get(), value.present() ? text(unwrap(value.node)) : "", line));
      }
    }
    b.addAllSettings(settings);

    flag(config, settings, "nestedHVEnabled", "vhv.enable", v -> b.nestedHv(TriState.of(v)));
    flag(config, settings, "vPMCEnabled", "vpmc.enable", b::virtualPmc);
    flag(config, settings, "memoryReservationLockedToMax", "sched.mem.pin", b::memoryLockedToMax);
    At flags = path(config, "flags");
    flag(flags, settings, "vbsEnabled", "vbs.enable", b::vbs);
    flag(flags, settings, "vvtdEnabled", "vvtd.enable", b::virtualIommu);
    At boot = path(config, "bootOptions");
    flag(boot, settings, "efiSecureBootEnabled", "uefi.secureBoot.enabled", b::secureBoot);

    At hardware = path(config, "hardware");
    if (!hardware.present()) {
      throw invalid(config, "config.hardware is missing, so the VM's memory is not stated");
    }
    At memory = path(hardware, "memoryMB");
    if (!memory.present()) {
      throw invalid(hardware, "config.hardware.memoryMB is missing");
    }
    b.memoryMiB(integer(memory, "config.hardware.memoryMB", 1).get());
    integer(path(hardware, "numCPU"), "config.hardware.numCPU", 1).ifPresent(v -> b.vcpus(toInt(v)));
    // 0 means "not set" in the API; the default is one core per socket.
    integer(path(hardware, "numCoresPerSocket"), "config.hardware.numCoresPerSocket", 0)
        .filter(v -> v > 0).ifPresent(v -> b.coresPerSocket(toInt(v)));
    integer(path(config, "memoryAllocation", "reservation"), "config.memoryAllocation.reservation", 0)
        .ifPresent(b::memoryReservationMiB);

    for (Setting s : settings) {
      if (VmwareKeys.isCpuidMaskKey(s.key())) {
        VmwareKeys.cpuidMask(s.key(), s.value()).ifPresent(b::addCpuidMasks);
      }
    }
    cpuFeatureMasks(config, b);
    devices(hardware, b);
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new ExportParseException(location(""), Kind.INVALID_VALUE,
          "the VM \"" + abbreviate(name) + "\" is not a valid VM: " + e.getMessage(), e);
    }
  }

  private static int toInt(long v) {
    return (int) Math.min(Integer.MAX_VALUE, v);
  }

  private static String fileName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    String n = slash >= 0 ? path.substring(slash + 1) : path;
    return n.isEmpty() ? path : n;
  }

  private static PowerState powerState(String s) {
    switch (s) {
      case "poweredOn":
        return PowerState.POWERED_ON;
      case "poweredOff":
        return PowerState.POWERED_OFF;
      case "suspended":
        return PowerState.SUSPENDED;
      default:
        return PowerState.UNKNOWN;
    }
  }

  private interface BoolSink {
    void accept(boolean value);
  }

  /** An API boolean, else the {@code .vmx} key in extraConfig (first wins, case ignored), else nothing. */
  private void flag(At parent, List<Setting> settings, String field, String extraKey, BoolSink sink)
      throws ExportParseException {
    if (parent.present()) {
      Optional<Boolean> v = bool(path(parent, field), field);
      if (v.isPresent()) {
        sink.accept(v.get());
        return;
      }
    }
    for (Setting s : settings) {
      if (s.key().equalsIgnoreCase(extraKey)) {
        Optional<Boolean> v = VmwareKeys.parseBoolean(s.value());
        if (v.isEmpty()) {
          throw new ExportParseException(SourceLocation.of(sourceName, s.line()), Kind.INVALID_VALUE,
              "the value of " + s.key() + " is \"" + abbreviate(s.value()) + "\", expected true or false");
        }
        sink.accept(v.get());
        return;
      }
    }
  }

  /** {@code config.cpuFeatureMask[].info}: {@code level} and per-register masks. */
  private void cpuFeatureMasks(At config, VmConfiguration.Builder b) throws ExportParseException {
    At masks = path(config, "cpuFeatureMask");
    if (!masks.node.isArray()) {
      return;
    }
    for (int i = 0; i < masks.node.size(); i++) {
      At spec = new At(masks.node.get(i), masks.pointer + "/" + i);
      At info = path(spec, "info");
      if (!info.present()) {
        continue;
      }
      At levelAt = path(info, "level");
      Optional<Long> level = integer(levelAt, "cpuFeatureMask level", Integer.MIN_VALUE);
      if (level.isEmpty()) {
        continue;
      }
      // The API's level is a signed 32-bit int: 0x80000001 arrives as -2147483647.
      long leaf = level.get() & 0xFFFFFFFFL;
      for (CpuidMask.Register reg : CpuidMask.Register.values()) {
        Optional<String> mask = string(path(info, reg.name().toLowerCase(Locale.ROOT)));
        if (mask.isPresent()) {
          String key = "cpuid." + Long.toHexString(leaf) + "." + reg.name().toLowerCase(Locale.ROOT);
          CpuidMask m = VmwareKeys.cpuidMask(key, mask.get())
              .orElseThrow(() -> invalid(info, "the CPUID mask for " + key + " is not 32 mask characters"));
          b.addCpuidMasks(m);
        }
      }
    }
  }

  private void devices(At hardware, VmConfiguration.Builder b) throws ExportParseException {
    At devices = path(hardware, "device");
    if (!devices.node.isArray()) {
      return;
    }
    for (int i = 0; i < devices.node.size(); i++) {
      At d = new At(devices.node.get(i), devices.pointer + "/" + i);
      Optional<String> type = string(path(d, "_typeName"));
      if (type.isEmpty()) {
        continue;
      }
      At keyAt = path(d, "key");
      Optional<Long> key = integer(keyAt, "device key", Integer.MIN_VALUE);
      if (key.isEmpty()) {
        continue;
      }
      String id = Long.toString(key.get());
      String t = type.get();
      ControllerType ct = CONTROLLERS.get(t);
      NicType nt = NICS.get(t);
      PeripheralKind pk = PERIPHERALS.get(t);
      if (ct != null) {
        StorageController.Builder c = StorageController.builder().id(id).type(ct).rawType(t);
        integer(path(d, "busNumber"), "busNumber", 0).ifPresent(v -> c.busNumber(toInt(v)));
        b.addControllers(c.build());
      } else if (t.equals("VirtualDisk")) {
        b.addDisks(disk(d, id));
      } else if (nt != null) {
        b.addNics(nic(d, id, nt, t));
      } else if (pk != null) {
        b.addPeripherals(Peripheral.of(id, pk));
      }
    }
  }

  private Disk disk(At d, String id) throws ExportParseException {
    Disk.Builder disk = Disk.builder().id(id);
    Optional<Long> controller = integer(path(d, "controllerKey"), "controllerKey", Integer.MIN_VALUE);
    // A disk without a controller key is not attached; the model needs an id, so it names that.
    disk.controllerId(controller.map(k -> Long.toString(k)).orElse("none"));
    integer(path(d, "unitNumber"), "unitNumber", 0).ifPresent(v -> disk.unit(toInt(v)));
    Optional<Long> bytes = integer(path(d, "capacityInBytes"), "capacityInBytes", 0);
    if (bytes.isPresent()) {
      disk.capacityMiB(bytes.get() >> 20);
    } else {
      integer(path(d, "capacityInKB"), "capacityInKB", 0).ifPresent(kb -> disk.capacityMiB(kb >> 10));
    }
    string(path(d, "backing", "fileName")).ifPresent(disk::fileName);
    return disk.build();
  }

  private Nic nic(At d, String id, NicType type, String typeName) {
    Nic.Builder n = Nic.builder().id(id).type(type).rawType(typeName);
    Optional<String> network = string(path(d, "backing", "deviceName"))
        .or(() -> string(path(d, "backing", "port", "portgroupKey")))
        .or(() -> string(path(d, "deviceInfo", "summary")));
    network.ifPresent(n::network);
    string(path(d, "macAddress")).flatMap(VmwareKeys::normalizeMac).ifPresent(n::macAddress);
    string(path(d, "addressType")).ifPresent(a -> {
      switch (a.toLowerCase(Locale.ROOT)) {
        case "generated":
          n.addressType(MacAddressType.GENERATED);
          break;
        case "assigned":
          n.addressType(MacAddressType.ASSIGNED);
          break;
        case "manual":
        case "static":
          n.addressType(MacAddressType.STATIC);
          break;
        default:
          break;
      }
    });
    return n.build();
  }
}
