package io.nestcheck.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.nestcheck.api.Setting;
import io.nestcheck.api.TriState;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.fix.FixApplier;
import io.nestcheck.core.internal.io.AtomicFileWriter;
import io.nestcheck.core.internal.ovf.OvfManifest;
import io.nestcheck.core.internal.ovf.OvfReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileFixer} on OVF descriptors: each action's exact edit on real corpus descriptors copied to a temporary
 * directory, read back as {@link FixApplier} predicts; VirtualSystemCollections; the manifest (SHA-1, SHA-256)
 * updated and verified; the signature warning; idempotence; failures that leave the package intact.
 */
class OvfFileFixerTest {
  static final Path CORPUS = Path.of(System.getProperty("nestcheck.corpus", "/work/shared/corpus"));
  /** VMware's ESXi-8 template: nestedHVEnabled, efi, vvtd/vbs false, VmxNet3, VirtualSCSI, vmx-20. */
  static final String ESX = "govmomi__esxvmovf-25262174.ovf";
  /** virt-v2v's OVA descriptor: vmx-08, 1 CPU, 2048 MB, lsilogicsas, E1000 (InstanceID 11), floppy 10, bios. */
  static final String V2V = "virt-v2v__test-i-ova.ovf";
  /** Three nested ESXi VMs in a VirtualSystemCollection. */
  static final String VSAN = "govmomi__Nested-ESXi-3-Node-VSAN-Template.ovf";

  @TempDir Path dir;

