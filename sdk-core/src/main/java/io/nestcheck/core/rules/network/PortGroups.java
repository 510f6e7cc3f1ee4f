package io.nestcheck.core.rules.network;

import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;

/** Shared wording for the port-group rules. Package-private. */
final class PortGroups {
  private PortGroups() {}

  static boolean needsFrames(ProfileRequirements req) {
    return req.requiresPromiscuousMode() || req.requiresForgedTransmits();
  }

  static boolean needsAnything(ProfileRequirements req) {
    return needsFrames(req) || req.requiresMacChanges();
  }

  /** Whether the NIC's port group is a VMware one the rules can judge (not a Linux bridge or OVS). */
  static boolean judgeable(Nic nic) {
    PortSecurityPolicy p = nic.portSecurityOrElse(null);
    return p != null && p.switchKind() != SwitchKind.OTHER;
  }

  static String state(TriState t) {
    return switch (t) {
      case YES -> "accept";
      case NO -> "reject";
      default -> "unknown";
    };
  }

  static String describe(PortSecurityPolicy p) {
    StringBuilder sb = new StringBuilder();
    sb.append("promiscuous ").append(state(p.allowPromiscuous()))
        .append(", forged transmits ").append(state(p.forgedTransmits()))
        .append(", MAC changes ").append(state(p.macChanges()));
    if (p.switchKind() == SwitchKind.DISTRIBUTED) {
      sb.append(", MAC learning ").append(p.macLearning() == TriState.YES ? "on"
          : p.macLearning() == TriState.NO ? "off" : "unknown");
    }
    return sb.toString();
  }

  /**
   * A manual step for {@code label} (for example {@code port group VM Network}); {@code portGroupArg} is the name
   * for the esxcli command, or a placeholder.
   */
  static ManualStep manualStep(String label, String portGroupArg, ProfileRequirements req) {
    StringBuilder flags = new StringBuilder();
    if (req.requiresPromiscuousMode()) {
      flags.append(" --allow-promiscuous=true");
    }
    if (req.requiresForgedTransmits()) {
      flags.append(" --allow-forged-transmits=true");
    }
    if (req.requiresMacChanges()) {
      flags.append(" --allow-mac-change=true");
    }
    return ManualStep.of("Set the security policy of " + label,
        "1. Standard switch: esxcli network vswitch standard portgroup policy security set -p '" + portGroupArg + "'"
            + flags + " (or vSphere Client: Networking > port group > Edit settings > Security).\n"
            + "2. Distributed switch 6.6+ (vSphere 6.7+): enable MAC learning on the port group instead of "
            + "promiscuous mode (macManagementPolicy.macLearningPolicy.enabled = true), or accept promiscuous mode "
            + "and forged transmits.\n"
            + "3. Promiscuous mode copies every frame of the port group to each VM on it; prefer a dedicated port "
            + "group for nested hypervisors.");
  }
}
