package io.nestcheck.core.rules.storage;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Fixes;
import io.nestcheck.core.rules.common.Vms;
import java.util.Optional;
import java.util.Set;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-STO-003",
    summary = "A BusLogic controller serves a 64-bit guest",
    severity = Severity.WARNING,
    tags = {"storage", "controller", "driver"},
    links = {
      "https://docs.vmware.com/en/VMware-vSphere/5.5/com.vmware.vsphere.hostclient.doc/GUID-5872D173-A076-42FE-8D0B-9DB0EB0E7362.html",
      "https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c"
    },
    explanation = "BusLogic Parallel is the oldest VMware SCSI controller, kept for old 32-bit guests; 64-bit guests "
        + "generally ship no driver for it, and a guest without a driver for its boot controller fails as soon as "
        + "it leaves the BIOS boot loader. No source in our corpus states the 64-bit limit outright, so the rule is a "
        + "WARNING (a profile can raise it). A guest counts as 64-bit when the profile says so (guest64Bit) or its "
        + "guest OS id is a -64 id or a vmkernel (ESXi) id. When the profile lists supported controllers without "
        + "BusLogic, NV-STO-001 reports the controller instead and this rule stays quiet. The fix replaces it with "
        + "the profile's recommended controller, or LSI Logic Parallel (the same parallel-SCSI bus) when the profile "
        + "names none. The seed document puts LSI Logic SAS in the same basket as BusLogic and prescribes PVSCSI; no "
        + "source supports that for a CNA guest (see NV-STO-001).")
public final class BusLogicWith64BitGuest implements Rule {

  @Override
  public void check(RuleContext ctx) {
    Set<ControllerType> supported = ctx.requirements().supportedControllers();
    if (!supported.isEmpty() && !supported.contains(ControllerType.BUSLOGIC)) {
      return;
    }
    if (!Vms.is64Bit(ctx)) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    for (StorageController c : vm.controllers()) {
      if (!io.nestcheck.core.rules.common.Vms.hasDisks(vm, c)) {
        continue; // a controller that only holds a CD-ROM (every vSphere VM has two IDE ones) boots nothing
      }
      if (c.type() != ControllerType.BUSLOGIC) {
        continue;
      }
      String why = ctx.requirements().isGuest64Bit()
          ? "profile " + ctx.profile().id() + " is 64-bit"
          : "guest OS " + vm.guestOs().map(GuestOsId::canonical).orElse("?") + " is 64-bit";
      ctx.report(ctx.finding()
          .subject(Subject.device(c.id()))
          .message("Controller " + c.id() + " is BusLogic but the " + why + "; 64-bit guests generally have no "
              + "BusLogic driver, so the installer may find no disk.")
          .putEvidence(c.id() + ".virtualDev", c.rawType().orElse("buslogic"))
          .putEvidence("guestOS", vm.guestOs().map(GuestOsId::canonical).orElse("absent"))
          .location(Vms.location(vm, c.id() + ".virtualDev"))
          .addFixes(Fixes.replaceController(ctx, c, Optional.of(ControllerType.LSI_LOGIC)))
          .build());
    }
  }
}
