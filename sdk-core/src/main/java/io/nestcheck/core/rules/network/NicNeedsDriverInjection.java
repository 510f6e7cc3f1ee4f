package io.nestcheck.core.rules.network;

import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;
import java.util.Set;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-NET-002",
    summary = "A NIC type works only after its driver is injected into the guest hypervisor's installer",
    severity = Severity.WARNING,
    tags = {"network", "nic", "driver"},
    links = {
      "https://github.com/videxrealone/FusionComputeLab",
      "https://github.com/ayaosamaramadan/NTI_Huawei-CloudComputing"
    },
    explanation = "Some NIC types are missing from a guest hypervisor's installer but can be added by injecting a "
        + "driver into its boot image. The seed document's 'E1000, or VMXNET3 with driver injection' for CNA is "
        + "only partly supported: the lab guides use e1000, and nothing found says the CNA installer has, or can be "
        + "given, a VMXNET3 driver (UNVERIFIED; the only driver injection on record is a RAID driver rebuilt into "
        + "the CNA 6.5.1 initrd and OS.tar.gz). The types come from the profile (driverInjectionNics), and the rule "
        + "is a WARNING. Two fixes are offered: replace the NIC with the profile's recommended type (automatable), "
        + "or, as a manual alternative, inject the driver.")
public final class NicNeedsDriverInjection implements Rule {

  @Override
  public void check(RuleContext ctx) {
    Set<NicType> injection = ctx.requirements().driverInjectionNics();
    if (injection.isEmpty()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    for (Nic nic : vm.nics()) {
      if (!injection.contains(nic.type())) {
        continue;
      }
      String type = Vms.lower(nic.type());
      var f = ctx.finding()
          .subject(Subject.device(nic.id()))
          .message("NIC " + nic.id() + " is " + type + ", which the " + ctx.profile().product().orElse(ctx.profile().displayName())
              + " installer "
              + "has no driver for unless one is injected; without it the guest hypervisor comes up without this "
              + "network.")
          .putEvidence(nic.id() + ".virtualDev", nic.rawType().orElse(type))
          .location(Vms.location(vm, nic.id() + ".virtualDev"));
      Targets.nicTarget(ctx).ifPresent(t -> f.addFixes(ReplaceNicType.of(nic.id(), t)));
      f.addFixes(ManualStep.of("Alternative: inject the " + type + " driver into the installer",
          "Instead of replacing " + nic.id() + ":\n"
              + "1. Obtain a " + type + " driver module built for the installer's exact kernel.\n"
              + "2. Unpack the installer ISO, add the module to its initrd (and to the installed-system image, e.g. "
              + "CNA's repo/OS.tar.gz), rebuild the ISO.\n"
              + "3. Install from the rebuilt ISO and check that the NIC appears (ip link)."));
      ctx.report(f.build());
    }
  }
}
