package io.nestcheck.core.rules.host;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.HardwareVersions;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HOST-005",
    summary = "The VM's virtual hardware version is newer than the host runs",
    severity = Severity.ERROR,
    tags = {"host", "hardware-version"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/vim25/types/hardware_version.go"
    },
    explanation = "Each ESXi release runs virtual hardware up to a maximum version (KB 312100, as tabulated in "
        + "govmomi's hardware_version.go: vmx-13 came with ESXi 6.5, vmx-14 with 6.7, vmx-17 with 7.0, vmx-20 with "
        + "8.0, vmx-21 with 8.0 U2). A VM whose version is above the host's maximum cannot power on or even register "
        + "there. The version cannot be lowered in place, so the fix is manual: move the VM to a newer host, upgrade "
        + "the host, or rebuild the VM at a lower compatibility and attach its disks. The rule applies to every "
        + "profile and needs both versions to be known.")
public final class HostTooOldForHardwareVersion implements Rule {

  @Override
  public void check(RuleContext ctx) {
    HostCapabilities host = ctx.host();
    VmConfiguration vm = ctx.vm();
    if (host.maxHardwareVersion().isEmpty() || vm.hardwareVersion().isEmpty()) {
      return;
    }
    int max = host.maxHardwareVersion().getAsInt();
    int version = vm.hardwareVersion().getAsInt();
    if (version <= max) {
      return;
    }
    ctx.report(ctx.finding()
        .message("The VM uses virtual hardware " + HardwareVersions.describe(version) + " but the host"
            + host.name().map(n -> " " + n).orElse("") + host.productVersion().map(v -> " (" + v + ")").orElse("")
            + " runs at most " + HardwareVersions.describe(max) + "; the VM cannot power on there.")
        .putEvidence("virtualHW.version", Integer.toString(version))
        .putEvidence("host.maxHardwareVersion", Integer.toString(max))
        .location(Vms.location(vm, "virtualHW.version"))
        .addFixes(ManualStep.of("Run the VM on a host that supports vmx-" + version,
            "1. Register the VM on a host whose ESXi release runs vmx-" + version + " or later, or upgrade this "
                + "host.\n"
                + "2. If neither is possible, create a new VM with compatibility vmx-" + max + " or lower, attach the "
                + "existing disks and copy the settings over (the hardware version cannot be lowered in place)."))
        .build());
  }
}
