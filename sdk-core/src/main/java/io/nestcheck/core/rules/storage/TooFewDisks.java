package io.nestcheck.core.rules.storage;

import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-STO-005",
    summary = "The VM has fewer disks than the guest hypervisor needs",
    severity = Severity.ERROR,
    tags = {"storage", "disk", "sizing"},
    links = {
      "https://github.com/f5devcentral/f5-xc-terraform-examples/blob/main/workflow-guides/application-delivery-security/Nutanix_on_VMware/Nutanix_CE_2.1_installation_on_VMware.rst"
    },
    explanation = "Some guest hypervisors need several disks: Nutanix CE takes a hypervisor boot disk (>= 64 GB), a "
        + "CVM hot-tier disk (>= 200 GB) and a data disk (>= 500 GB), and its installer asks for each. The count "
        + "comes from the profile (minDisks); the sizes are in the profile's description because the model has no "
        + "per-disk sizes. Adding disks is a manual step.")
public final class TooFewDisks implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().minDisks().isEmpty()) {
      return;
    }
    int min = ctx.requirements().minDisks().getAsInt();
    VmConfiguration vm = ctx.vm();
    int have = vm.disks().size();
    if (have >= min) {
      return;
    }
    int missing = min - have;
    String sizes = ctx.profile().description().map(d -> " The profile describes the sizes: " + d).orElse("");
    ctx.report(ctx.finding()
        .message("The VM has " + have + " disk" + (have == 1 ? "" : "s") + " but profile " + ctx.profile().id()
            + " needs at least " + min + ".")
        .putEvidence("disks", Integer.toString(have))
        .putEvidence("minDisks", Integer.toString(min))
        .addFixes(ManualStep.of("Add " + missing + " disk" + (missing == 1 ? "" : "s"),
            "1. Power the VM off.\n"
                + "2. Add " + missing + " new virtual disk" + (missing == 1 ? "" : "s") + " (vSphere Client: Edit "
                + "Settings > Add New Device > Hard Disk) on the existing controller.\n"
                + "3. Re-run the guest hypervisor's installer so it can assign the new disks." + sizes))
        .build());
  }
}
