package io.nestcheck.core.rules.host;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Platform;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HOST-004",
    summary = "The host platform says it cannot expose hardware virtualization to a guest",
    severity = Severity.ERROR,
    tags = {"host", "nested-hv"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go",
      "https://communities.vmware.com/docs/DOC-8970",
      "https://github.com/torvalds/linux/blob/master/Documentation/virt/kvm/x86/running-nested-guests.rst"
    },
    explanation = "vSphere reports its own verdict in HostCapability.nestedHVSupported; on KVM the equivalent is the "
        + "kvm_intel/kvm_amd 'nested' module parameter (on by default since Linux 4.20). When the platform says no, "
        + "vhv.enable on the VM has no effect and the guest hypervisor finds no VT-x/AMD-V. Typical causes: VT-x/EPT "
        + "or AMD-V/RVI missing or disabled in the host firmware, or an outer release older than ESXi 5.1 (5.0 "
        + "needed the host-wide vhv.allow). The rule trusts the platform's verdict over CPUID decoding and reports "
        + "only an explicit NO.")
public final class NestedHvUnsupportedByHost implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().requiresNestedHv()) {
      return;
    }
    HostCapabilities host = ctx.host();
    if (!host.nestedHvSupported().isNo()) {
      return;
    }
    String steps;
    if (host.platform() == Platform.KVM) {
      steps = "1. Check the nested parameter: cat /sys/module/kvm_intel/parameters/nested (kvm_amd on AMD) must "
          + "print Y or 1.\n"
          + "2. Enable it persistently: echo 'options kvm_intel nested=1' > /etc/modprobe.d/kvm-nested.conf (kvm_amd "
          + "on AMD), then reload the module with all VMs stopped (modprobe -r kvm_intel && modprobe kvm_intel) or "
          + "reboot.\n"
          + "3. Make sure VT-x/AMD-V is enabled in the host firmware.";
    } else {
      steps = "1. Make sure VT-x and EPT (Intel) or AMD-V and RVI (AMD) are enabled in the host firmware.\n"
          + "2. Make sure the host runs ESXi 5.1 or later (5.0 needs vhv.allow = \"TRUE\" in /etc/vmware/config).\n"
          + "3. If the host is itself a VM, expose hardware virtualization to it at the layer below.\n"
          + "4. Re-read the host capability (vSphere MOB: HostSystem > capability > nestedHVSupported).";
    }
    ctx.report(ctx.finding()
        .subject(Subject.host(host.name().orElse("host")))
        .message("The host" + host.name().map(n -> " " + n).orElse("") + " reports nested hardware virtualization "
            + "as unsupported (nestedHVSupported = false); the guest hypervisor will find no VT-x/AMD-V whatever the "
            + "VM's settings.")
        .putEvidence("nestedHvSupported", "NO")
        .putEvidence("platform", host.platform().name())
        .addFixes(ManualStep.of("Make the host support nested hardware virtualization", steps))
        .build());
  }
}
