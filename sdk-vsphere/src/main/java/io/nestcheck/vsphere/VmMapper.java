package io.nestcheck.vsphere;

import com.vmware.vim25.BoolPolicy;
import com.vmware.vim25.DVSSecurityPolicy;
import com.vmware.vim25.HostCpuIdInfo;
import com.vmware.vim25.HostPortGroup;
import com.vmware.vim25.HostVirtualSwitch;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.VirtualController;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualDeviceFileBackingInfo;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualEthernetCard;
import com.vmware.vim25.VirtualEthernetCardDistributedVirtualPortBackingInfo;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
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
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a {@code VirtualMachine}'s properties to {@link VmConfiguration}. */
final class VmMapper {
  private VmMapper() {}

  private static final Pattern CPUID_KEY =
      Pattern.compile("cpuid\\.(?:0x)?([0-9a-f]{1,8})\\.(eax|ebx|ecx|edx)", Pattern.CASE_INSENSITIVE);

  /** A host's standard networking, for the effective port-group policy of a VM's NICs. */
  static final class HostNet {
    final Map<String, HostPortGroup> portGroups;
    final List<HostVirtualSwitch> vswitches;
    final ManagedObjectReference networkSystem;

    HostNet(Map<String, HostPortGroup> portGroups, List<HostVirtualSwitch> vswitches,
        ManagedObjectReference networkSystem) {
      this.portGroups = portGroups;
      this.vswitches = vswitches;
      this.networkSystem = networkSystem;
    }

    static HostNet of(Props host) {
      return new HostNet(HostMapper.portGroups(host), host.list("config.network.vswitch", HostVirtualSwitch.class),
          host.mor("configManager.networkSystem", "HostNetworkSystem"));
    }
  }

  /** A distributed port group. */
  static final class Dvpg {
    final ManagedObjectReference ref;
    final String name;
    final String key;
    final String configVersion;
    final DVSSecurityPolicy security;

    Dvpg(ManagedObjectReference ref, String name, String key, String configVersion, DVSSecurityPolicy security) {
      this.ref = ref;
      this.name = name;
      this.key = key;
      this.configVersion = configVersion;
      this.security = security;
    }

    static Dvpg of(Props p) {
      Object setting = p.get("config.defaultPortConfig");
      DVSSecurityPolicy sec = setting instanceof com.vmware.vim25.VMwareDVSPortSetting
          ? ((com.vmware.vim25.VMwareDVSPortSetting) setting).getSecurityPolicy() : null;
      String key = p.string("key");
      String name = p.string("name");
      return new Dvpg(p.ref(), name == null ? p.id() : unescapeName(name), key == null ? p.id() : key,
          p.string("config.configVersion"), sec);
    }

    PortSecurityPolicy policy() {
      PortSecurityPolicy.Builder b = PortSecurityPolicy.builder().switchKind(SwitchKind.DISTRIBUTED);
      if (security != null) {
        b.allowPromiscuous(tri(security.getAllowPromiscuous()))
            .forgedTransmits(tri(security.getForgedTransmits()))
            .macChanges(tri(security.getMacChanges()));
      }
      // macManagementPolicy (6.7+) cannot be read with the 6.0 API: MAC learning stays unknown.
      return b.build();
    }

    private static TriState tri(BoolPolicy p) {
      return p == null ? TriState.UNKNOWN : HostMapper.tri(p.getValue());
    }
  }

  /** Either a VM or the note saying why it was skipped. */
  static final class Result {
    final VmConfiguration vm;
    final String note;

    private Result(VmConfiguration vm, String note) {
      this.vm = vm;
      this.note = note;
    }
  }

