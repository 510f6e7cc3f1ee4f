package io.nestcheck.core.rules.host;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.TriState;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HOST-007",
    oncePerScan = true,
    summary = "The host's capabilities are unknown, so the host checks could not run",
    severity = Severity.INFO,
    tags = {"host", "unknown", "context"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go",
      "https://github.com/libvirt/libvirt/blob/master/tools/virt-host-validate-qemu.c"
    },
    explanation = "Rules never treat an unknown fact as a pass. A file scan without host input knows nothing about "
        + "the outer host: whether its CPU has VT-x/AMD-V (NV-HOST-001), EPT/RVI (NV-HOST-002), whether "
        + "virtualization is enabled in its firmware (NV-HOST-003), its nested-HV verdict (NV-HOST-004) and its "
        + "newest hardware version (NV-HOST-005). This rule says so once, at INFO. Its subject is the host and its "
        + "message does not depend on the VM, so a scanner reports it once per scan and host, not once per VM. When "
        + "the host is partly known but nothing tells whether it offers hardware virtualization, the rule reports "
        + "that gap instead (only for profiles that need nested virtualization). It has no fix: give the scan host "
        + "facts (a live inventory, or a host capabilities file).")
public final class HostCapabilitiesUnknown implements Rule {

  @Override
  public void check(RuleContext ctx) {
    HostCapabilities host = ctx.host();
    if (host.isUnknown()) {
      ctx.report(ctx.finding()
          .subject(Subject.host(host.name().orElse("unknown host")))
          .message("Nothing is known about the outer host, so VT-x/AMD-V, EPT/RVI, firmware virtualization, the "
              + "nested-HV verdict and the host's newest hardware version were not checked; scan with host facts "
              + "to check them.")
          .putEvidence("host", "unknown")
          .build());
      return;
    }
    if (!ctx.requirements().requiresNestedHv()) {
      return;
    }
    TriState flag = virtualizationFlag(host);
    if (flag == TriState.UNKNOWN && host.nestedHvSupported() == TriState.UNKNOWN
        && host.virtualizationEnabledInFirmware() == TriState.UNKNOWN) {
      ctx.report(ctx.finding()
          .subject(Subject.host(host.name().orElse("unknown host")))
          .message("The host is known (" + host.platform().name() + host.productVersion().map(v -> " " + v).orElse("")
              + ") but not whether it offers hardware virtualization: its VT-x/AMD-V flag, firmware setting and "
              + "nested-HV verdict are all unknown, so NV-HOST-001, NV-HOST-003 and NV-HOST-004 could not run.")
          .putEvidence("platform", host.platform().name())
          .putEvidence("VMX", host.feature(CpuFeature.VMX).name())
          .putEvidence("SVM", host.feature(CpuFeature.SVM).name())
          .putEvidence("nestedHvSupported", host.nestedHvSupported().name())
          .putEvidence("virtualizationEnabledInFirmware", host.virtualizationEnabledInFirmware().name())
          .build());
    }
  }

  private static TriState virtualizationFlag(HostCapabilities host) {
    CpuVendor v = host.cpuVendor();
    if (v == CpuVendor.INTEL) {
      return host.feature(CpuFeature.VMX);
    }
    if (v == CpuVendor.AMD || v == CpuVendor.HYGON) {
      return host.feature(CpuFeature.SVM);
    }
    TriState vmx = host.feature(CpuFeature.VMX);
    TriState svm = host.feature(CpuFeature.SVM);
    if (vmx.isYes() || svm.isYes()) {
      return TriState.YES;
    }
    return vmx.isNo() && svm.isNo() ? TriState.NO : TriState.UNKNOWN;
  }
}
