package io.nestcheck.core.fix;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.PortSecurityPolicy;
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
import io.nestcheck.api.TriState;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.internal.vmx.VmxDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a {@link FixPlan} to the in-memory model of a VM, for previews and for checking that a plan converges
 * (re-evaluating the result). It writes no file and calls no platform; file writers and platform adapters apply
 * the same plan to the real VM.
 *
 * <p>Every automatable {@link FixAction} type maps onto the model, and the raw {@linkplain VmConfiguration#settings()
 * settings} are kept in step with the typed fields so that re-reading the written file would give the same model:
 * <ul>
 *   <li>{@link ExposeNestedHv}: {@code nestedHv} YES (NO when disabling). A libvirt VM (a CPU mode is set, a {@code
 *       cpu.mode} or {@code domain.type} setting is present, or the source ends in {@code .xml}) also gets CPU
 *       mode {@code host-passthrough}, the mode the FusionCompute lab guides use, with an existing {@code cpu.mode}
 *       setting updated and a {@code cpu.feature.vmx}/{@code svm} that disables the feature removed; any other VM gets {@code vhv.enable = "TRUE"} (added when absent) and an existing {@code
 *       nestedHVEnabled} setting updated.
 *   <li>{@link SetCpu}: vCPUs and cores per socket ({@code numvcpus}, {@code cpuid.coresPerSocket}).
 *   <li>{@link SetMemory}: memory ({@code memsize}); a reservation locked to the maximum follows the new size.
 *   <li>{@link SetMemoryReservation}: the reservation ({@code sched.mem.min}, and {@code sched.mem.minSize} when
 *       present) and the lock ({@code sched.mem.pin}); a locked reservation equals the configured memory.
 *   <li>{@link SetFirmware}: firmware ({@code firmware = "efi"}; BIOS removes the key, since absent means BIOS and
 *       libvirt rejects {@code "bios"}) and, when stated, secure boot ({@code uefi.secureBoot.enabled}).
 *   <li>{@link SetVmFlag}: vIOMMU ({@code vvtd.enable}, {@code flags.vvtdEnabled}), vPMC ({@code vpmc.enable}),
 *       VBS ({@code flags.vbsEnabled} and {@code vbs.enable}, updated only when present: no source names the
 *       {@code .vmx} key).
 *   <li>{@link UpgradeHardwareVersion}: the hardware version ({@code virtualHW.version}); never downgrades.
 *   <li>{@link SetGuestOs}: the guest OS id ({@code guestOS}, in {@code .vmx} form).
 *   <li>{@link ReplaceControllerType}, {@link ReplaceNicType}: the device's type and raw type ({@code
 *       scsiN.virtualDev}, {@code ethernetN.virtualDev}). Changing a SCSI controller to a non-SCSI type (NVMe,
 *       SATA) keeps the controller id in the model; a file writer must move the disks.
 *   <li>{@link RemoveDevice}: the peripheral is removed ({@code <id>.present = "FALSE"}).
 *   <li>{@link SetSetting}, {@link RemoveSetting}: the settings list (set keeps the first occurrence of the key,
 *       drops duplicates and appends an absent key; remove drops every occurrence) <em>and</em> the field the key
 *       drives, read back as a reader would (setting a key to the value its first occurrence already has only
 *       drops the duplicates and changes no field, except that {@code memsize} still pulls a reservation locked to
 *       the maximum along): the keys above, {@code cpu.mode}, {@code cpuid.<leaf>.<register>}
 *       (a CPUID mask is added, replaced or removed), {@code <id>.virtualDev}, {@code <id>.present} for
 *       peripherals. Keys no field mirrors ({@code disk.EnableUUID}, {@code tools.syncTimeWithHost}, {@code
 *       hypervisor.cpuid.v0}, ...) stay settings only.
 *   <li>{@link SetPortGroupSecurity}: the port security of every NIC on that network (a NIC without a known policy
 *       gets one with the stated fields).
 *   <li>{@link ManualStep}s are never applied.
 * </ul>
 *
 * <p>Mirrored keys that are absent are added only for {@code .vmx} VMs (the source ends in {@code .vmx} and the VM
 * is not a libvirt VM); for other sources (OVF, govc JSON, libvirt XML) only keys already present are updated,
 * because their settings are not {@code .vmx} lines. The informational settings the libvirt reader records
 * ({@code vcpu}, {@code memory}, {@code os.firmware}, ...) are not rewritten, except {@code cpu.mode} and the
 * {@code cpu.feature.*} entries named above. A NIC or controller type without a {@code .vmx} name (VirtIO,
 * NVMe, SATA, ...) removes the stale {@code virtualDev} key of an {@code ethernetN}/{@code scsiN} device; the
 * {@code .vmx} writer cannot express such a change and reports it as skipped.
 *
 * <p>Application is idempotent: {@code apply(apply(vm, p), p)} equals {@code apply(vm, p)}. An action that names
 * a NIC or controller the VM does not have is a caller error (the plan was made for another VM).
 *
 * <p>The class is stateless and thread-safe.
 *
 * @since 0.1
 */