  /**
   * Maps one VM.
   *
   * @param sourcePrefix {@code vsphere://host[:port]/}
   */
  static Result map(Props p, String sourcePrefix, Map<String, HostNet> hosts, Map<String, Dvpg> dvpgsByKey) {
    String name = p.has("name") ? unescapeName(p.string("name")) : p.id();
    String label = name + " (" + p.id() + ")";
    if (Boolean.TRUE.equals(p.bool("config.template"))) {
      return new Result(null, "skipped template " + label);
    }
    String conn = p.string("runtime.connectionState");
    if (conn != null && !"connected".equals(conn)) {
      return new Result(null, "skipped " + conn + " VM " + label + " (runtime.connectionState = " + conn + ")");
    }
    Long memory = p.number("config.hardware.memoryMB");
    if (memory == null || memory < 1) {
      return new Result(null, "skipped VM " + label + ": its configuration could not be read"
          + (p.missing().isEmpty() ? "" : " (" + String.join("; ", p.missing()) + ")"));
    }
    VmConfiguration.Builder b = VmConfiguration.builder()
        .name(name.isEmpty() ? p.id() : name)
        .source(sourcePrefix + p.id())
        .memoryMiB(memory);
    opt(p.string("config.uuid")).ifPresent(b::uuid);
    opt(p.string("config.version")).flatMap(VmMapper::hardwareVersion).ifPresent(b::hardwareVersion);
    opt(p.string("config.guestId")).ifPresent(g -> b.guestOs(GuestOsId.of(g)));
    opt(p.string("config.firmware")).ifPresent(f -> b.firmware(f.equalsIgnoreCase("efi") ? Firmware.EFI
        : Firmware.BIOS));
    opt(p.string("config.changeVersion")).ifPresent(b::changeVersion);
    ManagedObjectReference host = p.mor("runtime.host", Paths.HOST);
    if (host != null) {
      b.hostRef(host.getVal());
    }
    b.powerState(powerState(p.string("runtime.powerState")));
    Long cpus = p.number("config.hardware.numCPU");
    if (cpus != null && cpus > 0) {
      b.vcpus(cpus.intValue());
    }
    Long cores = p.number("config.hardware.numCoresPerSocket");
    if (cores != null && cores > 0) {
      b.coresPerSocket(cores.intValue());
    }
    Long reservation = p.number("config.memoryAllocation.reservation");
    if (reservation != null && reservation > 0) {
      b.memoryReservationMiB(reservation);
    }

    List<OptionValue> extra = p.list("config.extraConfig", OptionValue.class);
    for (OptionValue o : extra) {
      if (o.getKey() != null) {
        b.addSettings(Setting.of(o.getKey(), o.getValue() == null ? "" : o.getValue().toString()));
      }
    }
    flag(p.bool("config.nestedHVEnabled"), extra, "vhv.enable", v -> b.nestedHv(TriState.of(v)));
    flag(p.bool("config.memoryReservationLockedToMax"), extra, "sched.mem.pin", b::memoryLockedToMax);
    flag(p.bool("config.vPMCEnabled"), extra, "vpmc.enable", b::virtualPmc);
    flag(p.bool(Paths.VBS), extra, "vbs.enable", b::vbs);
    flag(p.bool(Paths.VVTD), extra, "vvtd.enable", b::virtualIommu);
    flag(p.bool(Paths.SECURE_BOOT), extra, "uefi.secureBoot.enabled", b::secureBoot);
    cpuidMasks(p.list("config.cpuFeatureMask", HostCpuIdInfo.class), extra, b);

    HostNet net = host == null ? null : hosts.get(host.getVal());
    for (VirtualDevice d : p.list("config.hardware.device", VirtualDevice.class)) {
      device(d, b, net, dvpgsByKey);
    }
    return new Result(b.build(), null);
  }

  private static void device(VirtualDevice d, VmConfiguration.Builder b, HostNet net, Map<String, Dvpg> dvpgs) {
    String id = Integer.toString(d.getKey());
    ControllerType ct = Devices.controllerType(d);
    NicType nt = Devices.nicType(d);
    PeripheralKind pk = Devices.peripheralKind(d);
    if (ct != null) {
      b.addControllers(StorageController.builder().id(id).type(ct).rawType(Devices.typeName(d))
          .busNumber(Math.max(0, ((VirtualController) d).getBusNumber())).build());
    } else if (d instanceof VirtualDisk) {
      VirtualDisk disk = (VirtualDisk) d;
      Disk.Builder db = Disk.builder().id(id)
          .controllerId(d.getControllerKey() == null ? "none" : Integer.toString(d.getControllerKey()))
          .unit(d.getUnitNumber() == null ? 0 : Math.max(0, d.getUnitNumber()));
      if (disk.getCapacityInBytes() != null && disk.getCapacityInBytes() >= 0) {
        db.capacityMiB(disk.getCapacityInBytes() >> 20);
      } else if (disk.getCapacityInKB() >= 0) {
        db.capacityMiB(disk.getCapacityInKB() >> 10);
      }
      if (d.getBacking() instanceof VirtualDeviceFileBackingInfo) {
        opt(((VirtualDeviceFileBackingInfo) d.getBacking()).getFileName()).ifPresent(db::fileName);
      }
      b.addDisks(db.build());
    } else if (nt != null) {
      b.addNics(nic((VirtualEthernetCard) d, id, nt, net, dvpgs));
    } else if (pk != null) {
      b.addPeripherals(Peripheral.of(id, pk));
    }
  }

