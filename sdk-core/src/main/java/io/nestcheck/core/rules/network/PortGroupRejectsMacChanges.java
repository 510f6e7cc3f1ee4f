package io.nestcheck.core.rules.network;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Nic;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;
import java.util.HashSet;
import java.util.Set;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-NET-005",
    summary = "The port group rejects MAC address changes the guest hypervisor needs",
    severity = Severity.WARNING,
    tags = {"network", "port-group", "security-policy"},
    links = {
      "https://github.com/f5devcentral/f5-xc-terraform-examples/blob/main/workflow-guides/application-delivery-security/Nutanix_on_VMware/Nutanix_CE_2.1_installation_on_VMware.rst",
      "https://williamlam.com/tag/virtual-switch"
    },
    explanation = "Accepting MAC address changes is common in nested guides (the Nutanix CE on ESXi guide sets "
        + "promiscuous mode, MAC address changes and forged transmits to Accept), but unlike promiscuous mode and "
        + "forged transmits no source explains it as strictly required, so the rule is a WARNING. It runs only when "
        + "the profile asks for it (macChanges) and the port group's policy is known. The fix is the same combined "
        + "port-group action NV-NET-004 emits for that port group, so the two never conflict.")
public final class PortGroupRejectsMacChanges implements Rule {

  @Override
  public void check(RuleContext ctx) {
    ProfileRequirements req = ctx.requirements();
    if (!req.requiresMacChanges() || Vms.isLibvirt(ctx)) {
      return;
    }
    Set<String> seen = new HashSet<>();
    // NIC ids in sorted order, so the NIC named for a shared port group does not depend on device order
    java.util.List<Nic> nics = new java.util.ArrayList<>(ctx.vm().nics());
    nics.sort(java.util.Comparator.comparing(Nic::id));
    for (Nic nic : nics) {
      if (!PortGroups.judgeable(nic)) {
        continue;
      }
      PortSecurityPolicy p = nic.portSecurity().get();
      if (!Targets.rejectsMacChanges(req, p)) {
        continue;
      }
      String pg = nic.network().orElse(null);
      if (pg != null && !seen.add(pg)) {
        continue;
      }
      Finding.Builder f = ctx.finding()
          .subject(pg != null ? Subject.network(pg) : Subject.device(nic.id()))
          .message((pg != null ? "Port group " + pg : "The port group of " + nic.id()) + " (used by " + nic.id()
              + ") rejects MAC address changes; profile " + ctx.profile().id() + " needs them accepted.")
          .putEvidence("nic", nic.id())
          .putEvidence("macChanges", p.macChanges().name());
      if (pg != null) {
        Targets.portGroupFix(ctx, nic).ifPresent(f::addFixes);
      } else {
        f.addFixes(PortGroups.manualStep("the port group of " + nic.id(), "<port group>", req));
      }
      ctx.report(f.build());
    }
  }
}
