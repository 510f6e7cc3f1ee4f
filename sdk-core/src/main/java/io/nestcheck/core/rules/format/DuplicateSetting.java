package io.nestcheck.core.rules.format;

import io.nestcheck.api.Finding;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import java.util.ArrayList;
import java.util.List;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-FMT-001",
    summary = "A setting key occurs more than once (keys compare ignoring case)",
    severity = Severity.WARNING,
    tags = {"format", "vmx"},
    links = {
      "https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c",
      "https://github.com/libguestfs/virt-v2v/blob/master/input/parse_vmx.ml",
      "https://github.com/hashicorp/vagrant/issues/2597"
    },
    explanation = "Every tool compares .vmx keys ignoring case, but they disagree on duplicates: libvirt and virt-v2v "
        + "keep the first occurrence, virt-manager and Packer the last, and VMware refused to start a VM that had "
        + "both msg.autoanswer and msg.autoAnswer. nestcheck reads first-wins, like libvirt and virt-v2v, so a "
        + "duplicate means the file may mean something else to VMware than to this report. The rule lists every "
        + "occurrence with its line (evidence) and points at the second one. The fix is SetSetting(key, first "
        + "value), not RemoveSetting (which would drop every occurrence): the .vmx writer sets the first occurrence "
        + "and removes the later duplicates, which keeps the value this report was based on.")
public final class DuplicateSetting implements Rule {

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    for (List<Setting> group : vm.duplicateSettings()) {
      Setting first = group.get(0);
      Setting second = group.get(1);
      List<String> where = new ArrayList<>(group.size());
      Finding.Builder f = ctx.finding();
      for (int i = 0; i < group.size(); i++) {
        Setting s = group.get(i);
        String at = s.line() > 0 ? "line " + s.line() : "occurrence " + (i + 1);
        where.add(at);
        f.putEvidence(at, s.key() + " = \"" + s.value() + "\"");
      }
      if (second.line() > 0) {
        f.location(SourceLocation.of(vm.source(), second.line()));
      }
      ctx.report(f
          .message("The key " + first.key() + " occurs " + group.size() + " times (" + String.join(", ", where)
              + "); tools disagree on which one wins and VMware may refuse the file. This report used the first, \""
              + first.value() + "\".")
          .addFixes(SetSetting.of(first.key(), first.value()))
          .build());
    }
  }
}
