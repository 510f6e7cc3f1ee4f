package io.nestcheck.core.internal.vmx;

import static io.nestcheck.core.internal.vmx.Vmx.parse;
import static io.nestcheck.core.internal.vmx.Vmx.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestOsId;
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
import io.nestcheck.api.UpgradeHardwareVersion;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One test per {@link FixAction} type written by {@link VmxFixWriter}, plus the skip reasons. */
class VmxFixWriterTest {
  private static final String BASE = "displayName = \"vm\"\n"
      + "virtualHW.version = \"14\"\n"
      + "memsize = \"4096\"\n"
      + "scsi0.present = \"TRUE\"\n"
      + "scsi0.virtualDev = \"buslogic\"\n"
      + "sata0.present = \"TRUE\"\n"
      + "ethernet0.present = \"TRUE\"\n"
      + "ethernet0.virtualDev = \"vmxnet3\"\n";

  private static VmxFixWriter.Result write(String text, FixAction... actions) {
    return VmxFixWriter.write(parse(text), List.of(actions));
  }

  private static String after(String text, FixAction... actions) {
    VmxFixWriter.Result r = write(text, actions);
    assertThat(r.skipped()).as("skipped").isEmpty();
    assertThat(r.applied()).containsExactly(actions);
    return utf8(r.bytes());
  }

  private static String skipReason(String text, FixAction action) {
    VmxFixWriter.Result r = write(text, action);
    assertThat(r.applied()).isEmpty();
    assertThat(r.skipped()).extracting(VmxFixWriter.Skipped::action).containsExactly(action);
    assertThat(r.bytes()).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(r.changed()).isFalse();
    return r.skipped().get(0).reason();
  }

  @Test
  void exposeNestedHvSetsOrAddsVhvEnable() {
    assertThat(after(BASE, ExposeNestedHv.enable())).isEqualTo(BASE + "vhv.enable = \"TRUE\"\n");
    assertThat(after("vhv.enable = \"FALSE\" # off\nVHV.ENABLE = \"x\"\n", ExposeNestedHv.enable()))
        .isEqualTo("vhv.enable = \"TRUE\" # off\n");
    assertThat(after("nestedHVEnabled = \"false\"\n", ExposeNestedHv.builder().enabled(false).build()))
        .isEqualTo("nestedHVEnabled = \"false\"\nvhv.enable = \"FALSE\"\n");
    assertThat(after("nestedHVEnabled = \"false\"\n", ExposeNestedHv.enable()))
        .isEqualTo("nestedHVEnabled = \"true\"\nvhv.enable = \"TRUE\"\n");
  }

  @Test
  void setCpu() {
    assertThat(after("numvcpus = \"1\"\n", SetCpu.of(4, 2)))
        .isEqualTo("numvcpus = \"4\"\ncpuid.coresPerSocket = \"2\"\n");
  }

  @Test
  void setMemoryAndALockedReservationFollows() {
    assertThat(after(BASE, SetMemory.of(8192))).isEqualTo(BASE.replace("4096", "8192"));
    assertThat(after("memsize = \"4096\"\nsched.mem.min = \"4096\"\nsched.mem.pin = \"TRUE\"\n", SetMemory.of(8192)))
        .isEqualTo("memsize = \"8192\"\nsched.mem.min = \"8192\"\nsched.mem.pin = \"TRUE\"\n");
  }

  @Test
  void setMemoryReservation() {
    assertThat(after("memsize = \"4096\"\n", SetMemoryReservation.of(0, true)))
        .isEqualTo("memsize = \"4096\"\nsched.mem.min = \"4096\"\nsched.mem.pin = \"TRUE\"\n");
    assertThat(after("memsize = \"4096\"\nsched.mem.minSize = \"1\"\nsched.mem.pin = \"TRUE\"\n",
        SetMemoryReservation.of(2048, false)))
        .isEqualTo("memsize = \"4096\"\nsched.mem.minSize = \"2048\"\nsched.mem.pin = \"FALSE\"\n"
            + "sched.mem.min = \"2048\"\n");
    assertThat(after("memsize = \"4096\"\n", SetMemoryReservation.of(1024, false)))
        .isEqualTo("memsize = \"4096\"\nsched.mem.min = \"1024\"\n");
  }

  @Test
  void setMemoryReservationLockedUsesTheMemoryEditedBefore() {
    assertThat(after("memsize = \"4096\"\n", SetMemory.of(8192), SetMemoryReservation.of(1, true)))
        .isEqualTo("memsize = \"8192\"\nsched.mem.min = \"8192\"\nsched.mem.pin = \"TRUE\"\n");
    assertThat(after("displayName = \"x\"\n", SetMemoryReservation.of(1, true)))
        .isEqualTo("displayName = \"x\"\nsched.mem.min = \"32\"\nsched.mem.pin = \"TRUE\"\n");
  }

