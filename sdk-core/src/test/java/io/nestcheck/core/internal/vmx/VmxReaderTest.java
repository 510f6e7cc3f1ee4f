package io.nestcheck.core.internal.vmx;

import static io.nestcheck.core.internal.vmx.VmxRead.read;
import static io.nestcheck.core.internal.vmx.VmxRead.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.InlineSuppression;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test (or a few) per mapping rule of {@link VmxReader}. */
class VmxReaderTest {

  @Test
  void formatIsVmx() {
    assertThat(new VmxReader().format()).isEqualTo("vmx");
  }

  @Nested
  class Identity {
    @Test
    void nameIsDisplayNameElseTheFileNameWithoutExtension() {
      assertThat(read("displayName = \"lab-01\"\n").name()).isEqualTo("lab-01");
      assertThat(read("memsize = \"4\"\n".getBytes(), "fleet/dir.x/esxi 8.vmx").name()).isEqualTo("esxi 8");
      assertThat(read("displayName = \"  \"\n".getBytes(), "C:\\vms\\win10.vmx").name()).isEqualTo("win10");
      assertThat(read("memsize = \"4\"\n".getBytes(), "noext").name()).isEqualTo("noext");
    }

    @Test
    void sourceIsTheInputNameAndUuidIsUuidBios() {
      VmConfiguration vm = read("uuid.bios = \"56 4d 1a 2b-3c\"\n".getBytes(), "fleet/a.vmx");
      assertThat(vm.source()).isEqualTo("fleet/a.vmx");
      assertThat(vm.uuid()).hasValue("56 4d 1a 2b-3c");
      assertThat(read("memsize = \"4\"\n").uuid()).isEmpty();
    }

    @Test
    void hardwareVersionAndGuestOs() {
      VmConfiguration vm = read("virtualHW.version = \"20\"\nguestOS = \"vmkernel8\"\n");
      assertThat(vm.hardwareVersion()).hasValue(20);
      assertThat(vm.guestOs()).hasValue(GuestOsId.of("vmkernel8Guest"));
      VmConfiguration bare = read("memsize = \"4\"\n");
      assertThat(bare.hardwareVersion()).isEmpty();
      assertThat(bare.guestOs()).isEmpty();
      assertThat(read("guestOS = \"someNewOs-64\"\n").guestOs().orElseThrow().recognized()).isFalse();
    }
  }

  @Nested
  class Firmwares {
    @ParameterizedTest
    @CsvSource({"efi, EFI", "EFI, EFI", "bios, BIOS", "BIOS, BIOS"})
    void firmwareValues(String value, Firmware expected) {
      assertThat(read("firmware = \"" + value + "\"\n").firmware()).isEqualTo(expected);
    }

    @Test
    void absentFirmwareIsBiosAndSecureBootDefaultsOff() {
      VmConfiguration vm = read("memsize = \"4\"\n");
      assertThat(vm.firmware()).isEqualTo(Firmware.BIOS);
      assertThat(vm.secureBoot()).isFalse();
      assertThat(read("firmware = \"efi\"\nuefi.secureBoot.enabled = \"TRUE\"\n").secureBoot()).isTrue();
    }
  }

  @Nested
  class CpuAndMemory {
    @Test
    void defaultsWhenAbsent() {
      VmConfiguration vm = read("displayName = \"x\"\n");
      assertThat(vm.vcpus()).isEqualTo(1);
      assertThat(vm.coresPerSocket()).isEqualTo(1);
      assertThat(vm.memoryMiB()).isEqualTo(32);
      assertThat(vm.memoryReservationMiB()).isZero();
      assertThat(vm.memoryLockedToMax()).isFalse();
    }

    @Test
    void coresThatDoNotDivideTheVcpusAreKeptAsAFact() {
      VmConfiguration vm = read("numvcpus = \"6\"\ncpuid.coresPerSocket = \"4\"\n");
      assertThat(vm.vcpus()).isEqualTo(6);
      assertThat(vm.coresPerSocket()).isEqualTo(4);
    }

    @Test
    void memSizeInAnyCaseAndTheFirstOccurrenceWins() {
      assertThat(read("memSize = \"2048\"\n").memoryMiB()).isEqualTo(2048);
      assertThat(read("MEMSIZE = \"1024\"\nmemsize = \"4096\"\n").memoryMiB()).isEqualTo(1024);
    }

    @Test
    void reservationFromSchedMemMinElseMinSize() {
      assertThat(read("sched.mem.min = \"2048\"\nsched.mem.minSize = \"1024\"\n").memoryReservationMiB())
          .isEqualTo(2048);
      assertThat(read("sched.mem.minSize = \"1024\"\n").memoryReservationMiB()).isEqualTo(1024);
      assertThat(read("sched.mem.pin = \"TRUE\"\n").memoryLockedToMax()).isTrue();
    }
  }

