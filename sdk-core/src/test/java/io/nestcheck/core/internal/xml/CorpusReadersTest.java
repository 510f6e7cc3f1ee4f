package io.nestcheck.core.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.libvirt.LibvirtReader;
import io.nestcheck.core.internal.ovf.OvfReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every {@code .ovf} and {@code .xml} file of the shared corpus ({@code MANIFEST.tsv} describes each) and
 * checks an outcome written out for that file: facts true of the file for those that read, the error kind and line
 * for those that must fail.
 */
class CorpusReadersTest {

  private interface Check {
    void check(List<VmConfiguration> vms);
  }

  /** The expected outcome: either {@code check} or an error of {@code kind} at {@code line}. */
  private record Outcome(Check check, Kind kind, int line, boolean sniffed) {}

  private static final Map<String, Outcome> EXPECTED = new TreeMap<>();

  private static void ok(String file, Check check) {
    EXPECTED.put(file, new Outcome(check, null, 0, true));
  }

  private static void fails(String file, Kind kind, int line) {
    EXPECTED.put(file, new Outcome(null, kind, line, true));
  }

  private static void failsUnsniffed(String file, Kind kind, int line) {
    EXPECTED.put(file, new Outcome(null, kind, line, false));
  }

  private static VmConfiguration one(List<VmConfiguration> vms) {
    assertThat(vms).hasSize(1);
    return vms.get(0);
  }

  private static List<ControllerType> controllerTypes(VmConfiguration vm) {
    return vm.controllers().stream().map(StorageController::type).toList();
  }

  private static List<NicType> nicTypes(VmConfiguration vm) {
    return vm.nics().stream().map(Nic::type).toList();
  }

  private static List<PeripheralKind> peripheralKinds(VmConfiguration vm) {
    return vm.peripherals().stream().map(Peripheral::kind).toList();
  }

  private static List<Long> diskMiB(VmConfiguration vm) {
    return vm.disks().stream().map(d -> d.capacityMiB().isPresent() ? d.capacityMiB().getAsLong() : -1L).toList();
  }

