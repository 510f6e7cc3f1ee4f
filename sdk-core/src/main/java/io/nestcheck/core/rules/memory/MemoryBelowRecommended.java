package io.nestcheck.core.rules.memory;

import io.nestcheck.api.SetMemory;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-MEM-002",
    summary = "The VM has less memory than recommended for the guest hypervisor",
    severity = Severity.INFO,
    tags = {"memory", "sizing"},
    links = {
      "https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-esxi-installation/GUID-DEB8086A-306B-4239-BF76-E354679202FC.html",
      "https://github.com/f5devcentral/f5-xc-terraform-examples/blob/main/workflow-guides/application-delivery-security/Nutanix_on_VMware/Nutanix_CE_2.1_installation_on_VMware.rst"
    },
    explanation = "At its minimum memory a guest hypervisor installs but has little left for its own VMs: ESXi 8.0 "
        + "recommends 12 GB, Nutanix CE 64 GB. The value comes from the profile (recommendedMemoryMiB). The rule "
        + "reports only when the VM meets the minimum, so it never offers a second, different memory fix next to "
        + "NV-MEM-001's.")
public final class MemoryBelowRecommended implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().recommendedMemoryMiB().isEmpty()) {
      return;
    }
    long rec = ctx.requirements().recommendedMemoryMiB().getAsLong();
    long min = ctx.requirements().minMemoryMiB().orElse(0);
    VmConfiguration vm = ctx.vm();
    if (vm.memoryMiB() >= rec || vm.memoryMiB() < min) {
      return;
    }
    ctx.report(ctx.finding()
        .message("The VM has " + Vms.mib(vm.memoryMiB()) + " of memory; profile " + ctx.profile().id()
            + " recommends " + Vms.mib(rec) + " so the guest hypervisor has room for its own VMs.")
        .putEvidence("memsize", Long.toString(vm.memoryMiB()))
        .putEvidence("recommendedMemoryMiB", Long.toString(rec))
        .location(Vms.location(vm, "memsize", "memSize"))
        .addFixes(SetMemory.of(rec))
        .build());
  }
}