  @Nested
  class Flags {
    @Test
    void vhvEnable() {
      assertThat(read("vhv.enable = \"TRUE\"\n").nestedHv()).isEqualTo(TriState.YES);
      assertThat(read("vhv.enable = \"false\"\n").nestedHv()).isEqualTo(TriState.NO);
    }

    @Test
    void absentVhvEnableIsUnknownWithoutASettingLine() {
      VmConfiguration vm = read("displayName = \"x\"\n");
      assertThat(vm.nestedHv()).isEqualTo(TriState.UNKNOWN);
      assertThat(vm.lineOf("vhv.enable")).isZero();
    }

    @Test
    void duplicateVhvEnableFirstWins() {
      VmConfiguration vm = read("vhv.enable = \"TRUE\"\nvhv.enable = \"FALSE\"\n");
      assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
      assertThat(vm.settings()).extracting(Setting::value).containsExactly("TRUE", "FALSE");
    }

    @Test
    void vhvFallsBackToNestedHvEnabled() {
      assertThat(read("nestedHVEnabled = \"true\"\n").nestedHv()).isEqualTo(TriState.YES);
    }

    @Test
    void iommuPmcAndVbs() {
      VmConfiguration vm = read("vvtd.enable = \"TRUE\"\nvpmc.enable = \"TRUE\"\nvbs.enable = \"TRUE\"\n");
      assertThat(vm.virtualIommu()).isTrue();
      assertThat(vm.virtualPmc()).isTrue();
      assertThat(vm.vbs()).isTrue();
      VmConfiguration none = read("displayName = \"x\"\n");
      assertThat(none.virtualIommu()).isFalse();
      assertThat(none.virtualPmc()).isFalse();
      assertThat(none.vbs()).isFalse();
      assertThat(read("flags.vbsEnabled = \"true\"\n").vbs()).isTrue();
    }

    @Test
    void booleanSpellings() {
      assertThat(read("vhv.enable = \"yes\"\n").nestedHv()).isEqualTo(TriState.YES);
      assertThat(read("vhv.enable = \"0\"\n").nestedHv()).isEqualTo(TriState.NO);
      assertThat(read("vhv.enable = TRUE\n").nestedHv()).isEqualTo(TriState.YES);
    }
  }

  @Nested
  class Cpuid {
    @Test
    void masksAreReadWithoutSeparatorsAndBadOnesStaySettings() {
      VmConfiguration vm = read(new String(resource("nested-esxi-full.vmx")));
      assertThat(vm.cpuidMasks()).containsExactly(
          CpuidMask.of(1, CpuidMask.Register.ECX, "--------------------------0-----"),
          CpuidMask.of(0x80000001L, CpuidMask.Register.ECX, "--------------------------------"));
      assertThat(vm.cpuidMasks().get(0).bitChar(5)).isEqualTo('0');
      assertThat(vm.setting("cpuid.0x7.ebx")).hasValue("too-short");
    }

    @Test
    void hexLeafWithPrefixAndUpperCaseRegister() {
      VmConfiguration vm = read("cpuid.0x80000001.EDX = \"11111111111111111111111111111111\"\n");
      assertThat(vm.cpuidMasks()).containsExactly(
          CpuidMask.of(0x80000001L, CpuidMask.Register.EDX, "11111111111111111111111111111111"));
    }
  }

  @Nested
  class Devices {
    private final VmConfiguration full = read(new String(resource("nested-esxi-full.vmx")));

    @Test
    void controllersInOrderOfTheirPresentLine() {
      assertThat(full.controllers()).containsExactly(
          StorageController.builder().id("scsi0").type(ControllerType.PVSCSI).rawType("pvscsi").build(),
          StorageController.builder().id("scsi1").type(ControllerType.OTHER).rawType("megaraid").busNumber(1).build(),
          StorageController.builder().id("scsi2").type(ControllerType.UNSPECIFIED).busNumber(2).build(),
          StorageController.builder().id("nvme0").type(ControllerType.NVME).build(),
          StorageController.builder().id("sata0").type(ControllerType.SATA_AHCI).build(),
          StorageController.builder().id("ide0").type(ControllerType.IDE).build());
    }

    @ParameterizedTest
    @CsvSource({"lsilogic, LSI_LOGIC", "LSISAS1068, LSI_LOGIC_SAS", "pvscsi, PVSCSI", "BusLogic, BUSLOGIC",
        "lsilogic-sas, OTHER"})
    void scsiVirtualDev(String raw, ControllerType expected) {
      VmConfiguration vm = read("scsi0.present = \"TRUE\"\nscsi0.virtualDev = \"" + raw + "\"\n");
      assertThat(vm.controllers()).containsExactly(
          StorageController.builder().id("scsi0").type(expected).rawType(raw).build());
    }

