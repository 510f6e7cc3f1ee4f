package io.nestcheck.core.rules.host;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HOST-006",
    summary = "An EVC mode masks the host CPU; check that VT-x/AMD-V still reaches the guest",
    severity = Severity.INFO,
    tags = {"host", "cpu", "evc", "context"},
    links = {
      "https://communities.vmware.com/docs/DOC-8970",
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go"
    },
    explanation = "Enhanced vMotion Compatibility hides host CPU features so VMs can move between CPU generations; "
        + "a VM's feature set is fixed at power-on from the host CPU, BIOS settings, ESXi version, VM compatibility, "
        + "guest OS type and the EVC baseline. Whether a given EVC baseline hides VMX/SVM from a VM with vhv.enable "
        + "is UNVERIFIED (no source found), so the rule only reports the mode as context, at INFO, and asks for a "
        + "check inside the guest.")
public final class EvcModeInEffect implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().requiresNestedHv()) {
      return;
    }
    HostCapabilities host = ctx.host();
    if (host.evcMode().isEmpty()) {
      return;
    }
    String mode = host.evcMode().get();
    ctx.report(ctx.finding()
        .subject(Subject.host(host.name().orElse("host")))
        .message("EVC mode " + mode + " is in effect on the host" + host.name().map(n -> " " + n).orElse("")
            + "; whether it hides VT-x/AMD-V from a VM with nested virtualization enabled is not documented, so "
            + "check inside the guest.")
        .putEvidence("evcMode", mode)
        .addFixes(ManualStep.of("Check that the guest sees VT-x/AMD-V under EVC mode " + mode,
            "1. Power the VM on.\n"
                + "2. Linux-based guest hypervisors (KVM, FusionCompute CNA, Proxmox VE, Nutanix CE): grep -c -E "
                + "'vmx|svm' /proc/cpuinfo must print more than 0.\n"
                + "3. Nested ESXi: the installer must not stop with 'HV support not available'.\n"
                + "4. If the flag is missing, move the VM to a cluster without EVC or with a baseline that keeps it."))
        .build());
  }
}
