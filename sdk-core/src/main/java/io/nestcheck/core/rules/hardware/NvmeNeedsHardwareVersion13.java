package io.nestcheck.core.rules.hardware;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.HardwareVersions;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HW-003",
    summary = "A virtual NVMe controller needs virtual hardware vmx-13 or later",
    severity = Severity.ERROR,
    tags = {"hardware-version", "storage", "nvme"},
    links = {
      "https://williamlam.com/tag/nested",
      "https://github.com/vmware/govmomi/blob/main/vim25/types/hardware_version.go"
    },
    explanation = "Virtual NVMe arrived with vmx-13 (ESXi 6.5); William Lam notes that vNVMe for nested ESXi needs "
        + "virtual hardware 13. An older VM with an NVMe controller is inconsistent: the platform will not power it "
        + "on. The rule applies to every profile; the fix is the shared hardware-version upgrade.")
public final class NvmeNeedsHardwareVersion13 implements Rule {

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    if (vm.hardwareVersion().isEmpty() || vm.hardwareVersion().getAsInt() >= Targets.NVME_MIN) {
      return;
    }
    int version = vm.hardwareVersion().getAsInt();
    for (StorageController c : vm.controllers()) {
      if (c.type() != ControllerType.NVME) {
        continue;
      }
      ctx.report(ctx.finding()
          .subject(Subject.device(c.id()))
          .message("Controller " + c.id() + " is virtual NVMe, which needs vmx-13 (ESXi 6.5) or later; the VM uses "
              + HardwareVersions.describe(version) + ".")
          .putEvidence("controller", c.id() + " = nvme")
          .putEvidence("virtualHW.version", Integer.toString(version))
          .location(Vms.location(vm, "virtualHW.version"))
          .addFixes(Targets.hardwareVersionFix(ctx))
          .build());
    }
  }
}
