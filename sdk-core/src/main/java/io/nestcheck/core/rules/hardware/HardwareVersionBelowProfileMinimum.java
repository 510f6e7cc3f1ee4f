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
    id = "NV-HW-002",
    summary = "The virtual hardware version is below the guest hypervisor's minimum",
    severity = Severity.WARNING,
    tags = {"hardware-version"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/vim25/types/hardware_version.go",
      "https://github.com/f5devcentral/f5-xc-terraform-examples/blob/main/workflow-guides/application-delivery-security/Nutanix_on_VMware/Nutanix_CE_2.1_installation_on_VMware.rst"
    },
    explanation = "A profile may ask for a newer virtual hardware version than vmx-9 (minHardwareVersion), for "
        + "example the ESXi 6.7 compatibility (vmx-14) the Nutanix CE guide selects. Those values come from guides "
        + "rather than hard requirements, so the rule is a WARNING; a profile can raise it. When the profile's "
        + "minimum is vmx-9 or less and the VM needs nested virtualization, NV-HW-001 already covers it and this "
        + "rule stays quiet. The fix is the shared hardware-version upgrade (the highest version any rule needs).")
public final class HardwareVersionBelowProfileMinimum implements Rule {

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    if (ctx.requirements().minHardwareVersion().isEmpty() || vm.hardwareVersion().isEmpty()) {
      return;
    }
    int min = ctx.requirements().minHardwareVersion().getAsInt();
    int version = vm.hardwareVersion().getAsInt();
    if (version >= min) {
      return;
    }
    if (ctx.requirements().requiresNestedHv() && min <= Targets.VHV_MIN) {
      return;
    }
    ctx.report(ctx.finding()
        .message("The VM uses virtual hardware " + HardwareVersions.describe(version) + "; profile "
            + ctx.profile().id() + " asks for " + HardwareVersions.describe(min) + " or later.")
        .putEvidence("virtualHW.version", Integer.toString(version))
        .putEvidence("minHardwareVersion", Integer.toString(min))
        .location(Vms.location(vm, "virtualHW.version"))
        .addFixes(Targets.hardwareVersionFix(ctx))
        .build());
  }
}