  private static Nic nic(VirtualEthernetCard card, String id, NicType type, HostNet net, Map<String, Dvpg> dvpgs) {
    Nic.Builder n = Nic.builder().id(id).type(type).rawType(Devices.typeName(card));
    VirtualDeviceBackingInfo backing = card.getBacking();
    if (backing instanceof VirtualEthernetCardNetworkBackingInfo) {
      String pgName = ((VirtualEthernetCardNetworkBackingInfo) backing).getDeviceName();
      if (pgName != null && !pgName.isEmpty()) {
        n.network(pgName);
        HostPortGroup pg = net == null ? null : net.portGroups.get(pgName);
        if (pg != null) {
          n.portSecurity(HostMapper.policy(pg, net.vswitches));
        }
      }
    } else if (backing instanceof VirtualEthernetCardDistributedVirtualPortBackingInfo) {
      com.vmware.vim25.DistributedVirtualSwitchPortConnection port =
          ((VirtualEthernetCardDistributedVirtualPortBackingInfo) backing).getPort();
      String key = port == null ? null : port.getPortgroupKey();
      Dvpg pg = key == null ? null : dvpgs.get(key);
      if (pg != null) {
        n.network(pg.name);
        n.portSecurity(pg.policy());
      } else if (key != null) {
        n.network(key);
      }
    } else if (card.getDeviceInfo() != null && card.getDeviceInfo().getSummary() != null) {
      opt(card.getDeviceInfo().getSummary()).ifPresent(n::network); // opaque (NSX) networks: no policy here
    }
    opt(card.getMacAddress()).map(m -> m.toLowerCase(Locale.ROOT)).ifPresent(n::macAddress);
    String at = card.getAddressType();
    if (at != null) {
      switch (at.toLowerCase(Locale.ROOT)) {
        case "generated":
          n.addressType(MacAddressType.GENERATED);
          break;
        case "assigned":
          n.addressType(MacAddressType.ASSIGNED);
          break;
        case "manual":
          n.addressType(MacAddressType.STATIC);
          break;
        default:
          break;
      }
    }
    return n.build();
  }

  private static void flag(Boolean api, List<OptionValue> extra, String key, Consumer<Boolean> sink) {
    if (api != null) {
      sink.accept(api);
      return;
    }
    for (OptionValue o : extra) {
      if (o.getKey() != null && o.getKey().equalsIgnoreCase(key) && o.getValue() != null) {
        parseBoolean(o.getValue().toString()).ifPresent(sink);
        return;
      }
    }
  }

  static Optional<Boolean> parseBoolean(String v) {
    switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "1":
        return Optional.of(Boolean.TRUE);
      case "false":
      case "no":
      case "0":
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }

  private static void cpuidMasks(List<HostCpuIdInfo> masks, List<OptionValue> extra, VmConfiguration.Builder b) {
    Set<String> seen = new HashSet<>();
    for (HostCpuIdInfo m : masks) {
      long leaf = m.getLevel() & 0xFFFFFFFFL;
      mask(leaf, CpuidMask.Register.EAX, m.getEax(), seen, b);
      mask(leaf, CpuidMask.Register.EBX, m.getEbx(), seen, b);
      mask(leaf, CpuidMask.Register.ECX, m.getEcx(), seen, b);
      mask(leaf, CpuidMask.Register.EDX, m.getEdx(), seen, b);
    }
    for (OptionValue o : extra) {
      if (o.getKey() == null || o.getValue() == null) {
        continue;
      }
      Matcher km = CPUID_KEY.matcher(o.getKey().strip());
      if (km.matches()) {
        mask(Long.parseLong(km.group(1), 16), CpuidMask.Register.valueOf(km.group(2).toUpperCase(Locale.ROOT)),
            o.getValue().toString(), seen, b);
      }
    }
  }

  private static void mask(long leaf, CpuidMask.Register reg, String value, Set<String> seen,
      VmConfiguration.Builder b) {
    if (value == null) {
      return;
    }
    String m = value.replace(":", "").strip();
    if (m.length() == 32 && seen.add(leaf + "." + reg)) {
      b.addCpuidMasks(CpuidMask.of(leaf, reg, m));
    }
  }

  static Optional<Integer> hardwareVersion(String version) {
    String v = version.strip().toLowerCase(Locale.ROOT);
    if (v.startsWith("vmx-")) {
      try {
        int n = Integer.parseInt(v.substring(4));
        return n >= 1 ? Optional.of(n) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  static PowerState powerState(String s) {
    if (s == null) {
      return PowerState.UNKNOWN;
    }
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

  /** vSphere escapes {@code %}, {@code /} and {@code \} in entity names as {@code %25}, {@code %2f}, {@code %5c}. */
  static String unescapeName(String name) {
    if (name == null || name.indexOf('%') < 0) {
      return name;
    }
    return name.replaceAll("(?i)%2f", "/").replaceAll("(?i)%5c", "\\\\").replaceAll("%25", "%");
  }

  private static Optional<String> opt(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
  }
}
