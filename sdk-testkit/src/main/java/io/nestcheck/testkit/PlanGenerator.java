package io.nestcheck.testkit;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixConflict;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.RemoveDevice;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetGuestOs;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetMemoryReservation;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Generates fix actions, fix plans (free-standing or for one VM) and inventories. */
final class PlanGenerator {
  private PlanGenerator() {}

  static final List<String> KEYS = List.of("disk.EnableUUID", "tools.syncTimeWithHost", "hypervisor.cpuid.v0",
      "guestinfo.nestcheck", "vhv.enable");
  static final List<String> VALUES = List.of("TRUE", "FALSE", "x", "");

  /** The order in which a fix planner lists actions (FixPlanner's phases). */
  static int phase(FixAction a) {
    if (a instanceof UpgradeHardwareVersion) {
      return 0;
    } else if (a instanceof SetFirmware) {
      return 1;
    } else if (a instanceof SetCpu) {
      return 2;
    } else if (a instanceof SetMemory) {
      return 3;
    } else if (a instanceof SetMemoryReservation) {
      return 4;
    } else if (a instanceof ExposeNestedHv) {
      return 5;
    } else if (a instanceof SetVmFlag) {
      return 6;
    } else if (a instanceof SetGuestOs) {
      return 7;
    } else if (a instanceof ReplaceControllerType) {
      return 8;
    } else if (a instanceof ReplaceNicType) {
      return 9;
    } else if (a instanceof RemoveDevice) {
      return 10;
    } else if (a instanceof SetSetting || a instanceof RemoveSetting) {
      return 11;
    } else if (a instanceof SetPortGroupSecurity) {
      return 12;
    }
    return 13;
  }

  static final Comparator<FixAction> ORDER = Comparator.comparingInt(PlanGenerator::phase)
      .thenComparing(FixAction::target).thenComparing(FixAction::describe);

  // ---------------------------------------------------------------------------------------------- actions

