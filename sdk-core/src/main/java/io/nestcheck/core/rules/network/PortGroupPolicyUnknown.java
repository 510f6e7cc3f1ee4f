package io.nestcheck.core.rules.network;

import io.nestcheck.api.Nic;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;
import java.util.LinkedHashSet;
import java.util.Set;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-NET-006",
    summary = "The port-group security policy is unknown; make sure nested guests' frames can pass",
    severity = Severity.INFO,
    tags = {"network", "port-group", "unknown"},
    links = {
      "https://williamlam.com/tag/virtual-switch",
      "https://www.virtuallyghetto.com/2018/04/native-mac-learning-in-vsphere-6-7-removes-the-need-for-promiscuous-mode-for-nested-esxi.html"
    },
    explanation = "Files (.vmx, OVF) do not carry the port group's security policy, so NV-NET-004 and NV-NET-005 "
        + "cannot judge it. Rules never treat an unknown fact as a pass, so this rule says once per VM, at INFO, "
        + "which NICs could not be checked and what the port group needs: promiscuous mode and forged transmits "
        + "accepted (or MAC learning on a distributed switch 6.6+), plus MAC changes where the profile asks. It does "
        + "not run for libvirt VMs (a Linux bridge learns MACs) or for NICs on a non-vSphere switch. The fix is a "
        + "manual step with the esxcli command.")
public final class PortGroupPolicyUnknown implements Rule {

  @Override
  public void check(RuleContext ctx) {
    ProfileRequirements req = ctx.requirements();
    if (!PortGroups.needsAnything(req) || Vms.isLibvirt(ctx) || !anyUnknown(req, ctx.vm().nics())) {
      return;
    }
    Set<String> nics = new java.util.TreeSet<>();
    Set<String> portGroups = new java.util.TreeSet<>();
    boolean unnamed = false;
    for (Nic nic : ctx.vm().nics()) {
      if (unknown(req, nic)) {
        nics.add(nic.id());
        if (nic.network().isPresent()) {
          portGroups.add(nic.network().get());
        } else {
          unnamed = true;
        }
      }
    }
    if (nics.isEmpty()) {
      return;
    }
    String needs = needs(req);
    boolean single = portGroups.size() == 1 && !unnamed;
    String label = single ? "port group " + portGroups.iterator().next()
        : portGroups.isEmpty() ? "the port group of " + String.join(", ", nics)
        : "port groups " + String.join(", ", portGroups) + (unnamed ? " and the other NICs' port groups" : "");
    ctx.report(ctx.finding()
        .message("The security policy of " + label + " (NIC" + (nics.size() == 1 ? " " : "s ") + String.join(", ", nics)
            + ") is not known from "
            + "this source; make sure it has " + needs + ", or nested guests will have no network.")
        .putEvidence("nics", String.join(", ", nics))
        .putEvidence("portGroups", portGroups.isEmpty() ? "unknown" : String.join(", ", portGroups))
        .putEvidence("needs", needs)
        .addFixes(PortGroups.manualStep(label, single ? portGroups.iterator().next() : "<port group>", req))
        .build());
  }

  /** Whether any NIC's policy is unknown; allocation-free, so a VM with known policies costs one pass. */
  private static boolean anyUnknown(ProfileRequirements req, java.util.List<Nic> nics) {
    for (Nic nic : nics) {
      if (unknown(req, nic)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unknown(ProfileRequirements req, Nic nic) {
    PortSecurityPolicy p = nic.portSecurityOrElse(null);
    if (p == null) {
      return true;
    }
    if (p.switchKind() == SwitchKind.OTHER) {
      return false;
    }
    boolean learning = p.switchKind() == SwitchKind.DISTRIBUTED && p.macLearning().isYes();
    if (!learning) {
      if (req.requiresPromiscuousMode() && p.allowPromiscuous() == TriState.UNKNOWN) {
        return true;
      }
      if (req.requiresForgedTransmits() && p.forgedTransmits() == TriState.UNKNOWN) {
        return true;
      }
    }
    return req.requiresMacChanges() && p.macChanges() == TriState.UNKNOWN;
  }

  /** {@link #needs} for every combination of the three requirements, indexed by the three bits: built once. */
  private static final String[] NEEDS = new String[8];

  static {
    for (int i = 0; i < NEEDS.length; i++) {
      NEEDS[i] = needs((i & 4) != 0, (i & 2) != 0, (i & 1) != 0);
    }
  }

  private static String needs(ProfileRequirements req) {
    return NEEDS[(req.requiresPromiscuousMode() ? 4 : 0) | (req.requiresForgedTransmits() ? 2 : 0)
        | (req.requiresMacChanges() ? 1 : 0)];
  }

  private static String needs(boolean promiscuous, boolean forged, boolean macChanges) {
    StringBuilder sb = new StringBuilder();
    if (promiscuous && forged) {
      sb.append("promiscuous mode and forged transmits accepted (or MAC learning on a distributed switch)");
    } else if (promiscuous) {
      sb.append("promiscuous mode accepted (or MAC learning on a distributed switch)");
    } else if (forged) {
      sb.append("forged transmits accepted (or MAC learning on a distributed switch)");
    }
    if (macChanges) {
      sb.append(sb.length() > 0 ? ", and MAC address changes accepted" : "MAC address changes accepted");
    }
    return sb.toString();
  }
}
