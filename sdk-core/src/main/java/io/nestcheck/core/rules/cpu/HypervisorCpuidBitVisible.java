package io.nestcheck.core.rules.cpu;

import io.nestcheck.api.Severity;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;
import java.util.Optional;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-CPU-003",
    summary = "Hyper-V guest sees the hypervisor-present CPUID bit (hypervisor.cpuid.v0 is not FALSE)",
    severity = Severity.INFO,
    tags = {"cpu", "hyper-v", "advice"},
    links = {
      "https://woshub.com/install-hyper-v-windows-10-vm-on-vmware-esxi/",
      "https://communities.vmware.com/docs/DOC-8970"
    },
    explanation = "hypervisor.cpuid.v0 = \"FALSE\" hides the 'running under a hypervisor' CPUID bit. Guides use it "
        + "together with vhv.enable to install the Hyper-V role in a VMware VM when the installer refuses because a "
        + "hypervisor is already present. It is a workaround, not a requirement, so the rule is INFO and only runs "
        + "for profiles that mark the guest as Hyper-V, on VMware VMs (the key does not exist on libvirt).")
public final class HypervisorCpuidBitVisible implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().isHyperV() || Vms.isLibvirt(ctx)) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    Optional<String> value = vm.setting("hypervisor.cpuid.v0");
    if (value.isPresent() && value.get().trim().equalsIgnoreCase("FALSE")) {
      return;
    }
    ctx.report(ctx.finding()
        .message("hypervisor.cpuid.v0 is " + value.map(v -> "\"" + v + "\"").orElse("absent")
            + ", so the guest sees that it runs under a hypervisor; if the Hyper-V role refuses to install, setting "
            + "it to \"FALSE\" is the known workaround.")
        .putEvidence("hypervisor.cpuid.v0", value.orElse("absent"))
        .location(Vms.location(vm, "hypervisor.cpuid.v0"))
        .addFixes(SetSetting.of("hypervisor.cpuid.v0", "FALSE"))
        .build());
  }
}