  /** Copies a corpus descriptor (skipping the test when the corpus is absent). */
  Path corpus(String name) throws IOException {
    Path source = CORPUS.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(source), source + " is missing");
    Path target = dir.resolve(name.substring(name.indexOf("__") + 2));
    Files.copy(source, target);
    return target;
  }

  Path resource(String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/ovfwrite/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }

  static List<VmConfiguration> read(Path file) throws Exception {
    return new OvfReader().read(ExportSource.of(file));
  }

  static VmConfiguration vm(Path file, String name) throws Exception {
    return read(file).stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  static FixPlan plan(String vm, FixAction... actions) {
    return FixPlan.builder().vmName(vm).source(vm + ".ovf").addActions(actions).build();
  }

  /** The removed and added lines of a unified diff, without the headers. */
  static List<String> changes(String diff) {
    return diff.lines().filter(l -> (l.startsWith("-") || l.startsWith("+")) && !l.startsWith("---")
        && !l.startsWith("+++")).collect(Collectors.toList());
  }

  static VmConfiguration typed(VmConfiguration v) {
    return v.withSettings(List.of())
        .withNics(v.nics().stream().map(x -> x.withRawType(Optional.empty())).collect(Collectors.toList()))
        .withControllers(v.controllers().stream().map(x -> x.withRawType(Optional.empty()))
            .collect(Collectors.toList()));
  }

  List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /**
   * Applies {@code actions} to the VM, checks that the file re-reads as FixApplier predicts for the applied actions
   * and that applying again changes nothing, and returns the outcome.
   */
  FixOutcome fix(Path file, String vmName, FixAction... actions) throws Exception {
    VmConfiguration before = vm(file, vmName);
    byte[] original = Files.readAllBytes(file);
    FixOutcome preview = new FileFixer().preview(file, plan(vmName, actions));
    assertThat(Files.readAllBytes(file)).isEqualTo(original);
    FixOutcome o = new FileFixer().apply(file, plan(vmName, actions), false);
    assertThat(o.diff()).isEqualTo(preview.diff());
    assertThat(o.format()).isEqualTo("ovf");
    assertThat(o.supported()).isTrue();
    VmConfiguration predicted = before;
    for (FixAction a : o.applied()) {
      predicted = FixApplier.apply(predicted, a);
    }
    assertThat(typed(vm(file, vmName))).isEqualTo(typed(predicted));
    byte[] fixed = Files.readAllBytes(file);
    FixOutcome again = new FileFixer().apply(file, plan(vmName, actions), false);
    assertThat(again.changed()).isFalse();
    assertThat(again.written()).isFalse();
    assertThat(Files.readAllBytes(file)).isEqualTo(fixed);
    if (o.written()) {
      assertThat(Files.readAllBytes(o.backup().orElseThrow())).isEqualTo(original);
    }
    return o;
  }

  // ------------------------------------------------------------------------------------------------ each action

  @Test
  void exposeNestedHvUpdatesTheConfigKey() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", ExposeNestedHv.enable());
    assertThat(changes(o.diff())).containsExactly(
        "-      <vmw:Config ovf:required=\"false\" vmw:key=\"nestedHVEnabled\" vmw:value=\"false\" />",
        "+      <vmw:Config ovf:required=\"false\" vmw:key=\"nestedHVEnabled\" vmw:value=\"true\" />");
    assertThat(vm(f, "TestOva").nestedHv()).isEqualTo(TriState.YES);
    assertThat(o.applied()).containsExactly(ExposeNestedHv.enable());
    assertThat(o.backup()).hasValue(dir.resolve("test-i-ova.ovf.bak").toRealPath());
  }

  @Test
  void exposeNestedHvAddsTheConfigKeyWithItsNamespaceAndKeepsCrlf() throws Exception {
    Path f = corpus("virt-v2v__test-i-ova-as-root.ovf");
    FixOutcome o = fix(f, "ova-test", ExposeNestedHv.enable());
    String added = "      <vmw:Config xmlns:vmw=\"http://www.vmware.com/schema/ovf\" ovf:required=\"false\""
        + " vmw:key=\"nestedHVEnabled\" vmw:value=\"true\"/>";
    assertThat(changes(o.diff())).containsExactly("+" + added);
    String text = Files.readString(f);
    assertThat(text).contains("      </Item>\r\n" + added + "\r\n    </VirtualHardwareSection>\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
  }

  @Test
  void exposeNestedHvUpdatesAPresentVhvEnableAndKeepsTheFileEncoding() throws Exception {
    Path f = resource("lab.ovf");
    byte[] original = Files.readAllBytes(f);
    FixOutcome o = fix(f, "esxi-lab", ExposeNestedHv.enable());
    assertThat(changes(o.diff())).containsExactly(
        "-\t\t\t<v:ExtraConfig v:value='FALSE' v:key='vhv.enable'/>  <!-- value before key -->",
        "+\t\t\t<v:Config ovf:required='false' v:key='nestedHVEnabled' v:value='true'/>",
        "+\t\t\t<v:ExtraConfig v:value='TRUE' v:key='vhv.enable'/>  <!-- value before key -->");
    byte[] fixed = Files.readAllBytes(f);
    // ISO-8859-1 bytes (the é of the comment) and the missing final newline are kept
    assertThat(new String(fixed, StandardCharsets.ISO_8859_1)).startsWith(
        new String(original, StandardCharsets.ISO_8859_1).substring(0, 600)).endsWith("</ovf:Envelope>");
    assertThat(fixed).contains((byte) 0xE9);
  }

  @Test
  void setCpuWritesTheQuantityTheNameAndCoresPerSocket() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", SetCpu.of(4, 2));
    assertThat(changes(o.diff())).containsExactly(
        "-        <rasd:ElementName>1 virtual CPU(s)</rasd:ElementName>",
        "+        <rasd:ElementName>4 virtual CPU(s)</rasd:ElementName>",
        "-        <rasd:VirtualQuantity>1</rasd:VirtualQuantity>",
        "+        <rasd:VirtualQuantity>4</rasd:VirtualQuantity>",
        "+        <vmw:CoresPerSocket ovf:required=\"false\">2</vmw:CoresPerSocket>");
    VmConfiguration v = vm(f, "TestOva");
    assertThat(v.vcpus()).isEqualTo(4);
    assertThat(v.coresPerSocket()).isEqualTo(2);
    // an existing CoresPerSocket is updated in place
    FixOutcome again = fix(f, "TestOva", SetCpu.of(8, 8));
    assertThat(changes(again.diff())).contains(
        "-        <vmw:CoresPerSocket ovf:required=\"false\">2</vmw:CoresPerSocket>",
        "+        <vmw:CoresPerSocket ovf:required=\"false\">8</vmw:CoresPerSocket>");
  }

  @Test
  void setMemoryWritesTheQuantityInTheItemsUnits() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", SetMemory.of(8192));
    assertThat(changes(o.diff())).containsExactly(
        "-        <rasd:ElementName>2048MB of memory</rasd:ElementName>",
        "+        <rasd:ElementName>8192MB of memory</rasd:ElementName>",
        "-        <rasd:VirtualQuantity>2048</rasd:VirtualQuantity>",
        "+        <rasd:VirtualQuantity>8192</rasd:VirtualQuantity>");

    Path lab = resource("lab.ovf");
    FixOutcome gib = fix(lab, "esxi-lab", SetMemory.of(8192));
    assertThat(changes(gib.diff())).containsExactly(
        "-\t\t\t\t<rasd:VirtualQuantity>4</rasd:VirtualQuantity>",
        "+\t\t\t\t<rasd:VirtualQuantity>8</rasd:VirtualQuantity>");
    assertThat(vm(lab, "esxi-lab").memoryMiB()).isEqualTo(8192);
    FixOutcome refused = fix(lab, "esxi-lab", SetMemory.of(6000));
    assertThat(refused.changed()).isFalse();
    assertThat(refused.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
        .isEqualTo("6000 MiB is not a whole number of the memory Item's units (byte * 2^30)"));
  }

  @Test
  void setMemoryReservationWritesTheReservationAndTheLock() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", SetMemoryReservation.of(0, true));
    assertThat(changes(o.diff())).containsExactly(
        "+        <rasd:Reservation>2048</rasd:Reservation>",
        "+      <vmw:Config ovf:required=\"false\" vmw:key=\"memoryReservationLockedToMax\" vmw:value=\"true\" />");
    assertThat(Files.readString(f)).contains("<rasd:InstanceID>2</rasd:InstanceID>\n"
        + "        <rasd:Reservation>2048</rasd:Reservation>\n        <rasd:ResourceType>4</rasd:ResourceType>");
    VmConfiguration v = vm(f, "TestOva");
    assertThat(v.memoryReservationMiB()).isEqualTo(2048);
    assertThat(v.memoryLockedToMax()).isTrue();
    // a locked reservation follows the memory
    FixOutcome more = fix(f, "TestOva", SetMemory.of(4096));
    assertThat(changes(more.diff())).contains("-        <rasd:Reservation>2048</rasd:Reservation>",
        "+        <rasd:Reservation>4096</rasd:Reservation>");
    assertThat(vm(f, "TestOva").memoryReservationMiB()).isEqualTo(4096);
    // unlocking keeps the key visible
    FixOutcome unlock = fix(f, "TestOva", SetMemoryReservation.of(1024, false));
    assertThat(changes(unlock.diff())).containsExactly(
        "-        <rasd:Reservation>4096</rasd:Reservation>",
        "+        <rasd:Reservation>1024</rasd:Reservation>",
        "-      <vmw:Config ovf:required=\"false\" vmw:key=\"memoryReservationLockedToMax\" vmw:value=\"true\" />",
        "+      <vmw:Config ovf:required=\"false\" vmw:key=\"memoryReservationLockedToMax\" vmw:value=\"false\" />");
  }

  @Test
  void replaceNicTypeWritesVmwareSpellings() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", ReplaceNicType.of("11", NicType.VMXNET3));
    assertThat(changes(o.diff())).containsExactly(
        "-        <rasd:Description>E1000 ethernet adapter on \"VM Network\"</rasd:Description>",
        "+        <rasd:Description>VmxNet3 ethernet adapter on \"VM Network\"</rasd:Description>",
        "-        <rasd:ResourceSubType>E1000</rasd:ResourceSubType>",
        "+        <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>");
    assertThat(vm(f, "TestOva").nics().get(0).type()).isEqualTo(NicType.VMXNET3);
    FixOutcome e1000e = fix(f, "TestOva", ReplaceNicType.of("11", NicType.E1000E));
    assertThat(changes(e1000e.diff())).contains("+        <rasd:ResourceSubType>E1000e</rasd:ResourceSubType>");

    Path lab = resource("lab.ovf");
    FixOutcome quoted = fix(lab, "esxi-lab", ReplaceNicType.of("4", NicType.VMXNET3));
    assertThat(changes(quoted.diff())).containsExactly(
        "-\t\t\t\t<rasd:Description>E1000 ethernet adapter on &quot;lab-net&quot;</rasd:Description>",
        "+\t\t\t\t<rasd:Description>VmxNet3 ethernet adapter on &quot;lab-net&quot;</rasd:Description>",
        "-\t\t\t\t<rasd:ResourceSubType>E1000</rasd:ResourceSubType>",
        "+\t\t\t\t<rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>");
    FixOutcome virtio = fix(lab, "esxi-lab", ReplaceNicType.of("4", NicType.VIRTIO),
        ReplaceNicType.of("99", NicType.E1000));
    assertThat(virtio.changed()).isFalse();
    assertThat(virtio.skipped()).extracting(FixOutcome.Skipped::reason).containsExactly(
        "virtio is not a NIC type VMware deploys from an OVF; an OVF can name E1000, E1000e, VmxNet3, VmxNet2, VmxNet"
            + " or PCNet32",
        "the VM has no network adapter Item with InstanceID 99");
  }

  @Test
  void replaceControllerTypeWritesScsiSubtypes() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", ReplaceControllerType.of("3", ControllerType.PVSCSI));
    assertThat(changes(o.diff())).containsExactly(
        "-        <rasd:ResourceSubType>lsilogicsas</rasd:ResourceSubType>",
        "+        <rasd:ResourceSubType>VirtualSCSI</rasd:ResourceSubType>");
    assertThat(vm(f, "TestOva").controllers().get(0).type()).isEqualTo(ControllerType.PVSCSI);
    FixOutcome back = fix(f, "TestOva", ReplaceControllerType.of("3", ControllerType.LSI_LOGIC_SAS));
    assertThat(changes(back.diff())).contains("+        <rasd:ResourceSubType>lsilogicsas</rasd:ResourceSubType>");
    FixOutcome refused = fix(f, "TestOva", ReplaceControllerType.of("3", ControllerType.NVME),
        ReplaceControllerType.of("4", ControllerType.PVSCSI));
    assertThat(refused.changed()).isFalse();
    assertThat(refused.skipped()).extracting(FixOutcome.Skipped::reason).containsExactly(
        "changing SCSI controller 3 to nvme means adding a nvme controller and moving its disks to it, which is not"
            + " automated for OVF descriptors; do it after deployment (the guest needs the driver first)",
        "only a SCSI controller's (ResourceType 6) type is a subtype in an OVF; changing 4 (ResourceType 5) to pvscsi"
            + " means replacing the controller and moving its disks, which is not automated");
  }

  @Test
  void setFirmwareWritesFirmwareAndSecureBoot() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", SetFirmware.of(Firmware.EFI, true));
    assertThat(changes(o.diff())).containsExactly(
        "-      <vmw:Config ovf:required=\"false\" vmw:key=\"firmware\" vmw:value=\"bios\" />",
        "+      <vmw:Config ovf:required=\"false\" vmw:key=\"firmware\" vmw:value=\"efi\" />",
        "+      <vmw:Config ovf:required=\"false\" vmw:key=\"bootOptions.efiSecureBootEnabled\" vmw:value=\"true\" />");
    VmConfiguration v = vm(f, "TestOva");
    assertThat(v.firmware()).isEqualTo(Firmware.EFI);
    assertThat(v.secureBoot()).isTrue();
    FixOutcome bios = fix(f, "TestOva", SetFirmware.of(Firmware.BIOS));
    assertThat(changes(bios.diff())).containsExactly(
        "-      <vmw:Config ovf:required=\"false\" vmw:key=\"firmware\" vmw:value=\"efi\" />",
        "+      <vmw:Config ovf:required=\"false\" vmw:key=\"firmware\" vmw:value=\"bios\" />");
  }

  @Test
  void setVmFlagWritesConfigFlagsAndTheVpmcExtraConfig() throws Exception {
    Path f = corpus(ESX);
    FixOutcome o = fix(f, "esxvm-sb-62272164-rZ0", SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true),
        SetVmFlag.of(SetVmFlag.Flag.VBS, true), SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_PMC, true));
    assertThat(changes(o.diff())).containsExactly(
        "-            <vmw:Config ovf:required=\"false\" vmw:key=\"flags.vvtdEnabled\" vmw:value=\"false\"/>",
        "-            <vmw:Config ovf:required=\"false\" vmw:key=\"flags.vbsEnabled\" vmw:value=\"false\"/>",
        "+            <vmw:Config ovf:required=\"false\" vmw:key=\"flags.vvtdEnabled\" vmw:value=\"true\"/>",
        "+            <vmw:Config ovf:required=\"false\" vmw:key=\"flags.vbsEnabled\" vmw:value=\"true\"/>",
        "+            <vmw:ExtraConfig ovf:required=\"false\" vmw:key=\"vpmc.enable\" vmw:value=\"TRUE\"/>");
    VmConfiguration v = vm(f, "esxvm-sb-62272164-rZ0");
    assertThat(v.virtualIommu()).isTrue();
    assertThat(v.vbs()).isTrue();
    assertThat(v.virtualPmc()).isTrue();
  }

  @Test
  void upgradeHardwareVersionWritesTheSystemTypeAndNeverDowngrades() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", UpgradeHardwareVersion.of(19));
    assertThat(changes(o.diff())).containsExactly(
        "-        <vssd:VirtualSystemType>vmx-08</vssd:VirtualSystemType>",
        "+        <vssd:VirtualSystemType>vmx-19</vssd:VirtualSystemType>");
    FixOutcome down = fix(f, "TestOva", UpgradeHardwareVersion.of(13));
    assertThat(down.changed()).isFalse();
    assertThat(down.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).isEqualTo(
        "the VM already has virtual hardware version 19, newer than 13; a hardware version is never downgraded"));
    Path lab = resource("lab.ovf");
    FixOutcome list = fix(lab, "esxi-lab", UpgradeHardwareVersion.of(9));
    assertThat(list.changed()).isFalse();
    FixOutcome newer = fix(lab, "esxi-lab", UpgradeHardwareVersion.of(21));
    assertThat(changes(newer.diff())).containsExactly(
        "-\t\t\t\t<vssd:VirtualSystemType>vmx-13 vmx-11</vssd:VirtualSystemType>",
        "+\t\t\t\t<vssd:VirtualSystemType>vmx-21</vssd:VirtualSystemType>");
  }

  @Test
  void setGuestOsWritesTheOsType() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", SetGuestOs.of(GuestOsId.of("vmkernel8")));
    assertThat(changes(o.diff())).containsExactly(
        "-    <OperatingSystemSection ovf:id=\"74\" vmw:osType=\"windows7_64Guest\">",
        "+    <OperatingSystemSection ovf:id=\"74\" vmw:osType=\"vmkernel8Guest\">");
    assertThat(vm(f, "TestOva").guestOs()).hasValue(GuestOsId.of("vmkernel8Guest"));
    Path noOsType = corpus("virt-v2v__test-i-ova-as-root.ovf");
    FixOutcome added = fix(noOsType, "ova-test", SetGuestOs.of(GuestOsId.of("vmkernel8Guest")));
    assertThat(changes(added.diff())).containsExactly("-    <OperatingSystemSection ovf:id=\"69\">",
        "+    <OperatingSystemSection ovf:id=\"69\" xmlns:vmw=\"http://www.vmware.com/schema/ovf\""
            + " vmw:osType=\"vmkernel8Guest\">");
  }

  @Test
  void removeDeviceRemovesTheItemsLines() throws Exception {
    Path f = corpus(V2V);
    FixOutcome o = fix(f, "TestOva", RemoveDevice.of("10", PeripheralKind.FLOPPY));
    assertThat(changes(o.diff())).containsExactly(
        "-      <Item ovf:required=\"false\">",
        "-        <rasd:AddressOnParent>0</rasd:AddressOnParent>",
        "-        <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>",
        "-        <rasd:Description>Floppy Drive</rasd:Description>",
        "-        <rasd:ElementName>Floppy 1</rasd:ElementName>",
        "-        <rasd:InstanceID>10</rasd:InstanceID>",
        "-        <rasd:ResourceSubType>vmware.floppy.remotedevice</rasd:ResourceSubType>",
        "-        <rasd:ResourceType>14</rasd:ResourceType>",
        "-      </Item>");
    assertThat(vm(f, "TestOva").peripherals()).extracting(p -> p.kind()).doesNotContain(PeripheralKind.FLOPPY);
    FixOutcome refused = fix(f, "TestOva", RemoveDevice.of("4", PeripheralKind.CDROM));
    assertThat(refused.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).isEqualTo(
        "the Item with InstanceID 4 (ResourceType 5) is not a peripheral; removing it is not automated"));
  }

  @Test
  void settingsAreSetAddedAndRemovedAsConfigOrExtraConfig() throws Exception {
    Path f = corpus(ESX);
    FixOutcome o = fix(f, "esxvm-sb-62272164-rZ0", SetSetting.of("tools.syncTimeWithHost", "TRUE"),
        SetSetting.of("disk.EnableUUID", "TRUE"), SetSetting.of("cpuHotAddEnabled", "TRUE"),
        RemoveSetting.of("svga.maxWidth"), SetSetting.of("memsize", "4096"));
    assertThat(changes(o.diff())).containsExactly(
        "-            <vmw:Config ovf:required=\"false\" vmw:key=\"cpuHotAddEnabled\" vmw:value=\"false\"/>",
        "+            <vmw:Config ovf:required=\"false\" vmw:key=\"cpuHotAddEnabled\" vmw:value=\"true\"/>",
        "-            <vmw:Config ovf:required=\"false\" vmw:key=\"tools.syncTimeWithHost\" vmw:value=\"false\"/>",
        "+            <vmw:Config ovf:required=\"false\" vmw:key=\"tools.syncTimeWithHost\" vmw:value=\"true\"/>",
        "-            <vmw:ExtraConfig ovf:required=\"false\" vmw:key=\"svga.maxWidth\" vmw:value=\"720\"/>",
        "+            <vmw:ExtraConfig ovf:required=\"false\" vmw:key=\"disk.EnableUUID\" vmw:value=\"TRUE\"/>");
    assertThat(o.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).startsWith(
        "an OVF descriptor states memsize in its hardware Items or sections, not as a setting"));
    VmConfiguration v = vm(f, "esxvm-sb-62272164-rZ0");
    assertThat(v.setting("disk.EnableUUID")).hasValue("TRUE");
    assertThat(v.setting("svga.maxWidth")).isEmpty();
    assertThat(v.settings()).extracting(Setting::key).doesNotHaveDuplicates();
    // a new vSphere configuration property is a Config, placed after the last Config
    FixOutcome config = fix(f, "esxvm-sb-62272164-rZ0", SetSetting.of("tools.afterSuspend", "FALSE"));
    assertThat(changes(config.diff())).containsExactly(
        "+            <vmw:Config ovf:required=\"false\" vmw:key=\"tools.afterSuspend\" vmw:value=\"false\"/>");
    assertThat(Files.readString(f)).contains("vmw:key=\"powerOpInfo.standbyAction\" vmw:value=\"checkpoint\"/>\n"
        + "            <vmw:Config ovf:required=\"false\" vmw:key=\"tools.afterSuspend\" vmw:value=\"false\"/>\n"
        + "            <vmw:ExtraConfig");
  }

  @Test
  void hostAndManualStepsAreSkippedWithReasons() throws Exception {
    Path f = corpus(ESX);
    SetPortGroupSecurity pg = SetPortGroupSecurity.builder().portGroup("pg").forgedTransmits(true).build();
    ManualStep step = ManualStep.of("Enable VT-x", "in the BIOS");
    FixPlan plan = FixPlan.builder().vmName("esxvm-sb-62272164-rZ0").source("x.ovf").addActions(pg, SetCpu.of(4, 4))
        .addManualSteps(step).build();
    FixOutcome o = new FileFixer().apply(f, plan, false);
    assertThat(o.applied()).containsExactly(SetCpu.of(4, 4));
    assertThat(o.skipped()).extracting(FixOutcome.Skipped::action).containsExactly(pg, step);
    assertThat(o.skipped().get(0).reason()).startsWith("applies to the port group on the host");
    assertThat(o.skipped().get(1).reason()).isEqualTo("a manual step: a person must do it");
    assertThat(o.written()).isTrue();
  }

  @Test
  void aFullPlanOnTheLabDescriptorGivesExactlyThisDiff() throws Exception {
    Path f = resource("lab.ovf");
    FixOutcome o = fix(f, "esxi-lab", UpgradeHardwareVersion.of(19), SetFirmware.of(Firmware.EFI, true),
        SetCpu.of(8, 4), SetMemory.of(16384), SetMemoryReservation.of(0, true), ExposeNestedHv.enable(),
        SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_PMC, true), SetGuestOs.of(GuestOsId.of("vmkernel8Guest")),
        ReplaceControllerType.of("3", ControllerType.PVSCSI), ReplaceNicType.of("4", NicType.VMXNET3),
        RemoveDevice.of("5", PeripheralKind.SOUND));
    String p = FileFixer.displayPath(f);
    assertThat(o.diff()).isEqualTo("--- a/" + p + "\n+++ b/" + p + "\n"
        + "@@ -4,7 +4,7 @@\n"
        + " \t<ovf:VirtualSystem ovf:id='lab'>\n"
        + " \t\t<ovf:Info>A lab VM</ovf:Info>\n"
        + " \t\t<ovf:Name>esxi-lab</ovf:Name>\n"
        + "-\t\t<ovf:OperatingSystemSection ovf:id='104' v:osType='vmkernel7Guest'>\n"
        + "+\t\t<ovf:OperatingSystemSection ovf:id='104' v:osType='vmkernel8Guest'>\n"
        + " \t\t\t<ovf:Info>ESXi</ovf:Info>\n"
        + " \t\t</ovf:OperatingSystemSection>\n"
        + " \t\t<ovf:VirtualHardwareSection>\n"
        + "@@ -12,42 +12,42 @@\n"
        + " \t\t\t<ovf:System>\n"
        + " \t\t\t\t<vssd:ElementName>Virtual Hardware Family</vssd:ElementName>\n"
        + " \t\t\t\t<vssd:InstanceID>0</vssd:InstanceID>\n"
        + "-\t\t\t\t<vssd:VirtualSystemType>vmx-13 vmx-11</vssd:VirtualSystemType>\n"
        + "+\t\t\t\t<vssd:VirtualSystemType>vmx-19</vssd:VirtualSystemType>\n"
        + " \t\t\t</ovf:System>\n"
        + " \t\t\t<ovf:Item>\n"
        + "-\t\t\t\t<rasd:ElementName>2 virtual CPU(s)</rasd:ElementName>\n"
        + "+\t\t\t\t<rasd:ElementName>8 virtual CPU(s)</rasd:ElementName>\n"
        + " \t\t\t\t<rasd:InstanceID>1</rasd:InstanceID>\n"
        + " \t\t\t\t<rasd:ResourceType>3</rasd:ResourceType>\n"
        + "-\t\t\t\t<rasd:VirtualQuantity>2</rasd:VirtualQuantity>\n"
        + "+\t\t\t\t<rasd:VirtualQuantity>8</rasd:VirtualQuantity>\n"
        + "+\t\t\t\t<v:CoresPerSocket ovf:required=\"false\">4</v:CoresPerSocket>\n"
        + " \t\t\t</ovf:Item>\n"
        + " \t\t\t<!-- memory in GiB -->\n"
        + " \t\t\t<ovf:Item>\n"
        + " \t\t\t\t<rasd:AllocationUnits>byte * 2^30</rasd:AllocationUnits>\n"
        + " \t\t\t\t<rasd:ElementName>4 GB of memory</rasd:ElementName>\n"
        + " \t\t\t\t<rasd:InstanceID>2</rasd:InstanceID>\n"
        + "+\t\t\t\t<rasd:Reservation>16</rasd:Reservation>\n"
        + " \t\t\t\t<rasd:ResourceType>4</rasd:ResourceType>\n"
        + "-\t\t\t\t<rasd:VirtualQuantity>4</rasd:VirtualQuantity>\n"
        + "+\t\t\t\t<rasd:VirtualQuantity>16</rasd:VirtualQuantity>\n"
        + " \t\t\t</ovf:Item>\n"
        + " \t\t\t<ovf:Item>\n"
        + " \t\t\t\t<rasd:InstanceID>3</rasd:InstanceID>\n"
        + "-\t\t\t\t<rasd:ResourceSubType>buslogic</rasd:ResourceSubType>\n"
        + "+\t\t\t\t<rasd:ResourceSubType>VirtualSCSI</rasd:ResourceSubType>\n"
        + " \t\t\t\t<rasd:ResourceType>6</rasd:ResourceType>\n"
        + " \t\t\t</ovf:Item>\n"
        + " \t\t\t<ovf:Item>\n"
        + " \t\t\t\t<rasd:Connection>lab-net</rasd:Connection>\n"
        + "-\t\t\t\t<rasd:Description>E1000 ethernet adapter on &quot;lab-net&quot;</rasd:Description>\n"
        + "+\t\t\t\t<rasd:Description>VmxNet3 ethernet adapter on &quot;lab-net&quot;</rasd:Description>\n"
        + " \t\t\t\t<rasd:InstanceID>4</rasd:InstanceID>\n"
        + "-\t\t\t\t<rasd:ResourceSubType>E1000</rasd:ResourceSubType>\n"
        + "+\t\t\t\t<rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>\n"
        + " \t\t\t\t<rasd:ResourceType>10</rasd:ResourceType>\n"
        + " \t\t\t</ovf:Item>\n"
        + "-\t\t\t<ovf:Item ovf:required='false'>\n"
        + "-\t\t\t\t<rasd:ElementName>sound</rasd:ElementName>\n"
        + "-\t\t\t\t<rasd:InstanceID>5</rasd:InstanceID>\n"
        + "-\t\t\t\t<rasd:ResourceType>35</rasd:ResourceType>\n"
        + "-\t\t\t</ovf:Item>\n"
        + "-\t\t\t<v:Config ovf:required='false' v:key='firmware' v:value='bios'/>\n"
        + "-\t\t\t<v:ExtraConfig v:value='FALSE' v:key='vhv.enable'/>  <!-- value before key -->\n"
        + "-\t\t\t<v:ExtraConfig v:key='vpmc.enable' v:value='false'/>\n"
        + "+\t\t\t<v:Config ovf:required='false' v:key='firmware' v:value='efi'/>\n"
        + "+\t\t\t<v:Config ovf:required='false' v:key='bootOptions.efiSecureBootEnabled' v:value='true'/>\n"
        + "+\t\t\t<v:Config ovf:required='false' v:key='memoryReservationLockedToMax' v:value='true'/>\n"
        + "+\t\t\t<v:Config ovf:required='false' v:key='nestedHVEnabled' v:value='true'/>\n"
        + "+\t\t\t<v:ExtraConfig v:value='TRUE' v:key='vhv.enable'/>  <!-- value before key -->\n"
        + "+\t\t\t<v:ExtraConfig v:key='vpmc.enable' v:value='true'/>\n"
        + " \t\t</ovf:VirtualHardwareSection>\n"
        + " \t</ovf:VirtualSystem>\n"
        + " </ovf:Envelope>\n");
    assertThat(o.skipped()).isEmpty();
    VmConfiguration v = vm(f, "esxi-lab");
    assertThat(v.memoryMiB()).isEqualTo(16384);
    assertThat(v.memoryReservationMiB()).isEqualTo(16384);
    assertThat(v.nestedHv()).isEqualTo(TriState.YES);
    assertThat(v.hardwareVersion()).hasValue(19);
  }

  // ------------------------------------------------------------------------------------------------ collections

  @Test
  void inACollectionOnlyThePlansVirtualSystemChanges() throws Exception {
    Path f = corpus(VSAN);
    String original = Files.readString(f);
    List<VmConfiguration> before = read(f);
    assertThat(before).extracting(VmConfiguration::name)
        .containsExactly("VSAN-Nested-ESXi-2", "VSAN-Nested-ESXi-3", "VSAN-Nested-ESXi-1");
    FixOutcome o = fix(f, "VSAN-Nested-ESXi-3", SetMemory.of(8192), SetCpu.of(4, 2));
    List<VmConfiguration> after = read(f);
    assertThat(after.get(0)).isEqualTo(before.get(0));
    assertThat(after.get(1).memoryMiB()).isEqualTo(8192);
    assertThat(after.get(1).vcpus()).isEqualTo(4);
    assertThat(after.get(2).memoryMiB()).isEqualTo(before.get(2).memoryMiB());
    assertThat(after.get(2).vcpus()).isEqualTo(before.get(2).vcpus());
    assertThat(after.get(2).withSettings(List.of())).isEqualTo(before.get(2).withSettings(List.of()));
    String text = Files.readString(f);
    int vs3 = original.indexOf("<VirtualSystem ovf:id=\"VSAN-Nested-ESXi-3\">");
    int vs1 = original.indexOf("<VirtualSystem ovf:id=\"VSAN-Nested-ESXi-1\">");
    assertThat(vs3).isPositive();
    assertThat(vs1).isGreaterThan(vs3);
    assertThat(text).startsWith(original.substring(0, vs3));
    assertThat(text).endsWith(original.substring(vs1));
    assertThat(changes(o.diff())).containsExactly(
        "-          <rasd:ElementName>2 virtual CPU(s)</rasd:ElementName>",
        "+          <rasd:ElementName>4 virtual CPU(s)</rasd:ElementName>",
        "-          <rasd:VirtualQuantity>2</rasd:VirtualQuantity>",
        "+          <rasd:VirtualQuantity>4</rasd:VirtualQuantity>",
        "+          <vmw:CoresPerSocket ovf:required=\"false\">2</vmw:CoresPerSocket>",
        "-          <rasd:ElementName>5120MB of memory</rasd:ElementName>",
        "+          <rasd:ElementName>8192MB of memory</rasd:ElementName>",
        "-          <rasd:VirtualQuantity>5120</rasd:VirtualQuantity>",
        "+          <rasd:VirtualQuantity>8192</rasd:VirtualQuantity>");

    FixPlan other = plan("VSAN-Nested-ESXi-9", SetMemory.of(8192));
    FileFixException e = catchThrowableOfType(FileFixException.class, () -> new FileFixer().apply(f, other, true));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.PLAN_MISMATCH);
    assertThat(e.reason()).isEqualTo("the plan is for VM \"VSAN-Nested-ESXi-9\" but the file holds VMs "
        + "\"VSAN-Nested-ESXi-2\", \"VSAN-Nested-ESXi-3\", \"VSAN-Nested-ESXi-1\"");
  }

  // ------------------------------------------------------------------------------------------------ manifest

  Path withManifest(String algorithm, String separator, String lineEnd) throws Exception {
    Path f = corpus(V2V);
    String disk = algorithm + "(test-i-ova.vmdk)" + separator
        + OvfManifest.digest(algorithm, "disk".getBytes(StandardCharsets.UTF_8)) + lineEnd;
    Files.writeString(dir.resolve("test-i-ova.mf"), algorithm + "(test-i-ova.ovf)" + separator
        + OvfManifest.digest(algorithm, Files.readAllBytes(f)) + lineEnd + disk);
    return f;
  }

  @Test
  void theSha256ManifestLineIsUpdatedWithTheDescriptor() throws Exception {
    Path f = withManifest("SHA256", "= ", "\n");
    Path mf = dir.resolve("test-i-ova.mf");
    String originalMf = Files.readString(mf);
    FixOutcome o = fix(f, "TestOva", ExposeNestedHv.enable());
    String digest = OvfManifest.digest("SHA256", Files.readAllBytes(f));
    List<String> lines = Files.readAllLines(mf);
    assertThat(lines.get(0)).isEqualTo("SHA256(test-i-ova.ovf)= " + digest);
    assertThat(lines.get(1)).isEqualTo(originalMf.lines().skip(1).findFirst().orElseThrow());
    assertThat(o.alsoChanged()).containsExactly(mf);
    assertThat(o.warnings()).isEmpty();
    String mfPath = FileFixer.displayPath(mf);
    assertThat(o.diff()).contains("--- a/" + mfPath + "\n+++ b/" + mfPath + "\n@@ -1,2 +1,2 @@\n"
        + "-" + originalMf.lines().findFirst().orElseThrow() + "\n+SHA256(test-i-ova.ovf)= " + digest + "\n");
    assertThat(Files.readString(dir.resolve("test-i-ova.mf.bak"))).isEqualTo(originalMf);
    assertThat(siblings()).containsExactly("test-i-ova.mf", "test-i-ova.mf.bak", "test-i-ova.ovf",
        "test-i-ova.ovf.bak");
  }

  @Test
  void theSha1ManifestLineIsUpdatedKeepingItsSpacingAndLineEndings() throws Exception {
    Path f = withManifest("SHA1", " = ", "\r\n");
    Path mf = dir.resolve("test-i-ova.mf");
    String originalMf = Files.readString(mf);
    fix(f, "TestOva", SetMemory.of(4096));
    String digest = OvfManifest.digest("SHA1", Files.readAllBytes(f));
    assertThat(Files.readString(mf)).isEqualTo("SHA1(test-i-ova.ovf) = " + digest + "\r\n"
        + originalMf.substring(originalMf.indexOf("\r\n") + 2));
  }

  @Test
  void aSignatureBesideTheManifestGetsAWarning() throws Exception {
    Path f = withManifest("SHA256", "= ", "\n");
    Files.writeString(dir.resolve("test-i-ova.cert"), "-----BEGIN CERTIFICATE-----\n");
    FixOutcome preview = new FileFixer().preview(f, plan("TestOva", ExposeNestedHv.enable()));
    assertThat(preview.warnings()).containsExactly(
        "the signature in test-i-ova.cert no longer matches; re-sign the package");
    FixOutcome o = new FileFixer().apply(f, plan("TestOva", ExposeNestedHv.enable()), false);
    assertThat(o.warnings()).containsExactly("the signature in test-i-ova.cert no longer matches; re-sign the package");
    assertThat(Files.readString(dir.resolve("test-i-ova.cert"))).isEqualTo("-----BEGIN CERTIFICATE-----\n");
  }

  @Test
  void aStaleManifestIsUpdatedWithAWarningAndOneThatDoesNotListTheDescriptorIsLeftAlone() throws Exception {
    Path f = corpus(V2V);
    Path mf = dir.resolve("test-i-ova.mf");
    Files.writeString(mf, "SHA256(test-i-ova.ovf)= 00\n");
    FixOutcome o = new FileFixer().apply(f, plan("TestOva", ExposeNestedHv.enable()), false);
    assertThat(o.warnings()).containsExactly("the digest of test-i-ova.ovf in test-i-ova.mf did not match the file"
        + " before the fix; it now matches the fixed file");
    assertThat(Files.readString(mf)).isEqualTo("SHA256(test-i-ova.ovf)= "
        + OvfManifest.digest("SHA256", Files.readAllBytes(f)) + "\n");

    Files.writeString(mf, "SHA256(other.ovf)= 00\n");
    FixOutcome unlisted = new FileFixer().apply(f, plan("TestOva", SetCpu.of(2, 1)), false);
    assertThat(unlisted.written()).isTrue();
    assertThat(unlisted.alsoChanged()).isEmpty();
    assertThat(Files.readString(mf)).isEqualTo("SHA256(other.ovf)= 00\n");
  }

  // ------------------------------------------------------------------------------------------------ failures

  @Test
  void aFailedManifestRenameRestoresTheDescriptor() throws Exception {
    Path f = withManifest("SHA256", "= ", "\n");
    Path mf = dir.resolve("test-i-ova.mf");
    byte[] ovf = Files.readAllBytes(f);
    byte[] manifest = Files.readAllBytes(mf);
    AtomicInteger renames = new AtomicInteger();
    AtomicFileWriter.FileOps crashing = new DelegatingOps() {
      @Override
      public void atomicReplace(Path source, Path target) throws IOException {
        if (renames.incrementAndGet() == 2) {
          throw new IOException("simulated crash before the manifest rename");
        }
        super.atomicReplace(source, target);
      }
    };
    FileFixer fixer = new FileFixer(FileFixer.BUILT_IN, null, crashing);
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> fixer.apply(f, plan("TestOva", ExposeNestedHv.enable()), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.WRITE_FAILED);
    assertThat(e.reason()).contains("the original and its manifest are unchanged").contains("simulated crash");
    assertThat(Files.readAllBytes(f)).isEqualTo(ovf);
    assertThat(Files.readAllBytes(mf)).isEqualTo(manifest);
    // no temporary file is left; complete backups may stay
    assertThat(siblings()).allMatch(n -> !n.startsWith("."));
  }

  @Test
  void aFailureWhileWritingLeavesNothingBehind() throws Exception {
    Path f = withManifest("SHA256", "= ", "\n");
    byte[] ovf = Files.readAllBytes(f);
    AtomicFileWriter.FileOps crashing = new DelegatingOps() {
      @Override
      public void createAndForce(Path path, byte[] content) throws IOException {
        Files.write(path, java.util.Arrays.copyOf(content, content.length / 2));
        throw new IOException("disk full");
      }
    };
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer(FileFixer.BUILT_IN, null, crashing).apply(f, plan("TestOva", SetMemory.of(4096)), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.WRITE_FAILED);
    assertThat(Files.readAllBytes(f)).isEqualTo(ovf);
    assertThat(siblings()).containsExactly("test-i-ova.mf", "test-i-ova.ovf");
  }

  @Test
  void aDescriptorWithoutManifestFailingToWriteIsUnchanged() throws Exception {
    Path f = corpus(V2V);
    byte[] ovf = Files.readAllBytes(f);
    AtomicFileWriter.FileOps crashing = new DelegatingOps() {
      @Override
      public void atomicReplace(Path source, Path target) throws IOException {
        throw new IOException("simulated crash before the rename");
      }
    };
    FileFixException e = catchThrowableOfType(FileFixException.class, () -> new FileFixer(FileFixer.BUILT_IN, null,
        crashing).apply(f, plan("TestOva", ExposeNestedHv.enable()), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.WRITE_FAILED);
    assertThat(Files.readAllBytes(f)).isEqualTo(ovf);
    assertThat(siblings()).allMatch(n -> n.equals("test-i-ova.ovf") || n.equals("test-i-ova.ovf.bak"));
  }

  @Test
  void aRunningVmIsRefusedUnlessForcedAndAnUnreadableDescriptorIsTyped() throws Exception {
    Path f = corpus(V2V);
    Files.createDirectory(dir.resolve("test-i-ova.vmdk.lck"));
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer().apply(f, plan("TestOva", ExposeNestedHv.enable()), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.VM_RUNNING);
    assertThat(new FileFixer().apply(f, plan("TestOva", ExposeNestedHv.enable()), true).written()).isTrue();

    Path broken = dir.resolve("broken.ovf");
    Files.writeString(broken, "<?xml version=\"1.0\"?>\n<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"/>\n");
    FileFixException invalid = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer().preview(broken, plan("x", ExposeNestedHv.enable())));
    assertThat(invalid.kind()).isEqualTo(FileFixException.Kind.INVALID_FILE);
    assertThat(invalid.reason()).startsWith("cannot read it as ovf: ");
  }

  /** Delegates every step to the real file system. */
  static class DelegatingOps implements AtomicFileWriter.FileOps {
    @Override
    public void createAndForce(Path path, byte[] content) throws IOException {
      AtomicFileWriter.SYSTEM.createAndForce(path, content);
    }

    @Override
    public void copyAndForce(Path source, Path target) throws IOException {
      AtomicFileWriter.SYSTEM.copyAndForce(source, target);
    }

    @Override
    public void publishNoReplace(Path existing, Path link) throws IOException {
      AtomicFileWriter.SYSTEM.publishNoReplace(existing, link);
    }

    @Override
    public void atomicReplace(Path source, Path target) throws IOException {
      AtomicFileWriter.SYSTEM.atomicReplace(source, target);
    }

    @Override
    public void deleteIfExists(Path path) throws IOException {
      AtomicFileWriter.SYSTEM.deleteIfExists(path);
    }

    @Override
    public void syncDirectory(Path d) {
      AtomicFileWriter.SYSTEM.syncDirectory(d);
    }
  }

  static List<String> list(String... s) {
    return new ArrayList<>(List.of(s));
  }
}
