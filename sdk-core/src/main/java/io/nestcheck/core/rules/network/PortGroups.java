package io.nestcheck.core.rules.network;

import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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

  /** How many distinct manual steps {@link #manualStep} shares; later ones are built afresh every time. */
  static final int MAX_SHARED_STEPS = 256;

  /**
   * The longest label or port-group name a shared step is kept for: the names come from the scanned files, and the
   * steps outlive the scan (a port group's name is at most 80 characters in vSphere).
   */
  static final int MAX_SHARED_NAME = 256;

  /**
   * The steps {@link #manualStep} has built, shared by every VM that needs the same one: a fleet has a few port
   * groups, and NV-NET-006 names one for nearly every VM of a file scan. One shared instance means the ~600
   * characters of instructions are built once, and the report writes them from its fix cache (the strings' hashes
   * are cached, and the cache finds the same instance by identity) instead of escaping them for every VM.
   */
  private static final SharedSteps STEPS = new SharedSteps(MAX_SHARED_STEPS);

  /**
   * A manual step for {@code label} (for example {@code port group VM Network}); {@code portGroupArg} is the name
   * for the esxcli command, or a placeholder. Equal arguments give the same instance while fewer than {@link
   * #MAX_SHARED_STEPS} distinct steps were asked for.
   */
  static ManualStep manualStep(String label, String portGroupArg, ProfileRequirements req) {
    return STEPS.get(label, portGroupArg, req);
  }

  /**
   * Built steps by what they depend on, at most {@code max} of them (a race may add a few more), for names of at
   * most {@link #MAX_SHARED_NAME} characters: values of a pure function, so a step past the bound is built afresh
   * (the same text, another instance), costing only time. Thread-safe.
   */
  static final class SharedSteps {
    private final ConcurrentMap<StepKey, ManualStep> steps = new ConcurrentHashMap<>();
    private final int max;

    SharedSteps(int max) {
      this.max = max;
    }

    ManualStep get(String label, String portGroupArg, ProfileRequirements req) {
      StepKey key = new StepKey(label, portGroupArg, req.requiresPromiscuousMode(), req.requiresForgedTransmits(),
          req.requiresMacChanges());
      ManualStep step = steps.get(key);
      if (step == null) {
        step = key.build();
        if (steps.size() < max && label.length() <= MAX_SHARED_NAME && portGroupArg.length() <= MAX_SHARED_NAME) {
          ManualStep raced = steps.putIfAbsent(key, step);
          step = raced == null ? step : raced;
        }
      }
      return step;
    }
  }

  /**
   * What a step depends on. {@code equals} and {@code hashCode} written out: a record's are method-handle chains,
   * which the CLI's C1-compiled code calls without inlining.
   */
  private record StepKey(String label, String portGroupArg, boolean promiscuous, boolean forged, boolean macChanges) {
    ManualStep build() {
      StringBuilder flags = new StringBuilder();
      if (promiscuous) {
        flags.append(" --allow-promiscuous=true");
      }
      if (forged) {
        flags.append(" --allow-forged-transmits=true");
      }
      if (macChanges) {
        flags.append(" --allow-mac-change=true");
      }
      return ManualStep.of("Set the security policy of " + label,
          "1. Standard switch: esxcli network vswitch standard portgroup policy security set -p '" + portGroupArg
              + "'" + flags + " (or vSphere Client: Networking > port group > Edit settings > Security).\n"
              + "2. Distributed switch 6.6+ (vSphere 6.7+): enable MAC learning on the port group instead of "
              + "promiscuous mode (macManagementPolicy.macLearningPolicy.enabled = true), or accept promiscuous mode "
              + "and forged transmits.\n"
              + "3. Promiscuous mode copies every frame of the port group to each VM on it; prefer a dedicated port "
              + "group for nested hypervisors.");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StepKey k && label.equals(k.label) && portGroupArg.equals(k.portGroupArg)
          && promiscuous == k.promiscuous && forged == k.forged && macChanges == k.macChanges;
    }

    @Override
    public int hashCode() {
      return ((31 * label.hashCode() + portGroupArg.hashCode()) * 8) + (promiscuous ? 4 : 0) + (forged ? 2 : 0)
          + (macChanges ? 1 : 0);
    }
  }
}
