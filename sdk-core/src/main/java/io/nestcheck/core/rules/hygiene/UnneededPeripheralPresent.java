package io.nestcheck.core.rules.hygiene;

import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.RemoveDevice;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.rules.common.Vms;
import java.util.EnumSet;
import java.util.Set;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-HYG-001",
    summary = "A sound card, USB controller or floppy drive is attached to a guest hypervisor VM",
    severity = Severity.INFO,
    tags = {"hygiene", "devices"},
    links = {
      "https://github.com/vmware/govmomi/blob/main/ovf/fixtures/vmware/esxvmovf-25262174.ovf",
      "https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c"
    },
    explanation = "A guest hypervisor has no use for a sound card, a USB controller or a floppy drive; VMware's own "
        + "ESXi-8 VM template carries none of them (a .vmx floppy defaults to present unless floppy0.present = "
        + "\"FALSE\"). They are not a cause of failure (the seed document removes them to 'reduce attack surface and "
        + "interference', which is hygiene, not a fix for its blue screens), so the rule is INFO. CD-ROM, serial "
        + "and parallel ports are left alone: installers and serial consoles use them. The fix removes each device.")
public final class UnneededPeripheralPresent implements Rule {
  private static final Set<PeripheralKind> UNNEEDED = EnumSet.of(PeripheralKind.SOUND, PeripheralKind.USB,
      PeripheralKind.FLOPPY);

  @Override
  public void check(RuleContext ctx) {
    VmConfiguration vm = ctx.vm();
    for (Peripheral p : vm.peripherals()) {
      if (!UNNEEDED.contains(p.kind())) {
        continue;
      }
      String kind = switch (p.kind()) {
        case SOUND -> "sound card";
        case USB -> "USB controller";
        default -> "floppy drive";
      };
      ctx.report(ctx.finding()
          .subject(Subject.device(p.id()))
          .message("The VM has a " + kind + " (" + p.id() + "), which a guest hypervisor does not use; remove it.")
          .putEvidence(p.id(), Vms.lower(p.kind()))
          .location(Vms.location(vm, p.id() + ".present"))
          .addFixes(RemoveDevice.of(p.id(), p.kind()))
          .build());
    }
  }
}
