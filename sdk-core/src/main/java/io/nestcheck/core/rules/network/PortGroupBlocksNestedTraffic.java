package io.nestcheck.core.rules.network;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Nic;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.common.Vms;
import java.util.HashSet;
import java.util.Set;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-NET-004",
    summary = "The port group drops the nested guests' frames (promiscuous mode or forged transmits rejected)",
    severity = Severity.ERROR,
    tags = {"network", "port-group", "security-policy"},
    links = {
      "https://williamlam.com/tag/virtual-switch",
      "https://www.virtuallyghetto.com/2018/04/native-mac-learning-in-vsphere-6-7-removes-the-need-for-promiscuous-mode-for-nested-esxi.html",
      "https://www.virtuallyghetto.com/2014/08/new-vmware-fling-to-improve-networkcpu-performance-when-using-promiscuous-mode-for-nested-esxi.html",
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go"
    },
    explanation = "A vSphere switch has no MAC learning by default: it drops frames addressed to the nested VMs' MACs "
        + "unless promiscuous mode is accepted, and drops frames the nested VMs send with their own source MACs "
        + "unless forged transmits are accepted. On a standard switch either one rejected is an ERROR. On a "
        + "distributed switch the port group passes when native MAC learning is on (VDS 6.6+, vSphere 6.7+: "
        + "'promiscuous mode is also no longer a requirement'); otherwise the same two settings are required. The "
        + "rule runs only when the port group's policy is known (live inventories) and the profile asks for it "
        + "(promiscuousMode, forgedTransmits); unknown policies are NV-NET-006's. It reports once per port group. "
        + "The fix accepts the rejected settings (and MAC changes when the profile needs them, the same action "
        + "NV-NET-005 emits); it changes the port group for every VM on it, and promiscuous mode costs CPU, so MAC "
        + "learning is the better choice on a recent distributed switch.")
public final class PortGroupBlocksNestedTraffic implements Rule {

  @Override
  public void check(RuleContext ctx) {
    ProfileRequirements req = ctx.requirements();
    if (!PortGroups.needsFrames(req) || Vms.isLibvirt(ctx)) {
      return;
    }
    if (!anyBlocked(req, ctx.vm().nics())) {
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
      if (!Targets.blocksNestedFrames(req, p)) {
        continue;
      }
      String pg = nic.network().orElse(null);
      if (pg != null && !seen.add(pg)) {
        continue;
      }
      String where = pg != null ? "Port group " + pg : "The port group of " + nic.id();
      String kind = p.switchKind() == SwitchKind.DISTRIBUTED ? "distributed" : p.switchKind() == SwitchKind.STANDARD
          ? "standard" : "vSphere";
      String remedy = p.switchKind() == SwitchKind.DISTRIBUTED
          ? " (MAC learning is not on); enable MAC learning (VDS 6.6+) or accept promiscuous mode and forged transmits"
          : "; accept promiscuous mode and forged transmits";
      Finding.Builder f = ctx.finding()
          .subject(pg != null ? Subject.network(pg) : Subject.device(nic.id()))
          .message(where + " (" + kind + " switch, used by " + nic.id() + ") has " + PortGroups.describe(p)
              + "; frames to and from the nested guests' MAC addresses are dropped" + remedy + ".")
          .putEvidence("nic", nic.id())
          .putEvidence("switchKind", p.switchKind().name())
          .putEvidence("allowPromiscuous", p.allowPromiscuous().name())
          .putEvidence("forgedTransmits", p.forgedTransmits().name())
          .putEvidence("macLearning", p.macLearning().name());
      if (pg != null) {
        Targets.portGroupFix(ctx, nic).ifPresent(f::addFixes);
      } else {
        f.addFixes(PortGroups.manualStep("the port group of " + nic.id(), "<port group>", req));
      }
      ctx.report(f.build());
    }
  }

  /** The per-NIC test of {@link #check} alone, allocation-free: a passing VM costs one pass over its NICs. */
  private static boolean anyBlocked(ProfileRequirements req, java.util.List<Nic> nics) {
    for (Nic nic : nics) {
      PortSecurityPolicy p = nic.portSecurityOrElse(null);
      if (p != null && p.switchKind() != SwitchKind.OTHER && Targets.blocksNestedFrames(req, p)) {
        return true;
      }
    }
    return false;
  }
}
