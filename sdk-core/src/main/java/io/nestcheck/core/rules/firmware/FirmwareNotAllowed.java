package io.nestcheck.core.rules.firmware;

import io.nestcheck.api.Firmware;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;
import java.util.Set;
import java.util.StringJoiner;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-FW-001",
    summary = "The VM boots with a firmware the guest hypervisor profile does not allow",
    severity = Severity.ERROR,
    tags = {"firmware", "boot"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/ovf/fixtures/vmware/esxvmovf-25262174.ovf",
      "https://github.com/libguestfs/virt-v2v/blob/master/input/parse_vmx.ml"
    },
    explanation = "The allowed firmware comes from the profile (allowedFirmware; an absent firmware key in a .vmx "
        + "means BIOS). For nested ESXi 8 the seed document's 'BIOS firmware; UEFI may break' is backwards: VMware's "
        + "own ESXi-8 VM template boots EFI and vSphere 8 restricts legacy BIOS boot. For FusionCompute CNA the boot "
        + "mode inside a VM is UNVERIFIED: the only statement is that PXE installs of a physical 8.0 CNA must use "
        + "Legacy, while the 6.5.1 ISO carries both a BIOS and an EFI loader; the CNA profiles therefore prefer BIOS "
        + "and lower this rule to WARNING. The fix switches to the recommended firmware (secure boot off on BIOS). "
        + "Switching firmware after the guest is installed usually breaks its boot loader, so fix before installing "
        + "or reinstall.")
public final class FirmwareNotAllowed implements Rule {

  @Override
  public void check(RuleContext ctx) {
    Set<Firmware> allowed = ctx.requirements().allowedFirmware();
    VmConfiguration vm = ctx.vm();
    if (allowed.isEmpty() || allowed.contains(vm.firmware())) {
      return;
    }
    StringJoiner names = new StringJoiner(", ");
    for (Firmware f : Firmware.values()) {
      if (allowed.contains(f)) {
        names.add(Vms.lower(f));
      }
    }
    ctx.report(ctx.finding()
        .message("The VM boots with " + Vms.lower(vm.firmware()) + " firmware but profile " + ctx.profile().id()
            + " allows only " + names + "; change it before installing the guest hypervisor (switching later breaks "
            + "the installed boot loader).")
        .putEvidence("firmware", Vms.lower(vm.firmware()))
        .putEvidence("allowedFirmware", names.toString())
        .location(Vms.location(vm, "firmware"))
        .addFixes(Targets.firmwareFix(ctx))
        .build());
  }
}
