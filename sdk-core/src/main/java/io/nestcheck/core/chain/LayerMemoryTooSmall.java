package io.nestcheck.core.chain;

import io.nestcheck.api.Severity;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-CHAIN-001",
    summary = "A VM layer has too little memory for the nested layer it runs",
    severity = Severity.ERROR,
    tags = {"chain", "memory"},
    links = {
      "https://github.com/proxmox/pve-docs/blob/master/pve-system-requirements.adoc",
      "https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-esxi-installation/GUID-DEB8086A-306B-4239-BF76-E354679202FC.html"
    },
    explanation = "In a nesting chain (for example VMware Workstation -> Linux VM with KVM -> FusionCompute CNA) each "
        + "VM runs the next one, so it needs the next layer's memory plus room for its own OS and hypervisor. The "
        + "default overhead is 1024 MiB plus 10% of the next layer's memory: Proxmox VE's requirements give 1 GB "
        + "for the host plus the guests' memory (2 GB recommended for the OS and services); the 10% for the "
        + "hypervisor's per-VM overhead is an estimate and a parameter of the chain evaluator. The next layer's "
        + "memory is counted after its own fixes (at least its profile's minimum).")
final class LayerMemoryTooSmall implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().minMemoryMiB().isEmpty()) {
      return;
    }
    long need = ctx.requirements().minMemoryMiB().getAsLong();
    VmConfiguration vm = ctx.vm();
    if (vm.memoryMiB() >= need) {
      return;
    }
    long target = (need + 255) / 256 * 256;
    int line = vm.lineOf("memsize");
    var f = ctx.finding()
        .message("This layer has " + vm.memoryMiB() + " MiB of memory but runs the next layer, which needs at least "
            + need + " MiB here (" + ctx.profile().description().orElse(ctx.profile().displayName()) + ").")
        .putEvidence("memsize", Long.toString(vm.memoryMiB()))
        .putEvidence("required", Long.toString(need))
        .addFixes(SetMemory.of(target));
    if (line > 0) {
      f.location(SourceLocation.of(vm.source(), line));
    }
    ctx.report(f.build());
  }
}
