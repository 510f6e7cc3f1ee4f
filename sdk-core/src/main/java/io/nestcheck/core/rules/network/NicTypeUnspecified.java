package io.nestcheck.core.rules.network;

import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Fixes;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-NET-003",
    summary = "A NIC's type is not stated, so the platform picks one by guest OS",
    severity = Severity.WARNING,
    tags = {"network", "nic", "unknown"},
    links = {
      "https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c",
      "https://github.com/libguestfs/virt-v2v/blob/master/input/parse_vmx.ml"
    },
    explanation = "Without ethernetN.virtualDev the adapter type depends on the guest OS (libvirt's comment); "
        + "libvirt emits no model and virt-v2v sets none, and older hosted products showed such NICs as vlance. No "
        + "single documented default exists, so whether the guest hypervisor has a driver cannot be checked. The "
        + "rule runs when the profile names NIC types, and the fix writes the recommended type explicitly.")
public final class NicTypeUnspecified implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().supportedNics().isEmpty() && ctx.requirements().recommendedNic().isEmpty()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    for (Nic nic : vm.nics()) {
      if (nic.type() != NicType.UNSPECIFIED) {
        continue;
      }
      ctx.report(ctx.finding()
          .subject(Subject.device(nic.id()))
          .message("NIC " + nic.id() + " has no stated type, so the platform picks one by guest OS and it cannot be "
              + "checked against the guest hypervisor's drivers; state the type explicitly.")
          .putEvidence(nic.id() + ".virtualDev", "absent")
          .location(Vms.location(vm, nic.id() + ".present"))
          .addFixes(Fixes.replaceNic(ctx, nic.id()))
          .build());
    }
  }
}
