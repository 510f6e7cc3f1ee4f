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
import java.util.Set;
import java.util.StringJoiner;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-NET-001",
    summary = "A NIC type has no driver in the guest hypervisor",
    severity = Severity.ERROR,
    tags = {"network", "nic", "driver"},
    links = {
      "https://williamlam.com/tag/nested",
      "https://vmware1345.rssing.com/chan-14972843/article493.html",
      "https://github.com/videxrealone/FusionComputeLab",
      "https://github.com/ayaosamaramadan/NTI_Huawei-CloudComputing"
    },
    explanation = "A guest hypervisor without a driver for its NIC installs without a network or cannot be managed. "
        + "Nested ESXi has an in-guest VMXNET3 driver (VMware's own ESXi-8 template uses it; e1000/e1000e were the "
        + "5.1-era workaround). That ESXi 7/8 cannot use E1000 is UNVERIFIED, so those profiles leave E1000 out and "
        + "lower this rule to WARNING. For FusionCompute CNA every lab guide uses e1000, and one reports that the "
        + "CNA host could not be added to VRM until the NIC was changed to e1000; the guides ran CNA on KVM, so the "
        + "CNA profiles also cap this rule at WARNING. The supported types come from the profile (supportedNics); "
        + "types that only need a driver injected are NV-NET-002's. The fix replaces the NIC with the profile's "
        + "recommendation, keeping its network and MAC.")
public final class NicTypeUnsupported implements Rule {

  @Override
  public void check(RuleContext ctx) {
    Set<NicType> supported = ctx.requirements().supportedNics();
    if (supported.isEmpty()) {
      return;
    }
    Set<NicType> injection = ctx.requirements().driverInjectionNics();
    VmConfiguration vm = ctx.vm();
    StringJoiner names = null;
    for (Nic nic : vm.nics()) {
      if (nic.type() == NicType.UNSPECIFIED || supported.contains(nic.type()) || injection.contains(nic.type())) {
        continue;
      }
      if (names == null) {
        names = new StringJoiner(", ");
        for (NicType t : NicType.values()) {
          if (supported.contains(t)) {
            names.add(Vms.lower(t));
          }
        }
      }
      String type = nic.rawType().orElse(Vms.lower(nic.type()));
      ctx.report(ctx.finding()
          .subject(Subject.device(nic.id()))
          .message("NIC " + nic.id() + " is " + type + ", which profile " + ctx.profile().id() + " does not list as "
              + "having a driver in the guest hypervisor (supported: " + names + "); the guest may come up without "
              + "a network.")
          .putEvidence(nic.id() + ".virtualDev", type)
          .putEvidence("supportedNics", names.toString())
          .location(Vms.location(vm, nic.id() + ".virtualDev"))
          .addFixes(Fixes.replaceNic(ctx, nic.id()))
          .build());
    }
  }
}
