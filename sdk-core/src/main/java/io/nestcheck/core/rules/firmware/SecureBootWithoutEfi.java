package io.nestcheck.core.rules.firmware;

import io.nestcheck.api.Firmware;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-FW-002",
    summary = "Secure boot is on but the VM boots with BIOS firmware",
    severity = Severity.ERROR,
    tags = {"firmware", "secure-boot"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go",
      "https://github.com/libguestfs/virt-v2v/blob/master/input/parse_vmx.ml"
    },
    explanation = "UEFI secure boot exists only with EFI firmware (uefi.secureBoot.enabled matters only with firmware "
        + "= \"efi\"); vSphere rejects efiSecureBootEnabled on a BIOS VM, and a file that says both is contradictory. "
        + "The fix turns secure boot off and keeps BIOS, because switching an installed guest from BIOS to EFI "
        + "breaks its boot loader while secure boot had no effect on BIOS anyway. Only when the profile does not "
        + "allow BIOS does the fix move the VM to EFI and keep secure boot on, the same action NV-FW-001 and "
        + "NV-FW-003 then emit, so the fixes converge.")
public final class SecureBootWithoutEfi implements Rule {

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    if (!vm.secureBoot() || vm.firmware() != Firmware.BIOS) {
      return;
    }
    ctx.report(ctx.finding()
        .message("Secure boot is enabled but the VM boots with BIOS firmware; secure boot needs EFI, so the setting is "
            + "contradictory and vSphere rejects it.")
        .putEvidence("firmware", "bios")
        .putEvidence("secureBoot", "true")
        .location(Vms.location(vm, "uefi.secureBoot.enabled", "firmware"))
        .addFixes(Targets.firmwareFix(ctx))
        .build());
  }
}
