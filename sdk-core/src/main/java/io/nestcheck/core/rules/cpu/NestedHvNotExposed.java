package io.nestcheck.core.rules.cpu;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import java.util.Optional;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-CPU-001",
    summary = "Hardware-assisted virtualization is not exposed to the guest hypervisor",
    severity = Severity.ERROR,
    tags = {"cpu", "nested-hv"},
    links = {
      "https://communities.vmware.com/docs/DOC-8970",
      "https://gainanov.pro/eng-blog/sysad/esxi-enable-nested-virtualization",
      "https://github.com/vmware/govmomi/blob/main/vim25/types/types.go",
      "https://libvirt.org/formatdomain.html#cpu-model-and-topology"
    },
    explanation = "A guest hypervisor needs VT-x/AMD-V inside its VM. On VMware the per-VM key is vhv.enable = \"TRUE\" "
        + "(UI: 'Expose hardware assisted virtualization to the guest OS'; API: nestedHVEnabled), set with the VM "
        + "powered off. The seed document's 'vhc.enable' and 'esxcli system settings kernel set' are wrong: the key "
        + "is vhv.enable and it lives in the VM's configuration, not in a host setting (only ESXi 5.0 had the "
        + "host-wide vhv.allow). On libvirt/KVM the VM needs cpu mode host-passthrough or host-model, or a custom "
        + "CPU with the vmx/svm feature required. Without it the nested ESXi installer stops with 'HV support not "
        + "available' and KVM inside the guest reports 'no hardware support'.")
public final class NestedHvNotExposed implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.requirements().requiresNestedHv()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    if (vm.nestedHv() == TriState.YES) {
      return;
    }
    Finding.Builder f = ctx.finding().addFixes(ExposeNestedHv.enable());
    if (vm.cpuMode() != CpuMode.UNSPECIFIED || vm.settingEntry("cpu.mode").isPresent()) {
      f.message("The libvirt CPU definition (mode " + vm.cpuMode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + ") does not pass VMX/SVM to the guest; the guest hypervisor will find no hardware virtualization.")
          .putEvidence("cpu.mode", vm.cpuMode().name());
      location(vm, "cpu.mode").ifPresent(f::location);
    } else {
      Optional<Setting> vhv = vm.settingEntry("vhv.enable").or(() -> vm.settingEntry("nestedHVEnabled"));
      if (vm.nestedHv() == TriState.NO) {
        f.message("Nested hardware virtualization is switched off (" + vhv.map(s -> s.key() + " = \"" + s.value() + "\"")
                .orElse("nestedHVEnabled = false") + "); the guest hypervisor will find no VT-x/AMD-V.")
            .putEvidence(vhv.map(Setting::key).orElse("nestedHVEnabled"), vhv.map(Setting::value).orElse("false"));
      } else {
        f.message("Nested hardware virtualization is not enabled (vhv.enable is absent, which means off); the guest "
                + "hypervisor will find no VT-x/AMD-V.")
            .putEvidence("vhv.enable", "absent");
      }
      vhv.ifPresent(s -> location(vm, s.key()).ifPresent(f::location));
    }
    ctx.report(f.build());
  }

  private static Optional<SourceLocation> location(VmConfiguration vm, String key) {
    int line = vm.lineOf(key);
    return line > 0 ? Optional.of(SourceLocation.of(vm.source(), line)) : Optional.empty();
  }
}
