package io.nestcheck.vsphere;

import com.vmware.vim25.BoolPolicy;
import com.vmware.vim25.DVPortgroupConfigSpec;
import com.vmware.vim25.DVSSecurityPolicy;
import com.vmware.vim25.HostNetworkPolicy;
import com.vmware.vim25.HostNetworkSecurityPolicy;
import com.vmware.vim25.HostPortGroup;
import com.vmware.vim25.HostPortGroupSpec;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ResourceAllocationInfo;
import com.vmware.vim25.VMwareDVSPortSetting;
import com.vmware.vim25.VirtualController;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualEthernetCard;
import com.vmware.vim25.VirtualEthernetCardDistributedVirtualPortBackingInfo;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualSCSIController;
import com.vmware.vim25.VirtualSCSISharing;
import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.GuestOsId;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Translates the automatable actions of a fix plan into what vSphere needs, from the VM as read just now: one
 * {@code VirtualMachineConfigSpec} (with the VM's {@code changeVersion}), an optional {@code UpgradeVM_Task}
 * version, and port-group changes on the host's {@code HostNetworkSystem} or the distributed port group.
 *
 * <p>An action already in effect is accepted without a change; an action that cannot be made (device gone,
 * type vSphere lacks, API too old) is listed in {@link #skipped} with the reason. Pure: no calls.
 */
final class SpecBuilder {

  /** What the server's API can take. */
  static final class Api {
    final boolean v65;
    final boolean v67;
    final String version;

    Api(String version) {
      this.version = version;
      this.v65 = Session.compareVersion(version, 6, 5) >= 0;
      this.v67 = Session.compareVersion(version, 6, 7) >= 0;
    }
  }

  /** The networking around the VM, read only when the plan changes a port group. */
  static final class Net {
    final ManagedObjectReference networkSystem;
    final Map<String, HostPortGroup> hostPortGroups;
    final Map<String, VmMapper.Dvpg> dvpgsByKey;

    Net(ManagedObjectReference networkSystem, Map<String, HostPortGroup> hostPortGroups,
        Map<String, VmMapper.Dvpg> dvpgsByKey) {
      this.networkSystem = networkSystem;
      this.hostPortGroups = hostPortGroups;
      this.dvpgsByKey = dvpgsByKey;
    }

    static final Net NONE = new Net(null, Map.of(), Map.of());
  }

  /** A port-group change. */
  static final class PortGroupChange {
    final String portGroup;
    final boolean distributed;
    final ManagedObjectReference target; // HostNetworkSystem or DistributedVirtualPortgroup
    final HostPortGroupSpec hostSpec;
    final DVPortgroupConfigSpec dvSpec;
    final String line;

    PortGroupChange(String portGroup, boolean distributed, ManagedObjectReference target, HostPortGroupSpec hostSpec,
        DVPortgroupConfigSpec dvSpec, String line) {
      this.portGroup = portGroup;
      this.distributed = distributed;
      this.target = target;
      this.hostSpec = hostSpec;
      this.dvSpec = dvSpec;
      this.line = line;
    }
  }

  /** A NIC being replaced, to check its MAC afterwards. */
  static final class NicSwap {
    final String oldId;
    final String mac;
    final String newType;

    NicSwap(String oldId, String mac, String newType) {
      this.oldId = oldId;
      this.mac = mac;
      this.newType = newType;
    }
  }

  final VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
  private boolean specUsed;
  private final List<VirtualDeviceConfigSpec> deviceChanges = new ArrayList<>();
  private final Map<String, OptionValue> extraConfig = new LinkedHashMap<>();
  private Wire.VirtualMachineFlagInfo flags;
  private Wire.VirtualMachineBootOptions bootOptions;
  /** The SOAPAction version the spec needs, or {@code null} for the default. */
  String specVersion;
  /** The {@code UpgradeVM_Task} target, or 0. */
  int upgradeTo;
  final List<PortGroupChange> portGroupChanges = new ArrayList<>();
  final List<NicSwap> nicSwaps = new ArrayList<>();
  /** Actions that will be (or are already) in effect after the changes, in plan order. */
  final List<FixAction> accepted = new ArrayList<>();
  /** Actions that change nothing because they are in effect already. */
  final List<FixAction> alreadyInEffect = new ArrayList<>();
  /** Human-readable change lines, in order. */
  final List<String> lines = new ArrayList<>();
  /** Skipped actions (or parts), each with the reason. */
  final List<String> skipped = new ArrayList<>();
  /** Whether an accepted action needs the VM powered off. */
  boolean needsPowerOff;

  private final Props vm;
  private final Api api;
  private final Net net;
  private final List<VirtualDevice> devices;
  private final List<OptionValue> currentExtra;
  private int nextKey = -100;

  private SpecBuilder(Props vm, Api api, Net net) {
    this.vm = vm;
    this.api = api;
    this.net = net;
    this.devices = vm.list("config.hardware.device", VirtualDevice.class);
    this.currentExtra = vm.list("config.extraConfig", OptionValue.class);
  }

  /**
   * Translates {@code actions} (all automatable) for the VM as read in {@code vm}.
   *
   * @param refused actions not to translate (refused for the power state), already listed as skipped by the caller
   */
  static SpecBuilder build(Props vm, List<FixAction> actions, List<FixAction> refused, Api api, Net net) {
    SpecBuilder b = new SpecBuilder(vm, api, net);
    for (FixAction a : actions) {
      if (refused.contains(a)) {
        continue;
      }
      int before = b.lines.size();
      String reason = b.translate(a);
      if (reason != null) {
        b.skipped.add(a.describe() + ": " + reason);
      } else {
        b.accepted.add(a);
        if (b.lines.size() == before) {
          b.alreadyInEffect.add(a);
        } else if (a.requiresPowerOff()) {
          b.needsPowerOff = true;
        }
      }
    }
    b.finish();
    return b;
  }

  /** Whether a {@code ReconfigVM_Task} is needed. */
  boolean hasSpec() {
    return specUsed;
  }

  private void finish() {
    if (!deviceChanges.isEmpty()) {
      spec.setDeviceChange(deviceChanges.toArray(new VirtualDeviceConfigSpec[0]));
      specUsed = true;
    }
    if (!extraConfig.isEmpty()) {
      spec.setExtraConfig(extraConfig.values().toArray(new OptionValue[0]));
      specUsed = true;
    }
    if (flags != null) {
      spec.setFlags(flags);
      specUsed = true;
    }
    if (bootOptions != null) {
      spec.setBootOptions(bootOptions);
      specUsed = true;
    }
  }

  /** Raises the SOAPAction version of the spec to {@code major.minor} ("6.5" or "6.7"). */
  private void needVersion(int major, int minor) {
    if (specVersion == null || Session.compareVersion(specVersion, major, minor) < 0) {
      specVersion = major + "." + minor;
    }
  }

  /** Translates one action; returns the reason when it cannot be done, {@code null} otherwise. */
  private String translate(FixAction a) {
    if (a instanceof ExposeNestedHv) {
      return nestedHv(((ExposeNestedHv) a).enabled());
    } else if (a instanceof SetCpu) {
      SetCpu c = (SetCpu) a;
      return cpu(c.vcpus(), c.coresPerSocket());
    } else if (a instanceof SetMemory) {
      return memory(((SetMemory) a).memoryMiB());
    } else if (a instanceof SetMemoryReservation) {
      SetMemoryReservation r = (SetMemoryReservation) a;
      return reservation(r.reservationMiB(), r.lockedToMax());
    } else if (a instanceof SetSetting) {
      SetSetting s = (SetSetting) a;
      return setSetting(s.key(), s.value());
    } else if (a instanceof RemoveSetting) {
      return removeSetting(((RemoveSetting) a).key());
    } else if (a instanceof ReplaceNicType) {
      ReplaceNicType r = (ReplaceNicType) a;
      return replaceNic(r.nicId(), r.to());
    } else if (a instanceof ReplaceControllerType) {
      ReplaceControllerType r = (ReplaceControllerType) a;
      return replaceController(r.controllerId(), r.to());
    } else if (a instanceof SetFirmware) {
      SetFirmware f = (SetFirmware) a;
      return firmware(f.firmware(), f.secureBoot());
    } else if (a instanceof SetVmFlag) {
      SetVmFlag f = (SetVmFlag) a;
      return flag(f.flag(), f.enabled());
    } else if (a instanceof SetGuestOs) {
      return guestOs(((SetGuestOs) a).guestOs());
    } else if (a instanceof RemoveDevice) {
      return removeDevice(((RemoveDevice) a).deviceId());
    } else if (a instanceof UpgradeHardwareVersion) {
      return upgrade(((UpgradeHardwareVersion) a).version());
    } else if (a instanceof SetPortGroupSecurity) {
      return portGroup((SetPortGroupSecurity) a);
    }
    return "not supported by the vSphere adapter";
  }

  private static String str(Object o) {
    return o == null ? "unset" : o.toString();
  }

  // --- simple fields ----------------------------------------------------------------------------------------------

  private String nestedHv(boolean enabled) {
    Boolean cur = vm.bool("config.nestedHVEnabled");
    if (Objects.equals(cur, enabled)) {
      return null;
    }
    spec.setNestedHVEnabled(enabled);
    specUsed = true;
    lines.add("nestedHVEnabled: " + str(cur) + " -> " + enabled);
    return null;
  }

  private String cpu(int vcpus, int cores) {
    Long cur = vm.number("config.hardware.numCPU");
    Long curCores = vm.number("config.hardware.numCoresPerSocket");
    long effCores = curCores == null || curCores < 1 ? 1 : curCores;
    if (cur != null && cur == vcpus && effCores == cores) {
      return null;
    }
    spec.setNumCPUs(vcpus);
    spec.setNumCoresPerSocket(cores);
    specUsed = true;
    List<String> parts = new ArrayList<>();
    if (cur == null || cur != vcpus) {
      parts.add("numCPUs: " + str(cur) + " -> " + vcpus);
    }
    if (effCores != cores) {
      parts.add("numCoresPerSocket: " + effCores + " -> " + cores);
    }
    lines.add(String.join(", ", parts));
    return null;
  }

  private String memory(long mib) {
    Long cur = vm.number("config.hardware.memoryMB");
    if (cur != null && cur == mib) {
      return null;
    }
    spec.setMemoryMB(mib);
    specUsed = true;
    lines.add("memoryMB: " + str(cur) + " -> " + mib);
    return null;
  }

  private String reservation(long mib, boolean locked) {
    Long cur = vm.number("config.memoryAllocation.reservation");
    Boolean curLocked = vm.bool("config.memoryReservationLockedToMax");
    long want = mib;
    if (locked) {
      Long mem = spec.getMemoryMB() != null ? spec.getMemoryMB() : vm.number("config.hardware.memoryMB");
      if (mem != null) {
        want = mem; // vSphere keeps a locked reservation equal to the configured memory
      }
    }
    boolean same = cur != null && cur == want && Boolean.TRUE.equals(curLocked) == locked;
    if (same) {
      return null;
    }
    ResourceAllocationInfo ra = new ResourceAllocationInfo();
    ra.setReservation(want);
    spec.setMemoryAllocation(ra);
    spec.setMemoryReservationLockedToMax(locked);
    specUsed = true;
    lines.add("memoryAllocation.reservation: " + str(cur) + " -> " + want + " MB, memoryReservationLockedToMax: "
        + str(curLocked) + " -> " + locked);
    return null;
  }

  private String guestOs(GuestOsId id) {
    String cur = vm.string("config.guestId");
    if (id.canonical().equals(cur)) {
      return null;
    }
    spec.setGuestId(id.canonical());
    specUsed = true;
    lines.add("guestId: " + str(cur) + " -> " + id.canonical());
    return null;
  }

  private String firmware(Firmware fw, Optional<Boolean> secureBoot) {
    String cur = vm.string("config.firmware");
    String want = fw == Firmware.EFI ? "efi" : "bios";
    if (!want.equalsIgnoreCase(cur == null ? "bios" : cur)) {
      spec.setFirmware(want);
      specUsed = true;
      lines.add("firmware: " + str(cur) + " -> " + want);
    }
    if (secureBoot.isPresent()) {
      Boolean curSb = vm.bool(Paths.SECURE_BOOT);
      boolean sb = secureBoot.get();
      if (sb && fw != Firmware.EFI) {
        return "secure boot needs EFI firmware";
      }
      if (!Objects.equals(curSb, sb) && !(curSb == null && !sb)) {
        if (!api.v65) {
          return "bootOptions.efiSecureBootEnabled needs vSphere API 6.5; the server has " + api.version;
        }
        bootOptions().efiSecureBootEnabled = sb;
        needVersion(6, 5);
        lines.add("bootOptions.efiSecureBootEnabled: " + str(curSb) + " -> " + sb);
      }
    }
    return null;
  }

  private Wire.VirtualMachineBootOptions bootOptions() {
    if (bootOptions == null) {
      bootOptions = new Wire.VirtualMachineBootOptions();
    }
    return bootOptions;
  }

  private Wire.VirtualMachineFlagInfo flags() {
    if (flags == null) {
      flags = new Wire.VirtualMachineFlagInfo();
    }
    return flags;
  }

  private String flag(SetVmFlag.Flag flag, boolean enabled) {
    switch (flag) {
      case VIRTUAL_PMC: {
        Boolean cur = vm.bool("config.vPMCEnabled");
        if (Objects.equals(cur, enabled) || (cur == null && !enabled)) {
          return null;
        }
        spec.setVPMCEnabled(enabled);
        specUsed = true;
        lines.add("vPMCEnabled: " + str(cur) + " -> " + enabled);
        return null;
      }
      case VIRTUAL_IOMMU:
      case VBS: {
        String path = flag == SetVmFlag.Flag.VBS ? Paths.VBS : Paths.VVTD;
        String field = flag == SetVmFlag.Flag.VBS ? "flags.vbsEnabled" : "flags.vvtdEnabled";
        if (!api.v67) {
          return field + " needs vSphere API 6.7; the server has " + api.version;
        }
        Boolean cur = vm.bool(path);
        if (Objects.equals(cur, enabled) || (cur == null && !enabled)) {
          return null;
        }
        if (flag == SetVmFlag.Flag.VBS) {
          flags().vbsEnabled = enabled;
        } else {
          flags().vvtdEnabled = enabled;
        }
        needVersion(6, 7);
        lines.add(field + ": " + str(cur) + " -> " + enabled);
        return null;
      }
      default:
        return "not supported by the vSphere adapter";
    }
  }

  private String upgrade(int version) {
    Optional<Integer> cur = Optional.ofNullable(vm.string("config.version")).flatMap(VmMapper::hardwareVersion);
    if (cur.isPresent() && cur.get() >= version) {
      return null;
    }
    if (version > upgradeTo) {
      upgradeTo = version;
      lines.removeIf(l -> l.startsWith("UpgradeVM_Task"));
      lines.add("UpgradeVM_Task: " + vm.string("config.version") + " -> " + versionKey(version));
    }
    return null;
  }

  static String versionKey(int version) {
    return String.format(Locale.ROOT, "vmx-%02d", version);
  }

  // --- extraConfig ------------------------------------------------------------------------------------------------

  /**
   * {@code .vmx} keys that vSphere exposes as ConfigSpec fields: it silently ignores them in {@code extraConfig},
   * so they are sent as the field.
   */
  private String aliased(String key, String value) {
    String k = key.toLowerCase(Locale.ROOT);
    Optional<Boolean> b = VmMapper.parseBoolean(value);
    try {
      switch (k) {
        case "vhv.enable":
          return b.isPresent() ? nestedHv(b.get()) : "vhv.enable takes TRUE or FALSE";
        case "vpmc.enable":
          return b.isPresent() ? flag(SetVmFlag.Flag.VIRTUAL_PMC, b.get()) : "vpmc.enable takes TRUE or FALSE";
        case "vvtd.enable":
          return b.isPresent() ? flag(SetVmFlag.Flag.VIRTUAL_IOMMU, b.get()) : "vvtd.enable takes TRUE or FALSE";
        case "vbs.enable":
          return b.isPresent() ? flag(SetVmFlag.Flag.VBS, b.get()) : "vbs.enable takes TRUE or FALSE";
        case "memsize":
          return memory(Long.parseLong(value.strip()));
        case "numvcpus": {
          Long cores = vm.number("config.hardware.numCoresPerSocket");
          return cpu(Integer.parseInt(value.strip()), cores == null || cores < 1 ? 1 : cores.intValue());
        }
        case "firmware":
          return firmware(value.strip().equalsIgnoreCase("efi") ? Firmware.EFI : Firmware.BIOS, Optional.empty());
        case "guestos":
          return guestOs(GuestOsId.of(value));
        default:
          return "";
      }
    } catch (NumberFormatException e) {
      return key + " takes a number, got \"" + value + "\"";
    }
  }

  private String setSetting(String key, String value) {
    String alias = aliased(key, value);
    if (!"".equals(alias)) {
      return alias;
    }
    List<OptionValue> existing = existing(key);
    if (!existing.isEmpty() && value.equals(String.valueOf(existing.get(0).getValue())) && existing.size() == 1) {
      return null;
    }
    String k = existing.isEmpty() ? key : existing.get(0).getKey();
    OptionValue o = new OptionValue();
    o.setKey(k);
    o.setValue(value);
    extraConfig.put(k.toLowerCase(Locale.ROOT), o);
    lines.add("extraConfig: " + k + " = \"" + value + "\"" + (existing.isEmpty() ? " (new)"
        : " (was \"" + existing.get(0).getValue() + "\")"));
    return null;
  }

  private String removeSetting(String key) {
    List<OptionValue> existing = existing(key);
    if (existing.isEmpty()) {
      return null;
    }
    for (OptionValue e : existing) {
      OptionValue o = new OptionValue();
      o.setKey(e.getKey());
      o.setValue(""); // "Keys with empty values will be removed"
      extraConfig.put(e.getKey().toLowerCase(Locale.ROOT), o);
    }
    lines.add("extraConfig: remove " + existing.get(0).getKey() + " (was \"" + existing.get(0).getValue() + "\")");
    return null;
  }

  private List<OptionValue> existing(String key) {
    List<OptionValue> out = new ArrayList<>();
    for (OptionValue o : currentExtra) {
      if (o.getKey() != null && o.getKey().equalsIgnoreCase(key)) {
        out.add(o);
      }
    }
    return out;
  }

  // --- devices ----------------------------------------------------------------------------------------------------

  private VirtualDevice device(String id) {
    for (VirtualDevice d : devices) {
      if (Integer.toString(d.getKey()).equals(id)) {
        return d;
      }
    }
    return null;
  }

  private void change(VirtualDeviceConfigSpecOperation op, VirtualDevice d) {
    VirtualDeviceConfigSpec c = new VirtualDeviceConfigSpec();
    c.setOperation(op);
    c.setDevice(d);
    deviceChanges.add(c);
  }

  private String replaceNic(String id, NicType to) {
    VirtualDevice d = device(id);
    if (!(d instanceof VirtualEthernetCard)) {
      return "the VM has no network adapter " + id + " (it changed since it was read?)";
    }
    VirtualEthernetCard old = (VirtualEthernetCard) d;
    if (Devices.nicType(old) == to) {
      return null;
    }
    VirtualEthernetCard card = Devices.newNic(to);
    if (card == null) {
      return "vSphere has no " + to.name().toLowerCase(Locale.ROOT) + " adapter";
    }
    card.setKey(nextKey--);
    card.setBacking(old.getBacking());
    card.setConnectable(old.getConnectable());
    card.setSlotInfo(old.getSlotInfo());
    card.setControllerKey(old.getControllerKey());
    card.setUnitNumber(old.getUnitNumber());
    card.setAddressType(old.getAddressType());
    card.setMacAddress(old.getMacAddress());
    card.setWakeOnLanEnabled(old.getWakeOnLanEnabled());
    change(VirtualDeviceConfigSpecOperation.remove, old);
    change(VirtualDeviceConfigSpecOperation.add, card);
    nicSwaps.add(new NicSwap(id, old.getMacAddress(), Devices.typeName(card)));
    String slot = old.getSlotInfo() instanceof com.vmware.vim25.VirtualDevicePciBusSlotInfo
        ? ", PCI slot " + ((com.vmware.vim25.VirtualDevicePciBusSlotInfo) old.getSlotInfo()).getPciSlotNumber() : "";
    lines.add("device " + id + ": replace " + Devices.typeName(old) + " with " + Devices.typeName(card)
        + ", keeping network " + network(old.getBacking()) + ", MAC " + old.getMacAddress() + " ("
        + old.getAddressType() + "), connection state" + slot);
    return null;
  }

  private static String network(VirtualDeviceBackingInfo b) {
    if (b instanceof VirtualEthernetCardNetworkBackingInfo) {
      return ((VirtualEthernetCardNetworkBackingInfo) b).getDeviceName();
    }
    if (b instanceof VirtualEthernetCardDistributedVirtualPortBackingInfo
        && ((VirtualEthernetCardDistributedVirtualPortBackingInfo) b).getPort() != null) {
      return "DVPG " + ((VirtualEthernetCardDistributedVirtualPortBackingInfo) b).getPort().getPortgroupKey();
    }
    return b == null ? "none" : b.getClass().getSimpleName();
  }

  private String replaceController(String id, ControllerType to) {
    VirtualDevice d = device(id);
    ControllerType from = d == null ? null : Devices.controllerType(d);
    if (from == null) {
      return "the VM has no storage controller " + id + " (it changed since it was read?)";
    }
    if (from == to) {
      return null;
    }
    if (from == ControllerType.IDE) {
      return "IDE controllers cannot be replaced on vSphere; add a new controller and move the disks instead";
    }
    VirtualController ctl = Devices.newController(to);
    if (ctl == null) {
      return "vSphere cannot add a " + to.name().toLowerCase(Locale.ROOT) + " controller";
    }
    if (to == ControllerType.NVME && !api.v65) {
      return "NVMe controllers need vSphere API 6.5; the server has " + api.version;
    }
    VirtualController old = (VirtualController) d;
    List<VirtualDevice> attached = new ArrayList<>();
    for (VirtualDevice x : devices) {
      if (x.getControllerKey() != null && x.getControllerKey() == old.getKey()) {
        if (x.getUnitNumber() != null && x instanceof VirtualDisk && !Devices.validUnit(to, x.getUnitNumber())) {
          return "disk " + x.getKey() + " uses unit " + x.getUnitNumber() + ", which a "
              + to.name().toLowerCase(Locale.ROOT) + " controller does not have";
        }
        attached.add(x);
      }
    }
    int key = nextKey--;
    ctl.setKey(key);
    ctl.setBusNumber(old.getBusNumber());
    ctl.setControllerKey(old.getControllerKey());
    ctl.setSlotInfo(old.getSlotInfo());
    if (ctl instanceof VirtualSCSIController) {
      VirtualSCSIController scsi = (VirtualSCSIController) ctl;
      scsi.setSharedBus(old instanceof VirtualSCSIController && ((VirtualSCSIController) old).getSharedBus() != null
          ? ((VirtualSCSIController) old).getSharedBus() : VirtualSCSISharing.noSharing);
      if (old instanceof VirtualSCSIController) {
        scsi.setHotAddRemove(((VirtualSCSIController) old).getHotAddRemove());
      }
    }
    if (to == ControllerType.NVME) {
      needVersion(6, 5);
    }
    change(VirtualDeviceConfigSpecOperation.remove, old);
    change(VirtualDeviceConfigSpecOperation.add, ctl);
    List<String> moved = new ArrayList<>();
    for (VirtualDevice x : attached) {
      VirtualDevice edited = Devices.copy(x); // the device as read, re-pointed
      edited.setControllerKey(key);
      change(VirtualDeviceConfigSpecOperation.edit, edited);
      moved.add(Integer.toString(x.getKey()));
    }
    lines.add("device " + id + ": replace " + Devices.typeName(old) + " (bus " + old.getBusNumber() + ") with "
        + Devices.typeName(ctl) + " on the same bus"
        + (moved.isEmpty() ? "" : ", re-pointing device" + (moved.size() > 1 ? "s " : " ") + String.join(", ", moved)));
    return null;
  }

  private String removeDevice(String id) {
    VirtualDevice d = device(id);
    if (d == null) {
      return null; // gone already
    }
    change(VirtualDeviceConfigSpecOperation.remove, d);
    lines.add("device " + id + ": remove " + Devices.typeName(d));
    return null;
  }

  // --- port groups ------------------------------------------------------------------------------------------------

  private String portGroup(SetPortGroupSecurity a) {
    String name = a.portGroup();
    VmMapper.Dvpg dvpg = null;
    boolean standard = false;
    for (VirtualDevice d : devices) {
      if (!(d instanceof VirtualEthernetCard)) {
        continue;
      }
      VirtualDeviceBackingInfo b = d.getBacking();
      if (b instanceof VirtualEthernetCardNetworkBackingInfo
          && name.equals(((VirtualEthernetCardNetworkBackingInfo) b).getDeviceName())) {
        standard = true;
      } else if (b instanceof VirtualEthernetCardDistributedVirtualPortBackingInfo
          && ((VirtualEthernetCardDistributedVirtualPortBackingInfo) b).getPort() != null) {
        VmMapper.Dvpg pg = net.dvpgsByKey.get(
            ((VirtualEthernetCardDistributedVirtualPortBackingInfo) b).getPort().getPortgroupKey());
        if (pg != null && name.equals(pg.name)) {
          dvpg = pg;
        }
      }
    }
    if (a.macLearning().isPresent() && a.allowPromiscuous().isEmpty() && a.forgedTransmits().isEmpty()
        && a.macChanges().isEmpty()) {
      return "MAC learning is set with DVSMacManagementPolicy (vSphere API 6.7), which yavijava 6.0.05 cannot "
          + "send; enable it in the vSphere Client (port group > Edit > Security > MAC learning)";
    }
    String learning = a.macLearning().isPresent()
        ? "; MAC learning left unchanged (DVSMacManagementPolicy needs vSphere API 6.7, which yavijava 6.0.05 "
            + "cannot send)" : "";
    if (dvpg != null) {
      return distributed(a, dvpg, learning);
    }
    if (standard) {
      return standard(a, learning);
    }
    return "no network adapter of this VM is on port group " + name;
  }

  private String standard(SetPortGroupSecurity a, String learning) {
    HostPortGroup pg = net.hostPortGroups.get(a.portGroup());
    if (pg == null || pg.getSpec() == null || net.networkSystem == null) {
      return "the VM's host has no standard port group " + a.portGroup() + " in its network configuration";
    }
    // copies of the spec as read: the port group's other settings are sent back unchanged
    HostPortGroupSpec read = pg.getSpec();
    HostPortGroupSpec spec = new HostPortGroupSpec();
    spec.setName(read.getName());
    spec.setVlanId(read.getVlanId());
    spec.setVswitchName(read.getVswitchName());
    HostNetworkPolicy policy = new HostNetworkPolicy();
    if (read.getPolicy() != null) {
      policy.setNicTeaming(read.getPolicy().getNicTeaming());
      policy.setOffloadPolicy(read.getPolicy().getOffloadPolicy());
      policy.setShapingPolicy(read.getPolicy().getShapingPolicy());
    }
    HostNetworkSecurityPolicy readSec = read.getPolicy() == null ? null : read.getPolicy().getSecurity();
    HostNetworkSecurityPolicy sec = new HostNetworkSecurityPolicy();
    if (readSec != null) {
      sec.setAllowPromiscuous(readSec.getAllowPromiscuous());
      sec.setMacChanges(readSec.getMacChanges());
      sec.setForgedTransmits(readSec.getForgedTransmits());
    }
    HostNetworkSecurityPolicy eff = pg.getComputedPolicy() != null ? pg.getComputedPolicy().getSecurity() : null;
    List<String> diffs = new ArrayList<>();
    a.allowPromiscuous().ifPresent(v -> {
      if (!v.equals(eff == null ? null : eff.getAllowPromiscuous())) {
        diffs.add("allowPromiscuous " + str(eff == null ? null : eff.getAllowPromiscuous()) + " -> " + v);
      }
      sec.setAllowPromiscuous(v);
    });
    a.forgedTransmits().ifPresent(v -> {
      if (!v.equals(eff == null ? null : eff.getForgedTransmits())) {
        diffs.add("forgedTransmits " + str(eff == null ? null : eff.getForgedTransmits()) + " -> " + v);
      }
      sec.setForgedTransmits(v);
    });
    a.macChanges().ifPresent(v -> {
      if (!v.equals(eff == null ? null : eff.getMacChanges())) {
        diffs.add("macChanges " + str(eff == null ? null : eff.getMacChanges()) + " -> " + v);
      }
      sec.setMacChanges(v);
    });
    if (!learning.isEmpty()) {
      skipped.add(a.describe() + ": MAC learning does not exist on a standard switch");
    }
    if (diffs.isEmpty()) {
      return null;
    }
    policy.setSecurity(sec);
    spec.setPolicy(policy);
    portGroupChanges.add(new PortGroupChange(a.portGroup(), false, net.networkSystem, spec, null,
        "standard port group " + a.portGroup() + " (HostNetworkSystem " + net.networkSystem.getVal()
            + ".UpdatePortGroup): " + String.join(", ", diffs)));
    lines.add(portGroupChanges.get(portGroupChanges.size() - 1).line);
    return null;
  }

  private String distributed(SetPortGroupSecurity a, VmMapper.Dvpg pg, String learning) {
    DVSSecurityPolicy cur = pg.security;
    DVSSecurityPolicy want = new DVSSecurityPolicy();
    want.setInherited(false);
    List<String> diffs = new ArrayList<>();
    want.setAllowPromiscuous(bool(a.allowPromiscuous(), cur == null ? null : cur.getAllowPromiscuous(),
        "allowPromiscuous", diffs));
    want.setForgedTransmits(bool(a.forgedTransmits(), cur == null ? null : cur.getForgedTransmits(),
        "forgedTransmits", diffs));
    want.setMacChanges(bool(a.macChanges(), cur == null ? null : cur.getMacChanges(), "macChanges", diffs));
    if (!learning.isEmpty()) {
      skipped.add(a.describe() + learning.replaceFirst("^; ", ": "));
    }
    if (diffs.isEmpty()) {
      return null;
    }
    VMwareDVSPortSetting setting = new VMwareDVSPortSetting();
    setting.setSecurityPolicy(want);
    DVPortgroupConfigSpec spec = new DVPortgroupConfigSpec();
    spec.setConfigVersion(pg.configVersion);
    spec.setDefaultPortConfig(setting);
    portGroupChanges.add(new PortGroupChange(a.portGroup(), true, pg.ref, null, spec,
        "distributed port group " + a.portGroup() + " (" + pg.ref.getVal() + ".ReconfigureDVPortgroup_Task, "
            + "defaultPortConfig.securityPolicy): " + String.join(", ", diffs)));
    lines.add(portGroupChanges.get(portGroupChanges.size() - 1).line);
    return null;
  }

  /** The policy to send for one field: the requested value, else the current one (kept explicitly). */
  private static BoolPolicy bool(Optional<Boolean> requested, BoolPolicy current, String field, List<String> diffs) {
    Boolean cur = current == null ? null : current.getValue();
    if (requested.isEmpty()) {
      if (current == null) {
        return null;
      }
      BoolPolicy keep = new BoolPolicy();
      keep.setInherited(current.isInherited());
      keep.setValue(cur);
      return keep;
    }
    boolean v = requested.get();
    if (!Boolean.valueOf(v).equals(cur) || (current != null && current.isInherited())) {
      diffs.add(field + " " + str(cur) + " -> " + v);
    }
    BoolPolicy p = new BoolPolicy();
    p.setInherited(false);
    p.setValue(v);
    return p;
  }
}
