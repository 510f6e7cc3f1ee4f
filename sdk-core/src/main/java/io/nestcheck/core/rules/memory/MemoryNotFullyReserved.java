package io.nestcheck.core.rules.memory;

import io.nestcheck.api.SetMemoryReservation;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-MEM-003",
    summary = "The profile asks for all memory to be reserved, and it is not",
    severity = Severity.WARNING,
    tags = {"memory", "reservation"},
    links = {
      "https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-esxi-installation/GUID-DEB8086A-306B-4239-BF76-E354679202FC.html",
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go"
    },
    explanation = "A full reservation (sched.mem.min = memsize, or memoryReservationLockedToMax / sched.mem.pin) keeps "
        + "the outer host from ballooning, compressing or swapping the guest hypervisor's memory. It runs only when a "
        + "profile sets fullMemoryReservation, and no built-in profile does: the seed document's 'memory >= 8 GB, "
        + "100% reserved' has no source (8 GB is the ESXi 7/8 host minimum; no guide for CNA, ESXi, Hyper-V or "
        + "Nutanix CE asks for a reservation), so it is at most a WARNING for users who want it. The fix reserves "
        + "the memory the VM will have after NV-MEM-001's fix and locks it to the configured size, so it follows "
        + "later resizes; vSphere only accepts the lock when the host can reserve all of it.")
public final class MemoryNotFullyReserved implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().requiresFullMemoryReservation()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    if (vm.memoryLockedToMax() || vm.memoryReservationMiB() >= vm.memoryMiB()) {
      return;
    }
    long target = Math.max(vm.memoryMiB(), ctx.requirements().minMemoryMiB().orElse(0));
    ctx.report(ctx.finding()
        .message("Profile " + ctx.profile().id() + " asks for all memory to be reserved, but the VM reserves "
            + Vms.mib(vm.memoryReservationMiB()) + " of " + Vms.mib(vm.memoryMiB()) + " and is not locked to its "
            + "configured size.")
        .putEvidence("sched.mem.min", Long.toString(vm.memoryReservationMiB()))
        .putEvidence("memsize", Long.toString(vm.memoryMiB()))
        .putEvidence("lockedToMax", Boolean.toString(vm.memoryLockedToMax()))
        .location(Vms.location(vm, "sched.mem.min", "sched.mem.minSize", "sched.mem.pin"))
        .addFixes(SetMemoryReservation.of(target, true))
        .build());
  }
}
