package io.nestcheck.core.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.PortSecurityPolicy;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FixApplierTest {
  static final VmConfiguration VMX = VmConfiguration.builder().name("esxi").source("lab/esxi.vmx").hardwareVersion(13)
      .guestOs(GuestOsId.of("other-64")).vcpus(1).memoryMiB(4096).nestedHv(TriState.NO)
      .addCpuidMasks(CpuidMask.of(1, CpuidMask.Register.ECX, "--------------------------0-----"))
      .addControllers(StorageController.of("scsi0", ControllerType.BUSLOGIC))
      .addNics(Nic.builder().id("ethernet0").type(NicType.E1000).network("Nested").build(),
          Nic.builder().id("ethernet1").type(NicType.VMXNET3).network("Mgmt").build())
      .addPeripherals(Peripheral.of("sound", PeripheralKind.SOUND), Peripheral.of("floppy0", PeripheralKind.FLOPPY))
      .addSettings(Setting.of("virtualHW.version", "13", 2), Setting.of("guestOS", "other-64", 3),
          Setting.of("memsize", "4096", 4), Setting.of("vhv.enable", "FALSE", 5), Setting.of("cpuid.1.ecx",
              "----:----:----:----:----:----:--0-:----", 6), Setting.of("scsi0.virtualDev", "buslogic", 7),
          Setting.of("ethernet0.virtualDev", "e1000", 8), Setting.of("sound.present", "TRUE", 9),
          Setting.of("vhv.enable", "TRUE", 20))
      .build();

  static VmConfiguration apply(VmConfiguration vm, FixAction... actions) {
    VmConfiguration out = vm;
    for (FixAction a : actions) {
      out = FixApplier.apply(out, a);
    }
    return out;
  }

  @Test
  void exposeNestedHvOnAVmxSetsTheFieldAndOneVhvLine() {
    VmConfiguration out = apply(VMX, ExposeNestedHv.enable());
    assertThat(out.nestedHv()).isEqualTo(TriState.YES);
    assertThat(out.settings()).filteredOn(s -> s.key().equals("vhv.enable")).containsExactly(Setting.of("vhv.enable", "TRUE", 5));
    assertThat(out.cpuMode()).isEqualTo(CpuMode.UNSPECIFIED);
    VmConfiguration absent = apply(VmConfiguration.builder().name("a").source("a.vmx").memoryMiB(1).build(), ExposeNestedHv.enable());
    assertThat(absent.setting("vhv.enable")).contains("TRUE");
  }

  @Test
  void exposeNestedHvOnLibvirtSwitchesToHostPassthrough() {
    VmConfiguration cna = VmConfiguration.builder().name("cna").source("cna.xml").memoryMiB(8192)
        .cpuMode(CpuMode.CUSTOM).nestedHv(TriState.NO)
        .addSettings(Setting.of("cpu.mode", "custom", 3), Setting.of("cpu.feature.vmx", "disable", 4)).build();
    VmConfiguration out = apply(cna, ExposeNestedHv.enable());
    assertThat(out.cpuMode()).isEqualTo(CpuMode.HOST_PASSTHROUGH);
    assertThat(out.nestedHv()).isEqualTo(TriState.YES);
    assertThat(out.settings()).containsExactly(Setting.of("cpu.mode", "host-passthrough", 3));
    assertThat(out.setting("vhv.enable")).isEmpty();
  }

  @Test
  void sizesAndReservation() {
    VmConfiguration out = apply(VMX, SetCpu.of(4, 2), SetMemory.of(8192), SetMemoryReservation.of(8192, true));
    assertThat(out.vcpus()).isEqualTo(4);
    assertThat(out.coresPerSocket()).isEqualTo(2);
    assertThat(out.memoryMiB()).isEqualTo(8192);
    assertThat(out.memoryReservationMiB()).isEqualTo(8192);
    assertThat(out.memoryLockedToMax()).isTrue();
    assertThat(out.setting("numvcpus")).contains("4");
    assertThat(out.setting("cpuid.coresPerSocket")).contains("2");
    assertThat(out.setting("memsize")).contains("8192");
    assertThat(out.setting("sched.mem.min")).contains("8192");
    assertThat(out.setting("sched.mem.pin")).contains("TRUE");
    // a locked reservation follows later memory changes, whether typed or raw
    assertThat(apply(out, SetMemory.of(16384)).memoryReservationMiB()).isEqualTo(16384);
    assertThat(apply(out, SetSetting.of("memsize", "12288")).memoryReservationMiB()).isEqualTo(12288);
  }

  @Test
  void firmwareAndFlags() {
    VmConfiguration efi = apply(VMX, SetFirmware.of(Firmware.EFI, true), SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true),
        SetVmFlag.of(SetVmFlag.Flag.VBS, true));
    assertThat(efi.firmware()).isEqualTo(Firmware.EFI);
    assertThat(efi.secureBoot()).isTrue();
    assertThat(efi.virtualIommu()).isTrue();
    assertThat(efi.vbs()).isTrue();
    assertThat(efi.setting("firmware")).contains("efi");
    assertThat(efi.setting("uefi.secureBoot.enabled")).contains("TRUE");
    assertThat(efi.setting("vvtd.enable")).contains("TRUE");
    assertThat(efi.setting("vbs.enable")).as("no source names the .vmx key").isEmpty();
    VmConfiguration bios = apply(efi, SetFirmware.of(Firmware.BIOS, false));
    assertThat(bios.firmware()).isEqualTo(Firmware.BIOS);
    assertThat(bios.setting("firmware")).as("absent means BIOS").isEmpty();
  }

  @Test
  void hardwareVersionNeverGoesDownAndGuestOsIsWrittenInVmxForm() {
    VmConfiguration out = apply(VMX, UpgradeHardwareVersion.of(20), SetGuestOs.of(GuestOsId.of("vmkernel8Guest")));
    assertThat(out.hardwareVersion()).hasValue(20);
    assertThat(out.setting("virtualHW.version")).contains("20");
    assertThat(out.guestOs()).contains(GuestOsId.of("vmkernel8"));
    assertThat(out.setting("guestOS")).contains("vmkernel8");
    assertThat(apply(out, UpgradeHardwareVersion.of(14)).hardwareVersion()).hasValue(20);
  }

  @Test
  void devices() {
    VmConfiguration out = apply(VMX, ReplaceControllerType.of("scsi0", ControllerType.PVSCSI),
        ReplaceNicType.of("ethernet0", NicType.VMXNET3), RemoveDevice.of("sound", PeripheralKind.SOUND));
    assertThat(out.controllers().get(0).type()).isEqualTo(ControllerType.PVSCSI);
    assertThat(out.controllers().get(0).rawType()).contains("pvscsi");
    assertThat(out.setting("scsi0.virtualDev")).contains("pvscsi");
    assertThat(out.nics().get(0).type()).isEqualTo(NicType.VMXNET3);
    assertThat(out.setting("ethernet0.virtualDev")).contains("vmxnet3");
    assertThat(out.peripherals()).containsExactly(Peripheral.of("floppy0", PeripheralKind.FLOPPY));
    assertThat(out.setting("sound.present")).contains("FALSE");
    VmConfiguration nvme = apply(VMX, ReplaceControllerType.of("scsi0", ControllerType.NVME));
    assertThat(nvme.setting("scsi0.virtualDev")).as("no stale SCSI type left").isEmpty();
    assertThatThrownBy(() -> FixApplier.apply(VMX, ReplaceNicType.of("ethernet7", NicType.E1000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ethernet7").hasMessageContaining("ethernet0, ethernet1");
  }

  @Test
  void settingsDriveTheirFields() {
    VmConfiguration out = apply(VMX, RemoveSetting.of("cpuid.1.ecx"));
    assertThat(out.cpuidMasks()).isEmpty();
    assertThat(out.setting("cpuid.1.ecx")).isEmpty();
    VmConfiguration masked = apply(out, SetSetting.of("cpuid.80000001.ecx", "-----------------------------0--"));
    assertThat(masked.cpuidMasks()).containsExactly(CpuidMask.of(0x80000001L, CpuidMask.Register.ECX,
        "-----------------------------0--"));
    assertThat(apply(VMX, SetSetting.of("vhv.enable", "TRUE")).nestedHv()).isEqualTo(TriState.YES);
    assertThat(apply(VMX, RemoveSetting.of("vhv.enable")).nestedHv()).as("absent: unknown, as readers say")
        .isEqualTo(TriState.UNKNOWN);
    assertThat(apply(VMX, SetSetting.of("firmware", "efi")).firmware()).isEqualTo(Firmware.EFI);
    assertThat(apply(VMX, SetSetting.of("ethernet0.virtualDev", "e1000e")).nics().get(0).type()).isEqualTo(NicType.E1000E);
    assertThat(apply(VMX, SetSetting.of("floppy0.present", "FALSE")).peripherals()).extracting(Peripheral::id)
        .containsExactly("sound");
    assertThat(apply(VMX, SetSetting.of("virtualHW.version", "vmx-19")).hardwareVersion()).hasValue(19);
    assertThat(apply(VMX, SetSetting.of("guestOS", "vmkernel7")).guestOs()).contains(GuestOsId.of("vmkernel7Guest"));
    // keys without a field stay settings
    VmConfiguration uuid = apply(VMX, SetSetting.of("disk.EnableUUID", "TRUE"), SetSetting.of("tools.syncTimeWithHost", "FALSE"));
    assertThat(uuid.setting("disk.EnableUUID")).contains("TRUE");
    assertThat(uuid.withSettings(VMX.settings())).isEqualTo(VMX);
  }

  @Test
  void settingTheCurrentValueOnlyDropsDuplicates() {
    VmConfiguration out = apply(VMX, SetSetting.of("vhv.enable", "FALSE"));
    assertThat(out.settings()).filteredOn(s -> s.key().equals("vhv.enable")).containsExactly(Setting.of("vhv.enable", "FALSE", 5));
    assertThat(out.nestedHv()).isEqualTo(TriState.NO);
  }

  @Test
  void portGroupSecurityReachesEveryNicOnThatNetwork() {
    VmConfiguration vm = VMX.withNics(
        Nic.builder().id("ethernet0").type(NicType.E1000).network("Nested")
            .portSecurity(PortSecurityPolicy.builder().switchKind(SwitchKind.STANDARD).allowPromiscuous(TriState.NO).build()).build(),
        Nic.builder().id("ethernet1").type(NicType.E1000).network("Nested").build(),
        Nic.builder().id("ethernet2").type(NicType.E1000).network("Mgmt").build());
    VmConfiguration out = apply(vm, SetPortGroupSecurity.builder().portGroup("Nested").allowPromiscuous(true)
        .forgedTransmits(true).build());
    assertThat(out.nics().get(0).portSecurity().get()).isEqualTo(PortSecurityPolicy.builder()
        .switchKind(SwitchKind.STANDARD).allowPromiscuous(TriState.YES).forgedTransmits(TriState.YES).build());
    assertThat(out.nics().get(1).portSecurity().get().allowPromiscuous()).isEqualTo(TriState.YES);
    assertThat(out.nics().get(2).portSecurity()).isEmpty();
  }

  @Test
  void manualStepsChangeNothingAndApplyingTwiceIsApplyingOnce() {
    assertThat(FixApplier.apply(VMX, ManualStep.of("t", "i"))).isSameAs(VMX);
    FixPlan plan = FixPlan.builder().vmName("esxi").source("lab/esxi.vmx").addActions(UpgradeHardwareVersion.of(20),
        SetMemory.of(8192), ExposeNestedHv.enable(), ReplaceNicType.of("ethernet0", NicType.VMXNET3),
        RemoveSetting.of("cpuid.1.ecx"), SetSetting.of("disk.EnableUUID", "TRUE")).build();
    VmConfiguration once = FixApplier.apply(VMX, plan);
    assertThat(FixApplier.apply(once, plan)).isEqualTo(once);
    assertThat(FixApplier.apply(VMX, FixPlan.builder().vmName("esxi").source("x").build())).isSameAs(VMX);
  }

  @Test
  void inventoryVmsGetNoNewVmxKeys() {
    VmConfiguration inv = VmConfiguration.builder().name("vm-42").source("vm-42").memoryMiB(4096)
        .addSettings(Setting.of("nestedHVEnabled", "false")).build();
    VmConfiguration out = apply(inv, SetMemory.of(8192), ExposeNestedHv.enable());
    assertThat(out.setting("memsize")).isEmpty();
    assertThat(out.setting("nestedHVEnabled")).contains("true");
    assertThat(out.memoryMiB()).isEqualTo(8192);
    assertThat(Optional.of(out.nestedHv())).contains(TriState.YES);
    assertThat(List.of(out.settings().size())).containsExactly(2); // nestedHVEnabled updated, vhv.enable added
  }
}
