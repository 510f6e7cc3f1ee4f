package io.nestcheck.core.rules.guestos;

import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.SetGuestOs;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;
import java.util.List;
import java.util.StringJoiner;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-GOS-001",
    summary = "The guest OS id does not match the guest hypervisor",
    severity = Severity.WARNING,
    tags = {"guest-os"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/vim25/types/enum.go",
      "https://github.com/vmware/govmomi/blob/main/scripts/vcsa/create-esxi-vm.sh",
      "https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c"
    },
    explanation = "VMware picks device defaults, the controller and NIC it offers, and the CPU features it "
        + "exposes partly from the guest OS id, so it should name the guest hypervisor: vmkernel8Guest for ESXi 8 "
        + "(vmkernel8 in a .vmx), vmkernel7Guest for ESXi 7, vmkernel65Guest for ESXi 6.5 and 6.7; an ESXi 8 VM left "
        + "at vmkernel65 is a common leftover. FusionCompute CNA is a Linux (EulerOS, kernel 3.10) system, so a "
        + "64-bit 'other Linux' id fits it. The acceptable ids come from the profile (guestOsIds); the fix sets the "
        + "first one. An absent id is reported too (VMware then treats the guest as 'other'), except on libvirt VMs, "
        + "which have no VMware guest OS id. The rule is a WARNING: "
        + "a wrong id rarely stops a guest on its own, but it leads to wrong defaults.")
public final class GuestOsIdMismatch implements Rule {

  @Override
  public void check(RuleContext ctx) {
    List<GuestOsId> ids = ctx.requirements().guestOsIds();
    if (ids.isEmpty()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    GuestOsId stated = vm.guestOsOrElse(null);
    if (stated != null && ids.contains(stated)) {
      return;
    }
    if (stated == null && Vms.isLibvirt(ctx)) {
      return; // libvirt has no VMware guest OS id
    }
    StringJoiner expected = new StringJoiner(", ");
    for (GuestOsId id : ids) {
      expected.add(id.canonical());
    }
    GuestOsId target = ids.get(0);
    String now = vm.guestOs().map(g -> "is " + g.canonical()).orElse("is not stated");
    ctx.report(ctx.finding()
        .message("The guest OS id " + now + " but profile " + ctx.profile().id() + " expects " + expected
            + "; VMware chooses device defaults by this id.")
        .putEvidence("guestOS", vm.guestOs().map(GuestOsId::canonical).orElse("absent"))
        .putEvidence("expected", expected.toString())
        .location(Vms.location(vm, "guestOS", "guestId"))
        .addFixes(SetGuestOs.of(target))
        .build());
  }
}
