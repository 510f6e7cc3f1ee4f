package io.nestcheck.core.rules.cpu;

import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-CPU-002",
    summary = "A CPUID mask hides VT-x/AMD-V from the guest hypervisor",
    severity = Severity.ERROR,
    tags = {"cpu", "nested-hv", "cpuid"},
    links = {
      "https://github.com/vmware/pyvmomi/blob/master/docs/vim/host/CpuIdInfo.rst",
      "https://communities.vmware.com/docs/DOC-8970",
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go"
    },
    explanation = "VMX is CPUID leaf 1, ECX bit 5; SVM is leaf 0x80000001, ECX bit 2. A .vmx mask such as "
        + "cpuid.1.ecx = \"----:----:----:----:----:----:--0-:----\" decides what the guest sees for each bit: '0' "
        + "forces the bit to 0, 'F' requires it off and 'R' reports 0, so each of them hides the flag even with "
        + "vhv.enable = \"TRUE\"; '1', 'T', 'H', '-' and 'x' do not. The newer featMask.vm.cpuid.VMX / SVM = "
        + "\"Val:0\" (or \"Max:0\") does the same. Only the flag that matters for the host's CPU vendor is checked "
        + "(both when the vendor is unknown). The fix removes the masking key, which restores the default "
        + "(pass-through with VHV). The seed document blames 'CPU instruction set compatibility' in general; this is "
        + "the concrete masking that breaks a guest hypervisor.")
public final class CpuidMaskHidesVirtualization implements Rule {
  private static final long LEAF_VMX = 1L;
  private static final int BIT_VMX = 5;
  private static final long LEAF_SVM = 0x80000001L;
  private static final int BIT_SVM = 2;
  private static final String FEAT_MASK_VMX = "featMask.vm.cpuid.VMX";
  private static final String FEAT_MASK_SVM = "featMask.vm.cpuid.SVM";

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().requiresNestedHv()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    CpuVendor vendor = ctx.host().cpuVendor();
    boolean checkVmx = vendor != CpuVendor.AMD && vendor != CpuVendor.HYGON;
    boolean checkSvm = vendor != CpuVendor.INTEL;
    if (!mayHide(vm, checkVmx, checkSvm)) {
      return;
    }
    Set<String> reported = new LinkedHashSet<>();
    for (CpuidMask mask : vm.cpuidMasks()) {
      if (mask.register() != CpuidMask.Register.ECX) {
        continue;
      }
      String flag;
      char c;
      if (checkVmx && mask.leaf() == LEAF_VMX) {
        flag = "VMX";
        c = mask.bitChar(BIT_VMX);
      } else if (checkSvm && mask.leaf() == LEAF_SVM) {
        flag = "SVM";
        c = mask.bitChar(BIT_SVM);
      } else {
        continue;
      }
      if (!hides(c)) {
        continue;
      }
      Optional<Setting> s = settingFor(vm, mask);
      String key = s.map(Setting::key).orElse("cpuid." + Long.toHexString(mask.leaf()) + ".ecx");
      if (!reported.add(key.toLowerCase(Locale.ROOT))) {
        continue;
      }
      int bit = flag.equals("VMX") ? BIT_VMX : BIT_SVM;
      ctx.report(ctx.finding()
          .message("The CPUID mask " + key + " sets ECX bit " + bit + " (" + flag + ") to '" + c + "', which hides "
              + (flag.equals("VMX") ? "VT-x" : "AMD-V") + " from the guest hypervisor even with nested "
              + "virtualization enabled.")
          .putEvidence(key, s.map(Setting::value).orElse(mask.mask()))
          .putEvidence("bit", flag + " = '" + c + "'")
          .location(location(vm, s))
          .addFixes(RemoveSetting.of(key))
          .build());
    }
    for (String flag : List.of("VMX", "SVM")) {
      if ((flag.equals("VMX") && !checkVmx) || (flag.equals("SVM") && !checkSvm)) {
        continue;
      }
      for (Setting s : featMasks(vm, flag)) {
        if (!reported.add(s.key().toLowerCase(Locale.ROOT))) {
          continue;
        }
        ctx.report(ctx.finding()
            .message("The feature mask " + s.key() + " = \"" + s.value() + "\" hides "
                + (flag.equals("VMX") ? "VT-x" : "AMD-V") + " from the guest hypervisor even with nested "
                + "virtualization enabled.")
            .putEvidence(s.key(), s.value())
            .location(location(vm, Optional.of(s)))
            .addFixes(RemoveSetting.of(s.key()))
            .build());
      }
    }
  }

  /** Whether anything this rule looks at is present at all; allocates nothing (the common, passing case). */
  private static boolean mayHide(VmConfiguration vm, boolean checkVmx, boolean checkSvm) {
    for (CpuidMask mask : vm.cpuidMasks()) {
      if (mask.register() == CpuidMask.Register.ECX
          && ((checkVmx && mask.leaf() == LEAF_VMX) || (checkSvm && mask.leaf() == LEAF_SVM))) {
        return true;
      }
    }
    return (checkVmx && vm.hasSetting(FEAT_MASK_VMX)) || (checkSvm && vm.hasSetting(FEAT_MASK_SVM));
  }

  private static boolean hides(char c) {
    char u = Character.toUpperCase(c);
    return u == '0' || u == 'F' || u == 'R';
  }

  /** The setting that carries {@code mask}: same leaf and register, value equal to the mask once ':' is removed. */
  private static Optional<Setting> settingFor(VmConfiguration vm, CpuidMask mask) {
    Pattern key = Pattern.compile("cpuid\\.(0x)?0*" + Long.toHexString(mask.leaf()) + "\\.ecx(\\.[a-z]+)?",
        Pattern.CASE_INSENSITIVE);
    Setting firstKeyMatch = null;
    for (Setting s : vm.settings()) {
      if (!key.matcher(s.key()).matches()) {
        continue;
      }
      if (s.value().replace(":", "").equalsIgnoreCase(mask.mask())) {
        return Optional.of(s);
      }
      if (firstKeyMatch == null) {
        firstKeyMatch = s;
      }
    }
    return Optional.ofNullable(firstKeyMatch);
  }

  private static List<Setting> featMasks(VmConfiguration vm, String flag) {
    String key = flag.equals("VMX") ? FEAT_MASK_VMX : FEAT_MASK_SVM;
    if (!vm.hasSetting(key)) {
      return List.of();
    }
    List<Setting> out = new ArrayList<>(1);
    for (Setting s : vm.settings()) {
      if (s.key().equalsIgnoreCase(key)) {
        String v = s.value().trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (v.equals("val:0") || v.equals("max:0")) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static Optional<SourceLocation> location(VmConfiguration vm, Optional<Setting> s) {
    return s.filter(x -> x.line() > 0).map(x -> SourceLocation.of(vm.source(), x.line()));
  }
}
