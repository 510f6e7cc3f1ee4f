package io.nestcheck.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixConflict;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PeripheralKind;
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
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.api.Suppression;
import io.nestcheck.api.TriState;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.ControllerType;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixPlannerTest {
  static final VmConfiguration VM = VmConfiguration.builder().name("vm1").source("vm1.vmx").memoryMiB(4096)
      .addSettings(Setting.of("tools.syncTimeWithHost", "TRUE", 3), Setting.of("tools.syncTimeWithHost", "FALSE", 9),
          Setting.of("vhv.enable", "FALSE", 4), Setting.of("vhv.enable", "TRUE", 10))
      .build();

  static Finding finding(String rule, FixAction... fixes) {
    return Finding.builder().ruleId(rule).severity(Severity.ERROR).subject(Subject.vm("vm1")).message("m " + rule)
        .addFixes(fixes).build();
  }

  @Test
  void actionsFollowThePhaseOrderWhateverTheFindingOrder() {
    List<Finding> findings = new ArrayList<>(List.of(
        finding("NV-A-001", SetPortGroupSecurity.builder().portGroup("pg").allowPromiscuous(true).build()),
        finding("NV-A-002", SetSetting.of("disk.EnableUUID", "TRUE")),
        finding("NV-A-003", RemoveDevice.of("sound", PeripheralKind.SOUND)),
        finding("NV-A-004", ReplaceNicType.of("ethernet0", NicType.VMXNET3)),
        finding("NV-A-005", ReplaceControllerType.of("scsi0", ControllerType.PVSCSI)),
        finding("NV-A-006", SetGuestOs.of(GuestOsId.of("vmkernel8"))),
        finding("NV-A-007", SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true)),
        finding("NV-A-008", ExposeNestedHv.enable()),
        finding("NV-A-009", SetMemoryReservation.of(8192, true)),
        finding("NV-A-010", SetMemory.of(8192)),
        finding("NV-A-011", SetCpu.of(4, 2)),
        finding("NV-A-012", SetFirmware.of(Firmware.EFI)),
        finding("NV-A-013", UpgradeHardwareVersion.of(20))));
    Collections.shuffle(findings, new java.util.Random(7));
    FixPlan plan = FixPlanner.plan(VM, findings);
    assertThat(plan.actions()).extracting(a -> a.getClass().getSimpleName().replace("Immutable", "")).containsExactly(
        "UpgradeHardwareVersion", "SetFirmware", "SetCpu", "SetMemory", "SetMemoryReservation", "ExposeNestedHv",
        "SetVmFlag", "SetGuestOs", "ReplaceControllerType", "ReplaceNicType", "RemoveDevice", "SetSetting",
        "SetPortGroupSecurity");
    assertThat(plan.requiresPowerOff()).isTrue();
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void equalActionsAppearOnce() {
    FixPlan plan = FixPlanner.plan(VM, List.of(finding("NV-A-001", ExposeNestedHv.enable()),
        finding("NV-A-002", ExposeNestedHv.enable())));
    assertThat(plan.actions()).containsExactly(ExposeNestedHv.enable());
  }

  @Test
  void minimumsMergeToTheLargest() {
    FixPlan plan = FixPlanner.plan(VM, List.of(
        finding("NV-MEM-001", SetMemory.of(7168)), finding("NV-MEM-002", SetMemory.of(8192)),
        finding("NV-HW-001", UpgradeHardwareVersion.of(9)), finding("NV-HW-004", UpgradeHardwareVersion.of(14)),
        finding("NV-CPU-004", SetCpu.of(2, 1)), finding("NV-CPU-005", SetCpu.of(4, 2)),
        finding("NV-MEM-003", SetMemoryReservation.of(4096, false)), finding("NV-X-001", SetMemoryReservation.of(2048, true))));
    assertThat(plan.actions()).containsExactly(UpgradeHardwareVersion.of(14), SetCpu.of(4, 2), SetMemory.of(8192),
        SetMemoryReservation.of(4096, true));
    assertThat(plan.conflicts()).isEmpty();
  }

  @Test
  void aFullReservationFollowsTheNewMemorySize() {
    FixPlan plan = FixPlanner.plan(VM, List.of(finding("NV-MEM-001", SetMemory.of(8192)),
        finding("NV-MEM-003", SetMemoryReservation.of(4096, false))));
    assertThat(plan.actions()).containsExactly(SetMemory.of(8192), SetMemoryReservation.of(8192, false));
  }

  @Test
  void compatibleFirmwareAndPortGroupRequestsMergeFieldByField() {
    FixPlan plan = FixPlanner.plan(VM, List.of(
        finding("NV-FW-001", SetFirmware.of(Firmware.EFI)), finding("NV-FW-003", SetFirmware.of(Firmware.EFI, true)),
        finding("NV-NET-004", SetPortGroupSecurity.builder().portGroup("pg").allowPromiscuous(true).forgedTransmits(true).build()),
        finding("NV-NET-005", SetPortGroupSecurity.builder().portGroup("pg").macChanges(true).build())));
    assertThat(plan.actions()).containsExactly(SetFirmware.of(Firmware.EFI, true),
        SetPortGroupSecurity.builder().portGroup("pg").allowPromiscuous(true).forgedTransmits(true).macChanges(true).build());
  }

  @Test
  void differentActionsOnOneTargetConflictTheLowestRuleIdWins() {
    FixPlan plan = FixPlanner.plan(VM, List.of(
        finding("NV-B-002", SetFirmware.of(Firmware.BIOS)), finding("NV-B-001", SetFirmware.of(Firmware.EFI)),
        finding("NV-C-001", SetCpu.of(4, 2)), finding("NV-C-002", SetCpu.of(4, 4)),
        finding("NV-D-001", ReplaceNicType.of("ethernet0", NicType.E1000)),
        finding("NV-D-002", ReplaceNicType.of("ethernet0", NicType.VMXNET3))));
    assertThat(plan.actions()).containsExactly(SetFirmware.of(Firmware.EFI), SetCpu.of(4, 2),
        ReplaceNicType.of("ethernet0", NicType.E1000));
    assertThat(plan.conflicts()).extracting(FixConflict::target).containsExactly("cpu", "firmware", "nic:ethernet0");
    FixConflict fw = plan.conflicts().get(1);
    assertThat(fw.actions()).containsExactly(SetFirmware.of(Firmware.EFI), SetFirmware.of(Firmware.BIOS));
    assertThat(fw.ruleIds()).containsExactly("NV-B-001", "NV-B-002");
  }

  @Test
  void keepingTheCurrentValueYieldsToAnyOtherWriteOfTheKey() {
    // NV-FMT-001 collapses duplicates to the first value; NV-HYG-002 wants another value: no conflict
    FixPlan plan = FixPlanner.plan(VM, List.of(
        finding("NV-FMT-001", SetSetting.of("tools.syncTimeWithHost", "TRUE")),
        finding("NV-HYG-002", SetSetting.of("tools.syncTimeWithHost", "FALSE"))));
    assertThat(plan.actions()).containsExactly(SetSetting.of("tools.syncTimeWithHost", "FALSE"));
    assertThat(plan.conflicts()).isEmpty();
    // and a typed action that rewrites the key makes it unnecessary
    FixPlan typed = FixPlanner.plan(VM, List.of(finding("NV-CPU-001", ExposeNestedHv.enable()),
        finding("NV-FMT-001", SetSetting.of("vhv.enable", "FALSE"))));
    assertThat(typed.actions()).containsExactly(ExposeNestedHv.enable());
    // two real values still conflict
    FixPlan both = FixPlanner.plan(VM, List.of(finding("NV-E-001", SetSetting.of("a.b", "1")),
        finding("NV-E-002", SetSetting.of("a.b", "2"))));
    assertThat(both.conflicts()).hasSize(1);
    // TRUE and true are the same boolean
    assertThat(FixPlanner.plan(VM, List.of(finding("NV-E-001", SetSetting.of("x.y", "TRUE")),
        finding("NV-E-002", SetSetting.of("x.y", "true")))).conflicts()).isEmpty();
    // and a removal also drops the duplicates
    assertThat(FixPlanner.plan(VM, List.of(finding("NV-FMT-001", SetSetting.of("vhv.enable", "FALSE")),
        finding("NV-Z-001", RemoveSetting.of("vhv.enable")))).actions()).containsExactly(RemoveSetting.of("vhv.enable"));
  }

  @Test
  void aRawSettingThatContradictsATypedActionOnItsKeyIsAConflictTheTypedActionWins() {
    FixPlan plan = FixPlanner.plan(VM, List.of(finding("NV-FW-001", SetFirmware.of(Firmware.BIOS)),
        finding("NV-A-001", SetSetting.of("firmware", "efi")), finding("NV-MEM-001", SetMemory.of(8192)),
        finding("NV-A-002", SetSetting.of("memsize", "8192"))));
    assertThat(plan.actions()).containsExactly(SetFirmware.of(Firmware.BIOS), SetMemory.of(8192));
    assertThat(plan.conflicts()).singleElement().satisfies(c -> {
      assertThat(c.target()).isEqualTo("setting:firmware");
      assertThat(c.actions()).containsExactly(SetFirmware.of(Firmware.BIOS), SetSetting.of("firmware", "efi"));
      assertThat(c.ruleIds()).containsExactly("NV-FW-001", "NV-A-001");
    });
  }

  @Test
  void manualStepsAreListedApartOnceAndNeverAsActions() {
    ManualStep bios = ManualStep.of("Enable VT-x in the host BIOS", "1. Reboot the host ...");
    FixPlan plan = FixPlanner.plan(VM, List.of(finding("NV-HOST-003", bios), finding("NV-HOST-001", bios),
        finding("NV-CPU-001", ExposeNestedHv.enable(), ManualStep.of("Power-cycle", "Power the VM off and on"))));
    assertThat(plan.actions()).containsExactly(ExposeNestedHv.enable());
    assertThat(plan.manualSteps()).containsExactly(ManualStep.of("Power-cycle", "Power the VM off and on"), bios);
  }

  @Test
  void suppressedFindingsAreIgnored() {
    Finding suppressed = finding("NV-A-001", SetMemory.of(8192)).withSuppression(
        Suppression.builder().origin(Suppression.Origin.INLINE).reason("lab box").build());
    FixPlan plan = FixPlanner.plan(VM, List.of(suppressed));
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.requiresPowerOff()).isFalse();
    assertThat(plan.vmName()).isEqualTo("vm1");
    assertThat(plan.source()).isEqualTo("vm1.vmx");
  }

  @Test
  void settingsAloneDoNotNeedPowerOff() {
    FixPlan plan = FixPlanner.plan(VM, List.of(finding("NV-HW-006", SetSetting.of("disk.EnableUUID", "TRUE"))));
    assertThat(plan.requiresPowerOff()).isFalse();
  }

  @Test
  void convergeRunsUntilNothingAutomatableIsLeft() {
    // memory below the minimum: one round raises it to 8192, the next to the recommended 12288
    VmConfiguration vm = VmConfiguration.builder().name("esxi8").source("esxi8.vmx").hardwareVersion(20)
        .guestOs(GuestOsId.of("vmkernel8")).firmware(Firmware.EFI).vcpus(2).coresPerSocket(2).memoryMiB(4096)
        .nestedHv(TriState.NO).build();
    Evaluator evaluator = Evaluator.of(RuleCatalog.builtIn());
    var profile = ProfileRegistry.builtIn().resolve("esxi-8");
    FixPlan plan = FixPlanner.converge(evaluator, HostCapabilities.unknown(), vm, profile);
    assertThat(plan.actions()).contains(SetMemory.of(12288), ExposeNestedHv.enable());
    VmConfiguration fixed = FixApplier.apply(vm, plan);
    assertThat(evaluator.check(HostCapabilities.unknown(), fixed, profile, java.util.Optional.empty()))
        .noneMatch(Finding::isAutomatable);
  }
}
