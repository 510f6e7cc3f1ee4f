package io.nestcheck.core.rules.common;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.RuleContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The single desired end state that several rules fix towards, so that their fixes converge: every rule that
 * touches the hardware version, the firmware, a controller, a NIC or a port group emits the same action for the
 * same VM, and a fix planner never sees two different actions with the same target. Not API.
 */
public final class Targets {
  private Targets() {}

  /** VMware VBS needs vmx-14 on Intel hosts. */
  public static final int VBS_INTEL = 14;
  /** VMware VBS needs vmx-19 on AMD hosts. */
  public static final int VBS_AMD = 19;
  /** Virtual hardware 9 is the minimum for supported VHV. */
  public static final int VHV_MIN = 9;
  /** vNVMe needs virtual hardware 13. */
  public static final int NVME_MIN = 13;

  /** The hardware version one fact needs, and why. */
  public record Need(int version, String reason) {}

  /** Every hardware-version need of the VM under the resolved profile, in a stable order. */
  public static List<Need> hardwareVersionNeeds(RuleContext ctx) {
    List<Need> needs = new ArrayList<>(4);
    ProfileRequirements req = ctx.requirements();
    VmConfiguration vm = ctx.vm();
    if (req.requiresNestedHv()) {
      needs.add(new Need(VHV_MIN, "nested hardware virtualization is supported from vmx-9"));
    }
    if (req.minHardwareVersion().isPresent()) {
      needs.add(new Need(req.minHardwareVersion().getAsInt(), "profile " + ctx.profile().id() + " asks for vmx-"
          + req.minHardwareVersion().getAsInt()));
    }
    for (StorageController c : vm.controllers()) {
      if (c.type() == ControllerType.NVME) {
        needs.add(new Need(NVME_MIN, "virtual NVMe needs vmx-13"));
        break;
      }
    }
    if (vbsKept(ctx)) {
      needs.add(new Need(vbsMinimum(ctx), vbsReason(ctx)));
    }
    return needs;
  }

  /**
   * Whether the VM's VBS is to be kept: it is on and the profile allows EFI (VBS requires EFI). When the profile
   * allows only BIOS, VBS contradicts the guest's requirements and every rule fixes towards VBS off instead.
   */
  public static boolean vbsKept(RuleContext ctx) {
    Set<Firmware> allowed = ctx.requirements().allowedFirmware();
    return ctx.vm().vbs() && (allowed.isEmpty() || allowed.contains(Firmware.EFI));
  }

  /** The version VBS needs on this host's CPU vendor; an unknown vendor is assumed to be Intel. */
  public static int vbsMinimum(RuleContext ctx) {
    CpuVendor v = ctx.host().cpuVendor();
    return v == CpuVendor.AMD || v == CpuVendor.HYGON ? VBS_AMD : VBS_INTEL;
  }

  private static String vbsReason(RuleContext ctx) {
    CpuVendor v = ctx.host().cpuVendor();
    if (v == CpuVendor.AMD || v == CpuVendor.HYGON) {
      return "VBS on an AMD host needs vmx-19";
    }
    if (v == CpuVendor.INTEL) {
      return "VBS on an Intel host needs vmx-14";
    }
    return "VBS needs vmx-14 on Intel (assumed: the host CPU vendor is unknown; an AMD host needs vmx-19)";
  }

  /** The highest hardware version any fact needs; 0 when nothing needs one. */
  public static int hardwareVersionTarget(RuleContext ctx) {
    int target = 0;
    for (Need n : hardwareVersionNeeds(ctx)) {
      target = Math.max(target, n.version());
    }
    return target;
  }

