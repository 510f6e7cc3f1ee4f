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

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-STO-002",
    summary = "A storage controller's type is not stated, so the platform picks one by guest OS",
    severity = Severity.WARNING,
    tags = {"storage", "controller", "unknown"},
    links = {
      "https://docs.vmware.com/en/VMware-vSphere/5.5/com.vmware.vsphere.hostclient.doc/GUID-5872D173-A076-42FE-8D0B-9DB0EB0E7362.html",
      "https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c"
    },
    explanation = "Without scsiN.virtualDev VMware picks the controller type from the guest OS and device type; "
        + "libvirt leaves the model unset and virt-v2v never reads the key, and no source documents a fixed "
        + "default. Whether the guest hypervisor has a driver for it therefore cannot be checked. The rule runs when "
        + "the profile names controller types, and the fix writes the recommended type explicitly.")
public final class ControllerTypeUnspecified implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().supportedControllers().isEmpty() && ctx.requirements().recommendedController().isEmpty()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    for (StorageController c : vm.controllers()) {
      if (!io.nestcheck.core.rules.common.Vms.hasDisks(vm, c)) {
        continue; // a controller that only holds a CD-ROM (every vSphere VM has two IDE ones) boots nothing
      }
      if (c.type() != ControllerType.UNSPECIFIED) {
        continue;
      }
      ctx.report(ctx.finding()
          .subject(Subject.device(c.id()))
          .message("Controller " + c.id() + " has no stated type, so the platform picks one by guest OS and it "
              + "cannot be checked against the guest hypervisor's drivers; state the type explicitly.")
          .putEvidence(c.id() + ".virtualDev", "absent")
          .location(Vms.location(vm, c.id() + ".present"))
          .addFixes(Fixes.replaceController(ctx, c, Optional.empty()))
          .build());
    }
  }
}
