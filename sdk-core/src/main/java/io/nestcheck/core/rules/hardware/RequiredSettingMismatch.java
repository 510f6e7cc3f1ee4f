package io.nestcheck.core.rules.hardware;

import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;
import java.util.Map;
import java.util.Optional;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HW-006",
    summary = "A setting the guest hypervisor needs is missing or has another value",
    severity = Severity.ERROR,
    tags = {"settings", "storage"},
    links = {
      "https://github.com/f5devcentral/f5-xc-terraform-examples/blob/main/workflow-guides/application-delivery-security/Nutanix_on_VMware/Nutanix_CE_2.1_installation_on_VMware.rst",
      "https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c"
    },
    explanation = "Some guest hypervisors need a raw VM setting. Nutanix CE on ESXi needs disk.EnableUUID = \"TRUE\" "
        + "so that its CVM sees disk serial numbers during boot; without it the installer cannot tell the disks "
        + "apart. The settings come from the profile (requiredSettings). Keys are compared ignoring case and values "
        + "ignoring case (VMware booleans are case-insensitive); when a key occurs twice the first occurrence counts, "
        + "as libvirt and virt-v2v read .vmx files. The fix sets the exact value, adding the key when absent.")
public final class RequiredSettingMismatch implements Rule {

  @Override
  public void check(RuleContext ctx) {
    Map<String, String> required = ctx.requirements().requiredSettings();
    if (required.isEmpty()) {
      return;
    }
    VmConfiguration vm = ctx.vm();
    for (Map.Entry<String, String> e : required.entrySet()) {
      if (vm.settingEquals(e.getKey(), e.getValue())) {
        continue;
      }
      Optional<Setting> actual = vm.settingEntry(e.getKey());
      String key = actual.map(Setting::key).orElse(e.getKey());
      ctx.report(ctx.finding()
          .message(actual.map(s -> s.key() + " is \"" + s.value() + "\"").orElse(e.getKey() + " is absent")
              + " but profile " + ctx.profile().id() + " needs " + e.getKey() + " = \"" + e.getValue() + "\".")
          .putEvidence(key, actual.map(Setting::value).orElse("absent"))
          .putEvidence("required", e.getValue())
          .location(Vms.location(vm, e.getKey()))
          .addFixes(SetSetting.of(key, e.getValue()))
          .build());
    }
  }
}