  @Test
  void replaceNicType() {
    assertThat(after(BASE, ReplaceNicType.of("ethernet0", NicType.E1000)))
        .isEqualTo(BASE.replace("\"vmxnet3\"", "\"e1000\""));
    assertThat(after(BASE, ReplaceNicType.of("ethernet0", NicType.VMXNET2)))
        .isEqualTo(BASE.replace("\"vmxnet3\"", "\"vmxnet\"") + "ethernet0.features = \"15\"\n");
    assertThat(after("ethernet0.present = \"TRUE\"\nethernet0.virtualDev = \"vmxnet\"\nethernet0.features = \"15\"\n",
        ReplaceNicType.of("ethernet0", NicType.VMXNET)))
        .isEqualTo("ethernet0.present = \"TRUE\"\nethernet0.virtualDev = \"vmxnet\"\n");
    assertThat(after("Ethernet1.Present = \"TRUE\"\n", ReplaceNicType.of("ethernet1", NicType.VLANCE)))
        .isEqualTo("Ethernet1.Present = \"TRUE\"\nethernet1.virtualDev = \"vlance\"\n");
  }

  @Test
  void replaceNicTypeSkips() {
    assertThat(skipReason(BASE, ReplaceNicType.of("ethernet0", NicType.VIRTIO)))
        .contains("virtio is not a VMware NIC type");
    assertThat(skipReason(BASE, ReplaceNicType.of("ethernet1", NicType.E1000)))
        .isEqualTo("the file has no NIC ethernet1 (no ethernet1.present = \"TRUE\")");
    assertThat(skipReason(BASE, ReplaceNicType.of("4000", NicType.E1000))).contains("no NIC 4000");
  }

  @ParameterizedTest
  @EnumSource(value = ControllerType.class, names = {"LSI_LOGIC", "LSI_LOGIC_SAS", "PVSCSI", "BUSLOGIC"})
  void replaceScsiControllerType(ControllerType to) {
    String expected = VmxDevices.scsiVirtualDev(to).orElseThrow();
    assertThat(after(BASE, ReplaceControllerType.of("scsi0", to)))
        .isEqualTo(BASE.replace("\"buslogic\"", "\"" + expected + "\""));
    assertThat(VmxDevices.scsiType(expected)).isEqualTo(to);
  }

  @Test
  void controllerChangesAKeyCannotExpressAreSkipped() {
    assertThat(skipReason(BASE, ReplaceControllerType.of("scsi0", ControllerType.NVME)))
        .contains("changing scsi0 to nvme means adding a nvme controller and moving every scsi0:N disk");
    assertThat(skipReason(BASE, ReplaceControllerType.of("scsi0", ControllerType.SATA_AHCI)))
        .contains("not automated for .vmx files");
    assertThat(skipReason(BASE, ReplaceControllerType.of("sata0", ControllerType.PVSCSI)))
        .contains("only SCSI controllers (scsiN) have a type key");
    assertThat(skipReason(BASE, ReplaceControllerType.of("scsi1", ControllerType.PVSCSI)))
        .isEqualTo("the file has no controller scsi1 (no scsi1.present = \"TRUE\")");
  }

  @Test
  void setFirmware() {
    assertThat(after(BASE, SetFirmware.of(Firmware.EFI, true)))
        .isEqualTo(BASE + "firmware = \"efi\"\nuefi.secureBoot.enabled = \"TRUE\"\n");
    assertThat(after("firmware = \"efi\"\nuefi.secureBoot.enabled = \"TRUE\"\n", SetFirmware.of(Firmware.BIOS, false)))
        .isEqualTo("uefi.secureBoot.enabled = \"FALSE\"\n");
    assertThat(after("firmware = \"efi\"\n", SetFirmware.of(Firmware.BIOS))).isEmpty();
  }

