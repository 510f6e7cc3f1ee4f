package io.nestcheck.core.rules.hygiene;

import io.nestcheck.api.Setting;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;
import java.util.Optional;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HYG-002",
    summary = "VMware Tools time sync is on although the guest hypervisor keeps its own time",
    severity = Severity.INFO,
    tags = {"hygiene", "time"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/ovf/fixtures/vmware/esxvmovf-25262174.ovf",
      "https://github.com/liuzhenhua1223/documentation"
    },
    explanation = "A guest hypervisor that runs its own NTP should not also have its clock set by VMware Tools; "
        + "VMware's own ESXi-8 VM template carries tools.syncTimeWithHost = false, and FusionCompute refuses to add "
        + "hosts whose clocks differ by more than 5 minutes. The seed document lists 'disable VMware Tools time "
        + "sync' as if it were a nested requirement; it is not, so the rule is INFO and runs only for profiles that "
        + "say the guest runs NTP (guestRunsNtp). Only an explicit TRUE is reported. The fix sets the key to "
        + "FALSE.")
public final class ToolsTimeSyncEnabled implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().isGuestRunningNtp() || Vms.isLibvirt(ctx)) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    if (!vm.settingEquals("tools.syncTimeWithHost", "TRUE")) {
      return;
    }
    Optional<Setting> s = vm.settingEntry("tools.syncTimeWithHost");
    if (s.isEmpty() || !s.get().value().trim().equalsIgnoreCase("TRUE")) {
      return;
    }
    ctx.report(ctx.finding()
        .message("VMware Tools time sync is on (" + s.get().key() + " = \"" + s.get().value() + "\") while the guest "
            + "hypervisor keeps time with its own NTP; two clock sources can make it jump.")
        .putEvidence(s.get().key(), s.get().value())
        .location(Vms.location(vm, s.get().key()))
        .addFixes(SetSetting.of(s.get().key(), "FALSE"))
        .build());
  }
}
