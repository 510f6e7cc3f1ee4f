package io.nestcheck.testkit.adapter;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Platform;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;

/** A small vSphere-like inventory: one host, a powered-off CNA VM and a running nested ESXi. */
final class Fixtures {
  private Fixtures() {}

  static final String ENDPOINT = "https://administrator:Sup3r-s3cret@vcenter.lab.local/sdk";
  static final String PASSWORD = "Sup3r-s3cret";

  static final PortSecurityPolicy CLOSED = PortSecurityPolicy.builder().switchKind(SwitchKind.STANDARD)
      .allowPromiscuous(TriState.NO).forgedTransmits(TriState.NO).macChanges(TriState.YES).build();

  static final HostCapabilities HOST = HostCapabilities.builder().name("esx01").platform(Platform.ESXI)
      .productVersion("8.0.2").cpuVendor(CpuVendor.INTEL).addCpuFeatures(CpuFeature.VMX, CpuFeature.EPT)
      .addAbsentCpuFeatures(CpuFeature.SVM).virtualizationEnabledInFirmware(TriState.YES)
      .nestedHvSupported(TriState.YES).maxHardwareVersion(21).build();

  static final VmConfiguration CNA = VmConfiguration.builder().name("cna01").source("vm-101").hostRef("host-1")
      .hardwareVersion(19).guestOs(GuestOsId.of("otherLinux64Guest")).vcpus(2).memoryMiB(4096)
      .nestedHv(TriState.NO).powerState(PowerState.POWERED_OFF).changeVersion("2026-11-25T10:00:00Z")
      .addControllers(StorageController.of("scsi0", ControllerType.PVSCSI))
      .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").capacityMiB(100L * 1024).build())
      .addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("Nested-Trunk").portSecurity(CLOSED).build())
      .addSettings(Setting.of("tools.syncTimeWithHost", "TRUE"))
      .build();

  static final VmConfiguration ESXI = VmConfiguration.builder().name("esxi8-lab").source("vm-102").hostRef("host-1")
      .hardwareVersion(20).guestOs(GuestOsId.of("vmkernel8Guest")).firmware(Firmware.EFI).vcpus(4).coresPerSocket(2)
      .memoryMiB(16384).nestedHv(TriState.YES).powerState(PowerState.POWERED_ON)
      .changeVersion("2026-11-25T10:05:00Z")
      .addControllers(StorageController.of("scsi0", ControllerType.PVSCSI))
      .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").capacityMiB(40L * 1024).build())
      .addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("Nested-Trunk").portSecurity(CLOSED).build(),
          Nic.builder().id("ethernet1").type(NicType.E1000).network("VM Network").build())
      .build();

  static final Inventory INVENTORY = Inventory.builder().putHosts("host-1", HOST).addVms(ESXI, CNA)
      .addNotes("skipped template tpl-esxi8 (vm-17)").build();
}
