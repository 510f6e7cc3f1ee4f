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
    id = "NV-HOST-002",
    summary = "The host CPU lacks second-level address translation (Intel EPT / AMD RVI)",
    severity = Severity.WARNING,
    tags = {"host", "cpu", "nested-hv"},
    links = {
      "https://communities.vmware.com/docs/DOC-8970",
      "https://github.com/torvalds/linux/blob/master/Documentation/virt/kvm/x86/running-nested-guests.rst"
    },
    explanation = "VMware calls virtualized hardware virtualization 'fully supported' only on hosts with Intel VT-x "
        + "and EPT or AMD-V and RVI (DOC-8970). Without second-level address translation the outer hypervisor must "
        + "shadow the guest hypervisor's page tables: nested guests run much slower, if the outer hypervisor offers "
        + "VHV at all. That is a support and performance limit rather than a documented hard failure, so the rule "
        + "is a WARNING. It fires only when the flag is known absent (EPT is not visible in CPUID, so it is often "
        + "unknown; the host's own nestedHVSupported verdict, NV-HOST-004, is the better signal then). The seed "
        + "document is right to ask for 'VT-x + EPT, AMD-V + RVI' in the host BIOS.")
public final class NoSecondLevelAddressTranslation implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().requiresNestedHv()) {
      return;
    }
    HostCapabilities host = ctx.host();
    TriState ept = host.feature(CpuFeature.EPT);
    TriState npt = host.feature(CpuFeature.NPT);
    CpuVendor vendor = host.cpuVendor();
    boolean absent;
    if (vendor == CpuVendor.INTEL) {
      absent = ept.isNo();
    } else if (vendor == CpuVendor.AMD || vendor == CpuVendor.HYGON) {
      absent = npt.isNo();
    } else {
      absent = ept.isNo() && npt.isNo();
    }
    if (!absent) {
      return;
    }
    ctx.report(ctx.finding()
        .subject(Subject.host(host.name().orElse("host")))
        .message("The host CPU" + host.cpuModel().map(m -> " (" + m + ")").orElse("") + " has no second-level "
            + "address translation (EPT " + ept.name().toLowerCase(java.util.Locale.ROOT) + ", RVI/NPT "
            + npt.name().toLowerCase(java.util.Locale.ROOT) + "); VMware supports nested hardware virtualization "
            + "fully only with EPT or RVI, and nested guests will be slow.")
        .putEvidence("cpuVendor", vendor.name())
        .putEvidence("EPT", ept.name())
        .putEvidence("NPT", npt.name())
        .addFixes(ManualStep.of("Run the VM on a host with EPT or RVI",
            "1. Check the host firmware setup: some boards expose EPT/RVI as a separate switch next to VT-x/AMD-V; "
                + "enable it and power-cycle.\n"
                + "2. If the host is itself a VM, make sure the layer below passes EPT/RVI through (VMware: "
                + "vhv.enable; KVM: kvm_intel ept=1 and cpu mode host-passthrough).\n"
                + "3. Otherwise move the VM to a host whose CPU has EPT (Intel) or RVI/NPT (AMD)."))
        .build());
  }
}
