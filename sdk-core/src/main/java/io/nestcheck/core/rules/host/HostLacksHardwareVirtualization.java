package io.nestcheck.core.rules.host;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.TriState;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HOST-001",
    summary = "The host CPU offers no hardware virtualization (neither VT-x nor AMD-V)",
    severity = Severity.ERROR,
    tags = {"host", "cpu", "nested-hv"},
    links = {
      "https://communities.vmware.com/docs/DOC-8970",
      "https://github.com/libvirt/libvirt/blob/master/tools/virt-host-validate-qemu.c",
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go"
    },
    explanation = "A guest hypervisor can only get VT-x/AMD-V from its VM if the host CPU has it: VMware's VHV "
        + "needs Intel VT-x or AMD-V on the host, and libvirt's virt-host-validate fails the same check with 'Only "
        + "emulated CPUs are available'. The rule fires only when the host's CPU features are known and the flag "
        + "that matters for its vendor (VMX on Intel, SVM on AMD/Hygon, either when the vendor is unknown) is known "
        + "to be absent; an unknown flag is left to NV-HOST-007. When the host is itself a VM (a nesting chain), the "
        + "flag is missing because the layer below does not expose it: fix that layer first. No setting on the VM "
        + "can make up for it, so the fix is a manual step.")
public final class HostLacksHardwareVirtualization implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().requiresNestedHv()) {
      return;
    }
    HostCapabilities host = ctx.host();
    TriState vmx = host.feature(CpuFeature.VMX);
    TriState svm = host.feature(CpuFeature.SVM);
    CpuVendor vendor = host.cpuVendor();
    boolean absent;
    if (vendor == CpuVendor.INTEL) {
      absent = vmx.isNo();
    } else if (vendor == CpuVendor.AMD || vendor == CpuVendor.HYGON) {
      absent = svm.isNo();
    } else {
      absent = vmx.isNo() && svm.isNo();
    }
    if (!absent) {
      return;
    }
    String hostName = host.name().orElse("host");
    ctx.report(ctx.finding()
        .subject(Subject.host(hostName))
        .message("The host CPU" + host.cpuModel().map(m -> " (" + m + ")").orElse("") + " reports no hardware "
            + "virtualization (VMX " + vmx.name().toLowerCase(java.util.Locale.ROOT) + ", SVM "
            + svm.name().toLowerCase(java.util.Locale.ROOT) + "); no VM on this host can expose VT-x/AMD-V to a "
            + "guest hypervisor.")
        .putEvidence("cpuVendor", vendor.name())
        .putEvidence("VMX", vmx.name())
        .putEvidence("SVM", svm.name())
        .addFixes(ManualStep.of("Run the VM on a host with VT-x or AMD-V",
            "1. If the host is itself a VM, expose hardware virtualization at the layer below it (vhv.enable = "
                + "\"TRUE\" on VMware, cpu mode host-passthrough on libvirt) and re-scan.\n"
                + "2. If it is a physical server, check that the CPU supports Intel VT-x or AMD-V and that it is "
                + "enabled in the firmware setup (see NV-HOST-003).\n"
                + "3. Otherwise move the VM to a host whose CPU has VT-x/AMD-V (Linux: grep -c -E 'vmx|svm' "
                + "/proc/cpuinfo prints more than 0)."))
        .build());
  }
}
