package io.nestcheck.core.rules.hardware;

import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.HardwareVersions;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HW-004",
    summary = "Virtualization-based security needs vmx-14 (Intel) or vmx-19 (AMD)",
    severity = Severity.ERROR,
    tags = {"hardware-version", "vbs", "hyper-v"},
    links = {
      "https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-security/GUID-8361F64B-DE1D-4FF1-A9FC-4DDE7056DC23.html",
      "https://blogs.vmware.com/vsphere/2018/05/introducing-support-virtualization-based-security-credential-guard-vsphere-6-7.html"
    },
    explanation = "VMware supports VBS on Intel hosts from vSphere 6.7 with virtual hardware 14, and on AMD hosts "
        + "from vSphere 7.0 U2 with virtual hardware 19. The rule picks the version from the host's CPU vendor; when "
        + "the vendor is unknown it assumes Intel (vmx-14) and says so in the message, since an AMD host would need "
        + "vmx-19. Hygon CPUs are treated as AMD. The fix is the shared hardware-version upgrade. When the profile "
        + "does not allow EFI, VBS itself has to go (NV-FW-003) and this rule stays quiet.")
public final class VbsNeedsHardwareVersion implements Rule {

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    if (!Targets.vbsKept(ctx) || vm.hardwareVersion().isEmpty()) {
      return;
    }
    int needed = Targets.vbsMinimum(ctx);
    int version = vm.hardwareVersion().getAsInt();
    if (version >= needed) {
      return;
    }
    CpuVendor vendor = ctx.host().cpuVendor();
    String why = switch (vendor) {
      case INTEL -> "on an Intel host VBS needs vmx-14 (vSphere 6.7+)";
      case AMD, HYGON -> "on an AMD host VBS needs vmx-19 (vSphere 7.0 U2+)";
      default -> "VBS needs vmx-14 on Intel hosts (assumed here because the host CPU vendor is unknown; an AMD host "
          + "needs vmx-19)";
    };
    ctx.report(ctx.finding()
        .message("VBS is enabled but the VM uses virtual hardware " + HardwareVersions.describe(version) + "; " + why
            + ".")
        .putEvidence("vbs", "true")
        .putEvidence("virtualHW.version", Integer.toString(version))
        .putEvidence("cpuVendor", vendor.name())
        .putEvidence("required", Integer.toString(needed))
        .location(Vms.location(vm, "virtualHW.version"))
        .addFixes(Targets.hardwareVersionFix(ctx))
        .build());
  }
}