public final class FixApplier {
  private static final Pattern CPUID_KEY = Pattern.compile("cpuid\\.(0x)?([0-9a-f]{1,8})\\.(eax|ebx|ecx|edx)");
  private static final Pattern VIRTUAL_DEV_KEY = Pattern.compile("(.+)\\.virtualdev");
  private static final Pattern PRESENT_KEY = Pattern.compile("(.+)\\.present");

  private FixApplier() {}

  /**
   * Applies every automatable action of {@code plan}, in plan order.
   *
   * @param vm the VM the plan was made for; never {@code null}
   * @param plan the plan; never {@code null}
   * @return the changed VM; {@code vm} itself when the plan changes nothing; never {@code null}
   * @throws IllegalArgumentException if an action names a NIC or controller the VM does not have
   */
  public static VmConfiguration apply(VmConfiguration vm, FixPlan plan) {
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(plan, "plan");
    VmConfiguration out = vm;
    for (FixAction a : plan.actions()) {
      out = apply(out, a);
    }
    return out;
  }

  /**
   * Applies one action; a {@link ManualStep} changes nothing.
   *
   * @param vm the VM; never {@code null}
   * @param action the action; never {@code null}
   * @return the changed VM; never {@code null}
   * @throws IllegalArgumentException if the action names a NIC or controller the VM does not have
   */
  public static VmConfiguration apply(VmConfiguration vm, FixAction action) {
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(action, "action");
    if (action instanceof ExposeNestedHv) {
      return exposeNestedHv(vm, ((ExposeNestedHv) action).enabled());
    } else if (action instanceof SetCpu) {
      SetCpu a = (SetCpu) action;
      boolean add = vmx(vm);
      return vm.withVcpus(a.vcpus()).withCoresPerSocket(a.coresPerSocket())
          .withSettings(Settings.mirror(Settings.mirror(vm.settings(), "numvcpus", String.valueOf(a.vcpus()), add),
              "cpuid.coresPerSocket", String.valueOf(a.coresPerSocket()), add));
    } else if (action instanceof SetMemory) {
      return setMemory(vm, ((SetMemory) action).memoryMiB());
    } else if (action instanceof SetMemoryReservation) {
      SetMemoryReservation a = (SetMemoryReservation) action;
      return setReservation(vm, a.lockedToMax() ? vm.memoryMiB() : a.reservationMiB(), a.lockedToMax());
    } else if (action instanceof SetFirmware) {
      return setFirmware(vm, (SetFirmware) action);
    } else if (action instanceof SetVmFlag) {
      return setFlag(vm, ((SetVmFlag) action).flag(), ((SetVmFlag) action).enabled());
    } else if (action instanceof UpgradeHardwareVersion) {
      int v = Math.max(vm.hardwareVersion().orElse(0), ((UpgradeHardwareVersion) action).version());
      return vm.withHardwareVersion(v)
          .withSettings(Settings.mirror(vm.settings(), "virtualHW.version", String.valueOf(v), vmx(vm)));
    } else if (action instanceof SetGuestOs) {
      GuestOsId os = ((SetGuestOs) action).guestOs();
      return vm.withGuestOs(os).withSettings(Settings.mirror(vm.settings(), "guestOS", os.vmxForm(), vmx(vm)));
    } else if (action instanceof ReplaceControllerType) {
      ReplaceControllerType a = (ReplaceControllerType) action;
      return replaceController(vm, a.controllerId(), a.to());
    } else if (action instanceof ReplaceNicType) {
      ReplaceNicType a = (ReplaceNicType) action;
      return replaceNic(vm, a.nicId(), a.to());
    } else if (action instanceof RemoveDevice) {
      return removePeripheral(vm, ((RemoveDevice) action).deviceId(), true);
    } else if (action instanceof SetSetting) {
      SetSetting a = (SetSetting) action;
      VmConfiguration out = vm.withSettings(Settings.set(vm.settings(), a.key(), a.value()));
      // the same first value: only duplicates went, and the fields a reader derives stay as they are; except that
      // a memsize setting always pulls a reservation locked to the maximum along, as the .vmx writer does (a
      // locked reservation that disagrees with memsize is brought in line even when memsize keeps its value)
      boolean same = vm.setting(a.key()).equals(Optional.of(a.value()));
      return same && !a.key().equalsIgnoreCase("memsize") ? out : fromSetting(out, a.key());
    } else if (action instanceof RemoveSetting) {
      String key = ((RemoveSetting) action).key();
      return fromSetting(vm.withSettings(Settings.remove(vm.settings(), key)), key);
    } else if (action instanceof SetPortGroupSecurity) {
      return setPortGroup(vm, (SetPortGroupSecurity) action);
    }
    return vm; // ManualStep
  }

