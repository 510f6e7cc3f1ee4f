package io.nestcheck.core.internal.vmx;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns the actions of a {@link FixPlan} into {@link VmxEditor} edits of one {@code .vmx} file. Internal: public
 * only for other packages of nestcheck-core. Stateless and thread-safe; the document is never modified.
 *
 * <p>Actions are applied in plan order, each seeing the edits of the ones before it. The key edits mirror the
 * in-memory {@code io.nestcheck.core.fix.FixApplier}, so that reading the written file gives the model {@code
 * FixApplier} computes for the applied actions:
 * <ul>
 *   <li>{@link ExposeNestedHv}: {@code vhv.enable = "TRUE"} ({@code "FALSE"} to hide); an existing {@code
 *       nestedHVEnabled} key is updated too.
 *   <li>{@link SetCpu}: {@code numvcpus} and {@code cpuid.coresPerSocket}.
 *   <li>{@link SetMemory}: {@code memsize}; when the reservation is locked ({@code sched.mem.pin = "TRUE"}) the
 *       reservation follows the new size.
 *   <li>{@link SetMemoryReservation}: {@code sched.mem.min} (the configured memory when locked), an existing {@code
 *       sched.mem.minSize}, and {@code sched.mem.pin = "TRUE"} when locked; when not locked an existing pin is set
 *       to {@code "FALSE"} (kept visible rather than deleted).
 *   <li>{@link ReplaceNicType}: {@code ethernetN.virtualDev} ({@code e1000}, {@code e1000e}, {@code vmxnet3},
 *       {@code vmxnet}, {@code vlance}); VMXNET2 is {@code vmxnet} plus {@code ethernetN.features = "15"}, any other
 *       type removes {@code features}. The NIC must be present in the file.
 *   <li>{@link ReplaceControllerType}: {@code scsiN.virtualDev} ({@code lsilogic}, {@code lsisas1068}, {@code
 *       pvscsi}, {@code buslogic}) of a present {@code scsiN}.
 *   <li>{@link SetFirmware}: {@code firmware = "efi"}; BIOS <b>removes</b> {@code firmware} (absent means BIOS for
 *       every tool, and libvirt rejects {@code "bios"}); a stated secure boot sets {@code uefi.secureBoot.enabled}.
 *   <li>{@link SetVmFlag}: vIOMMU {@code vvtd.enable} (and an existing {@code flags.vvtdEnabled}); vPMC {@code
 *       vpmc.enable}; VBS only updates an existing {@code flags.vbsEnabled} / {@code vbs.enable}.
 *   <li>{@link UpgradeHardwareVersion}: {@code virtualHW.version}; never a downgrade.
 *   <li>{@link SetGuestOs}: {@code guestOS} in {@code .vmx} form ({@code vmkernel8}, not {@code vmkernel8Guest}).
 *   <li>{@link RemoveDevice}: {@code <id>.present = "FALSE"}.
 *   <li>{@link SetSetting} / {@link RemoveSetting}: set / remove the key as given (a new {@code memsize} moves a
 *       locked reservation along, as {@link SetMemory} does).
 * </ul>
 *
 * <p>Writing is idempotent (writing the result again with the same actions gives the same bytes) for plans in
 * which no raw setting changes a key an earlier action read ({@code memsize} or {@code sched.mem.pin} after a memory
 * action, or {@code sched.mem.pin} after a raw {@code memsize}, for example), which holds for the planner's plans: it
 * keeps one action per target.
 *
 * <p>Not expressible as a key edit, so returned as {@linkplain Skipped skipped} with a reason, the file untouched
 * for them: a controller change to or from a non-SCSI type (SATA, NVMe, IDE, VirtIO: disks would have to move to
 * new {@code sataN:M}/{@code nvmeN:M} slots), a NIC type without a {@code .vmx} name (VirtIO, RTL8139, OTHER,
 * UNSPECIFIED), a device the file does not have, VBS when neither VBS key is present (no source names the
 * {@code .vmx} key), a hardware downgrade, {@link SetPortGroupSecurity} (a host setting), {@link ManualStep}s
 * (listed from both the actions and {@link FixPlan#manualSteps()}), and a setting whose key breaks the {@code .vmx}
 * grammar, whose value the file's charset cannot encode, or that would change {@code .encoding}.
 */
public final class VmxFixWriter {

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
   * @param original the bytes before the edits
   * @param bytes the bytes after the edits; equal to {@code original} when nothing changed
   * @param applied the actions written (including those the file already satisfied), in plan order
   * @param skipped the actions not written, with reasons, in plan order (manual steps last)
   */
  public record Result(byte[] original, byte[] bytes, List<FixAction> applied, List<Skipped> skipped) {
    /** Copies the lists. */
    public Result {
      applied = List.copyOf(applied);
      skipped = List.copyOf(skipped);
    }

    /** Whether the bytes differ from the original. */
    public boolean changed() {
      return !Arrays.equals(original, bytes);
    }
  }

  private VmxFixWriter() {}

  /**
   * Applies {@code plan}'s actions and manual steps to {@code doc}.
   *
   * @param doc the parsed file; never {@code null}
   * @param plan the plan; never {@code null}
   * @return the new bytes and what was applied or skipped; never {@code null}
   */
  public static Result write(VmxDocument doc, FixPlan plan) {
    Objects.requireNonNull(plan, "plan");
    List<FixAction> all = new ArrayList<>(plan.actions());
    for (ManualStep m : plan.manualSteps()) {
      if (!all.contains(m)) {
        all.add(m);
      }
    }
    return write(doc, all);
  }

  /**
   * Applies {@code actions} to {@code doc}, in order.
   *
   * @param doc the parsed file; never {@code null}
   * @param actions the actions; never {@code null}
   * @return the new bytes and what was applied or skipped; never {@code null}
   */
  public static Result write(VmxDocument doc, List<? extends FixAction> actions) {
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(actions, "actions");
    Session s = new Session(doc);
    List<FixAction> applied = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (FixAction a : actions) {
      Optional<String> reason = s.apply(Objects.requireNonNull(a, "action"));
      if (reason.isPresent()) {
        skipped.add(new Skipped(a, reason.get()));
      } else {
        applied.add(a);
      }
    }
    return new Result(doc.toBytes(), s.editor.apply(), applied, skipped);
  }

  /** The editor plus a view of the values after the edits made so far. */
  private static final class Session {
    final VmxDocument doc;
    final VmxEditor editor;
    final Map<String, Optional<String>> pending = new HashMap<>();

    Session(VmxDocument doc) {
      this.doc = doc;
      this.editor = new VmxEditor(doc);
    }

    Optional<String> get(String key) {
      Optional<String> p = pending.get(VmxValues.lower(key));
      return p != null ? p : doc.get(key);
    }

    boolean has(String key) {
      return get(key).isPresent();
    }

    boolean isTrue(String key) {
      return get(key).map(v -> BooleanValue.parse(v) == BooleanValue.TRUE).orElse(false);
    }

    OptionalInt intValue(String key) {
      return get(key).map(IntValue::parse).map(IntValue::value).orElse(OptionalInt.empty());
    }

    void set(String key, String value) {
      editor.set(key, value);
      pending.put(VmxValues.lower(key), Optional.of(value));
    }

    void update(String key, String value) {
      if (has(key)) {
        set(key, value);
      }
    }

    void remove(String key) {
      editor.remove(key);
      pending.put(VmxValues.lower(key), Optional.empty());
    }

    /** Applies one action; the reason it was skipped, or empty when applied. */
    Optional<String> apply(FixAction action) {
      if (action instanceof ExposeNestedHv a) {
        set("vhv.enable", a.enabled() ? "TRUE" : "FALSE");
        update("nestedHVEnabled", a.enabled() ? "true" : "false");
      } else if (action instanceof SetCpu a) {
        set("numvcpus", String.valueOf(a.vcpus()));
        set("cpuid.coresPerSocket", String.valueOf(a.coresPerSocket()));
      } else if (action instanceof SetMemory a) {
        if (a.memoryMiB() > Integer.MAX_VALUE) {
          return Optional.of("memsize cannot hold " + a.memoryMiB() + " MB");
        }
        set("memsize", String.valueOf(a.memoryMiB()));
        if (isTrue("sched.mem.pin")) {
          reserve(a.memoryMiB(), true);
        }
      } else if (action instanceof SetMemoryReservation a) {
        long reservation = a.lockedToMax() ? intValue("memsize").orElse(32) : a.reservationMiB();
        if (reservation < 0 || reservation > Integer.MAX_VALUE) {
          return Optional.of("sched.mem.min cannot hold " + reservation + " MB");
        }
        reserve(reservation, a.lockedToMax());
      } else if (action instanceof ReplaceNicType a) {
        return replaceNic(a);
      } else if (action instanceof ReplaceControllerType a) {
        return replaceController(a);
      } else if (action instanceof SetFirmware a) {
        if (a.firmware() == Firmware.EFI) {
          set("firmware", "efi");
        } else {
          remove("firmware");
        }
        a.secureBoot().ifPresent(sb -> set("uefi.secureBoot.enabled", sb ? "TRUE" : "FALSE"));
      } else if (action instanceof SetVmFlag a) {
        return setFlag(a);
      } else if (action instanceof UpgradeHardwareVersion a) {
        OptionalInt current = intValue("virtualHW.version");
        if (current.isPresent() && current.getAsInt() > a.version()) {
          return Optional.of("the VM already has virtual hardware version " + current.getAsInt()
              + ", newer than " + a.version() + "; a hardware version is never downgraded");
        }
        set("virtualHW.version", String.valueOf(a.version()));
      } else if (action instanceof SetGuestOs a) {
        return setSafely("guestOS", a.guestOs().vmxForm());
      } else if (action instanceof RemoveDevice a) {
        if (!VmxValues.isValidKey(a.deviceId() + ".present")) {
          return Optional.of("\"" + a.deviceId() + "\" is not a .vmx device id");
        }
        set(a.deviceId() + ".present", "FALSE");
      } else if (action instanceof SetSetting a) {
        Optional<String> skipped = setSafely(a.key(), a.value());
        OptionalInt memory = IntValue.parse(a.value()).value();
        // a locked reservation follows the memory, as with SetMemory and as FixApplier predicts: also when memsize
        // already had that value (only moving it on a change made a second write differ from the first when the
        // same plan also removed a reservation key)
        if (skipped.isEmpty() && VmxValues.lower(a.key()).equals("memsize") && memory.isPresent()
            && memory.getAsInt() >= 1 && isTrue("sched.mem.pin")) {
          reserve(memory.getAsInt(), true);
        }
        return skipped;
      } else if (action instanceof RemoveSetting a) {
        try {
          new VmxEditor(doc).remove(a.key());
        } catch (IllegalArgumentException e) {
          return Optional.of(e.getMessage());
        }
        remove(a.key());
      } else if (action instanceof SetPortGroupSecurity) {
        return Optional.of("applies to the port group on the host, not to the VM's .vmx file; change it on the "
            + "virtual switch (vSphere Client, govc host.portgroup.change or the adapter)");
      } else if (action instanceof ManualStep) {
        return Optional.of("a manual step: a person must do it");
      } else {
        return Optional.of("not supported for .vmx files: " + action.describe());
      }
      return Optional.empty();
    }

    private void reserve(long reservation, boolean locked) {
      set("sched.mem.min", String.valueOf(reservation));
      update("sched.mem.minSize", String.valueOf(reservation));
      if (locked) {
        set("sched.mem.pin", "TRUE");
      } else {
        update("sched.mem.pin", "FALSE");
      }
    }

    private Optional<String> setSafely(String key, String value) {
      try {
        new VmxEditor(doc).set(key, value); // validates the key, the charset and .encoding
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
      set(key, value);
      return Optional.empty();
    }

    private Optional<String> replaceNic(ReplaceNicType a) {
      String id = a.nicId();
      if (!id.toLowerCase(Locale.ROOT).matches("ethernet\\d{1,3}") || !isTrue(id + ".present")) {
        return Optional.of("the file has no NIC " + id + " (no " + id + ".present = \"TRUE\")");
      }
      Optional<String> dev = VmxDevices.nicVirtualDev(a.to());
      if (dev.isEmpty()) {
        return Optional.of(a.to().name().toLowerCase(Locale.ROOT) + " is not a VMware NIC type; a .vmx file "
            + "can name e1000, e1000e, vmxnet3, vmxnet (vmxnet2 with features 15) or vlance");
      }
      set(id + ".virtualDev", dev.get());
      if (a.to() == NicType.VMXNET2) {
        set(id + ".features", "15");
      } else {
        remove(id + ".features");
      }
      return Optional.empty();
    }

    private Optional<String> replaceController(ReplaceControllerType a) {
      String id = a.controllerId();
      String lower = id.toLowerCase(Locale.ROOT);
      if (!lower.matches("scsi\\d{1,3}")) {
        return Optional.of("only SCSI controllers (scsiN) have a type key in a .vmx file; changing " + id + " to "
            + typeName(a.to()) + " means adding a controller and moving its disks, which is not automated");
      }
      if (!isTrue(id + ".present")) {
        return Optional.of("the file has no controller " + id + " (no " + id + ".present = \"TRUE\")");
      }
      Optional<String> dev = VmxDevices.scsiVirtualDev(a.to());
      if (dev.isEmpty()) {
        return Optional.of("changing " + id + " to " + typeName(a.to()) + " means adding a "
            + typeName(a.to()) + " controller and moving every " + id + ":N disk to it, which is not automated "
            + "for .vmx files; do it in the vSphere Client (the guest needs the driver first)");
      }
      set(id + ".virtualDev", dev.get());
      return Optional.empty();
    }

    private Optional<String> setFlag(SetVmFlag a) {
      String b = a.enabled() ? "TRUE" : "FALSE";
      switch (a.flag()) {
        case VIRTUAL_IOMMU:
          set("vvtd.enable", b);
          update("flags.vvtdEnabled", a.enabled() ? "true" : "false");
          return Optional.empty();
        case VIRTUAL_PMC:
          set("vpmc.enable", b);
          return Optional.empty();
        case VBS:
        default:
          if (!has("flags.vbsEnabled") && !has("vbs.enable")) {
            return Optional.of("no public source names the .vmx key for virtualization-based security (the vSphere "
                + "API flag is flags.vbsEnabled); turn VBS on in the vSphere Client or through the API");
          }
          update("flags.vbsEnabled", a.enabled() ? "true" : "false");
          update("vbs.enable", b);
          return Optional.empty();
      }
    }
  }

  private static String typeName(ControllerType t) {
    return t.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
