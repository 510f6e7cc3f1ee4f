package io.nestcheck.core.rules.hardware;

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
    id = "NV-HW-001",
    summary = "The virtual hardware version is below vmx-9, the minimum for supported nested virtualization",
    severity = Severity.ERROR,
    tags = {"hardware-version", "nested-hv"},
    links = {
      "https://communities.vmware.com/docs/DOC-8970",
      "https://github.com/vmware/govmomi/blob/main/vim25/types/hardware_version.go"
    },
    explanation = "VMware's virtualized hardware virtualization is 'fully supported for virtual hardware version 9 or "
        + "later VMs' (DOC-8970); the VM capability nestedHVSupported is only set from vmx-9. The seed document's "
        + "'Hardware Version 15+' has no basis: vmx-9 is the floor for VHV, vmx-13 for vNVMe, vmx-14 (Intel) or "
        + "vmx-19 (AMD) for VBS. The fix upgrades to the highest version any rule needs for this VM (the profile's "
        + "minimum, vNVMe, VBS), so all hardware-version fixes are the same action; when the host is known to run "
        + "only older versions it is a manual step instead.")
public final class HardwareVersionTooOldForNestedHv implements Rule {

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    if (!ctx.requirements().requiresNestedHv() || vm.hardwareVersion().isEmpty()) {
      return;
    }
    int version = vm.hardwareVersion().getAsInt();
    if (version >= Targets.VHV_MIN) {
      return;
    }
    ctx.report(ctx.finding()
        .message("The VM uses virtual hardware " + HardwareVersions.describe(version) + "; nested hardware "
            + "virtualization needs vmx-9 (ESXi 5.1) or later.")
        .putEvidence("virtualHW.version", Integer.toString(version))
        .putEvidence("required", "9")
        .location(Vms.location(vm, "virtualHW.version"))
        .addFixes(Targets.hardwareVersionFix(ctx))
        .build());
  }
}
