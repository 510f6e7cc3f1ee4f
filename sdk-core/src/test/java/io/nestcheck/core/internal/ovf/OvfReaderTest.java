package io.nestcheck.core.internal.ovf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuidMask;
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
import io.nestcheck.api.spi.ExportSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OvfReaderTest {
  private static final String NS = "xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\""
      + " xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\""
      + " xmlns:rasd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData\""
      + " xmlns:vssd=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData\""
      + " xmlns:vmw=\"http://www.vmware.com/schema/ovf\"";
  private static final String MEMORY = "<Item><rasd:InstanceID>90</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType>"
      + "<rasd:VirtualQuantity>2048</rasd:VirtualQuantity></Item>";

  private final OvfReader reader = new OvfReader();

  private static byte[] resource(String path) throws Exception {
    try (InputStream in = OvfReaderTest.class.getResourceAsStream("/readers/" + path)) {
      return in.readAllBytes();
    }
  }

  private List<VmConfiguration> read(String xml) throws ExportParseException {
    return reader.read(ExportSource.of("test.ovf", xml.getBytes(StandardCharsets.UTF_8)));
  }

  private ExportParseException error(String xml) {
    return catchThrowableOfType(ExportParseException.class, () -> read(xml));
  }

  /** One VirtualSystem with the given VirtualHardwareSection content (the memory Item is added). */
  private static String vm(String hardware) {
    return "<?xml version=\"1.0\"?>\n<Envelope " + NS + ">\n<VirtualSystem ovf:id=\"vm1\">\n<VirtualHardwareSection>\n"
        + MEMORY + "\n" + hardware + "\n</VirtualHardwareSection>\n</VirtualSystem>\n</Envelope>\n";
  }

  @Test
  void formatAndSniffing() throws Exception {
    assertThat(reader.format()).isEqualTo("ovf");
    assertThat(reader.canRead("x.ovf", resource("ovf/nested-esxi-full.ovf"))).isTrue();
    assertThat(reader.canRead("x.ovf", ("<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/2\">")
        .getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(reader.canRead("x.ovf", "<Envelope xmlns=\"urn:other\"/>".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(reader.canRead("x.ovf", "<Envelope/>".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(reader.canRead("x.ovf", "<domain type='kvm'/>".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(reader.canRead("x.ovf", "config.version = \"8\"".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(reader.canRead("x.ovf", new byte[0])).isFalse();
  }

  @Test
  void mapsAFullNestedEsxiDescriptor() throws Exception {
    List<VmConfiguration> vms = reader.read(ExportSource.of("lab/full.ovf", resource("ovf/nested-esxi-full.ovf")));
    assertThat(vms).hasSize(1);
    VmConfiguration vm = vms.get(0);
    assertThat(vm.name()).isEqualTo("esxi8-nested-full");
    assertThat(vm.source()).isEqualTo("lab/full.ovf");
    assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(20));
    assertThat(vm.guestOs()).contains(GuestOsId.of("vmkernel8Guest"));
    assertThat(vm.vcpus()).isEqualTo(8);
    assertThat(vm.coresPerSocket()).isEqualTo(4);
    assertThat(vm.memoryMiB()).isEqualTo(24 * 1024);
    assertThat(vm.memoryReservationMiB()).isEqualTo(16 * 1024);
    assertThat(vm.memoryLockedToMax()).isTrue();
    // nestedHVEnabled (vmw:Config, the API key) wins over vhv.enable = FALSE in ExtraConfig.
    assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
    assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
    assertThat(vm.secureBoot()).isTrue();
    assertThat(vm.virtualIommu()).isTrue();
    assertThat(vm.vbs()).isFalse();
    assertThat(vm.virtualPmc()).isTrue();
    assertThat(vm.cpuidMasks()).containsExactly(
        CpuidMask.of(1, CpuidMask.Register.ECX, "--------------------------1-----"));

    assertThat(vm.controllers()).containsExactly(
        StorageController.builder().id("3").type(ControllerType.PVSCSI).rawType("VirtualSCSI").build(),
        StorageController.builder().id("4").type(ControllerType.NVME).rawType("vmware.nvme.controller").build(),
        StorageController.builder().id("5").type(ControllerType.SATA_AHCI).rawType("vmware.sata.ahci").build());
    assertThat(vm.disks()).containsExactly(
        Disk.builder().id("6").controllerId("3").unit(0).capacityMiB(32 * 1024).fileName("esxi-os.vmdk").build(),
        Disk.builder().id("7").controllerId("4").unit(0).capacityMiB(40 * 1024).build(),
        Disk.builder().id("8").controllerId("4").unit(1).build());
    assertThat(vm.disks().get(2).capacityMiB()).isEqualTo(OptionalLong.empty());
    assertThat(vm.nics()).containsExactly(
        Nic.builder().id("10").type(NicType.VMXNET3).rawType("VmxNet3").network("Trunk-PG").build(),
        Nic.builder().id("11").type(NicType.E1000E).rawType("e1000e").network("Mgmt")
            .macAddress("00:50:56:aa:00:02").addressType(MacAddressType.STATIC).build(),
        Nic.of("12", NicType.UNSPECIFIED));
    assertThat(vm.peripherals()).containsExactly(
        Peripheral.of("9", PeripheralKind.CDROM),
        Peripheral.of("13", PeripheralKind.USB),
        Peripheral.of("14", PeripheralKind.SOUND),
        Peripheral.of("15", PeripheralKind.SERIAL),
        Peripheral.of("16", PeripheralKind.FLOPPY));

    assertThat(vm.settings()).extracting(Setting::key).containsExactly(
        "firmware", "nestedHVEnabled", "bootOptions.efiSecureBootEnabled", "flags.vvtdEnabled", "flags.vbsEnabled",
        "memoryReservationLockedToMax", "vhv.enable", "disk.EnableUUID", "vpmc.enable", "cpuid.1.ecx",
        "cpuAllocation.shares.level");
    assertThat(vm.settingEntry("nestedHVEnabled")).contains(Setting.of("nestedHVEnabled", "true", 132));
    assertThat(vm.lineOf("disk.EnableUUID")).isEqualTo(138);
    assertThat(vm.lineOf("cpuAllocation.shares.level")).isEqualTo(141);
    assertThat(vm.setting("vhv.enable")).contains("FALSE");
  }

  @Test
  void extraConfigAloneDrivesTheFlagsAndUnstatedMeansUnknown() throws Exception {
    VmConfiguration on = read(vm("<vmw:ExtraConfig vmw:key=\"vhv.enable\" vmw:value=\"TRUE\"/>"
        + "<vmw:ExtraConfig vmw:key=\"vvtd.enable\" vmw:value=\"TRUE\"/>"
        + "<vmw:ExtraConfig vmw:key=\"sched.mem.pin\" vmw:value=\"TRUE\"/>"
        + "<vmw:ExtraConfig vmw:key=\"firmware\" vmw:value=\"efi\"/>"
        + "<vmw:ExtraConfig vmw:key=\"uefi.secureBoot.enabled\" vmw:value=\"TRUE\"/>"
        + "<vmw:ExtraConfig vmw:key=\"cpuid.coresPerSocket\" vmw:value=\"2\"/>")).get(0);
    assertThat(on.nestedHv()).isEqualTo(TriState.YES);
    assertThat(on.virtualIommu()).isTrue();
    assertThat(on.memoryLockedToMax()).isTrue();
    assertThat(on.firmware()).isEqualTo(Firmware.EFI);
    assertThat(on.secureBoot()).isTrue();
    assertThat(on.coresPerSocket()).isEqualTo(2);

    VmConfiguration off = read(vm("<vmw:Config vmw:key=\"nestedHVEnabled\" vmw:value=\"false\"/>")).get(0);
    assertThat(off.nestedHv()).isEqualTo(TriState.NO);

    VmConfiguration unknown = read(vm("")).get(0);
    assertThat(unknown.nestedHv()).isEqualTo(TriState.UNKNOWN);
    assertThat(unknown.firmware()).isEqualTo(Firmware.BIOS);
    assertThat(unknown.vcpus()).isEqualTo(1);
    assertThat(unknown.hardwareVersion()).isEmpty();
    assertThat(unknown.guestOs()).isEmpty();
    assertThat(unknown.name()).isEqualTo("vm1");
  }

  @Test
  void memoryUnits() throws Exception {
    String[][] cases = {
      {"byte * 2^20", "8192", "8192"},
      {"MegaBytes", "512", "512"},
      {"byte * 2^30", "16", "16384"},
      {"GigaBytes", "4", "4096"},
      {"KB", "1048576", "1024"},
      {"byte", "2147483648", "2048"},
      {"", "1024", "1024"},
    };
    for (String[] c : cases) {
      String units = c[0].isEmpty() ? "" : "<rasd:AllocationUnits>" + c[0] + "</rasd:AllocationUnits>";
      String xml = "<Envelope " + NS + "><VirtualSystem ovf:id=\"m\"><VirtualHardwareSection><Item>" + units
          + "<rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>"
          + c[1] + "</rasd:VirtualQuantity></Item></VirtualHardwareSection></VirtualSystem></Envelope>";
      assertThat(read(xml).get(0).memoryMiB()).as(c[0]).isEqualTo(Long.parseLong(c[2]));
    }
  }

  @Test
  void malformedValuesAreInvalidValueWithTheirLine() {
    String bad = vm("<Item>\n<rasd:InstanceID>1</rasd:InstanceID>\n<rasd:ResourceType>3</rasd:ResourceType>\n"
        + "<rasd:VirtualQuantity>lots</rasd:VirtualQuantity>\n</Item>");
    ExportParseException e = error(bad);
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.location().line()).isEqualTo(9);
    assertThat(e.reason()).contains("lots");

    assertThat(error(vm("<Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType>"
        + "<rasd:VirtualQuantity>0</rasd:VirtualQuantity></Item>")).kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(vm("<Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>three</rasd:ResourceType></Item>"))
        .kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(vm("<Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>6</rasd:ResourceType>"
        + "<rasd:Address>-1</rasd:Address></Item>")).kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(vm("<Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>17</rasd:ResourceType>"
        + "<rasd:Parent>3</rasd:Parent><rasd:AddressOnParent>x</rasd:AddressOnParent></Item>")).kind())
        .isEqualTo(Kind.INVALID_VALUE);

    ExportParseException boolError = error(vm("\n<vmw:Config vmw:key=\"nestedHVEnabled\" vmw:value=\"maybe\"/>"));
    assertThat(boolError.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(boolError.location().line()).isEqualTo(7);
    assertThat(boolError.reason()).contains("nestedHVEnabled").contains("maybe");

    assertThat(error(vm("<vmw:Config vmw:key=\"firmware\" vmw:value=\"uefi\"/>")).kind())
        .isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(vm("<vmw:ExtraConfig vmw:key=\"cpuid.1.ecx\" vmw:value=\"garbage\"/>")).kind())
        .isEqualTo(Kind.INVALID_VALUE);

    String badUnits = "<Envelope " + NS + ">\n<VirtualSystem ovf:id=\"m\">\n<VirtualHardwareSection>\n<Item>\n"
        + "<rasd:AllocationUnits>furlongs</rasd:AllocationUnits>\n<rasd:InstanceID>1</rasd:InstanceID>\n"
        + "<rasd:ResourceType>4</rasd:ResourceType>\n<rasd:VirtualQuantity>1</rasd:VirtualQuantity>\n</Item>\n"
        + "</VirtualHardwareSection>\n</VirtualSystem>\n</Envelope>";
    ExportParseException u = error(badUnits);
    assertThat(u.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(u.location().line()).isEqualTo(5);

    String hugeMemory = "<Envelope " + NS + "><VirtualSystem ovf:id=\"m\"><VirtualHardwareSection><Item>"
        + "<rasd:AllocationUnits>byte * 2^40</rasd:AllocationUnits><rasd:InstanceID>1</rasd:InstanceID>"
        + "<rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>99999999999999999999</rasd:VirtualQuantity>"
        + "</Item></VirtualHardwareSection></VirtualSystem></Envelope>";
    assertThat(error(hugeMemory).kind()).isEqualTo(Kind.INVALID_VALUE);
  }

  @Test
  void diskCapacityProblems() {
    String head = "<Envelope " + NS + ">\n<DiskSection>\n";
    String tail = "</DiskSection>\n<VirtualSystem ovf:id=\"m\">\n<VirtualHardwareSection>\n" + MEMORY + "\n"
        + "<Item><rasd:HostResource>ovf:/disk/d1</rasd:HostResource><rasd:InstanceID>6</rasd:InstanceID>"
        + "<rasd:Parent>3</rasd:Parent><rasd:ResourceType>17</rasd:ResourceType></Item>\n"
        + "</VirtualHardwareSection>\n</VirtualSystem>\n</Envelope>";
    ExportParseException badCap = error(head + "<Disk ovf:diskId=\"d1\" ovf:capacity=\"big\"/>\n" + tail);
    assertThat(badCap.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(badCap.location().line()).isEqualTo(3);
    ExportParseException missing = error(head + "<Disk ovf:diskId=\"other\" ovf:capacity=\"1\"/>\n" + tail);
    assertThat(missing.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(missing.reason()).contains("d1");
  }

  @Test
  void duplicateInstanceIdsAndMissingIdsAreInvalid() {
    ExportParseException dup = error(vm("<Item><rasd:InstanceID>90</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType>"
        + "<rasd:VirtualQuantity>1</rasd:VirtualQuantity></Item>"));
    assertThat(dup.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(dup.reason()).contains("90");
    assertThat(error(vm("<Item><rasd:ResourceType>3</rasd:ResourceType></Item>")).kind())
        .isEqualTo(Kind.INVALID_VALUE);
    String noId = "<Envelope " + NS + ">\n<VirtualSystem>\n<VirtualHardwareSection>" + MEMORY
        + "</VirtualHardwareSection>\n</VirtualSystem>\n</Envelope>";
    ExportParseException e = error(noId);
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.location().line()).isEqualTo(2);
  }

  @Test
  void noMemoryIsInvalidValue() {
    String xml = "<Envelope " + NS + ">\n<VirtualSystem ovf:id=\"m\">\n<VirtualHardwareSection>\n"
        + "</VirtualHardwareSection>\n</VirtualSystem>\n</Envelope>";
    ExportParseException e = error(xml);
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.location().line()).isEqualTo(3);
    assertThat(e.reason()).contains("no memory");
    String noHardware = "<Envelope " + NS + ">\n<VirtualSystem ovf:id=\"m\">\n</VirtualSystem>\n</Envelope>";
    assertThat(error(noHardware).kind()).isEqualTo(Kind.INVALID_VALUE);
  }

  @Test
  void noVirtualSystemOrNotAnEnvelopeIsUnsupported() {
    ExportParseException e = error("<Envelope " + NS + ">\n<References/>\n</Envelope>");
    assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
    assertThat(error("<domain type='kvm'><name>x</name></domain>").kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
    assertThat(error("<Envelope xmlns='http://www.vmware.com/schema/ovf/1/envelope'/>").kind())
        .isEqualTo(Kind.UNSUPPORTED_FORMAT);
  }

  @Test
  void collectionsNestedInDocumentOrder() throws Exception {
    String sys = "<VirtualSystem ovf:id=\"%s\"><Name>%s</Name><VirtualHardwareSection>" + MEMORY
        + "</VirtualHardwareSection></VirtualSystem>";
    String xml = "<Envelope " + NS + "><VirtualSystemCollection ovf:id=\"outer\">"
        + String.format(sys, "a", "alpha")
        + "<VirtualSystemCollection ovf:id=\"inner\">" + String.format(sys, "b", "beta")
        + String.format(sys, "c", "") + "</VirtualSystemCollection>"
        + String.format(sys, "d", "delta") + "</VirtualSystemCollection></Envelope>";
    assertThat(read(xml)).extracting(VmConfiguration::name).containsExactly("alpha", "beta", "c", "delta");
  }

  @Test
  void deploymentOptionsPickTheDefaultOrTheFirst() throws Exception {
    String items = "<Item ovf:configuration=\"small\"><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3"
        + "</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>"
        + "<Item ovf:configuration=\"large xlarge\"><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3"
        + "</rasd:ResourceType><rasd:VirtualQuantity>16</rasd:VirtualQuantity></Item>"
        + "<Item configuration=\"small\"><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType>"
        + "<rasd:VirtualQuantity>4096</rasd:VirtualQuantity></Item>"
        + "<Item configuration=\"large xlarge\"><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4"
        + "</rasd:ResourceType><rasd:VirtualQuantity>65536</rasd:VirtualQuantity></Item>";
    String withDefault = "<Envelope " + NS + "><DeploymentOptionSection><Configuration ovf:id=\"small\"/>"
        + "<Configuration ovf:id=\"large\" ovf:default=\"true\"/></DeploymentOptionSection>"
        + "<VirtualSystem ovf:id=\"m\"><VirtualHardwareSection>" + items + "</VirtualHardwareSection>"
        + "</VirtualSystem></Envelope>";
    VmConfiguration large = read(withDefault).get(0);
    assertThat(large.vcpus()).isEqualTo(16);
    assertThat(large.memoryMiB()).isEqualTo(65536);
    VmConfiguration small = read(withDefault.replace(" ovf:default=\"true\"", "")).get(0);
    assertThat(small.vcpus()).isEqualTo(2);
    assertThat(small.memoryMiB()).isEqualTo(4096);
  }

  @Test
  void ovf2StorageAndEthernetPortItems() throws Exception {
    String xml = "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/2\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/2\""
        + " xmlns:rasd=\"urn:rasd\" xmlns:sasd=\"urn:sasd\" xmlns:epasd=\"urn:epasd\">"
        + "<VirtualSystem ovf:id=\"two\"><VirtualHardwareSection>"
        + "<Item><rasd:AllocationUnits>byte*2^30</rasd:AllocationUnits><rasd:InstanceID>2</rasd:InstanceID>"
        + "<rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>"
        + "<EthernetPortItem><epasd:Address>00-16-8B-DB-00-5E</epasd:Address><epasd:Connection>net</epasd:Connection>"
        + "<epasd:InstanceID>3</epasd:InstanceID><epasd:ResourceSubType>E1000</epasd:ResourceSubType>"
        + "<epasd:ResourceType>10</epasd:ResourceType></EthernetPortItem>"
        + "<StorageItem><sasd:AllocationUnits>byte*2^30</sasd:AllocationUnits><sasd:InstanceID>4</sasd:InstanceID>"
        + "<sasd:ResourceType>31</sasd:ResourceType><sasd:VirtualQuantity>100</sasd:VirtualQuantity></StorageItem>"
        + "</VirtualHardwareSection></VirtualSystem></Envelope>";
    VmConfiguration vm = read(xml).get(0);
    assertThat(vm.memoryMiB()).isEqualTo(2048);
    assertThat(vm.nics()).containsExactly(Nic.builder().id("3").type(NicType.E1000).rawType("E1000")
        .network("net").macAddress("00:16:8b:db:00:5e").addressType(MacAddressType.STATIC).build());
    assertThat(vm.controllers()).containsExactly(StorageController.of(OvfMapper.IMPLICIT_CONTROLLER,
        ControllerType.UNSPECIFIED));
    assertThat(vm.disks()).containsExactly(Disk.builder().id("4").controllerId(OvfMapper.IMPLICIT_CONTROLLER)
        .capacityMiB(100 * 1024).build());
  }

  @Test
  void controllerAndNicSubtypes() {
    assertThat(OvfMapper.scsiType("lsilogic")).isEqualTo(ControllerType.LSI_LOGIC);
    assertThat(OvfMapper.scsiType("LsiLogicSAS")).isEqualTo(ControllerType.LSI_LOGIC_SAS);
    assertThat(OvfMapper.scsiType("VirtualSCSI")).isEqualTo(ControllerType.PVSCSI);
    assertThat(OvfMapper.scsiType("buslogic")).isEqualTo(ControllerType.BUSLOGIC);
    assertThat(OvfMapper.scsiType("VirtioSCSI")).isEqualTo(ControllerType.VIRTIO_SCSI);
    assertThat(OvfMapper.scsiType("")).isEqualTo(ControllerType.UNSPECIFIED);
    assertThat(OvfMapper.scsiType("megaraid")).isEqualTo(ControllerType.OTHER);
    assertThat(OvfMapper.otherStorageType("AHCI")).isEqualTo(ControllerType.SATA_AHCI);
    assertThat(OvfMapper.otherStorageType("NVMe")).isEqualTo(ControllerType.NVME);
    assertThat(OvfMapper.nicType("E1000")).isEqualTo(NicType.E1000);
    assertThat(OvfMapper.nicType("E1000e")).isEqualTo(NicType.E1000E);
    assertThat(OvfMapper.nicType("VmxNet3")).isEqualTo(NicType.VMXNET3);
    assertThat(OvfMapper.nicType("vmxnet2")).isEqualTo(NicType.VMXNET2);
    assertThat(OvfMapper.nicType("Vmxnet")).isEqualTo(NicType.VMXNET);
    assertThat(OvfMapper.nicType("PCNet32")).isEqualTo(NicType.VLANCE);
    assertThat(OvfMapper.nicType("virtio")).isEqualTo(NicType.VIRTIO);
    assertThat(OvfMapper.nicType("")).isEqualTo(NicType.UNSPECIFIED);
    assertThat(OvfMapper.nicType("I82540EM")).isEqualTo(NicType.OTHER);
  }

  @Test
  void guestOsFromCimIdsOnlyWhenUnambiguous() throws Exception {
    String tpl = "<Envelope " + NS + "><VirtualSystem ovf:id=\"g\"><OperatingSystemSection ovf:id=\"%s\"/>"
        + "<VirtualHardwareSection>" + MEMORY + "</VirtualHardwareSection></VirtualSystem></Envelope>";
    assertThat(read(String.format(tpl, "101")).get(0).guestOs()).contains(GuestOsId.of("otherLinux64Guest"));
    assertThat(read(String.format(tpl, "36")).get(0).guestOs()).contains(GuestOsId.of("otherLinuxGuest"));
    assertThat(read(String.format(tpl, "102")).get(0).guestOs()).contains(GuestOsId.of("otherGuest64"));
    // 104 is "VMware ESXi" without a version: which vmkernelN is unknown.
    assertThat(read(String.format(tpl, "104")).get(0).guestOs()).isEmpty();
    assertThat(read(String.format(tpl, "67")).get(0).guestOs()).isEmpty();
  }

  @Test
  void hardwareSectionPrefersAVmxFamily() throws Exception {
    String xml = "<Envelope " + NS + "><VirtualSystem ovf:id=\"h\">"
        + "<VirtualHardwareSection><System><vssd:VirtualSystemType>xen-3</vssd:VirtualSystemType></System>"
        + "<Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType>"
        + "<rasd:VirtualQuantity>111</rasd:VirtualQuantity></Item></VirtualHardwareSection>"
        + "<VirtualHardwareSection><System><vssd:VirtualSystemType>vmx-08</vssd:VirtualSystemType></System>"
        + "<Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType>"
        + "<rasd:VirtualQuantity>222</rasd:VirtualQuantity></Item></VirtualHardwareSection>"
        + "</VirtualSystem></Envelope>";
    VmConfiguration vm = read(xml).get(0);
    assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(8));
    assertThat(vm.memoryMiB()).isEqualTo(222);
  }

  @Test
  void virtualBoxMachineUuid() throws Exception {
    String xml = "<Envelope " + NS + " xmlns:vbox=\"http://www.virtualbox.org/ovf/machine\">"
        + "<VirtualSystem ovf:id=\"vb\"><VirtualHardwareSection><System><vssd:VirtualSystemType>virtualbox-2.2"
        + "</vssd:VirtualSystemType></System>" + MEMORY + "</VirtualHardwareSection>"
        + "<vbox:Machine ovf:required=\"false\" uuid=\"{3c0c3250-2e7c-4bc3-b6ef-33f019e11aec}\" name=\"vb\"/>"
        + "</VirtualSystem></Envelope>";
    VmConfiguration vm = read(xml).get(0);
    assertThat(vm.uuid()).contains("3c0c3250-2e7c-4bc3-b6ef-33f019e11aec");
    assertThat(vm.hardwareVersion()).isEmpty();
  }

  @Test
  void dtdInAnOvfIsRefused() {
    ExportParseException e = error("<?xml version=\"1.0\"?>\n<!DOCTYPE Envelope [<!ENTITY a \"b\">]>\n<Envelope " + NS
        + "/>");
    assertThat(e.kind()).isEqualTo(Kind.INSECURE_XML);
  }
}