  // ---------------------------------------------------------------------------------------------- flavours

  /** A libvirt VM: a CPU mode, a {@code cpu.mode} or {@code domain.type} setting, or an XML source. */
  static boolean libvirt(VmConfiguration vm) {
    return vm.cpuMode() != CpuMode.UNSPECIFIED || Settings.contains(vm.settings(), "cpu.mode")
        || Settings.contains(vm.settings(), "domain.type") || vm.source().toLowerCase(Locale.ROOT).endsWith(".xml");
  }

  /** A {@code .vmx} VM: mirrored keys are added when absent. */
  static boolean vmx(VmConfiguration vm) {
    return vm.source().toLowerCase(Locale.ROOT).endsWith(".vmx") && !libvirt(vm);
  }

  // ---------------------------------------------------------------------------------------------- actions

  private static VmConfiguration exposeNestedHv(VmConfiguration vm, boolean enabled) {
    if (libvirt(vm)) {
      VmConfiguration out = vm.withNestedHv(TriState.of(enabled));
      if (enabled) {
        List<Setting> s = Settings.update(out.settings(), "cpu.mode", "host-passthrough");
        // a feature policy that disables vmx/svm would still hide them under host-passthrough
        for (String f : List.of("cpu.feature.vmx", "cpu.feature.svm")) {
          Optional<String> policy = Settings.first(s, f).map(p -> p.trim().toLowerCase(Locale.ROOT));
          if (policy.isPresent() && (policy.get().equals("disable") || policy.get().equals("forbid"))) {
            s = Settings.remove(s, f);
          }
        }
        out = out.withCpuMode(CpuMode.HOST_PASSTHROUGH).withSettings(s);
      }
      return out;
    }
    List<Setting> s = Settings.set(vm.settings(), "vhv.enable", enabled ? "TRUE" : "FALSE");
    s = Settings.update(s, "nestedHVEnabled", enabled ? "true" : "false");
    return vm.withNestedHv(TriState.of(enabled)).withSettings(s);
  }

