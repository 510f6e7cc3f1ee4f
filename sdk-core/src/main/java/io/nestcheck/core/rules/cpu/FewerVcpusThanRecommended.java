package io.nestcheck.core.rules.cpu;

import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-CPU-005",
    summary = "The VM has fewer vCPUs than recommended for the guest hypervisor",
    severity = Severity.INFO,
    tags = {"cpu", "sizing"},
    links = {
      "https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-esxi-installation/GUID-DEB8086A-306B-4239-BF76-E354679202FC.html",
      "https://github.com/f5devcentral/f5-xc-terraform-examples/blob/main/workflow-guides/application-delivery-security/Nutanix_on_VMware/Nutanix_CE_2.1_installation_on_VMware.rst"
    },
    explanation = "A guest hypervisor at its minimum CPU count installs, but leaves little for its own guests. The "
        + "recommended count comes from the profile (recommendedVcpus). The rule reports only when the VM meets the "
        + "minimum, so that it never offers a second, different CPU fix next to NV-CPU-004's.")
public final class FewerVcpusThanRecommended implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().recommendedVcpus().isEmpty()) {
      return;
    }
    int rec = ctx.requirements().recommendedVcpus().getAsInt();
    VmConfiguration vm = ctx.vm();
    int min = ctx.requirements().minVcpus().orElse(1);
    if (vm.vcpus() >= rec || vm.vcpus() < min) {
      return;
    }
    ctx.report(ctx.finding()
        .message("The VM has " + vm.vcpus() + " vCPU" + (vm.vcpus() == 1 ? "" : "s") + "; profile "
            + ctx.profile().id() + " recommends " + rec + " so the guest hypervisor has room for its own VMs.")
        .putEvidence("numvcpus", Integer.toString(vm.vcpus()))
        .putEvidence("recommendedVcpus", Integer.toString(rec))
        .location(Vms.location(vm, "numvcpus"))
        .addFixes(TooFewVcpus.setCpu(vm, rec))
        .build());
  }
}