  /**
   * The fix every hardware-version rule emits: an upgrade to {@link #hardwareVersionTarget}, or, when the host is
   * known to run only older versions, a manual step (an upgraded VM would no longer power on there).
   */
  public static FixAction hardwareVersionFix(RuleContext ctx) {
    int target = hardwareVersionTarget(ctx);
    if (ctx.host().maxHardwareVersion().isPresent() && ctx.host().maxHardwareVersion().getAsInt() < target) {
      int max = ctx.host().maxHardwareVersion().getAsInt();
      return ManualStep.of("Move the VM to a host that runs vmx-" + target,
          "The VM needs virtual hardware vmx-" + target + " but its host runs at most vmx-" + max
              + ", so upgrading in place would leave a VM that cannot power on.\n"
              + "1. Upgrade the host, or register the VM on a host whose ESXi release supports vmx-" + target + ".\n"
              + "2. Power the VM off and upgrade its compatibility to vmx-" + target
              + " (vSphere Client: Actions > Compatibility > Upgrade VM Compatibility).");
    }
    return UpgradeHardwareVersion.of(target);
  }

  /** The firmware and secure-boot state every firmware rule fixes towards. */
  public record FirmwareTarget(Firmware firmware, boolean secureBoot) {}

  /**
   * The desired firmware: VBS that is kept ({@link #vbsKept}) forces EFI with secure boot; otherwise a firmware the
   * profile does not allow becomes its recommended one; secure boot is turned off on BIOS (it has no meaning
   * there) unless the profile does not allow BIOS, in which case the VM moves to EFI and keeps secure boot.
   */
  public static FirmwareTarget firmwareTarget(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    if (vbsKept(ctx)) {
      return new FirmwareTarget(Firmware.EFI, true);
    }
    ProfileRequirements req = ctx.requirements();
    Set<Firmware> allowed = req.allowedFirmware();
    Firmware fw = vm.firmware();
    boolean secureBoot = vm.secureBoot();
    if (!allowed.isEmpty() && !allowed.contains(fw)) {
      fw = recommendedFirmware(req);
    }
    if (fw == Firmware.BIOS) {
      secureBoot = false;
    }
    return new FirmwareTarget(fw, secureBoot);
  }

  /** The fix every firmware rule emits. */
  public static SetFirmware firmwareFix(RuleContext ctx) {
    FirmwareTarget t = firmwareTarget(ctx);
    return SetFirmware.of(t.firmware(), t.secureBoot());
  }

  /** The profile's recommended firmware, or the first allowed one, or EFI. */
  public static Firmware recommendedFirmware(ProfileRequirements req) {
    Set<Firmware> allowed = req.allowedFirmware();
    if (req.recommendedFirmware().isPresent()
        && (allowed.isEmpty() || allowed.contains(req.recommendedFirmware().get()))) {
      return req.recommendedFirmware().get();
    }
    for (Firmware f : Firmware.values()) {
      if (allowed.contains(f)) {
        return f;
      }
    }
    return Firmware.EFI;
  }

  private static final Set<ControllerType> VIRTIO_CONTROLLERS = EnumSet.of(ControllerType.VIRTIO_BLK,
      ControllerType.VIRTIO_SCSI);

  /**
   * The controller type a controller rule replaces with: the profile's recommendation when it exists on the VM's
   * platform (VirtIO does not exist on VMware) and is supported, else the first supported type that does; on
   * libvirt a supported VirtIO type is preferred (the paravirtual norm there). BusLogic is never chosen for a
   * 64-bit guest. Empty when the profile names nothing usable.
   */
  public static Optional<ControllerType> controllerTarget(RuleContext ctx) {
    ProfileRequirements req = ctx.requirements();
    boolean libvirt = Vms.isLibvirt(ctx);
    boolean is64 = Vms.is64Bit(ctx);
    List<ControllerType> candidates = new ArrayList<>();
    req.recommendedController().ifPresent(candidates::add);
    for (ControllerType t : ControllerType.values()) {
      if (req.supportedControllers().contains(t) && !candidates.contains(t)) {
        candidates.add(t);
      }
    }
    List<ControllerType> usable = new ArrayList<>();
    for (ControllerType t : candidates) {
      if (t == ControllerType.UNSPECIFIED || t == ControllerType.OTHER) {
        continue;
      }
      if (!libvirt && VIRTIO_CONTROLLERS.contains(t)) {
        continue;
      }
      if (is64 && t == ControllerType.BUSLOGIC) {
        continue;
      }
      if (!req.supportedControllers().isEmpty() && !req.supportedControllers().contains(t)) {
        continue;
      }
      usable.add(t);
    }
    if (libvirt) {
      for (ControllerType t : usable) {
        if (VIRTIO_CONTROLLERS.contains(t)) {
          return Optional.of(t);
        }
      }
    }
    return usable.isEmpty() ? Optional.empty() : Optional.of(usable.get(0));
  }

