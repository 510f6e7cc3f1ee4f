package io.nestcheck.core.rules.firmware;

import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.Severity;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;
import java.util.ArrayList;
import java.util.List;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-FW-003",
    summary = "VBS is on without its prerequisites (virtual IOMMU, nested virtualization, EFI, secure boot)",
    severity = Severity.ERROR,
    tags = {"firmware", "vbs", "hyper-v", "secure-boot"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go",
      "https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-security/GUID-8361F64B-DE1D-4FF1-A9FC-4DDE7056DC23.html"
    },
    explanation = "VirtualMachineFlagInfo.vbsEnabled = true implies, and is an error if contradicted by, "
        + "vvtdEnabled = true (virtual IOMMU), nestedHVEnabled = true, bootOptions.efiSecureBootEnabled = true and "
        + "firmware = efi. The rule reports one finding per VM that lists every missing piece and carries one fix "
        + "per piece: enable the virtual IOMMU, expose nested hardware virtualization (the same action as "
        + "NV-CPU-001's), and set EFI with secure boot (the same action NV-FW-001 and NV-FW-002 emit for a VBS VM). "
        + "The hardware version VBS needs is NV-HW-004's concern. When the profile does not allow EFI (a guest that "
        + "boots BIOS only, such as the FusionCompute CNA profiles), VBS contradicts the guest's requirements: the "
        + "finding then asks to turn VBS off, and the firmware rules fix towards the profile's firmware.")
public final class VbsPrerequisitesMissing implements Rule {

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    if (!vm.vbs()) {
      return;
    }
    if (!Targets.vbsKept(ctx)) {
      ctx.report(ctx.finding()
          .message("VBS is enabled, but VBS needs EFI firmware and profile " + ctx.profile().id() + " allows only "
              + "BIOS; " + ctx.profile().product().orElse("this guest") + " does not use VBS, so turn it off.")
          .putEvidence("vbs", "true")
          .putEvidence("allowedFirmware", "bios")
          .location(Vms.location(vm, "vbs.enable", "flags.vbsEnabled"))
          .addFixes(SetVmFlag.of(SetVmFlag.Flag.VBS, false))
          .build());
      return;
    }
    List<String> missing = new ArrayList<>(4);
    Finding.Builder f = ctx.finding();
    if (!vm.virtualIommu()) {
      missing.add("a virtual IOMMU (vvtd.enable)");
      f.putEvidence("virtualIommu", "false");
      f.addFixes(SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true));
    }
    if (vm.nestedHv() != TriState.YES) {
      missing.add("nested hardware virtualization (vhv.enable)");
      f.putEvidence("nestedHv", vm.nestedHv().name());
      f.addFixes(ExposeNestedHv.enable());
    }
    boolean efi = vm.firmware() == Firmware.EFI;
    if (!efi || !vm.secureBoot()) {
      if (!efi) {
        missing.add("EFI firmware");
        f.putEvidence("firmware", Vms.lower(vm.firmware()));
      }
      if (!vm.secureBoot()) {
        missing.add("secure boot");
        f.putEvidence("secureBoot", "false");
      }
      f.addFixes(Targets.firmwareFix(ctx));
    }
    if (missing.isEmpty()) {
      return;
    }
    ctx.report(f
        .message("VBS is enabled but the VM lacks " + String.join(", ", missing) + "; vSphere requires all of them "
            + "for VBS and refuses the configuration otherwise.")
        .location(Vms.location(vm, "vbs.enable", "flags.vbsEnabled"))
        .build());
  }
}
