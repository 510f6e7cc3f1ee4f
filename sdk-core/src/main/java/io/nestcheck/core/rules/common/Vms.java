package io.nestcheck.core.rules.common;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.Platform;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.RuleContext;
import java.util.Locale;
import java.util.Optional;

/**
 * Facts about a VM that several built-in rules derive the same way. Not API: used only by the rules in
 * {@code io.nestcheck.core.rules}.
 */
public final class Vms {
  private Vms() {}

  /**
   * The location of the first of {@code keys} that the VM's source has on a known line; empty when none has one.
   */
  public static Optional<SourceLocation> location(VmConfiguration vm, String... keys) {
    for (String key : keys) {
      int line = vm.lineOf(key);
      if (line > 0) {
        return Optional.of(SourceLocation.of(vm.source(), line));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the VM is a libvirt/KVM guest: it has a libvirt CPU mode, or the host is KVM and the VM has no VMware
   * hardware version.
   */
  public static boolean isLibvirt(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    return vm.cpuMode() != CpuMode.UNSPECIFIED
        || (ctx.host().platform() == Platform.KVM && vm.hardwareVersion().isEmpty());
  }

  /**
   * Whether the VM runs directly on a VMware hypervisor: the host says so, or (host unknown) the VM has a VMware
   * hardware version and no libvirt CPU mode.
   */
  public static boolean runsOnVmware(RuleContext ctx) {
    Platform p = ctx.host().platform();
    if (p == Platform.ESXI || p == Platform.WORKSTATION || p == Platform.FUSION) {
      return true;
    }
    return p == Platform.UNKNOWN && !isLibvirt(ctx) && ctx.vm().hardwareVersion().isPresent();
  }

  /** Whether the guest is known to be 64-bit: the profile says so, or the guest OS id is a 64-bit one. */
  public static boolean is64Bit(RuleContext ctx) {
    if (ctx.requirements().isGuest64Bit()) {
      return true;
    }
    GuestOsId id = ctx.vm().guestOsOrElse(null);
    return id != null && is64BitId(id);
  }

  /** Whether {@code id} names a 64-bit guest: a {@code -64} / {@code _64} id or a {@code vmkernel} (ESXi) id. */
  public static boolean is64BitId(GuestOsId id) {
    String vmx = id.vmxForm().toLowerCase(Locale.ROOT);
    String api = id.canonical().toLowerCase(Locale.ROOT);
    return vmx.endsWith("-64") || vmx.startsWith("vmkernel") || api.contains("64guest") || api.endsWith("guest64");
  }

  /** An enum constant as people write it: {@code LSI_LOGIC_SAS} becomes {@code lsi-logic-sas}. */
  public static String lower(Enum<?> value) {
    return LOWER.get(value.getDeclaringClass())[value.ordinal()];
  }

  /** The {@link #lower} form of every constant of an enum, made once per enum: messages name them per finding. */
  private static final ClassValue<String[]> LOWER = new ClassValue<>() {
    @Override
    protected String[] computeValue(Class<?> type) {
      Object[] constants = type.getEnumConstants();
      String[] out = new String[constants.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT).replace('_', '-');
      }
      return out;
    }
  };

  /** MiB as a short human figure: {@code 8192} becomes {@code 8192 MiB (8 GiB)}. */
  public static String mib(long mib) {
    if (mib % 1024 == 0) {
      return mib + " MiB (" + (mib / 1024) + " GiB)";
    }
    long tenths = Math.round(mib * 10 / 1024.0); // the same figure as %.1f (HALF_UP on the tenth)
    return mib + " MiB (" + (tenths / 10) + "." + (tenths % 10) + " GiB)";
  }

  /** Whether any disk hangs on controller {@code c}. */
  public static boolean hasDisks(io.nestcheck.api.VmConfiguration vm, io.nestcheck.api.StorageController c) {
    for (io.nestcheck.api.Disk d : vm.disks()) {
      if (d.controllerId().equals(c.id())) {
        return true;
      }
    }
    return false;
  }
}
