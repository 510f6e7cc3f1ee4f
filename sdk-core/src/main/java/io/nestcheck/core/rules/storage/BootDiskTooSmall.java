package io.nestcheck.core.rules.storage;

import io.nestcheck.api.Disk;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-STO-004",
    summary = "The largest disk is smaller than the guest hypervisor's boot disk minimum",
    severity = Severity.ERROR,
    tags = {"storage", "disk", "sizing"},
    links = {
      "https://docs.vmware.com/en/VMware-vSphere/8.0/vsphere-esxi-installation/GUID-DEB8086A-306B-4239-BF76-E354679202FC.html",
      "https://github.com/videxrealone/FusionComputeLab"
    },
    explanation = "ESXi 7.0/8.0 need a 32 GB boot disk; the FusionCompute CNA lab guides use 200 GB or more "
        + "(a community figure, so the CNA profiles lower this rule to WARNING). The minimum comes from the profile "
        + "(minBootDiskGiB) and is compared with the largest disk, since the model does not say which disk boots. "
        + "The rule runs only when every disk's capacity is known: a .vmx does not state capacities (they live in "
        + "the .vmdk), and a partial view could hide the real boot disk, so unknown capacities give no finding. "
        + "Growing a disk is a manual step (the guest must also use the space).")
public final class BootDiskTooSmall implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.requirements().minBootDiskGiB().isEmpty()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    if (vm.disks().isEmpty()) {
      return;
    }
    Disk largest = null;
    for (Disk d : vm.disks()) {
      if (d.capacityMiB().isEmpty()) {
        return;
      }
      // ties break by id, so the disk named does not depend on device order
      if (largest == null || d.capacityMiB().getAsLong() > largest.capacityMiB().getAsLong()
          || (d.capacityMiB().getAsLong() == largest.capacityMiB().getAsLong() && d.id().compareTo(largest.id()) < 0)) {
        largest = d;
      }
    }
    long minGiB = ctx.requirements().minBootDiskGiB().getAsLong();
    long capacity = largest.capacityMiB().getAsLong();
    if (capacity >= minGiB * 1024) {
      return;
    }
    String file = largest.fileName().orElse(largest.id());
    ctx.report(ctx.finding()
        .subject(Subject.device(largest.id()))
        .message("The largest disk, " + largest.id() + ", has " + Vms.mib(capacity) + " but profile "
            + ctx.profile().id() + " needs a boot disk of at least " + minGiB + " GiB.")
        .putEvidence(largest.id() + ".capacityMiB", Long.toString(capacity))
        .putEvidence("minBootDiskGiB", Long.toString(minGiB))
        .location(Vms.location(vm, largest.id() + ".fileName"))
        .addFixes(ManualStep.of("Grow disk " + largest.id() + " to " + minGiB + " GiB",
            "1. Power the VM off and delete its snapshots (a disk with snapshots cannot grow).\n"
                + "2. vSphere Client: Edit Settings > " + largest.id() + " > size " + minGiB + " GB; or on the host: "
                + "vmkfstools -X " + minGiB + "G " + file + "; on libvirt: virsh blockresize or qemu-img resize.\n"
                + "3. If the guest hypervisor is already installed, reinstall it or grow its partitions; most "
                + "installers size their layout at install time."))
        .build());
  }
}