  private static VmConfiguration setMemory(VmConfiguration vm, long memory) {
    VmConfiguration out = vm.withMemoryMiB(memory)
        .withSettings(Settings.mirror(vm.settings(), "memsize", String.valueOf(memory), vmx(vm)));
    return vm.memoryLockedToMax() ? setReservation(out, memory, true) : out;
  }

  private static VmConfiguration setReservation(VmConfiguration vm, long reservation, boolean locked) {
    boolean add = vmx(vm);
    List<Setting> s = Settings.mirror(vm.settings(), "sched.mem.min", String.valueOf(reservation), add);
    s = Settings.update(s, "sched.mem.minSize", String.valueOf(reservation));
    s = Settings.mirror(s, "sched.mem.pin", locked ? "TRUE" : "FALSE", add && locked);
    return vm.withMemoryReservationMiB(reservation).withMemoryLockedToMax(locked).withSettings(s);
  }

  private static VmConfiguration setFirmware(VmConfiguration vm, SetFirmware a) {
    boolean add = vmx(vm);
    List<Setting> s = a.firmware() == Firmware.EFI
        ? Settings.mirror(vm.settings(), "firmware", "efi", add)
        : Settings.remove(vm.settings(), "firmware");
    VmConfiguration out = vm.withFirmware(a.firmware());
    if (a.secureBoot().isPresent()) {
      boolean sb = a.secureBoot().get();
      s = Settings.mirror(s, "uefi.secureBoot.enabled", sb ? "TRUE" : "FALSE", add);
      out = out.withSecureBoot(sb);
    }
    return out.withSettings(s);
  }

  private static VmConfiguration setFlag(VmConfiguration vm, SetVmFlag.Flag flag, boolean on) {
    String b = on ? "TRUE" : "FALSE";
    boolean add = vmx(vm);
    switch (flag) {
      case VIRTUAL_IOMMU:
        return vm.withVirtualIommu(on).withSettings(
            Settings.update(Settings.mirror(vm.settings(), "vvtd.enable", b, add), "flags.vvtdEnabled", on ? "true" : "false"));
      case VIRTUAL_PMC:
        return vm.withVirtualPmc(on).withSettings(Settings.mirror(vm.settings(), "vpmc.enable", b, add));
      case VBS:
      default:
        return vm.withVbs(on).withSettings(
            Settings.update(Settings.update(vm.settings(), "flags.vbsEnabled", on ? "true" : "false"), "vbs.enable", b));
    }
  }

