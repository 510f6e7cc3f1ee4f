package io.nestcheck.core.rules.cpu;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;
import java.util.Set;
import java.util.StringJoiner;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-CPU-006",
    summary = "The libvirt CPU mode is not one the guest hypervisor works with",
    severity = Severity.ERROR,
    tags = {"cpu", "libvirt", "kvm"},
    links = {
      "https://libvirt.org/formatdomain.html#cpu-model-and-topology",
      "https://github.com/videxrealone/FusionComputeLab",
      "https://github.com/ayaosamaramadan/NTI_Huawei-CloudComputing"
    },
    explanation = "On libvirt/KVM the CPU a guest sees is set by <cpu mode=...>: host-passthrough gives the exact "
        + "host CPU, host-model a reproducible copy, custom a named model. Some guest hypervisors need more than "
        + "VMX/SVM: every FusionCompute CNA lab guide uses host-passthrough ('as seen on Huawei's guide… or else "
        + "FusionCompute won't work properly'), and one reports that VMs on the nested CNA failed to power on with "
        + "host-model until it was switched to host-passthrough. The allowed modes come from the profile "
        + "(allowedCpuModes); the rule only applies to libvirt VMs. Note the seed document's 'host-passthrough vCPU "
        + "mode on ESXi' is the wrong term: ESXi has no CPU modes; its equivalent is vhv.enable with no CPUID "
        + "masking (NV-CPU-001, NV-CPU-002). When host-passthrough is allowed the fix is ExposeNestedHv, which on "
        + "libvirt writes host-passthrough.")
public final class CpuModeNotAllowed implements Rule {

  @Override
  public void check(RuleContext ctx) {
    Set<CpuMode> allowed = ctx.requirements().allowedCpuModes();
    VmConfiguration vm = ctx.vm();
    if (allowed.isEmpty() || vm.cpuMode() == CpuMode.UNSPECIFIED || allowed.contains(vm.cpuMode())) {
      return;
    }
    StringJoiner names = new StringJoiner(", ");
    for (CpuMode m : allowed) {
      names.add(Vms.lower(m));
    }
    FixAction fix = allowed.contains(CpuMode.HOST_PASSTHROUGH)
        ? ExposeNestedHv.enable()
        : ManualStep.of("Change the libvirt CPU mode to " + names,
            "1. Shut the VM down.\n2. virsh edit <vm> and set <cpu mode='" + Vms.lower(allowed.iterator().next())
                + "'/>.\n3. Start the VM.");
    ctx.report(ctx.finding()
        .message("The VM's CPU mode is " + Vms.lower(vm.cpuMode()) + " but profile " + ctx.profile().id()
            + " works only with " + names + "; with other modes the guest hypervisor may install but fail to run its "
            + "own VMs.")
        .putEvidence("cpu.mode", Vms.lower(vm.cpuMode()))
        .putEvidence("allowedCpuModes", names.toString())
        .location(Vms.location(vm, "cpu.mode"))
        .addFixes(fix)
        .build());
  }
}
