package io.nestcheck.core.rules.cpu;

import io.nestcheck.api.SetCpu;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-CPU-004",
    summary = "The VM has fewer vCPUs than the guest hypervisor needs",
    severity = Severity.ERROR,
    tags = {"cpu", "sizing"},
    links = {
      "https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-esxi-installation/GUID-DEB8086A-306B-4239-BF76-E354679202FC.html",
      "https://github.com/f5devcentral/f5-xc-terraform-examples/blob/main/workflow-guides/application-delivery-security/Nutanix_on_VMware/Nutanix_CE_2.1_installation_on_VMware.rst",
      "https://github.com/videxrealone/FusionComputeLab"
    },
    explanation = "Guest hypervisors check their CPU count at install time: ESXi 7.0/8.0 need at least 2 cores "
        + "(VMware install requirements), Nutanix CE at least 4. The minimum comes from the profile (minVcpus); "
        + "where a profile's value is only a lab guide's choice (FusionCompute CNA: 3 vCPUs in the community KVM "
        + "guides, no Huawei document found) the profile lowers this rule to WARNING. The fix sets the minimum, "
        + "keeping the cores per socket when they divide it and using one socket otherwise.")
public final class TooFewVcpus implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().minVcpus().isEmpty()) {
      return;
    }
    int min = ctx.requirements().minVcpus().getAsInt();
    VmConfiguration vm = ctx.vm();
    if (vm.vcpus() >= min) {
      return;
    }
    ctx.report(ctx.finding()
        .message("The VM has " + vm.vcpus() + " vCPU" + (vm.vcpus() == 1 ? "" : "s") + " but profile "
            + ctx.profile().id() + " needs at least " + min + "; the guest hypervisor may refuse to install or run.")
        .putEvidence("numvcpus", Integer.toString(vm.vcpus()))
        .putEvidence("minVcpus", Integer.toString(min))
        .location(Vms.location(vm, "numvcpus"))
        .addFixes(setCpu(vm, min))
        .build());
  }

  /** The CPU fix for {@code vcpus}: keep the cores per socket when they divide it, else one socket. */
  static SetCpu setCpu(VmConfiguration vm, int vcpus) {
    int cores = vcpus % vm.coresPerSocket() == 0 ? vm.coresPerSocket() : vcpus;
    return SetCpu.of(vcpus, cores);
  }
}