  private static VmConfiguration replaceController(VmConfiguration vm, String id, ControllerType to) {
    List<StorageController> list = new ArrayList<>(vm.controllers());
    boolean found = false;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id().equals(id)) {
        list.set(i, list.get(i).withType(to).withRawType(Names.controllerRaw(to)));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException("cannot change controller " + id + " of " + vm.name()
          + ": the VM has no such controller (controllers: " + ids(vm.controllers()) + ")");
    }
    List<Setting> s = vm.settings();
    Optional<String> dev = VmxDevices.scsiVirtualDev(to);
    if (id.toLowerCase(Locale.ROOT).matches("scsi\\d+")) {
      // a type without a .vmx name (NVMe, SATA, VirtIO) leaves no virtualDev behind
      s = dev.isPresent() ? Settings.mirror(s, id + ".virtualDev", dev.get(), vmx(vm)) : Settings.remove(s, id + ".virtualDev");
    }
    return vm.withControllers(list).withSettings(s);
  }

  private static VmConfiguration replaceNic(VmConfiguration vm, String id, NicType to) {
    List<Nic> list = new ArrayList<>(vm.nics());
    boolean found = false;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).id().equals(id)) {
        list.set(i, list.get(i).withType(to).withRawType(Names.nicRaw(to)));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException("cannot change NIC " + id + " of " + vm.name()
          + ": the VM has no such NIC (NICs: " + nicIds(vm.nics()) + ")");
    }
    List<Setting> s = vm.settings();
    Optional<String> dev = VmxDevices.nicVirtualDev(to);
    if (id.toLowerCase(Locale.ROOT).matches("ethernet\\d+")) {
      boolean add = vmx(vm);
      // a type without a .vmx name (VirtIO, RTL8139) leaves no virtualDev behind
      s = dev.isPresent() ? Settings.mirror(s, id + ".virtualDev", dev.get(), add) : Settings.remove(s, id + ".virtualDev");
      s = to == NicType.VMXNET2 ? Settings.mirror(s, id + ".features", "15", add) : Settings.remove(s, id + ".features");
    }
    return vm.withNics(list).withSettings(s);
  }

  private static VmConfiguration removePeripheral(VmConfiguration vm, String id, boolean writePresent) {
    List<Peripheral> kept = new ArrayList<>(vm.peripherals().size());
    for (Peripheral p : vm.peripherals()) {
      if (!p.id().equalsIgnoreCase(id)) {
        kept.add(p);
      }
    }
    VmConfiguration out = kept.size() == vm.peripherals().size() ? vm : vm.withPeripherals(kept);
    if (writePresent) {
      out = out.withSettings(Settings.mirror(out.settings(), id + ".present", "FALSE", vmx(vm)));
    }
    return out;
  }

  private static VmConfiguration setPortGroup(VmConfiguration vm, SetPortGroupSecurity a) {
    List<Nic> list = new ArrayList<>(vm.nics().size());
    boolean changed = false;
    for (Nic n : vm.nics()) {
      if (n.network().isPresent() && n.network().get().equals(a.portGroup())) {
        PortSecurityPolicy p = n.portSecurity().orElseGet(() -> PortSecurityPolicy.builder().build());
        if (a.allowPromiscuous().isPresent()) {
          p = p.withAllowPromiscuous(TriState.of(a.allowPromiscuous().get()));
        }
        if (a.forgedTransmits().isPresent()) {
          p = p.withForgedTransmits(TriState.of(a.forgedTransmits().get()));
        }
        if (a.macChanges().isPresent()) {
          p = p.withMacChanges(TriState.of(a.macChanges().get()));
        }
        if (a.macLearning().isPresent()) {
          p = p.withMacLearning(TriState.of(a.macLearning().get()));
        }
        list.add(n.withPortSecurity(p));
        changed = true;
      } else {
        list.add(n);
      }
    }
    return changed ? vm.withNics(list) : vm;
  }

  // ---------------------------------------------------------------------------------------------- settings -> fields

  /** Re-reads the field that {@code key} drives from the (already edited) settings. */
  private static VmConfiguration fromSetting(VmConfiguration vm, String key) {
    String k = key.toLowerCase(Locale.ROOT);
    List<Setting> s = vm.settings();
    switch (k) {
      case "vhv.enable":
      case "nestedhvenabled": {
        if (libvirt(vm)) {
          return vm;
        }
        Optional<String> v = Settings.first(s, "vhv.enable").or(() -> Settings.first(s, "nestedHVEnabled"));
        if (v.isEmpty()) {
          return vm.withNestedHv(TriState.UNKNOWN);
        }
        return bool(v.get()).map(b -> vm.withNestedHv(TriState.of(b))).orElse(vm);
      }
      case "numvcpus":
        return positiveInt(s, key, 1).map(vm::withVcpus).orElse(vm);
      case "cpuid.corespersocket":
        return positiveInt(s, key, 1).map(vm::withCoresPerSocket).orElse(vm);
      case "memsize": {
        Optional<Long> m = Settings.first(s, key).flatMap(FixApplier::parseLong).filter(x -> x >= 1);
        // a reservation locked to the maximum follows, as with SetMemory
        return m.map(x -> vm.memoryLockedToMax() ? setReservation(vm.withMemoryMiB(x), x, true) : vm.withMemoryMiB(x))
            .orElse(vm);
      }
      case "sched.mem.min":
      case "sched.mem.minsize": {
        Optional<String> v = Settings.first(s, "sched.mem.min").or(() -> Settings.first(s, "sched.mem.minSize"));
        if (v.isEmpty()) {
          return vm.withMemoryReservationMiB(0);
        }
        return parseLong(v.get()).filter(x -> x >= 0).map(vm::withMemoryReservationMiB).orElse(vm);
      }
      case "sched.mem.pin":
        return flag(s, key).map(vm::withMemoryLockedToMax).orElse(vm);
      case "firmware": {
        Optional<String> v = Settings.first(s, key);
        if (v.isEmpty() || v.get().trim().equalsIgnoreCase("bios")) {
          return vm.withFirmware(Firmware.BIOS);
        }
        return v.get().trim().equalsIgnoreCase("efi") ? vm.withFirmware(Firmware.EFI) : vm;
      }
      case "uefi.secureboot.enabled":
        return flag(s, key).map(vm::withSecureBoot).orElse(vm);
      case "vvtd.enable":
      case "flags.vvtdenabled":
        return flag(s, "vvtd.enable", "flags.vvtdEnabled").map(vm::withVirtualIommu).orElse(vm);
      case "vpmc.enable":
        return flag(s, key).map(vm::withVirtualPmc).orElse(vm);
      case "flags.vbsenabled":
      case "vbs.enable":
        return flag(s, "flags.vbsEnabled", "vbs.enable").map(vm::withVbs).orElse(vm);
      case "virtualhw.version": {
        Optional<String> v = Settings.first(s, key);
        if (v.isEmpty()) {
          return vm.withHardwareVersion(OptionalInt.empty());
        }
        String t = v.get().trim().toLowerCase(Locale.ROOT);
        return parseLong(t.startsWith("vmx-") ? t.substring(4) : t).filter(x -> x >= 1 && x <= 999)
            .map(x -> vm.withHardwareVersion(x.intValue())).orElse(vm);
      }
      case "guestos": {
        Optional<String> v = Settings.first(s, key);
        if (v.isEmpty()) {
          return vm.withGuestOs(Optional.empty());
        }
        return v.get().isBlank() ? vm : vm.withGuestOs(GuestOsId.of(v.get()));
      }
      case "cpu.mode":
        return Settings.first(s, key).flatMap(Names::cpuMode)
            .map(m -> m == CpuMode.CUSTOM ? vm.withCpuMode(m) : vm.withCpuMode(m).withNestedHv(TriState.YES))
            .orElse(vm);
      default:
        break;
    }
    Matcher cpuid = CPUID_KEY.matcher(k);
    if (cpuid.matches()) {
      return cpuidFromSetting(vm, key, Long.parseLong(cpuid.group(2), 16),
          CpuidMask.Register.valueOf(cpuid.group(3).toUpperCase(Locale.ROOT)));
    }
    Matcher dev = VIRTUAL_DEV_KEY.matcher(k);
    if (dev.matches()) {
      return deviceTypeFromSetting(vm, key, dev.group(1));
    }
    Matcher present = PRESENT_KEY.matcher(k);
    if (present.matches()) {
      return presentFromSetting(vm, key, key.substring(0, key.length() - ".present".length()));
    }
    return vm;
  }

  private static VmConfiguration cpuidFromSetting(VmConfiguration vm, String key, long leaf, CpuidMask.Register reg) {
    List<CpuidMask> masks = new ArrayList<>(vm.cpuidMasks().size() + 1);
    Optional<String> v = Settings.first(vm.settings(), key);
    Optional<CpuidMask> replacement = v.map(x -> x.replace(":", "").trim())
        .filter(x -> x.length() == 32)
        .map(x -> CpuidMask.of(leaf, reg, x));
    if (v.isPresent() && replacement.isEmpty()) {
      return vm; // not a valid mask: a reader would not model it either
    }
    boolean placed = false;
    for (CpuidMask m : vm.cpuidMasks()) {
      if (m.leaf() == leaf && m.register() == reg) {
        if (!placed && replacement.isPresent()) {
          masks.add(replacement.get());
          placed = true;
        }
      } else {
        masks.add(m);
      }
    }
    if (!placed && replacement.isPresent()) {
      masks.add(replacement.get());
    }
    return vm.withCpuidMasks(masks);
  }

  private static VmConfiguration deviceTypeFromSetting(VmConfiguration vm, String key, String id) {
    Optional<String> v = Settings.first(vm.settings(), key);
    List<StorageController> controllers = new ArrayList<>(vm.controllers());
    boolean changed = false;
    for (int i = 0; i < controllers.size(); i++) {
      StorageController c = controllers.get(i);
      if (c.id().equalsIgnoreCase(id)) {
        controllers.set(i, v.isEmpty()
            ? c.withType(ControllerType.UNSPECIFIED).withRawType(Optional.empty())
            : c.withType(VmxDevices.scsiType(v.get())).withRawType(v.get()));
        changed = true;
      }
    }
    List<Nic> nics = new ArrayList<>(vm.nics());
    for (int i = 0; i < nics.size(); i++) {
      Nic n = nics.get(i);
      if (n.id().equalsIgnoreCase(id)) {
        boolean features15 = Settings.first(vm.settings(), id + ".features").map(f -> f.trim().equals("15")).orElse(false);
        nics.set(i, v.isEmpty()
            ? n.withType(NicType.UNSPECIFIED).withRawType(Optional.empty())
            : n.withType(VmxDevices.nicType(v.get(), features15)).withRawType(v.get()));
        changed = true;
      }
    }
    return changed ? vm.withControllers(controllers).withNics(nics) : vm;
  }

  private static VmConfiguration presentFromSetting(VmConfiguration vm, String key, String id) {
    Optional<Boolean> present = Settings.first(vm.settings(), key).map(v -> bool(v).orElse(false));
    if (present.orElse(false)) {
      Optional<PeripheralKind> kind = Names.peripheralKind(id);
      boolean has = vm.peripherals().stream().anyMatch(p -> p.id().equalsIgnoreCase(id));
      return kind.isPresent() && !has ? vm.withPeripherals(append(vm.peripherals(), Peripheral.of(id, kind.get()))) : vm;
    }
    return removePeripheral(vm, id, false);
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private static Optional<Integer> positiveInt(List<Setting> s, String key, int whenAbsent) {
    Optional<String> v = Settings.first(s, key);
    if (v.isEmpty()) {
      return Optional.of(whenAbsent);
    }
    return parseLong(v.get()).filter(x -> x >= 1 && x <= 4096).map(Long::intValue);
  }

  /** A boolean key: absent means false; an unparsable value changes nothing. */
  private static Optional<Boolean> flag(List<Setting> s, String... keys) {
    for (String key : keys) {
      Optional<String> v = Settings.first(s, key);
      if (v.isPresent()) {
        return bool(v.get());
      }
    }
    return Optional.of(false);
  }

  static Optional<Boolean> bool(String v) {
    String t = v.trim();
    if (t.equalsIgnoreCase("true")) {
      return Optional.of(true);
    }
    if (t.equalsIgnoreCase("false")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  private static Optional<Long> parseLong(String v) {
    try {
      return Optional.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  private static String ids(List<StorageController> list) {
    List<String> ids = new ArrayList<>();
    list.forEach(c -> ids.add(c.id()));
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }

  private static String nicIds(List<Nic> list) {
    List<String> ids = new ArrayList<>();
    list.forEach(n -> ids.add(n.id()));
    return ids.isEmpty() ? "none" : String.join(", ", ids);
  }
}