    @Test
    void absentOrFalsePresentMeansNoController() {
      assertThat(read("scsi0.virtualDev = \"pvscsi\"\n").controllers()).isEmpty();
      assertThat(read("scsi0.present = \"FALSE\"\nscsi0.virtualDev = \"pvscsi\"\n").controllers()).isEmpty();
    }

    @Test
    void disksOnPresentControllersOnly() {
      assertThat(full.disks()).containsExactly(
          Disk.builder().id("scsi0:0").controllerId("scsi0").unit(0).fileName("esxi8-lab-07.vmdk").build(),
          Disk.builder().id("nvme0:0").controllerId("nvme0").unit(0).fileName("datastore.vmdk").build(),
          Disk.builder().id("ide0:0").controllerId("ide0").unit(0).fileName("legacy.vmdk").build());
      assertThat(full.disks()).allSatisfy(d -> assertThat(d.capacityMiB()).isEmpty());
    }

    @Test
    void diskWithoutDeviceTypeAndUnitNumber() {
      VmConfiguration vm = read("sata0.present = \"TRUE\"\nsata0:3.present = \"TRUE\"\nsata0:3.fileName = \"d.vmdk\"\n");
      assertThat(vm.disks()).containsExactly(
          Disk.builder().id("sata0:3").controllerId("sata0").unit(3).fileName("d.vmdk").build());
    }

    @Test
    void anIdeCdromAloneMakesNoIdeController() {
      VmConfiguration vm = read("ide1:0.present = \"TRUE\"\nide1:0.deviceType = \"cdrom-raw\"\n");
      assertThat(vm.controllers()).isEmpty();
      assertThat(vm.peripherals()).containsExactly(Peripheral.of("ide1:0", PeripheralKind.CDROM));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cdrom-image | x.iso | true", "atapi-cdrom | | true", "CDROM-RAW | auto detect | true",
        "scsi-passthru | /vmfs/devices/cdrom/mpx.vmhba0:C0:T0:L0 | true", "scsi-passthru | /dev/sg1 | false",
        " | installer.ISO | true", " | emptyBackingString | true", "scsi-hardDisk | disk.iso | false",
        " | disk.vmdk | false", "disk | | false", "plainDisk | a.pln | false", "rawDisk | r.vmdk | false"})
    void cdromOrDisk(String deviceType, String fileName, boolean cdrom) {
      StringBuilder text = new StringBuilder("scsi0.present = \"TRUE\"\nscsi0:0.present = \"TRUE\"\n");
      if (deviceType != null) {
        text.append("scsi0:0.deviceType = \"").append(deviceType).append("\"\n");
      }
      if (fileName != null) {
        text.append("scsi0:0.fileName = \"").append(fileName).append("\"\n");
      }
      VmConfiguration vm = read(text.toString());
      if (cdrom) {
        assertThat(vm.peripherals()).containsExactly(Peripheral.of("scsi0:0", PeripheralKind.CDROM));
        assertThat(vm.disks()).isEmpty();
      } else {
        assertThat(vm.disks()).extracting(Disk::id).containsExactly("scsi0:0");
        assertThat(vm.peripherals()).isEmpty();
      }
    }

    @Test
    void nics() {
      assertThat(full.nics()).containsExactly(
          Nic.builder().id("ethernet0").type(NicType.VMXNET3).rawType("vmxnet3").network("Nested Trunk")
              .macAddress("00:0c:29:ab:cd:ef").addressType(MacAddressType.GENERATED).build(),
          Nic.builder().id("ethernet1").type(NicType.VMXNET2).rawType("vmxnet")
              .macAddress("00:50:56:3f:00:01").addressType(MacAddressType.STATIC).build(),
          Nic.builder().id("ethernet2").type(NicType.UNSPECIFIED)
              .macAddress("00:50:56:80:11:22").addressType(MacAddressType.ASSIGNED).build(),
          Nic.builder().id("ethernet4").type(NicType.OTHER).rawType("vmxnet2")
              .addressType(MacAddressType.GENERATED).build());
    }

    @ParameterizedTest
    @CsvSource({"e1000, E1000", "E1000E, E1000E", "vmxnet3, VMXNET3", "vmxnet, VMXNET", "vlance, VLANCE",
        "virtio, OTHER"})
    void nicVirtualDev(String raw, NicType expected) {
      assertThat(read("ethernet0.present = \"TRUE\"\nethernet0.virtualDev = \"" + raw + "\"\n").nics())
          .extracting(Nic::type).containsExactly(expected);
    }

