package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ApplyOptions;
import io.nestcheck.api.ApplyResult;
import io.nestcheck.api.ApplyResult.Status;
import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.PowerState;
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
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every fix type applied to a 40-VM launcher and read back with a fresh {@code inventory()}, plus dry run,
 * power-state handling, {@code ConcurrentAccess} retries, session expiry and a fault on one VM of several. Each test
 * uses its own VMs (names from the launcher README, seed 0).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixIT {
  private Vcsim vcsim;
  private VsphereAdapter adapter;

  private static final ApplyOptions APPLY = ApplyOptions.builder().dryRun(false).taskTimeout(Duration.ofSeconds(30))
      .build();
  private static final ApplyOptions APPLY_POWER_OFF = ApplyOptions.builder().dryRun(false).allowPowerOff(true)
      .taskTimeout(Duration.ofSeconds(30)).build();

  @BeforeAll
  void connect(@Launch(vms = 40) Vcsim v) {
    vcsim = v;
    adapter = v.connect();
  }

  @AfterAll
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  @AfterEach
  void clearInjections() {
    vcsim.clear();
  }

  private VmConfiguration vm(int index) {
    return vm(adapter, index);
  }

  private static VmConfiguration vm(VsphereAdapter a, int index) {
    Inventory inv;
    try {
      inv = a.inventory();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    String prefix = String.format("nc-%04d-", index);
    return inv.vms().stream().filter(v -> v.name().startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no VM " + prefix + "* in the inventory"));
  }

  private static FixPlan plan(VmConfiguration vm, FixAction... actions) {
    return FixPlan.builder().vmName(vm.name()).source(vm.source()).addActions(actions).build();
  }

  private ApplyResult apply(VmConfiguration vm, ApplyOptions options, FixAction... actions) throws Exception {
    ApplyResult r = adapter.apply(vm, plan(vm, actions), options);
    System.out.println(vm.name() + " -> " + r.status() + "\n  changes " + r.changes() + "\n  skipped " + r.skipped()
        + "\n  fault " + r.fault());
    return r;
  }

  // --- each fix type ----------------------------------------------------------------------------------------------

  @Test
  void nestedHvAndHardwareUpgradeInOneGo() throws Exception {
    VmConfiguration before = vm(36); // hv0, vmx-13, poweredOff
    assertThat(before.nestedHv()).isEqualTo(TriState.NO);
    assertThat(before.hardwareVersion()).hasValue(13);
    vcsim.resetCalls();
    ApplyResult r = apply(before, APPLY, ExposeNestedHv.enable(), UpgradeHardwareVersion.of(19));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(r.fault()).isEmpty();
    assertThat(r.applied()).hasSize(2);
    assertThat(r.changes()).anyMatch(c -> c.contains("UpgradeVM_Task: vmx-13 -> vmx-19"))
        .anyMatch(c -> c.contains("nestedHVEnabled: false -> true"));
    Map<String, Long> calls = vcsim.calls();
    System.out.println("SOAP calls for apply(upgrade + nested HV): " + calls);
    assertThat(calls).containsEntry("UpgradeVM_Task", 1L).containsEntry("ReconfigVM_Task", 1L);

    VmConfiguration after = vm(36);
    assertThat(after.nestedHv()).isEqualTo(TriState.YES);
    assertThat(after.hardwareVersion()).hasValue(19);
    assertThat(after.changeVersion()).isNotEqualTo(before.changeVersion());
  }

  @Test
  void memoryAndCpu() throws Exception {
    VmConfiguration before = vm(18); // cpu1, mem4096, poweredOff
    vcsim.resetCalls();
    ApplyResult r = apply(before, APPLY, SetMemory.of(8192), SetCpu.of(4, 2));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    Map<String, Long> calls = vcsim.calls();
    System.out.println("SOAP calls for apply(memory + cpu): " + calls);
    // read the VM (2: API 6.0 paths + the 6.5 path), one ReconfigVM_Task, one task poll, one read-back
    assertThat(calls).containsExactlyInAnyOrderEntriesOf(Map.of("RetrievePropertiesEx", 4L, "ReconfigVM_Task", 1L));
    VmConfiguration after = vm(18);
    assertThat(after.memoryMiB()).isEqualTo(8192);
    assertThat(after.vcpus()).isEqualTo(4);
    assertThat(after.coresPerSocket()).isEqualTo(2);
  }

  @Test
  void reservationLockedToMaxOnARunningVm() throws Exception {
    VmConfiguration before = vm(5); // lk0, mem4096, poweredOn
    assertThat(before.powerState()).isEqualTo(PowerState.POWERED_ON);
    assertThat(before.memoryLockedToMax()).isFalse();
    ApplyResult r = apply(before, APPLY, SetMemoryReservation.of(4096, true));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    VmConfiguration after = vm(5);
    assertThat(after.memoryReservationMiB()).isEqualTo(4096);
    assertThat(after.memoryLockedToMax()).isTrue();
    assertThat(after.powerState()).isEqualTo(PowerState.POWERED_ON);
  }

  @Test
  void extraConfigSetAndRemove() throws Exception {
    VmConfiguration before = vm(9); // poweredOn; extraConfig [govcsim=TRUE]
    ApplyResult r = apply(before, APPLY, SetSetting.of("nestcheck.marker", "42"), RemoveSetting.of("GOVCSIM"));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(r.changes()).anyMatch(c -> c.contains("nestcheck.marker = \"42\" (new)"))
        .anyMatch(c -> c.contains("remove govcsim (was \"TRUE\")"));
    VmConfiguration after = vm(9);
    assertThat(after.setting("nestcheck.marker")).contains("42");
    // vcsim 0.24.2 appends extraConfig entries and never removes a key (notes §4): the removal is the empty
    // value the adapter sent, appended after the old entry. A real vCenter drops the key.
    assertThat(after.settings()).contains(Setting.of("govcsim", ""));
  }

  @Test
  void nicSwapOnADistributedPortGroupKeepsMacAndNetwork() throws Exception {
    nicSwap(6); // e1000 on nc-dvpg-01-reject, poweredOff
  }

  @Test
  void nicSwapOnAStandardPortGroupKeepsMacAndNetwork() throws Exception {
    nicSwap(8); // e1000 on VM Network, poweredOff
  }

  private void nicSwap(int index) throws Exception {
    VmConfiguration before = vm(index);
    Nic old = before.nics().get(0);
    assertThat(old.type()).isEqualTo(NicType.E1000);
    ApplyResult r = apply(before, APPLY, ReplaceNicType.of(old.id(), NicType.VMXNET3));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(r.changes()).anyMatch(c -> c.contains("read back: VirtualVmxnet3"));
    VmConfiguration after = vm(index);
    assertThat(after.nics()).hasSize(1);
    Nic nic = after.nics().get(0);
    assertThat(nic.type()).isEqualTo(NicType.VMXNET3);
    assertThat(nic.macAddress()).isEqualTo(old.macAddress());
    assertThat(nic.network()).isEqualTo(old.network());
    assertThat(nic.addressType()).isEqualTo(old.addressType());
    assertThat(nic.portSecurity().map(PortSecurityPolicy::switchKind))
        .isEqualTo(old.portSecurity().map(PortSecurityPolicy::switchKind));
  }

  @Test
  void controllerSwapGuestOsAndDeviceRemovalInOneSpec() throws Exception {
    VmConfiguration before = vm(26); // pvscsi, poweredOff, vmkernel8Guest
    StorageController pvscsi = before.controllers().stream().filter(c -> c.type() == ControllerType.PVSCSI)
        .findFirst().orElseThrow();
    Peripheral cdrom = before.peripherals().stream().filter(p -> p.kind() == PeripheralKind.CDROM).findFirst()
        .orElseThrow();
    assertThat(before.disks()).singleElement().extracting(d -> d.controllerId()).isEqualTo(pvscsi.id());
    vcsim.resetCalls();
    ApplyResult r = apply(before, APPLY, ReplaceControllerType.of(pvscsi.id(), ControllerType.LSI_LOGIC_SAS),
        SetGuestOs.of(GuestOsId.of("vmkernel7Guest")), RemoveDevice.of(cdrom.id(), PeripheralKind.CDROM));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(vcsim.calls()).containsEntry("ReconfigVM_Task", 1L);

    VmConfiguration after = vm(26);
    StorageController sas = after.controllers().stream().filter(c -> c.type() == ControllerType.LSI_LOGIC_SAS)
        .findFirst().orElseThrow(() -> new AssertionError("no LSI SAS controller: " + after.controllers()));
    assertThat(after.controllers()).noneMatch(c -> c.type() == ControllerType.PVSCSI);
    assertThat(sas.busNumber()).isEqualTo(pvscsi.busNumber());
    assertThat(after.disks()).singleElement().satisfies(d -> {
      assertThat(d.controllerId()).isEqualTo(sas.id());
      assertThat(d.unit()).isEqualTo(before.disks().get(0).unit());
      assertThat(d.fileName()).isEqualTo(before.disks().get(0).fileName());
    });
    assertThat(after.guestOs()).contains(GuestOsId.of("vmkernel7Guest"));
    assertThat(after.peripherals()).noneMatch(p -> p.kind() == PeripheralKind.CDROM);
  }

  @Test
  void firmwareAndSecureBoot() throws Exception {
    VmConfiguration before = vm(16); // bios, poweredOff
    assertThat(before.firmware()).isEqualTo(Firmware.BIOS);
    ApplyResult r = apply(before, APPLY, SetFirmware.of(Firmware.EFI, true));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(r.changes()).anyMatch(c -> c.contains("firmware: bios -> efi"))
        .anyMatch(c -> c.contains("bootOptions.efiSecureBootEnabled"));
    VmConfiguration after = vm(16);
    assertThat(after.firmware()).isEqualTo(Firmware.EFI);
    assertThat(after.secureBoot()).isTrue();
  }

  @Test
  void vbsNeedsApi67AndIsSkippedOnVcsim() throws Exception {
    VmConfiguration before = vm(22);
    ApplyResult r = apply(before, APPLY_POWER_OFF, SetVmFlag.of(SetVmFlag.Flag.VBS, true));
    assertThat(r.status()).isEqualTo(Status.SKIPPED);
    assertThat(r.skipped()).singleElement().asString().contains("flags.vbsEnabled needs vSphere API 6.7")
        .contains("6.5");
    assertThat(vm(22).powerState()).isEqualTo(PowerState.POWERED_ON);
  }

  @Test
  void standardPortGroupSecurity() throws Exception {
    VmConfiguration before = vm(32); // VM Network on DC0_C0_H1, promiscuous rejected
    Nic nic = before.nics().get(0);
    assertThat(nic.portSecurity().get().allowPromiscuous()).isEqualTo(TriState.NO);
    ApplyResult r = apply(before, APPLY, SetPortGroupSecurity.builder().portGroup("VM Network")
        .allowPromiscuous(true).forgedTransmits(true).build());
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(r.changes()).anyMatch(c -> c.contains("UpdatePortGroup") && c.contains("allowPromiscuous false -> true"));

    Inventory inv = adapter.inventory();
    String host = before.hostRef().orElseThrow();
    for (VmConfiguration vm : inv.vms()) {
      for (Nic n : vm.nics()) {
        if (n.network().equals(java.util.Optional.of("VM Network"))) {
          PortSecurityPolicy p = n.portSecurity().orElseThrow();
          assertThat(p.switchKind()).isEqualTo(SwitchKind.STANDARD);
          // a standard port group belongs to one host: only the VM's host changed
          assertThat(p.allowPromiscuous()).as(vm.name())
              .isEqualTo(vm.hostRef().get().equals(host) ? TriState.YES : TriState.NO);
          assertThat(p.forgedTransmits()).isEqualTo(TriState.YES);
        }
      }
    }
  }

  @Test
  void distributedPortGroupSecurity() throws Exception {
    VmConfiguration before = vm(34); // nc-dvpg-01-reject, poweredOn
    ApplyResult r = apply(before, APPLY, SetPortGroupSecurity.builder().portGroup("nc-dvpg-01-reject")
        .allowPromiscuous(true).forgedTransmits(true).macChanges(true).macLearning(true).build());
    // MAC learning cannot be sent with yavijava 6.0.05: the rest is applied, that part is skipped
    assertThat(r.status()).isEqualTo(Status.PARTIAL);
    assertThat(r.skipped()).singleElement().asString().contains("MAC learning");
    assertThat(r.changes()).anyMatch(c -> c.contains("ReconfigureDVPortgroup_Task"));

    for (VmConfiguration vm : adapter.inventory().vms()) {
      for (Nic n : vm.nics()) {
        if (n.network().equals(java.util.Optional.of("nc-dvpg-01-reject"))) {
          assertThat(n.portSecurity()).contains(PortSecurityPolicy.builder().switchKind(SwitchKind.DISTRIBUTED)
              .allowPromiscuous(TriState.YES).forgedTransmits(TriState.YES).macChanges(TriState.YES).build());
        }
      }
    }
  }

  // --- dry run, power, retries, sessions, faults ------------------------------------------------------------------

  @Test
  void dryRunChangesNothing() throws Exception {
    VmConfiguration before = vm(37); // hv0, mem16384, poweredOn
    FixPlan plan = plan(before, ExposeNestedHv.enable(), SetMemory.of(32768), SetSetting.of("nestcheck.dry", "1"));
    vcsim.resetCalls();
    // with power-off allowed: the whole plan, power-off first
    ApplyResult r = adapter.apply(before, plan, ApplyOptions.builder().allowPowerOff(true).build());
    assertThat(r.status()).isEqualTo(Status.DRY_RUN);
    assertThat(r.applied()).hasSize(3);
    assertThat(r.changes().get(0)).startsWith("power off the VM (it is poweredOn)");
    assertThat(r.changes()).anyMatch(c -> c.contains("nestedHVEnabled: false -> true"))
        .anyMatch(c -> c.contains("memoryMB: 16384 -> 32768"))
        .anyMatch(c -> c.contains("extraConfig: nestcheck.dry = \"1\" (new)"))
        .anyMatch(c -> c.contains("ReconfigVM_Task with changeVersion " + before.changeVersion().get()));
    // the defaults (dry run, no power-off): what would be refused is listed
    ApplyResult d = adapter.apply(before, plan, ApplyOptions.dryRunDefaults());
    assertThat(d.status()).isEqualTo(Status.DRY_RUN);
    assertThat(d.applied()).containsExactly(SetSetting.of("nestcheck.dry", "1"));
    assertThat(d.skipped()).hasSize(2).allMatch(x -> x.contains("needs the VM powered off"));

    assertThat(vcsim.calls().keySet()).doesNotContain("ReconfigVM_Task", "PowerOffVM_Task", "UpgradeVM_Task");
    VmConfiguration after = vm(37);
    assertThat(after.changeVersion()).isEqualTo(before.changeVersion());
    assertThat(after.nestedHv()).isEqualTo(TriState.NO);
    assertThat(after.memoryMiB()).isEqualTo(16384);
    assertThat(after.setting("nestcheck.dry")).isEmpty();
    assertThat(after.powerState()).isEqualTo(PowerState.POWERED_ON);
  }

  @Test
  void powerOffActionsAreRefusedOnARunningVm() throws Exception {
    VmConfiguration before = vm(1); // hv0, lk0, poweredOn
    ApplyResult r = apply(before, APPLY, ExposeNestedHv.enable(), SetMemoryReservation.of(8192, true));
    assertThat(r.status()).isEqualTo(Status.PARTIAL);
    assertThat(r.applied()).containsExactly(SetMemoryReservation.of(8192, true));
    assertThat(r.skipped()).singleElement().asString().contains("needs the VM powered off (it is poweredOn)");
    VmConfiguration after = vm(1);
    assertThat(after.powerState()).isEqualTo(PowerState.POWERED_ON);
    assertThat(after.nestedHv()).isEqualTo(TriState.NO);
    assertThat(after.memoryLockedToMax()).isTrue();
  }

  @Test
  void powerOffWhenAllowed() throws Exception {
    VmConfiguration before = vm(10); // vmx-08, cpu1, poweredOn
    vcsim.resetCalls();
    ApplyResult r = apply(before, APPLY_POWER_OFF, UpgradeHardwareVersion.of(13), SetCpu.of(2, 1));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(r.changes().get(0)).startsWith("powered off the VM (it was poweredOn)");
    assertThat(vcsim.calls()).containsEntry("PowerOffVM_Task", 1L).containsEntry("UpgradeVM_Task", 1L)
        .containsEntry("ReconfigVM_Task", 1L);
    VmConfiguration after = vm(10);
    assertThat(after.powerState()).isEqualTo(PowerState.POWERED_OFF);
    assertThat(after.hardwareVersion()).hasValue(13);
    assertThat(after.vcpus()).isEqualTo(2);
  }

  @Test
  void concurrentAccessIsRetriedWithAFreshChangeVersion() throws Exception {
    VmConfiguration before = vm(29);
    vcsim.bumpNext(before.name(), 2);
    vcsim.resetCalls();
    ApplyResult r = apply(before, ApplyOptions.builder().from(APPLY).maxRetries(3).build(),
        SetSetting.of("nestcheck.retry", "yes"));
    assertThat(r.status()).isEqualTo(Status.APPLIED);
    assertThat(vcsim.calls()).containsEntry("ReconfigVM_Task", 3L);
    assertThat(r.changes()).filteredOn(c -> c.contains("ConcurrentAccess")).hasSize(2);
    assertThat(vm(29).setting("nestcheck.retry")).contains("yes");
  }

  @Test
  void concurrentAccessBeyondMaxRetriesFails() throws Exception {
    VmConfiguration before = vm(31);
    vcsim.bumpNext(before.name(), 10);
    vcsim.resetCalls();
    ApplyResult r = apply(before, ApplyOptions.builder().from(APPLY).maxRetries(3).build(),
        SetSetting.of("nestcheck.retry", "no"));
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.fault()).hasValueSatisfying(f -> assertThat(f).contains("ConcurrentAccess").contains("4 attempts"));
    assertThat(vcsim.calls()).containsEntry("ReconfigVM_Task", 4L);
    assertThat(vm(31).setting("nestcheck.retry")).isEmpty();
  }

  @Test
  void expiredSessionIsRenewed() throws Exception {
    try (VsphereAdapter a = vcsim.connect()) {
      VmConfiguration before = vm(a, 33);
      assertThat(a.logins()).isEqualTo(1);
      assertThat(vcsim.expire()).isGreaterThanOrEqualTo(1);
      ApplyResult r = a.apply(before, plan(before, SetSetting.of("nestcheck.session", "renewed")), APPLY);
      assertThat(r.status()).isEqualTo(Status.APPLIED);
      assertThat(a.logins()).isEqualTo(2);
      assertThat(vm(a, 33).setting("nestcheck.session")).contains("renewed");
      // the inventory read renews too
      vcsim.expire();
      assertThat(a.inventory().vms()).isNotEmpty();
      assertThat(a.logins()).isEqualTo(3);
    }
  }

  @Test
  void aFaultOnOneVmFailsOnlyThatVm() throws Exception {
    List<VmConfiguration> vms = List.of(vm(11), vm(12), vm(15));
    vcsim.fail(vms.get(1).name(), "ReconfigVM_Task", "SystemError", 1);
    List<ApplyResult> results = new java.util.ArrayList<>();
    for (VmConfiguration vm : vms) {
      results.add(apply(vm, APPLY, SetSetting.of("nestcheck.batch", "done")));
    }
    assertThat(results).extracting(ApplyResult::status).containsExactly(Status.APPLIED, Status.FAILED,
        Status.APPLIED);
    assertThat(results.get(1).fault()).hasValueSatisfying(f -> assertThat(f).contains("SystemError")
        .contains("nestcheck: injected fault"));
    assertThat(results.get(1).applied()).isEmpty();
    assertThat(vm(11).setting("nestcheck.batch")).contains("done");
    assertThat(vm(15).setting("nestcheck.batch")).contains("done");
    VmConfiguration failed = vm(12);
    assertThat(failed.setting("nestcheck.batch")).isEmpty();
    assertThat(failed.changeVersion()).isEqualTo(vms.get(1).changeVersion());
  }

  @Test
  void manualStepsAreListedAsSkipped() throws Exception {
    VmConfiguration vm = vm(0);
    ManualStep step = ManualStep.of("Enable VT-x in the host BIOS", "1. Reboot the host ...");
    ApplyResult only = adapter.apply(vm, FixPlan.builder().vmName(vm.name()).source(vm.source())
        .addManualSteps(step).build(), APPLY);
    assertThat(only.status()).isEqualTo(Status.NOTHING_TO_DO);
    assertThat(only.skipped()).containsExactly("manual step: Enable VT-x in the host BIOS");

    ApplyResult mixed = adapter.apply(vm, plan(vm, step, SetSetting.of("nestcheck.manual", "1")), APPLY);
    assertThat(mixed.status()).isEqualTo(Status.APPLIED);
    assertThat(mixed.applied()).containsExactly(SetSetting.of("nestcheck.manual", "1"));
    assertThat(mixed.skipped()).containsExactly("manual step: Enable VT-x in the host BIOS");
  }

  @Test
  void actionsInEffectAlreadyChangeNothing() throws Exception {
    VmConfiguration vm = vm(0); // hv1 already
    vcsim.resetCalls();
    ApplyResult r = apply(vm, APPLY, ExposeNestedHv.enable());
    assertThat(r.status()).isEqualTo(Status.NOTHING_TO_DO);
    assertThat(vcsim.calls()).doesNotContainKey("ReconfigVM_Task");
  }

  @Test
  void aVmOfAnotherEndpointFails() throws Exception {
    VmConfiguration vm = vm(0).withSource("vsphere://vc.example.com/vm-61");
    ApplyResult r = adapter.apply(vm, plan(vm, SetSetting.of("a", "b")), APPLY);
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.fault()).hasValueSatisfying(f -> assertThat(f).contains("is not a VM of"));
  }
}