  /**
   * The NIC type a NIC rule replaces with: the profile's recommendation when it exists on the VM's platform
   * (VirtIO does not exist on VMware) and is supported, else the first supported type that does. Empty when the
   * profile names nothing usable.
   */
  public static Optional<NicType> nicTarget(RuleContext ctx) {
    ProfileRequirements req = ctx.requirements();
    boolean libvirt = Vms.isLibvirt(ctx);
    List<NicType> candidates = new ArrayList<>();
    req.recommendedNic().ifPresent(candidates::add);
    for (NicType t : NicType.values()) {
      if (req.supportedNics().contains(t) && !candidates.contains(t)) {
        candidates.add(t);
      }
    }
    for (NicType t : candidates) {
      if (t == NicType.UNSPECIFIED || t == NicType.OTHER || (!libvirt && t == NicType.VIRTIO)) {
        continue;
      }
      if (!req.supportedNics().isEmpty() && !req.supportedNics().contains(t)) {
        continue;
      }
      return Optional.of(t);
    }
    return Optional.empty();
  }

  /**
   * Whether the port-group policy of {@code p} lets a nested guest's frames through as the profile needs: MAC
   * learning on a distributed switch, else promiscuous mode and forged transmits accepted where required. Unknown
   * values count as "not known to block".
   */
  public static boolean blocksNestedFrames(ProfileRequirements req, PortSecurityPolicy p) {
    if (p.switchKind() == SwitchKind.DISTRIBUTED && p.macLearning().isYes()) {
      return false;
    }
    return (req.requiresPromiscuousMode() && p.allowPromiscuous().isNo())
        || (req.requiresForgedTransmits() && p.forgedTransmits().isNo());
  }

  /** Whether the policy rejects MAC address changes while the profile requires them. */
  public static boolean rejectsMacChanges(ProfileRequirements req, PortSecurityPolicy p) {
    return req.requiresMacChanges() && p.macChanges().isNo();
  }

  /**
   * The one port-group change that makes {@code nic}'s port group right for the profile (promiscuous mode and
   * forged transmits where they block nested frames, MAC changes where required), or empty when nothing needs to
   * change or the NIC has no known port group and policy. Both port-group rules emit this same action, so their
   * fixes converge. On a distributed switch the fix also accepts promiscuous mode and forged transmits: that works
   * on every switch version, while native MAC learning needs VDS 6.6+ (the message names it as the alternative).
   */
  public static Optional<SetPortGroupSecurity> portGroupFix(RuleContext ctx, Nic nic) {
    if (nic.network().isEmpty() || nic.portSecurity().isEmpty()) {
      return Optional.empty();
    }
    ProfileRequirements req = ctx.requirements();
    PortSecurityPolicy p = nic.portSecurity().get();
    SetPortGroupSecurity.Builder b = SetPortGroupSecurity.builder().portGroup(nic.network().get());
    boolean change = false;
    if (blocksNestedFrames(req, p)) {
      if (req.requiresPromiscuousMode()) {
        b.allowPromiscuous(true);
        change = true;
      }
      if (req.requiresForgedTransmits()) {
        b.forgedTransmits(true);
        change = true;
      }
    }
    if (rejectsMacChanges(req, p)) {
      b.macChanges(true);
      change = true;
    }
    return change ? Optional.of(b.build()) : Optional.empty();
  }
}
