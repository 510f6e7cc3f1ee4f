package io.nestcheck.core.rules.hardware;

import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HW-005",
    summary = "The virtual hardware version is unknown, so the vmx-9 minimum could not be checked",
    severity = Severity.INFO,
    tags = {"hardware-version", "unknown"},
    links = {
      "https://communities.vmware.com/docs/DOC-8970",
      "https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c"
    },
    explanation = "A VMware VM that needs nested virtualization must be vmx-9 or later (NV-HW-001), but some sources "
        + "do not state the version (a .vmx without virtualHW.version, an export that omits it). Rules never treat "
        + "an unknown fact as a pass, so this one reports it at INFO. It does not run for libvirt VMs, which have no "
        + "VMware hardware version. There is no automatic fix: the version the VM really has is unknown; check it "
        + "in the vSphere Client ('Compatibility').")
public final class HardwareVersionUnknown implements Rule {

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    if (!ctx.requirements().requiresNestedHv() || vm.hardwareVersion().isPresent() || Vms.isLibvirt(ctx)) {
      return;
    }
    int target = Targets.hardwareVersionTarget(ctx);
    ctx.report(ctx.finding()
        .message("The source does not state the VM's virtual hardware version; nested virtualization needs vmx-9 or "
            + "later" + (target > Targets.VHV_MIN ? " and this VM needs vmx-" + target : "") + ", which could not be "
            + "checked.")
        .putEvidence("virtualHW.version", "unknown")
        .putEvidence("required", Integer.toString(target))
        .build());
  }
}
