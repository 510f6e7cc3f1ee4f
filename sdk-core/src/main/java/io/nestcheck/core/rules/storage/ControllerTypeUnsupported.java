package io.nestcheck.core.rules.storage;

import io.nestcheck.api.ControllerType;
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
import java.util.StringJoiner;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-STO-001",
    summary = "A storage controller type has no in-box driver in the guest hypervisor",
    severity = Severity.ERROR,
    tags = {"storage", "controller", "driver"},
    links = {
      "https://williamlam.com/tag/nested",
      "https://github.com/vmware/govmomi/blob/main/ovf/fixtures/vmware/esxvmovf-25262174.ovf",
      "https://github.com/videxrealone/FusionComputeLab"
    },
    explanation = "A guest hypervisor's installer only finds disks on controllers it has a driver for; otherwise it "
        + "stops with 'no disk found' (a FusionCompute 6.5.1 install on a physical RAID controller failed exactly so "
        + "until a driver was injected). Nested ESXi has drivers for PVSCSI and vNVMe (William Lam; VMware's own "
        + "ESXi-8 template uses PVSCSI). The supported types come from the profile (supportedControllers). For "
        + "FusionCompute CNA on VMware no source names a controller: the seed document's 'use PVSCSI' is "
        + "unsourced, the list is inferred from the EulerOS 2.0 (CentOS 7.5-class) kernel and the profile lowers "
        + "this rule to WARNING; on KVM the lab guides use VirtIO. The seed's INACCESSIBLE_BOOT_DEVICE is a Windows "
        + "stop code and cannot occur in the Linux-based CNA. The fix replaces the controller with the profile's "
        + "recommendation (a VirtIO type on libvirt when supported); an installed guest needs the new driver first. "
        + "A BusLogic controller of a 64-bit guest is left to NV-STO-003 only when the profile itself allows "
        + "BusLogic.")
public final class ControllerTypeUnsupported implements Rule {

  @Override
  public void check(RuleContext ctx) {
    Set<ControllerType> supported = ctx.requirements().supportedControllers();
    if (supported.isEmpty()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    StringJoiner names = null;
    for (StorageController c : vm.controllers()) {
      if (!io.nestcheck.core.rules.common.Vms.hasDisks(vm, c)) {
        continue; // a controller that only holds a CD-ROM (every vSphere VM has two IDE ones) boots nothing
      }
      if (c.type() == ControllerType.UNSPECIFIED || supported.contains(c.type())) {
        continue;
      }
      if (names == null) {
        names = new StringJoiner(", ");
        for (ControllerType t : ControllerType.values()) {
          if (supported.contains(t)) {
            names.add(Vms.lower(t));
          }
        }
      }
      String type = c.rawType().orElse(Vms.lower(c.type()));
      ctx.report(ctx.finding()
          .subject(Subject.device(c.id()))
          .message("Controller " + c.id() + " is " + type + ", which profile " + ctx.profile().id() + " does not "
              + "list as having an in-box driver (supported: " + names + "); the installer may find no disk.")
          .putEvidence(c.id() + ".virtualDev", type)
          .putEvidence("supportedControllers", names.toString())
          .location(Vms.location(vm, c.id() + ".virtualDev"))
          .addFixes(Fixes.replaceController(ctx, c, Optional.empty()))
          .build());
    }
  }
}
