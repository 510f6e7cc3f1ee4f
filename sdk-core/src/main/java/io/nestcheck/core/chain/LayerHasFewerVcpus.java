package io.nestcheck.core.chain;

import io.nestcheck.api.SetCpu;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-CHAIN-002",
    summary = "A VM layer has fewer vCPUs than the nested layer it runs",
    severity = Severity.ERROR,
    tags = {"chain", "cpu"},
    links = {"https://libvirt.org/formatdomain.html#cpu-allocation"},
    explanation = "A VM that runs another VM is that VM's host: the inner VM's vCPUs are scheduled on the outer "
        + "VM's vCPUs. VMware hypervisors refuse to power on a VM with more vCPUs than its host has logical "
        + "processors, and KVM runs it only with heavy contention. Give each layer at least as many vCPUs as the "
        + "layer it runs (counted after that layer's own fixes).")
final class LayerHasFewerVcpus implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().minVcpus().isEmpty()) {
      return;
    }
    int need = ctx.requirements().minVcpus().getAsInt();
    VmConfiguration vm = ctx.vm();
    if (vm.vcpus() >= need) {
      return;
    }
    int cores = need % vm.coresPerSocket() == 0 ? vm.coresPerSocket() : 1;
    ctx.report(ctx.finding()
        .message("This layer has " + vm.vcpus() + " vCPU" + (vm.vcpus() == 1 ? "" : "s") + " but runs the next layer, "
            + "which has " + need + " (" + ctx.profile().description().orElse(ctx.profile().displayName()) + ").")
        .putEvidence("numvcpus", Integer.toString(vm.vcpus()))
        .putEvidence("required", Integer.toString(need))
        .addFixes(SetCpu.of(need, cores))
        .build());
  }
}