    @Test
    void peripheralsInOrderIncludingCdroms() {
      assertThat(full.peripherals()).containsExactly(
          Peripheral.of("sata0:0", PeripheralKind.CDROM),
          Peripheral.of("ide1:0", PeripheralKind.CDROM),
          Peripheral.of("sound", PeripheralKind.SOUND),
          Peripheral.of("usb", PeripheralKind.USB),
          Peripheral.of("ehci", PeripheralKind.USB),
          Peripheral.of("floppy0", PeripheralKind.FLOPPY),
          Peripheral.of("serial0", PeripheralKind.SERIAL));
    }

    @Test
    void absentFloppyIsNotPresent() {
      assertThat(read("displayName = \"x\"\n").peripherals()).isEmpty();
      assertThat(read("floppy0.present = \"FALSE\"\nparallel1.present = \"TRUE\"\nusb_xhci.present = \"TRUE\"\n")
          .peripherals()).containsExactly(Peripheral.of("parallel1", PeripheralKind.PARALLEL),
              Peripheral.of("usb_xhci", PeripheralKind.USB));
    }
  }

  @Nested
  class SettingsAndSuppressions {
    @Test
    void everyEntryInFileOrderWithDuplicatesAndLines() {
      VmConfiguration vm = read("# c\nA.b = \"1\"\n\na.B = \"2\"\nx = \"|22q|22\"\n");
      assertThat(vm.settings()).containsExactly(
          Setting.of("A.b", "1", 2), Setting.of("a.B", "2", 4), Setting.of("x", "\"q\"", 5));
    }

    @Test
    void fullFileSuppression() {
      VmConfiguration vm = read(new String(resource("nested-esxi-full.vmx")));
      assertThat(vm.inlineSuppressions()).containsExactly(InlineSuppression.builder()
          .addRuleIds("NV-HYG-001", "NV-HYG-002").reason("lab VM, devices kept for the demos")
          .expires(LocalDate.of(2027, 1, 31)).line(24).build());
    }

    @Test
    void trailingCommentsSpacedIdsAndCase() {
      VmConfiguration vm = read("sound.present = \"TRUE\"  # NESTCHECK:IGNORE nv-hyg-001, NV-HYG-002 ,NV-X-003 "
          + "training videos\n#nestcheck:ignore NV-CPU-001 why not\n# nestcheck:ignored NV-A-001 no\n");
      assertThat(vm.inlineSuppressions()).containsExactly(
          InlineSuppression.builder().addRuleIds("NV-HYG-001", "NV-HYG-002", "NV-X-003").reason("training videos")
              .line(1).build(),
          InlineSuppression.builder().addRuleIds("NV-CPU-001").reason("why not").line(2).build());
    }

    @Test
    void untilInTheMiddleIsPartOfTheReason() {
      VmConfiguration vm = read("# nestcheck:ignore NV-A-001 kept until=2020-01-01 for now\nx = \"1\"\n");
      assertThat(vm.inlineSuppressions().get(0).reason()).isEqualTo("kept until=2020-01-01 for now");
      assertThat(vm.inlineSuppressions().get(0).expires()).isEmpty();
    }
  }

  @Test
  void fullResourceScalars() {
    VmConfiguration vm = read(new String(resource("nested-esxi-full.vmx")));
    assertThat(vm.name()).isEqualTo("esxi8-lab-07");
    assertThat(vm.hardwareVersion()).hasValue(20);
    assertThat(vm.guestOs()).hasValue(GuestOsId.of("vmkernel8"));
    assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
    assertThat(vm.secureBoot()).isTrue();
    assertThat(vm.vcpus()).isEqualTo(6);
    assertThat(vm.coresPerSocket()).isEqualTo(4);
    assertThat(vm.memoryMiB()).isEqualTo(12288);
    assertThat(vm.memoryReservationMiB()).isEqualTo(12288);
    assertThat(vm.memoryLockedToMax()).isTrue();
    assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
    assertThat(vm.virtualIommu()).isTrue();
    assertThat(vm.virtualPmc()).isTrue();
    assertThat(vm.vbs()).isFalse();
    assertThat(vm.settings()).hasSize(71);
    assertThat(vm.lineOf("vhv.enable")).isEqualTo(16);
  }

  @Test
  void missingFinalNewlineAndCrlf() {
    VmConfiguration vm = read(resource("no-final-newline.vmx"), "no-final-newline.vmx");
    assertThat(vm.memoryMiB()).isEqualTo(4096);
    assertThat(vm.nics()).extracting(Nic::id).containsExactly("ethernet0");
    assertThat(vm.settings().stream().map(Setting::line).collect(Collectors.toList())).isEqualTo(List.of(1, 2, 3));
  }
}