  @Test
  void setVmFlags() {
    assertThat(after(BASE, SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true),
        SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_PMC, true)))
        .isEqualTo(BASE + "vvtd.enable = \"TRUE\"\nvpmc.enable = \"TRUE\"\n");
    assertThat(after("vbs.enable = \"FALSE\"\n", SetVmFlag.of(SetVmFlag.Flag.VBS, true)))
        .isEqualTo("vbs.enable = \"TRUE\"\n");
    assertThat(skipReason(BASE, SetVmFlag.of(SetVmFlag.Flag.VBS, true)))
        .contains("no public source names the .vmx key for virtualization-based security");
  }

  @Test
  void upgradeHardwareVersionNeverDowngrades() {
    assertThat(after(BASE, UpgradeHardwareVersion.of(20))).isEqualTo(BASE.replace("\"14\"", "\"20\""));
    assertThat(after(BASE, UpgradeHardwareVersion.of(14))).isEqualTo(BASE);
    assertThat(skipReason(BASE, UpgradeHardwareVersion.of(13))).contains("never downgraded");
    assertThat(after("memsize = \"4\"\n", UpgradeHardwareVersion.of(9)))
        .isEqualTo("memsize = \"4\"\nvirtualHW.version = \"9\"\n");
  }

  @Test
  void setGuestOsWritesTheVmxForm() {
    assertThat(after("guestOS = \"other-64\"\n", SetGuestOs.of(GuestOsId.of("vmkernel8Guest"))))
        .isEqualTo("guestOS = \"vmkernel8\"\n");
  }

  @Test
  void removeDevice() {
    assertThat(after("sound.present = \"TRUE\"\nsound.virtualDev = \"hdaudio\"\n",
        RemoveDevice.of("sound", PeripheralKind.SOUND)))
        .isEqualTo("sound.present = \"FALSE\"\nsound.virtualDev = \"hdaudio\"\n");
    assertThat(after("x = \"1\"\n", RemoveDevice.of("floppy0", PeripheralKind.FLOPPY)))
        .isEqualTo("x = \"1\"\nfloppy0.present = \"FALSE\"\n");
    assertThat(skipReason("x = \"1\"\n", RemoveDevice.of("7 sound", PeripheralKind.SOUND)))
        .contains("is not a .vmx device id");
  }

  @Test
  void setAndRemoveSettings() {
    assertThat(after("a = \"1\"\nb = \"2\"\n", SetSetting.of("hypervisor.cpuid.v0", "FALSE"), RemoveSetting.of("A")))
        .isEqualTo("b = \"2\"\nhypervisor.cpuid.v0 = \"FALSE\"\n");
    assertThat(skipReason("a = \"1\"\n", SetSetting.of("bad key", "x"))).contains("invalid .vmx key");
    assertThat(skipReason("a = \"1\"\n", RemoveSetting.of("bad key"))).contains("invalid .vmx key");
    assertThat(skipReason(".encoding = \"UTF-8\"\n", SetSetting.of(".encoding", "GBK")))
        .contains("re-encoding");
  }

  @Test
  void aValueTheCharsetCannotEncodeIsSkipped() {
    Charset cp1252 = Charset.forName("windows-1252");
    VmxDocument doc = parse(".encoding = \"windows-1252\"\na = \"é\"\n", cp1252);
    VmxFixWriter.Result r = VmxFixWriter.write(doc, List.of(SetSetting.of("annotation", "中文")));
    assertThat(r.skipped()).singleElement().extracting(VmxFixWriter.Skipped::reason).asString()
        .contains("U+4E2D").contains("windows-1252");
    assertThat(r.changed()).isFalse();
  }

  @Test
  void hostAndManualActionsAreSkipped() {
    SetPortGroupSecurity pg = SetPortGroupSecurity.builder().portGroup("Nested Trunk").allowPromiscuous(true).build();
    assertThat(skipReason(BASE, pg)).startsWith("applies to the port group on the host");
    assertThat(skipReason(BASE, ManualStep.of("Enable VT-x", "in the BIOS"))).contains("manual step");
  }

  @Test
  void planManualStepsAreListedOnceAfterTheActions() {
    ManualStep step = ManualStep.of("Enable VT-x", "in the BIOS");
    FixPlan plan = FixPlan.builder().vmName("vm").source("test.vmx")
        .addActions(ExposeNestedHv.enable(), step).addManualSteps(step, ManualStep.of("Inject a driver", "..."))
        .build();
    VmxFixWriter.Result r = VmxFixWriter.write(parse(BASE), plan);
    assertThat(r.applied()).containsExactly(ExposeNestedHv.enable());
    assertThat(r.skipped()).extracting(s -> ((ManualStep) s.action()).title())
        .containsExactly("Enable VT-x", "Inject a driver");
  }

  @Test
  void laterActionsSeeEarlierEdits() {
    assertThat(after("memsize = \"4096\"\n", SetMemoryReservation.of(0, true), SetMemory.of(8192)))
        .isEqualTo("memsize = \"8192\"\nsched.mem.min = \"8192\"\nsched.mem.pin = \"TRUE\"\n");
  }

  @Test
  void keepsCrlfCommentsAndTheMissingFinalNewline() {
    String crlf = "# head\r\nmemsize = \"4096\"  # trailing\r\nguestOS = \"other\"";
    assertThat(after(crlf, SetMemory.of(8192), ExposeNestedHv.enable()))
        .isEqualTo("# head\r\nmemsize = \"8192\"  # trailing\r\nguestOS = \"other\"\r\nvhv.enable = \"TRUE\"\r\n");
  }

  @Test
  void nothingToDoGivesTheSameBytes() {
    VmxFixWriter.Result r = write(BASE);
    assertThat(r.bytes()).isEqualTo(BASE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(r.changed()).isFalse();
    VmxFixWriter.Result satisfied = write(BASE, SetMemory.of(4096));
    assertThat(satisfied.changed()).isFalse();
    assertThat(satisfied.applied()).containsExactly(SetMemory.of(4096));
  }
}
