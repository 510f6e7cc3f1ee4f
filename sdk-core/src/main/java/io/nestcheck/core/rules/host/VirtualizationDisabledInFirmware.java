package io.nestcheck.core.rules.host;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HOST-003",
    summary = "Hardware virtualization is disabled in the host firmware",
    severity = Severity.ERROR,
    tags = {"host", "firmware", "nested-hv"},
    links = {
      "https://github.com/libvirt/libvirt/blob/master/tools/virt-host-validate-qemu.c",
      "https://communities.vmware.com/docs/DOC-8970",
      "https://github.com/videxrealone/FusionComputeLab"
    },
    explanation = "VT-x/AMD-V must be switched on in the host's BIOS/UEFI setup before any hypervisor can use it, let "
        + "alone pass it on to a guest hypervisor (virt-host-validate's hint: 'enable VT in BIOS'; the FusionCompute "
        + "lab guides: enable virtualization on the physical machine). This is the one part of the seed document's "
        + "host advice that holds. Its other host step is wrong: there is no 'esxcli system settings kernel set -s "
        + "vhc.enable' switch; nested virtualization is the per-VM key vhv.enable (NV-CPU-001). Nothing on the VM "
        + "can fix a firmware setting, so the fix is a manual step.")
public final class VirtualizationDisabledInFirmware implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().requiresNestedHv()) {
      return;
    }
    HostCapabilities host = ctx.host();
    if (!host.virtualizationEnabledInFirmware().isNo()) {
      return;
    }
    String name = host.name().orElse("the host");
    ctx.report(ctx.finding()
        .subject(Subject.host(host.name().orElse("host")))
        .message("Hardware virtualization (VT-x/AMD-V) is disabled in the firmware of " + name + "; the outer "
            + "hypervisor cannot expose it to the guest hypervisor until it is enabled.")
        .putEvidence("virtualizationEnabledInFirmware", "NO")
        .putEvidence("cpuVendor", host.cpuVendor().name())
        .addFixes(ManualStep.of("Enable VT-x/AMD-V in the host firmware",
            "1. Put the host into maintenance mode and move or power off its VMs.\n"
                + "2. Reboot and enter the firmware setup (usually F2, F10, Del or the server's management "
                + "controller, e.g. iDRAC/iLO BIOS settings).\n"
                + "3. Intel: enable 'Intel Virtualization Technology' (VT-x) and, where listed, EPT. "
                + "AMD: enable 'SVM Mode' (AMD-V).\n"
                + "4. Save, then power the host fully off and on (some boards apply the change only after a cold "
                + "start).\n"
                + "5. Verify: on ESXi the host's nestedHVSupported capability is true; on Linux grep -c -E "
                + "'vmx|svm' /proc/cpuinfo prints more than 0 and dmesg no longer says 'disabled by BIOS'."))
        .build());
  }
}