  static {
    // ---------------------------------------------------------------------------------------------- OVF: nested ESXi
    ok("govmomi__esxvmovf-25262174.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("esxvm-sb-62272164-rZ0");
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(20));
      assertThat(vm.guestOs()).contains(GuestOsId.of("vmkernel8Guest"));
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.secureBoot()).isFalse();
      assertThat(vm.vbs()).isFalse();
      assertThat(vm.virtualIommu()).isFalse();
      assertThat(vm.vcpus()).isEqualTo(2);
      assertThat(vm.memoryMiB()).isEqualTo(8192);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.PVSCSI, ControllerType.IDE, ControllerType.IDE);
      assertThat(vm.disks()).containsExactly(Disk.builder().id("8").controllerId("3").capacityMiB(32768)
          .fileName("disk-0.vmdk").build());
      assertThat(nicTypes(vm)).containsExactly(NicType.VMXNET3);
      assertThat(vm.settingEntry("nestedHVEnabled")).contains(Setting.of("nestedHVEnabled", "true", 127));
      assertThat(vm.setting("tools.syncTimeWithHost")).contains("false");
      assertThat(vm.settings()).hasSize(24);
    });
    ok("govmomi__Nested-ESXi-3-Node-VSAN-Template.ovf", vms -> {
      assertThat(vms).extracting(VmConfiguration::name)
          .containsExactly("VSAN-Nested-ESXi-2", "VSAN-Nested-ESXi-3", "VSAN-Nested-ESXi-1");
      for (VmConfiguration vm : vms) {
        assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(9));
        assertThat(vm.guestOs()).contains(GuestOsId.of("vmkernel5Guest"));
        assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
        assertThat(vm.firmware()).isEqualTo(Firmware.BIOS);
        assertThat(vm.vcpus()).isEqualTo(2);
        assertThat(vm.memoryMiB()).isEqualTo(5120);
        assertThat(controllerTypes(vm)).containsExactly(ControllerType.LSI_LOGIC, ControllerType.IDE,
            ControllerType.IDE);
        assertThat(nicTypes(vm)).containsExactly(NicType.E1000);
        assertThat(vm.nics().get(0).network()).contains("access333");
        // Capacities are ${...} properties resolved from the ProductSection defaults (2, 4 and 8 GiB).
        assertThat(diskMiB(vm)).containsExactly(2048L, 4096L, 8192L);
        assertThat(vm.setting("featMask.vm.hv.capable")).contains("Min:1");
        assertThat(vm.setting("disk.EnableUUID")).contains("true");
      }
      assertThat(vms.get(0).lineOf("nestedHVEnabled")).isEqualTo(258);
      assertThat(vms.get(1).lineOf("disk.enableUUID")).isEqualTo(478);
      assertThat(vms.get(2).lineOf("featMask.vm.hv.capable")).isEqualTo(637);
    });

    // ------------------------------------------------------------------------------------ OVF: VMware appliances
    ok("govmomi__VCSA-9.1_OVF10.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("VMware-vCenter-Server-Appliance");
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(17));
      assertThat(vm.guestOs()).contains(GuestOsId.of("other3xLinux64Guest"));
      // The "tiny" deployment option is the default.
      assertThat(vm.vcpus()).isEqualTo(2);
      assertThat(vm.memoryMiB()).isEqualTo(14336);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.LSI_LOGIC, ControllerType.LSI_LOGIC,
          ControllerType.LSI_LOGIC, ControllerType.SATA_AHCI);
      assertThat(vm.disks()).hasSize(15);
      assertThat(nicTypes(vm)).containsExactly(NicType.VMXNET3);
      assertThat(vm.nestedHv()).isEqualTo(TriState.UNKNOWN);
    });
    ok("govmomi__Operations-Appliance-9.1.ovf", vms -> {
      VmConfiguration vm = one(vms);
      // "vmx-10,vmx-11": the highest.
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(11));
      assertThat(vm.guestOs()).contains(GuestOsId.of("other3xLinux64Guest"));
      // No default configuration: the first ("small") is the default.
      assertThat(vm.vcpus()).isEqualTo(4);
      assertThat(vm.memoryMiB()).isEqualTo(16384);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.PVSCSI, ControllerType.IDE);
      assertThat(diskMiB(vm)).containsExactly(20480L, 256000L, 4096L);
      assertThat(nicTypes(vm)).containsExactly(NicType.VMXNET3);
    });
    ok("govmomi__nsx-unified-appliance-9.1.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(13));
      assertThat(vm.guestOs()).contains(GuestOsId.of("ubuntu64Guest"));
      // "medium" is the default configuration.
      assertThat(vm.vcpus()).isEqualTo(6);
      assertThat(vm.memoryMiB()).isEqualTo(24576);
      assertThat(vm.memoryReservationMiB()).isEqualTo(24576);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.LSI_LOGIC);
      assertThat(nicTypes(vm)).containsExactly(NicType.VMXNET3);
    });
    ok("govmomi__Vcf-License-Server-9.1.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(13));
      assertThat(vm.guestOs()).contains(GuestOsId.of("vmwarePhoton64Guest"));
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.secureBoot()).isTrue();
      assertThat(vm.nestedHv()).isEqualTo(TriState.NO);
      assertThat(vm.memoryMiB()).isEqualTo(4096);
      assertThat(vm.settingEntry("disk.EnableUUID")).contains(Setting.of("disk.EnableUUID", "TRUE", 109));
      assertThat(nicTypes(vm)).containsExactly(NicType.VMXNET3);
    });
    ok("govmomi__photon5.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("Photon OS");
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(15));
      assertThat(vm.guestOs()).contains(GuestOsId.of("vmwarePhoton64Guest"));
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.memoryMiB()).isEqualTo(2048);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.SATA_AHCI, ControllerType.PVSCSI);
      assertThat(nicTypes(vm)).containsExactly(NicType.VMXNET3);
      assertThat(vm.settings()).hasSize(1);
    });
    ok("govmomi__ttylinux.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(9));
      assertThat(vm.guestOs()).contains(GuestOsId.of("otherLinuxGuest"));
      assertThat(vm.memoryMiB()).isEqualTo(32);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.IDE);
      assertThat(vm.nics()).extracting(Nic::type, n -> n.network().orElse("")).containsExactly(tuple(NicType.E1000,
          "nat"));
      assertThat(diskMiB(vm)).containsExactly(30L);
    });
    ok("govmomi__ubuntu24.10.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(10));
      assertThat(vm.guestOs()).contains(GuestOsId.of("ubuntu64Guest"));
      assertThat(vm.vcpus()).isEqualTo(2);
      assertThat(vm.memoryMiB()).isEqualTo(1024);
      assertThat(vm.nestedHv()).isEqualTo(TriState.NO);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.PVSCSI, ControllerType.IDE, ControllerType.IDE);
      // ovf:capacityAllocationUnits="byte": 10737418240 bytes.
      assertThat(diskMiB(vm)).containsExactly(10240L);
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.SERIAL, PeripheralKind.CDROM,
          PeripheralKind.FLOPPY);
    });
    ok("govmomi__ApplicationDirector-5.0_OVF10.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("VMware_vFabric_Application_Director");
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(7));
      assertThat(vm.guestOs()).contains(GuestOsId.of("sles11_64Guest"));
      assertThat(vm.guestOs().get().recognized()).isFalse();
      assertThat(vm.memoryMiB()).isEqualTo(2048);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.LSI_LOGIC, ControllerType.IDE);
      assertThat(nicTypes(vm)).containsExactly(NicType.E1000);
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.CDROM);
    });
    ok("govmomi__VM-PCI-VGPU.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(21));
      assertThat(vm.guestOs()).contains(GuestOsId.of("windows2019srv_64Guest"));
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.secureBoot()).isTrue();
      assertThat(vm.nestedHv()).isEqualTo(TriState.NO);
      assertThat(vm.memoryMiB()).isEqualTo(512);
      assertThat(vm.memoryReservationMiB()).isEqualTo(512);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.LSI_LOGIC_SAS, ControllerType.SATA_AHCI);
      assertThat(nicTypes(vm)).containsExactly(NicType.E1000E);
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.USB, PeripheralKind.CDROM);
    });
    ok("govmomi__pci-passthrough_dvx1.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("newVM-dvx3");
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(99));
      assertThat(vm.guestOs()).contains(GuestOsId.of("ubuntu64Guest"));
      assertThat(vm.memoryMiB()).isEqualTo(256);
      assertThat(vm.memoryReservationMiB()).isEqualTo(256);
      assertThat(vm.nics()).isEmpty();
    });
    ok("govmomi__vtpm-spec-with-nvram.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(17));
      assertThat(vm.guestOs()).contains(GuestOsId.of("centos8_64Guest"));
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.secureBoot()).isTrue();
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.PVSCSI, ControllerType.SATA_AHCI);
      assertThat(nicTypes(vm)).containsExactly(NicType.VMXNET3);
    });
    ok("govmomi__win19.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(19));
      assertThat(vm.guestOs()).contains(GuestOsId.of("windows2019srv_64Guest"));
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.secureBoot()).isTrue();
      assertThat(vm.vcpus()).isEqualTo(2);
      assertThat(vm.coresPerSocket()).isEqualTo(2);
      // The fixture really says 4 MB.
      assertThat(vm.memoryMiB()).isEqualTo(4);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.LSI_LOGIC_SAS, ControllerType.SATA_AHCI);
      assertThat(nicTypes(vm)).containsExactly(NicType.E1000E);
    });
    ok("govmomi__multi-core-vm.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.vcpus()).isEqualTo(4);
      assertThat(vm.coresPerSocket()).isEqualTo(2);
      assertThat(vm.guestOs()).contains(GuestOsId.of("windows7Guest"));
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(7));
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.LSI_LOGIC_SAS, ControllerType.IDE,
          ControllerType.IDE);
    });

    // ------------------------------------------------------------------------------------------ OVF: VBS fixtures
    ok("govmomi__vbs-all-enabled.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("Nostalgia");
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(14));
      assertThat(vm.guestOs()).contains(GuestOsId.of("windows9_64Guest"));
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.secureBoot()).isTrue();
      assertThat(vm.vbs()).isTrue();
      assertThat(vm.virtualIommu()).isTrue();
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.memoryMiB()).isEqualTo(64);
    });
    ok("govmomi__vbs_nested-hv-vvtd-enabled.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.guestOs()).contains(GuestOsId.of("windows9Server64Guest"));
      assertThat(vm.firmware()).isEqualTo(Firmware.BIOS);
      assertThat(vm.vbs()).isFalse();
      assertThat(vm.virtualIommu()).isTrue();
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
    });

    // --------------------------------------------------------------------------------- OVF: collections (vApps)
    ok("govmomi__virtualsystemcollection.ovf", vms -> {
      assertThat(vms).extracting(VmConfiguration::name)
          .containsExactly("Virtual Appliance One", "Virtual Appliance Two");
      VmConfiguration vm = vms.get(0);
      // OVF 2.0 example from DSP0243: no vmx type, "byte*2^30" units, an EthernetPortItem and a StorageItem.
      assertThat(vm.hardwareVersion()).isEmpty();
      assertThat(vm.memoryMiB()).isEqualTo(1024);
      assertThat(vm.nics()).containsExactly(Nic.builder().id("3").type(NicType.UNSPECIFIED).network("VS Network")
          .macAddress("00:16:8b:db:00:5e").addressType(MacAddressType.STATIC).build());
      assertThat(diskMiB(vm)).containsExactly(1024L);
      assertThat(vms.get(1).nics().get(0).macAddress()).contains("00:16:8b:db:00:5f");
    });
    ok("govmomi__ImportOvf2014_complete_vsc.ovf", vms -> {
      assertThat(vms).extracting(VmConfiguration::name).containsExactly("Test System 1", "Test System 2");
      assertThat(vms).extracting(v -> v.hardwareVersion().getAsInt()).containsExactly(7, 8);
      assertThat(vms.get(0).guestOs()).contains(GuestOsId.of("centosGuest"));
      // The second system has no OperatingSystemSection.
      assertThat(vms.get(1).guestOs()).isEmpty();
      for (VmConfiguration vm : vms) {
        assertThat(vm.memoryMiB()).isEqualTo(64);
        assertThat(controllerTypes(vm)).containsExactly(ControllerType.UNSPECIFIED, ControllerType.IDE,
            ControllerType.IDE);
        assertThat(nicTypes(vm)).containsExactly(NicType.VLANCE);
      }
      assertThat(vms.get(0).disks()).hasSize(2);
    });
    ok("govmomi__sun-vapp-multiVM.ovf", vms -> {
      assertThat(vms).extracting(VmConfiguration::name).containsExactly("sun-xp-sp3", "sun-test");
      for (VmConfiguration vm : vms) {
        assertThat(vm.guestOs()).contains(GuestOsId.of("winXPProGuest"));
        assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(7));
        assertThat(vm.memoryMiB()).isEqualTo(512);
        assertThat(nicTypes(vm)).containsExactly(NicType.VLANCE);
      }
    });
    ok("govmomi__sunVHW-DiskTypes_invalidUTF.ovf", vms -> {
      // Starts with a UTF-8 byte-order mark, which is valid.
      assertThat(vms).extracting(VmConfiguration::name).containsExactly("sunvhw-sas", "sunvhw-pv");
      assertThat(controllerTypes(vms.get(0)).get(0)).isEqualTo(ControllerType.LSI_LOGIC_SAS);
      assertThat(controllerTypes(vms.get(1)).get(0)).isEqualTo(ControllerType.PVSCSI);
      assertThat(vms.get(0).guestOs()).contains(GuestOsId.of("winNetStandardGuest"));
      assertThat(vms.get(0).memoryMiB()).isEqualTo(1024);
    });
    ok("govmomi__vCD_vApp_OVF.ovf", vms -> {
      assertThat(vms).extracting(VmConfiguration::name).containsExactly("s-xp", "vCD_scratch_vm");
      assertThat(nicTypes(vms.get(0))).containsExactly(NicType.VLANCE, NicType.VLANCE);
      assertThat(vms.get(0).memoryReservationMiB()).isEqualTo(5);
      assertThat(diskMiB(vms.get(0))).containsExactly(1536L, 2048L);
      assertThat(controllerTypes(vms.get(1))).containsExactly(ControllerType.BUSLOGIC, ControllerType.IDE);
      assertThat(vms.get(1).guestOs()).contains(GuestOsId.of("win2000ProGuest"));
    });

    // ------------------------------------------------------------------------------------- OVF: other exporters
    ok("govmomi__Final_XP_Template.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("WinXP");
      assertThat(vm.vcpus()).isEqualTo(2);
      assertThat(vm.memoryMiB()).isEqualTo(512);
      assertThat(vm.memoryReservationMiB()).isEqualTo(102);
      assertThat(vm.nestedHv()).isEqualTo(TriState.NO);
      assertThat(vm.nics()).extracting(Nic::type, n -> n.network().orElse(""))
          .containsExactly(tuple(NicType.VLANCE, "DirectOvDC"));
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.FLOPPY, PeripheralKind.CDROM);
    });
    ok("govmomi__Zimbra_606_Ubuntu_8041_i386_OVF10.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(4));
      assertThat(vm.guestOs()).contains(GuestOsId.of("ubuntuGuest"));
      assertThat(vm.memoryMiB()).isEqualTo(2048);
      assertThat(diskMiB(vm)).containsExactly(6144L, 12288L);
    });
    ok("govmomi__bitnami-tomcatstack-8.0.36.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.guestOs()).contains(GuestOsId.of("ubuntu64Guest"));
      assertThat(vm.memoryMiB()).isEqualTo(1024);
      assertThat(vm.nics()).extracting(Nic::type, n -> n.network().orElse(""))
          .containsExactly(tuple(NicType.VLANCE, "bridged"));
    });
    ok("govmomi__chinese_characters.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("\u865a\u62df\u673a");
      assertThat(vm.disks().get(0).fileName()).contains("\u865a\u62df\u673a-1.vmdk");
      assertThat(vm.guestOs()).contains(GuestOsId.of("windows7Server64Guest"));
    });
    ok("govmomi__special_chars_in_name.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("\u00f9\u00e0\u00e7\u00e9\u00e8");
      assertThat(vm.disks().get(0).fileName()).contains("special char.s-in_name-disk1.vmdk");
    });
    ok("virt-manager__virtconv_test1.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("test.ovf");
      assertThat(vm.guestOs()).contains(GuestOsId.of("rhel5_64Guest"));
      assertThat(vm.vcpus()).isEqualTo(3);
      assertThat(vm.memoryMiB()).isEqualTo(777);
      // The second disk refers to a file (ovf:/file/...), not a DiskSection disk: no capacity.
      assertThat(vm.disks()).extracting(Disk::controllerId, d -> d.fileName().orElse(""))
          .containsExactly(tuple("3", "test.ovf-disk1.vmdk"), tuple("4", "testfile"));
      assertThat(diskMiB(vm)).containsExactly(8192L, -1L);
    });
    ok("virt-manager__virtconv_test2.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("w2k3 32bit");
      assertThat(vm.guestOs()).contains(GuestOsId.of("winNetEnterpriseGuest"));
      assertThat(vm.memoryMiB()).isEqualTo(1024);
    });
    ok("virt-v2v__test-i-ova.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("TestOva");
      assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(8));
      assertThat(vm.guestOs()).contains(GuestOsId.of("windows7_64Guest"));
      assertThat(vm.memoryMiB()).isEqualTo(2048);
      assertThat(controllerTypes(vm).get(0)).isEqualTo(ControllerType.LSI_LOGIC_SAS);
      assertThat(diskMiB(vm)).containsExactly(32768L);
      assertThat(vm.nestedHv()).isEqualTo(TriState.NO);
    });
    ok("virt-v2v__test-i-ova-as-root.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("ova-test");
      // No vmw:osType, and CIM id 69 (Windows Server 2003) has no unambiguous VMware id.
      assertThat(vm.guestOs()).isEmpty();
      assertThat(vm.vcpus()).isEqualTo(2);
      assertThat(vm.memoryMiB()).isEqualTo(4096);
      assertThat(vm.settings()).isEmpty();
      assertThat(vm.nestedHv()).isEqualTo(TriState.UNKNOWN);
    });
    ok("virt-v2v__test-i-ova-snapshots.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.guestOs()).contains(GuestOsId.of("windows7Server64Guest"));
      assertThat(diskMiB(vm)).containsExactly(51200L);
      assertThat(vm.nics()).extracting(n -> n.network().orElse("")).containsExactly("PG-VLAN60");
    });
    ok("virt-v2v__test-i-ova-two-disks.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.firmware()).isEqualTo(Firmware.BIOS);
      assertThat(diskMiB(vm)).containsExactly(51200L, 460800L);
    });

    // ----------------------------------------------------------------------------------------- OVF: VirtualBox
    ok("virt-manager__CentOS-6.4-i386-Gnome.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("CentOS-6.4-i386-Gnome");
      assertThat(vm.hardwareVersion()).isEmpty();
      assertThat(vm.uuid()).contains("3c0c3250-2e7c-4bc3-b6ef-33f019e11aec");
      assertThat(vm.memoryMiB()).isEqualTo(512);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.IDE, ControllerType.IDE,
          ControllerType.SATA_AHCI);
      assertThat(vm.disks()).containsExactly(Disk.builder().id("10").controllerId("5").capacityMiB(18432)
          .fileName("CentOS-6.4-i386-Gnome-disk1.vmdk").build());
      assertThat(vm.nics()).extracting(Nic::type, n -> n.network().orElse(""))
          .containsExactly(tuple(NicType.E1000, "NAT"));
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.USB, PeripheralKind.SOUND,
          PeripheralKind.CDROM);
    });
    ok("govmomi__vbox1_default_vm.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.hardwareVersion()).isEmpty();
      assertThat(vm.memoryMiB()).isEqualTo(192);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.IDE);
      assertThat(diskMiB(vm)).containsExactly(10240L);
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.FLOPPY, PeripheralKind.USB,
          PeripheralKind.SOUND, PeripheralKind.CDROM);
    });
    ok("govmomi__vbox6_all_controller_subtypes.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.controllers()).extracting(StorageController::type, c -> c.rawType().orElse(""))
          .containsExactly(tuple(ControllerType.IDE, "PIIX3"), tuple(ControllerType.SATA_AHCI, "AHCI"));
    });
    ok("govmomi__vbox10_four_nics.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.nics()).extracting(Nic::type, n -> n.network().orElse("")).containsExactly(
          tuple(NicType.VLANCE, "NAT"), tuple(NicType.VLANCE, "Bridged"), tuple(NicType.E1000, "Internal"),
          tuple(NicType.E1000, "HostOnly"));
      assertThat(vm.disks()).isEmpty();
    });
    ok("govmomi__vbox14_snapshot_disks.ovf", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.disks()).extracting(d -> d.fileName().orElse(""))
          .containsExactly("{0d71abb2-e01f-4ac4-9881-5a80a599128c}.vmdk");
      assertThat(diskMiB(vm)).containsExactly(10240L);
    });

    // ------------------------------------------------------------------------------------ OVF: must not read
    // Well-formed, but the VirtualSystem states no memory (the model cannot represent unknown memory).
    fails("govmomi__ImportOvf2014_deploymentoption.ovf", Kind.INVALID_VALUE, 35);
    fails("govmomi__ImportOvf2014_extraconfig.ovf", Kind.INVALID_VALUE, 13);
    fails("govmomi__ImportOvf2014_unknownsections.ovf", Kind.INVALID_VALUE, 22);
    fails("govmomi__valid_bare_minimal.ovf", Kind.INVALID_VALUE, 9);
    fails("govmomi__valid_multiple_vhtypes.ovf", Kind.INVALID_VALUE, 16);
    fails("govmomi__dmtf_gos_test.ovf", Kind.INVALID_VALUE, 22);
    // The intentionally invalid ones.
    fails("govmomi__ImportOvf2014_invalid.ovf", Kind.INVALID_VALUE, 10);
    fails("govmomi__neg_invalid_version.ovf", Kind.UNSUPPORTED_FORMAT, 2);
    failsUnsniffed("govmomi__neg_dup_instanceid.ovf", Kind.UNSUPPORTED_FORMAT, 2);

    // ------------------------------------------------------------------------------------------------ libvirt
    ok("virt-manager__xmlparse_bootorder-in.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("f30");
      assertThat(vm.cpuMode()).isEqualTo(CpuMode.CUSTOM);
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.settingEntry("cpu.feature.vmx")).contains(Setting.of("cpu.feature.vmx", "require", 29));
      assertThat(vm.setting("cpu.model")).contains("Skylake-Client-IBRS");
      assertThat(vm.vcpus()).isEqualTo(5);
      assertThat(vm.memoryMiB()).isEqualTo(8100);
      assertThat(vm.firmware()).isEqualTo(Firmware.BIOS);
      assertThat(vm.controllers()).extracting(StorageController::id, StorageController::type)
          .containsExactly(tuple("sata0", ControllerType.SATA_AHCI), tuple("virtio", ControllerType.VIRTIO_BLK));
      assertThat(nicTypes(vm)).containsExactly(NicType.VIRTIO);
      assertThat(vm.nics().get(0).network()).contains("default");
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.CDROM, PeripheralKind.FLOPPY,
          PeripheralKind.USB, PeripheralKind.SERIAL, PeripheralKind.SOUND);
    });
    ok("virt-manager__virt-install-boot-uefi-secure-boot.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.cpuMode()).isEqualTo(CpuMode.HOST_PASSTHROUGH);
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.secureBoot()).isTrue();
      assertThat(vm.memoryMiB()).isEqualTo(64);
      assertThat(vm.nics()).containsExactly(Nic.builder().id("net0").type(NicType.E1000).rawType("e1000")
          .network("testsuitebr0").macAddress("00:11:22:33:44:55").build());
      // Four USB controllers (EHCI + UHCI companions) on index 0 are one USB bus.
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.USB, PeripheralKind.SOUND);
    });
    ok("virt-manager__virt-install-amd-sev.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("linux2020");
      assertThat(vm.cpuMode()).isEqualTo(CpuMode.HOST_PASSTHROUGH);
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.secureBoot()).isFalse();
      assertThat(vm.vcpus()).isEqualTo(2);
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.VIRTIO_BLK);
      assertThat(nicTypes(vm)).containsExactly(NicType.VIRTIO);
    });
    ok("virt-manager__virt-install-aarch64-win11.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.cpuMode()).isEqualTo(CpuMode.HOST_PASSTHROUGH);
      // aarch64: VMX/SVM do not apply.
      assertThat(vm.nestedHv()).isEqualTo(TriState.UNKNOWN);
      assertThat(vm.setting("os.type.arch")).contains("aarch64");
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.vcpus()).isEqualTo(4);
      assertThat(vm.controllers()).extracting(StorageController::id, StorageController::type)
          .containsExactly(tuple("usb-storage", ControllerType.OTHER));
      assertThat(vm.nics()).extracting(Nic::type).containsExactly(NicType.UNSPECIFIED);
    });
    ok("virt-v2v__test-i-ova.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("TestOva");
      assertThat(vm.cpuMode()).isEqualTo(CpuMode.HOST_MODEL);
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.memoryMiB()).isEqualTo(2048);
      assertThat(vm.firmware()).isEqualTo(Firmware.BIOS);
      assertThat(vm.disks()).containsExactly(Disk.builder().id("vda").controllerId("virtio").fileName("TestOva-sda")
          .build());
      assertThat(vm.nics()).extracting(Nic::type, n -> n.network().orElse(""))
          .containsExactly(tuple(NicType.VIRTIO, "VM Network"));
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.CDROM, PeripheralKind.FLOPPY);
    });
    ok("brenix__virtualization_win10.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.cpuMode()).isEqualTo(CpuMode.HOST_PASSTHROUGH);
      // The "hypervisor" CPUID bit is disabled, not vmx: nesting still passes through.
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.setting("cpu.feature.monitor")).contains("disable");
      assertThat(vm.vcpus()).isEqualTo(10);
      assertThat(vm.coresPerSocket()).isEqualTo(5);
      assertThat(vm.memoryMiB()).isEqualTo(20480);
      assertThat(vm.memoryLockedToMax()).isTrue();
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.controllers()).extracting(StorageController::id, StorageController::type).containsExactly(
          tuple("scsi0", ControllerType.VIRTIO_SCSI), tuple("scsi1", ControllerType.VIRTIO_SCSI),
          tuple("sata0", ControllerType.SATA_AHCI));
      assertThat(vm.disks()).extracting(Disk::id, Disk::controllerId, Disk::unit)
          .containsExactly(tuple("sda", "scsi0", 1), tuple("sdb", "scsi1", 2));
      // The NICs are passed-through PCI devices (hostdev), and the USB controller is model='none'.
      assertThat(vm.nics()).isEmpty();
      assertThat(peripheralKinds(vm)).containsExactly(PeripheralKind.CDROM, PeripheralKind.SOUND);
      assertThat(vm.setting("features.hyperv.evmcs")).contains("off");
    });
    ok("BigAnteater__KVM-Laptop_win10.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.cpuMode()).isEqualTo(CpuMode.HOST_PASSTHROUGH);
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.vcpus()).isEqualTo(8);
      assertThat(vm.coresPerSocket()).isEqualTo(4);
      assertThat(vm.memoryMiB()).isEqualTo(8096);
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      assertThat(vm.secureBoot()).isFalse();
      assertThat(vm.nics()).containsExactly(Nic.builder().id("net0").type(NicType.E1000E).rawType("e1000e")
          .network("default").macAddress("52:54:00:f2:ca:e9").build());
      assertThat(controllerTypes(vm)).containsExactly(ControllerType.SATA_AHCI);
    });
    ok("stele95__AMD-Single-GPU_win11.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.name()).isEqualTo("win11-2");
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.settingEntry("cpu.feature.svm")).contains(Setting.of("cpu.feature.svm", "require", 100));
      assertThat(vm.vcpus()).isEqualTo(26);
      assertThat(vm.setting("vcpu.current")).contains("20");
      assertThat(vm.coresPerSocket()).isEqualTo(13);
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      // <loader secure='yes'> with no enrolled-keys statement.
      assertThat(vm.secureBoot()).isTrue();
      assertThat(nicTypes(vm)).containsExactly(NicType.VIRTIO);
    });
    ok("stele95__7900XTX-9950X3D-win10.xml", vms -> {
      VmConfiguration vm = one(vms);
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.lineOf("cpu.feature.svm")).isEqualTo(107);
      assertThat(vm.setting("cpu.feature.hypervisor")).contains("disable");
      assertThat(vm.vcpus()).isEqualTo(16);
      assertThat(vm.memoryMiB()).isEqualTo(40000);
      assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
      // Secure-Boot-capable firmware, but enrolled-keys='no': unsigned code boots, Secure Boot is not enforced.
      assertThat(vm.secureBoot()).isFalse();
      assertThat(vm.setting("os.firmware.feature.enrolled-keys")).contains("no");
    });
    // Two <domain> documents concatenated: not well-formed, the error points at the second root.
    fails("virt-manager__virt-install-kvm-win10.xml", Kind.SYNTAX, 86);
    fails("virt-manager__virt-install-win11.xml", Kind.SYNTAX, 101);
    fails("virt-manager__virt-install-win7-uefi.xml", Kind.SYNTAX, 112);
  }

  private static ExportReader readerFor(String file) {
    return file.endsWith(".ovf") ? new OvfReader() : new LibvirtReader();
  }

  @Test
  void everyCorpusXmlFileHasAnExpectation() throws Exception {
    List<String> files = CorpusSupport.xmlFiles(CorpusSupport.corpus());
    assertThat(files).as("files without an expectation in this test").isSubsetOf(EXPECTED.keySet());
    assertThat(EXPECTED.keySet()).as("expectations for files not in the corpus").isSubsetOf(files);
    assertThat(files).hasSize(EXPECTED.size());
  }

  @TestFactory
  Stream<DynamicTest> readsEveryCorpusFileAsExpected() {
    Path corpus = CorpusSupport.corpus();
    return EXPECTED.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Path file = corpus.resolve(e.getKey());
      Outcome expected = e.getValue();
      ExportReader reader = readerFor(e.getKey());
      byte[] all = Files.readAllBytes(file);
      byte[] head = Arrays.copyOf(all, Math.min(all.length, 8192));
      assertThat(reader.canRead(e.getKey(), head)).as("sniffed by " + reader.format()).isEqualTo(expected.sniffed());
      for (ExportReader other : CorpusSupport.READERS) {
        if (!other.format().equals(reader.format())) {
          assertThat(other.canRead(e.getKey(), head)).as("claimed by " + other.format()).isFalse();
        }
      }
      ExportSource source = ExportSource.of(file);
      if (expected.check() != null) {
        List<VmConfiguration> vms = reader.read(source);
        assertThat(vms).isNotEmpty();
        for (VmConfiguration vm : vms) {
          assertThat(vm.source()).isEqualTo(file.toString());
        }
        expected.check().check(vms);
      } else {
        ExportParseException x = catchThrowableOfType(ExportParseException.class, () -> reader.read(source));
        assertThat(x).as("expected %s at line %d", expected.kind(), expected.line()).isNotNull();
        assertThat(x.kind()).as(x.getMessage()).isEqualTo(expected.kind());
        assertThat(x.location().line()).as(x.getMessage()).isEqualTo(expected.line());
        assertThat(x.location().file()).isEqualTo(file.toString());
      }
    }));
  }
}