  static Arbitrary<FixAction> vmWide() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(VALUES), Arbitraries.of(false, true))
            .as((k, v, off) -> SetSetting.builder().key(k).value(v).requiresPowerOff(off).build())),
        Tuple.of(1, Arbitraries.of(KEYS).map(RemoveSetting::of)),
        Tuple.of(2, Arbitraries.of(true, false).map(e -> ExposeNestedHv.builder().enabled(e).build())),
        Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 8), Arbitraries.of(1, 2, 4))
            .as((sockets, cores) -> SetCpu.of(sockets * cores, cores))),
        Tuple.of(2, Arbitraries.longs().between(1, 1L << 20).shrinkTowards(VmGenerator.MEMORY_SHRINK_TARGET)
            .map(SetMemory::of)),
        Tuple.of(1, Combinators.combine(Arbitraries.longs().between(0, 1L << 17), Arbitraries.of(false, true))
            .as(SetMemoryReservation::of)),
        Tuple.of(1, Combinators.combine(Arbitraries.of(Firmware.class), Arbitraries.of(false, true).optional())
            .as((f, sb) -> SetFirmware.builder().firmware(f).secureBoot(sb).build())),
        Tuple.of(1, Combinators.combine(Arbitraries.of(SetVmFlag.Flag.class), Arbitraries.of(false, true))
            .as(SetVmFlag::of)),
        Tuple.of(1, Arbitraries.integers().between(9, 22).map(UpgradeHardwareVersion::of)),
        Tuple.of(1, Arbitraries.of(VmGenerator.GUESTS).map(g -> SetGuestOs.of(GuestOsId.of(g)))));
  }

  static Arbitrary<ManualStep> manualSteps() {
    return Arbitraries.of(
        ManualStep.of("Enable VT-x in the host BIOS", "1. Reboot the host.\n2. Enable Intel VT-x.\n3. Power-cycle."),
        ManualStep.of("Grow disk scsi0:0 to 200 GiB", "Power the VM off and grow the disk."),
        ManualStep.of("Inject the vmxnet3 driver", "Add the driver to the installer image."),
        ManualStep.of("Move the VM to a host that runs vmx-21", "Upgrade the host or move the VM."));
  }

  static Arbitrary<FixAction> fixActions() {
    Arbitrary<FixAction> devices = Arbitraries.frequencyOf(
        Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(NicType.class))
            .as((i, t) -> ReplaceNicType.of("ethernet" + i, t))),
        Tuple.of(1, Combinators.combine(Arbitraries.of("scsi0", "scsi1", "sata0", "nvme0"), Arbitraries.of(ControllerType.class))
            .as(ReplaceControllerType::of)),
        Tuple.of(1, Arbitraries.of(VmGenerator.VMWARE_PERIPHERALS).map(p -> RemoveDevice.of(p.id(), p.kind()))),
        Tuple.of(1, Combinators.combine(Arbitraries.of(VmGenerator.NETWORKS), Arbitraries.of(true, false).optional(),
                Arbitraries.of(true, false).optional(), Arbitraries.of(true, false).optional(),
                Arbitraries.of(true, false).optional())
            .as((pg, p, f, m, l) -> SetPortGroupSecurity.builder().portGroup(pg).allowPromiscuous(p).forgedTransmits(f)
                .macChanges(m).macLearning(l).build())));
    return Arbitraries.frequencyOf(Tuple.of(6, vmWide()), Tuple.of(3, devices), Tuple.of(1, manualSteps()));
  }

  /** Actions that name devices {@code vm} has, plus VM-wide ones. */
  static Arbitrary<FixAction> actionsFor(VmConfiguration vm) {
    List<Tuple2<Integer, Arbitrary<FixAction>>> choices = new ArrayList<>();
    choices.add(Tuple.of(4, vmWide()));
    if (!vm.nics().isEmpty()) {
      choices.add(Tuple.of(1, Combinators.combine(Arbitraries.of(vm.nics()), Arbitraries.of(NicType.class))
          .as((n, t) -> (FixAction) ReplaceNicType.of(n.id(), t))));
      List<String> networks = vm.nics().stream().map(Nic::network).flatMap(Optional::stream).distinct().toList();
      if (!networks.isEmpty()) {
        choices.add(Tuple.of(1, Combinators.combine(Arbitraries.of(networks), Arbitraries.of(true, false).optional(),
                Arbitraries.of(true, false).optional(), Arbitraries.of(true, false).optional())
            .as((pg, p, f, m) -> (FixAction) SetPortGroupSecurity.builder().portGroup(pg).allowPromiscuous(p)
                .forgedTransmits(f).macChanges(m).build())));
      }
    }
    if (!vm.controllers().isEmpty()) {
      choices.add(Tuple.of(1, Combinators.combine(Arbitraries.of(vm.controllers()), Arbitraries.of(ControllerType.class))
          .as((c, t) -> (FixAction) ReplaceControllerType.of(c.id(), t))));
    }
    if (!vm.peripherals().isEmpty()) {
      choices.add(Tuple.of(1, Arbitraries.of(vm.peripherals()).map(p -> (FixAction) RemoveDevice.of(p.id(), p.kind()))));
    }
    return Arbitraries.frequencyOf(choices);
  }

  // ---------------------------------------------------------------------------------------------- plans

  static Arbitrary<FixPlan> plans() {
    Arbitrary<FixConflict> conflict = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.of(VALUES))
        .as((k, v) -> FixConflict.builder().target("setting:" + k.toLowerCase(java.util.Locale.ROOT))
            .addActions(SetSetting.of(k, v), SetSetting.of(k, v + "-other"))
            .addRuleIds("NV-HW-006", "NV-HYG-002").build());
    return Combinators.combine(Arbitraries.of(VmGenerator.NAMES), Arbitraries.of("vm-42", "esxi8.vmx", "cna.ovf"),
            fixActions().filter(FixAction::automatable).list().ofMaxSize(5).uniqueElements(FixAction::target),
            manualSteps().list().uniqueElements().ofMaxSize(2), conflict.list().ofMaxSize(1))
        .as((name, source, actions, manual, conflicts) -> FixPlan.builder().vmName(name).source(source)
            .actions(sorted(actions)).manualSteps(manual).conflicts(conflicts).build());
  }

  static Arbitrary<FixPlan> plansFor(VmConfiguration vm) {
    return Combinators.combine(actionsFor(vm).list().ofMaxSize(4).uniqueElements(FixAction::target),
            manualSteps().list().uniqueElements().ofMaxSize(1))
        .as((actions, manual) -> FixPlan.builder().vmName(vm.name()).source(vm.source()).actions(sorted(actions))
            .manualSteps(manual).build());
  }

  private static List<FixAction> sorted(List<FixAction> actions) {
    List<FixAction> out = new ArrayList<>(actions);
    out.sort(ORDER);
    return out;
  }

  // ---------------------------------------------------------------------------------------------- inventories

  static Arbitrary<Inventory> inventories() {
    Arbitrary<String> note = Arbitraries.of("skipped template tpl-esxi8 (vm-17)", "skipped disconnected VM old-lab (vm-9)",
        "skipped inaccessible VM orphan (vm-23)");
    return Combinators.combine(HostGenerator.hosts().list().ofMaxSize(3),
            VmGenerator.vms(VmGenerator.Bias.NONE, List.of(VmOrigin.INVENTORY)).list().ofMaxSize(4),
            note.list().uniqueElements().ofMaxSize(2))
        .as((hosts, vms, notes) -> {
          Map<String, HostCapabilities> byRef = new LinkedHashMap<>();
          for (int i = 0; i < hosts.size(); i++) {
            byRef.put("host-" + (i + 1), hosts.get(i));
          }
          List<VmConfiguration> out = new ArrayList<>();
          for (int i = 0; i < vms.size(); i++) {
            VmConfiguration vm = vms.get(i).withSource("vm-" + (100 + i));
            if (vm.hostRef().isPresent() && !byRef.containsKey(vm.hostRef().get())) {
              vm = vm.withHostRef(Optional.empty());
            }
            out.add(vm);
          }
          out.sort(Comparator.comparing(VmConfiguration::name).thenComparing(VmConfiguration::source));
          List<String> sortedNotes = new ArrayList<>(notes);
          sortedNotes.sort(null);
          return Inventory.builder().putAllHosts(byRef).addAllVms(out).addAllNotes(sortedNotes).build();
        });
  }
}
