package io.nestcheck.core.internal.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
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
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibvirtReaderTest {
  private final LibvirtReader reader = new LibvirtReader();

  private VmConfiguration read(String xml) throws ExportParseException {
    List<VmConfiguration> vms = reader.read(ExportSource.of("vms/cna.xml", xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(vms).hasSize(1);
    return vms.get(0);
  }

  private ExportParseException error(String xml) {
    return catchThrowableOfType(ExportParseException.class, () -> read(xml));
  }

  /** A minimal domain with the given extra content after {@code <memory>}. */
  private static String domain(String body) {
    return "<domain type='kvm'>\n<name>cna01</name>\n<memory unit='GiB'>8</memory>\n" + body + "\n</domain>\n";
  }

  private static String cpu(String cpu) {
    return domain("<os><type arch='x86_64' machine='q35'>hvm</type></os>\n" + cpu);
  }

  @Test
  void formatAndSniffing() {
    assertThat(reader.format()).isEqualTo("libvirt");
    assertThat(reader.canRead("a.xml", "<domain type='kvm'><name>x".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(reader.canRead("a.xml", "<?xml version='1.0'?>\n<!-- c -->\n<domain>".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(reader.canRead("a.xml", "<domain xmlns='urn:x'/>".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(reader.canRead("a.xml", "<network><name>default</name></network>".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(reader.canRead("a.xml", "<Envelope xmlns='http://schemas.dmtf.org/ovf/envelope/1'/>"
        .getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void mapsAHuaweiCnaLabDomain() throws Exception {
    String xml = "<domain type='kvm'>\n"
        + "  <name>cna01</name>\n"
        + "  <uuid>8a7e1b2c-0d3f-4e5a-9b6c-7d8e9f0a1b2c</uuid>\n"
        + "  <memory unit='KiB'>8388608</memory>\n"
        + "  <currentMemory unit='KiB'>8388608</currentMemory>\n"
        + "  <vcpu placement='static'>3</vcpu>\n"
        + "  <os>\n"
        + "    <type arch='x86_64' machine='pc-q35-8.2'>hvm</type>\n"
        + "    <boot dev='hd'/>\n"
        + "  </os>\n"
        + "  <cpu mode='host-passthrough' check='none' migratable='on'>\n"
        + "    <topology sockets='1' dies='1' cores='3' threads='1'/>\n"
        + "  </cpu>\n"
        + "  <devices>\n"
        + "    <disk type='file' device='disk'>\n"
        + "      <driver name='qemu' type='qcow2'/>\n"
        + "      <source file='/var/lib/libvirt/images/cna01.qcow2'/>\n"
        + "      <target dev='vda' bus='virtio'/>\n"
        + "    </disk>\n"
        + "    <disk type='file' device='cdrom'>\n"
        + "      <target dev='sda' bus='sata'/>\n"
        + "      <readonly/>\n"
        + "    </disk>\n"
        + "    <controller type='sata' index='0'/>\n"
        + "    <controller type='usb' index='0' model='qemu-xhci' ports='15'/>\n"
        + "    <interface type='bridge'>\n"
        + "      <mac address='52:54:00:AB:CD:EF'/>\n"
        + "      <source bridge='br0'/>\n"
        + "      <model type='e1000'/>\n"
        + "    </interface>\n"
        + "    <serial type='pty'><target port='0'/></serial>\n"
        + "  </devices>\n"
        + "</domain>\n";
    VmConfiguration vm = read(xml);
    assertThat(vm.name()).isEqualTo("cna01");
    assertThat(vm.source()).isEqualTo("vms/cna.xml");
    assertThat(vm.uuid()).contains("8a7e1b2c-0d3f-4e5a-9b6c-7d8e9f0a1b2c");
    assertThat(vm.memoryMiB()).isEqualTo(8192);
    assertThat(vm.vcpus()).isEqualTo(3);
    assertThat(vm.coresPerSocket()).isEqualTo(3);
    assertThat(vm.cpuMode()).isEqualTo(CpuMode.HOST_PASSTHROUGH);
    assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
    assertThat(vm.firmware()).isEqualTo(Firmware.BIOS);
    assertThat(vm.hardwareVersion()).isEmpty();
    assertThat(vm.guestOs()).isEmpty();
    assertThat(vm.controllers()).containsExactly(
        StorageController.builder().id("sata0").type(ControllerType.SATA_AHCI).build(),
        StorageController.of("virtio", ControllerType.VIRTIO_BLK));
    assertThat(vm.disks()).containsExactly(Disk.builder().id("vda").controllerId("virtio")
        .fileName("/var/lib/libvirt/images/cna01.qcow2").build());
    assertThat(vm.nics()).containsExactly(Nic.builder().id("net0").type(NicType.E1000).rawType("e1000")
        .network("br0").macAddress("52:54:00:ab:cd:ef").build());
    assertThat(vm.peripherals()).containsExactly(Peripheral.of("sda", PeripheralKind.CDROM),
        Peripheral.of("usb0", PeripheralKind.USB), Peripheral.of("serial0", PeripheralKind.SERIAL));
    assertThat(vm.settingEntry("cpu.mode")).contains(Setting.of("cpu.mode", "host-passthrough", 11));
    assertThat(vm.lineOf("cpu.topology.cores")).isEqualTo(12);
    assertThat(vm.setting("memory")).contains("8388608 KiB");
    assertThat(vm.setting("domain.type")).contains("kvm");
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
    "<cpu mode='host-passthrough'/>                                                          | HOST_PASSTHROUGH | YES",
    "<cpu mode='host-model'/>                                                                | HOST_MODEL       | YES",
    "<cpu mode='maximum'/>                                                                   | MAXIMUM          | YES",
    "<cpu mode='custom'><model>Skylake-Client</model></cpu>                                  | CUSTOM           | NO",
    "<cpu><model>qemu64</model></cpu>                                                        | CUSTOM           | NO",
    "<cpu mode='custom'><model>Skylake-Client</model><feature policy='require' name='vmx'/></cpu> | CUSTOM      | YES",
    "<cpu mode='custom'><model>EPYC</model><feature policy='force' name='svm'/></cpu>        | CUSTOM           | YES",
    "<cpu mode='custom'><model>EPYC</model><feature name='svm'/></cpu>                       | CUSTOM           | YES",
    "<cpu mode='custom'><model>EPYC</model><feature policy='optional' name='svm'/></cpu>     | CUSTOM           | YES",
    "<cpu mode='host-passthrough'><feature policy='disable' name='vmx'/></cpu>               | HOST_PASSTHROUGH | NO",
    "<cpu mode='host-model'><feature policy='forbid' name='svm'/></cpu>                      | HOST_MODEL       | NO",
    "<cpu mode='host-passthrough'><feature policy='disable' name='hypervisor'/></cpu>        | HOST_PASSTHROUGH | YES",
    "<cpu mode='host-passthrough'><feature policy='require' name='svm'/><feature policy='disable' name='vmx'/></cpu> | HOST_PASSTHROUGH | YES",
    "\"\"                                                                                    | UNSPECIFIED      | NO",
  })
  void cpuModeAndNestedVirtualization(String cpu, CpuMode mode, TriState nested) throws Exception {
    VmConfiguration vm = read(cpu(cpu));
    assertThat(vm.cpuMode()).isEqualTo(mode);
    assertThat(vm.nestedHv()).isEqualTo(nested);
  }

  @Test
  void cpuModeSettingIsTheEffectiveMode() throws Exception {
    VmConfiguration vm = read(cpu("<cpu>\n<model>qemu64</model>\n</cpu>"));
    assertThat(vm.settingEntry("cpu.mode")).contains(Setting.of("cpu.mode", "custom", 5));
    assertThat(read(cpu("")).setting("cpu.mode")).isEmpty();
  }

  @Test
  void nonX86GuestsAreUnknown() throws Exception {
    VmConfiguration vm = read(domain("<os><type arch='aarch64' machine='virt'>hvm</type></os>"
        + "<cpu mode='host-passthrough'/>"));
    assertThat(vm.nestedHv()).isEqualTo(TriState.UNKNOWN);
    assertThat(vm.cpuMode()).isEqualTo(CpuMode.HOST_PASSTHROUGH);
  }

  @Test
  void featureSettingsCarryPolicyAndLine() throws Exception {
    VmConfiguration vm = read(cpu("<cpu mode='custom' match='exact'>\n<model>Haswell</model>\n"
        + "<feature policy='require' name='vmx'/>\n</cpu>"));
    assertThat(vm.settingEntry("cpu.feature.vmx")).contains(Setting.of("cpu.feature.vmx", "require", 7));
    assertThat(vm.setting("cpu.model")).contains("Haswell");
    assertThat(vm.setting("cpu.mode")).contains("custom");
  }

  @ParameterizedTest(name = "{0} {1} = {2} MiB")
  @CsvSource({
    "'', 2097152, 2048",
    "KiB, 2097152, 2048",
    "k, 1048576, 1024",
    "KB, 1048576000, 1000000",
    "b, 1073741824, 1024",
    "bytes, 1073741824, 1024",
    "M, 4096, 4096",
    "MiB, 4096, 4096",
    "MB, 4096, 3906",
    "G, 8, 8192",
    "GiB, 8, 8192",
    "gb, 8, 7629",
    "T, 1, 1048576",
  })
  void memoryUnits(String unit, String value, long mib) throws Exception {
    String attr = unit.isEmpty() ? "" : " unit='" + unit + "'";
    VmConfiguration vm = read("<domain type='kvm'><name>m</name><memory" + attr + ">" + value + "</memory></domain>");
    assertThat(vm.memoryMiB()).isEqualTo(mib);
  }

  @Test
  void unitParser() {
    assertThat(LibvirtUnits.bytesPerUnit("EiB", 1024)).contains(BigInteger.valueOf(1024).pow(6));
    assertThat(LibvirtUnits.bytesPerUnit("PB", 1024)).contains(BigInteger.valueOf(1000).pow(5));
    assertThat(LibvirtUnits.bytesPerUnit(null, 1024)).contains(BigInteger.valueOf(1024));
    assertThat(LibvirtUnits.bytesPerUnit("furlong", 1024)).isEmpty();
    assertThat(LibvirtUnits.bytesPerUnit("kibibytes", 1024)).isEmpty();
    assertThat(LibvirtUnits.bytesPerUnit("x", 1024)).isEmpty();
  }

  @Test
  void currentMemoryWhenMemoryIsAbsent() throws Exception {
    assertThat(read("<domain type='kvm'><name>m</name><currentMemory unit='MiB'>512</currentMemory></domain>")
        .memoryMiB()).isEqualTo(512);
  }

  @Test
  void invalidValuesNameTheLine() {
    ExportParseException unit = error("<domain type='kvm'>\n<name>m</name>\n<memory unit='furlongs'>8</memory>\n</domain>");
    assertThat(unit.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(unit.location().line()).isEqualTo(3);
    ExportParseException number = error("<domain type='kvm'>\n<name>m</name>\n<memory>lots</memory>\n</domain>");
    assertThat(number.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(number.location().line()).isEqualTo(3);
    assertThat(error("<domain type='kvm'><name>m</name></domain>").kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error("<domain type='kvm'><memory>100</memory></domain>").kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(domain("<vcpu>0</vcpu>")).kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(domain("<vcpu>four</vcpu>")).kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(domain("<cpu mode='host-everything'/>")).kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(domain("<cpu><topology sockets='1' cores='0' threads='1'/></cpu>")).kind())
        .isEqualTo(Kind.INVALID_VALUE);
    assertThat(error(domain("<devices><controller type='scsi' index='x'/></devices>")).kind())
        .isEqualTo(Kind.INVALID_VALUE);
  }

  @Test
  void notADomainIsUnsupported() {
    assertThat(error("<network><name>default</name></network>").kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
  }

  @Test
  void twoConcatenatedDomainsAreASyntaxError() {
    ExportParseException e = error(domain("") + domain(""));
    assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
    assertThat(e.location().line()).isEqualTo(6);
  }

  @Test
  void nameFallsBackToTheFileName() throws Exception {
    assertThat(read("<domain type='kvm'><memory>1024</memory></domain>").name()).isEqualTo("cna.xml");
  }

  @Test
  void vcpusFromTopologyWhenVcpuIsAbsent() throws Exception {
    VmConfiguration vm = read(domain("<cpu mode='host-model'><topology sockets='2' dies='1' cores='4' threads='2'/></cpu>"));
    assertThat(vm.vcpus()).isEqualTo(16);
    assertThat(vm.coresPerSocket()).isEqualTo(4);
  }

  @Test
  void firmwareAndSecureBoot() throws Exception {
    VmConfiguration auto = read(domain("<os firmware='efi'><type arch='x86_64'>hvm</type></os>"));
    assertThat(auto.firmware()).isEqualTo(Firmware.EFI);
    assertThat(auto.secureBoot()).isFalse();

    VmConfiguration enrolled = read(domain("<os firmware='efi'><firmware><feature enabled='yes' name='enrolled-keys'/>"
        + "</firmware></os>"));
    assertThat(enrolled.secureBoot()).isTrue();
    assertThat(enrolled.setting("os.firmware.feature.enrolled-keys")).contains("yes");

    VmConfiguration noKeys = read(domain("<os firmware='efi'><firmware><feature enabled='no' name='enrolled-keys'/>"
        + "<feature enabled='yes' name='secure-boot'/></firmware>"
        + "<loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/x64/OVMF_CODE.secboot.fd</loader></os>"));
    assertThat(noKeys.firmware()).isEqualTo(Firmware.EFI);
    assertThat(noKeys.secureBoot()).isFalse();

    VmConfiguration loaderSecure = read(domain("<os><loader readonly='yes' secure='yes' type='pflash'>"
        + "/usr/share/OVMF/OVMF_CODE.secboot.fd</loader></os>"));
    assertThat(loaderSecure.firmware()).isEqualTo(Firmware.EFI);
    assertThat(loaderSecure.secureBoot()).isTrue();

    VmConfiguration ovmfPath = read(domain("<os><loader readonly='yes'>/usr/share/edk2/ovmf/OVMF_CODE.fd</loader></os>"));
    assertThat(ovmfPath.firmware()).isEqualTo(Firmware.EFI);

    VmConfiguration seabios = read(domain("<os><loader type='rom'>/usr/share/seabios/bios.bin</loader></os>"));
    assertThat(seabios.firmware()).isEqualTo(Firmware.BIOS);

    VmConfiguration bios = read(domain("<os firmware='bios'><type arch='x86_64'>hvm</type></os>"));
    assertThat(bios.firmware()).isEqualTo(Firmware.BIOS);
  }

  @Test
  void storageControllersAndDisks() throws Exception {
    String devices = "<devices>\n"
        + "<disk type='block' device='lun'><source dev='/dev/sdb'/><target dev='sda' bus='scsi'/>"
        + "<address type='drive' controller='1' bus='0' target='0' unit='2'/></disk>\n"
        + "<disk type='file' device='disk'><source file='/a.img'/><target dev='sdb'/></disk>\n"
        + "<disk type='file' device='disk'><source file='/b.img'/><target dev='hdc' bus='ide'/></disk>\n"
        + "<disk type='volume' device='disk'><source pool='default' volume='c.qcow2'/><target dev='sdj' bus='sata'/></disk>\n"
        + "<disk type='file' device='disk'><source file='/d.img'/><target dev='vdb' bus='virtio'/></disk>\n"
        + "<disk type='file' device='disk'><source file='/e.img'/><target dev='nvme0n1' bus='nvme'/></disk>\n"
        + "<disk type='file' device='floppy'><target dev='fda' bus='fdc'/></disk>\n"
        + "<controller type='scsi' index='0' model='lsilogic'/>\n"
        + "<controller type='scsi' index='1' model='virtio-scsi'/>\n"
        + "<controller type='scsi' index='2' model='vmpvscsi'/>\n"
        + "<controller type='scsi' index='3' model='lsisas1068'/>\n"
        + "<controller type='scsi' index='4' model='buslogic'/>\n"
        + "<controller type='scsi' index='5'/>\n"
        + "<controller type='usb' index='0' model='none'/>\n"
        + "<sound model='ich9'/>\n"
        + "<parallel type='pty'/>\n"
        + "<iommu model='intel'/>\n"
        + "</devices>";
    VmConfiguration vm = read(domain(devices));
    assertThat(vm.controllers()).extracting(StorageController::id, StorageController::type).containsExactly(
        org.assertj.core.groups.Tuple.tuple("scsi0", ControllerType.LSI_LOGIC),
        org.assertj.core.groups.Tuple.tuple("scsi1", ControllerType.VIRTIO_SCSI),
        org.assertj.core.groups.Tuple.tuple("scsi2", ControllerType.PVSCSI),
        org.assertj.core.groups.Tuple.tuple("scsi3", ControllerType.LSI_LOGIC_SAS),
        org.assertj.core.groups.Tuple.tuple("scsi4", ControllerType.BUSLOGIC),
        org.assertj.core.groups.Tuple.tuple("scsi5", ControllerType.UNSPECIFIED),
        org.assertj.core.groups.Tuple.tuple("ide0", ControllerType.IDE),
        org.assertj.core.groups.Tuple.tuple("sata1", ControllerType.SATA_AHCI),
        org.assertj.core.groups.Tuple.tuple("virtio", ControllerType.VIRTIO_BLK),
        org.assertj.core.groups.Tuple.tuple("nvme0", ControllerType.NVME));
    assertThat(vm.controllers().get(1).rawType()).contains("virtio-scsi");
    assertThat(vm.disks()).containsExactly(
        Disk.builder().id("sda").controllerId("scsi1").unit(2).fileName("/dev/sdb").build(),
        Disk.builder().id("sdb").controllerId("scsi0").unit(1).fileName("/a.img").build(),
        Disk.builder().id("hdc").controllerId("ide0").unit(2).fileName("/b.img").build(),
        Disk.builder().id("sdj").controllerId("sata1").unit(3).fileName("default/c.qcow2").build(),
        Disk.builder().id("vdb").controllerId("virtio").unit(1).fileName("/d.img").build(),
        Disk.builder().id("nvme0n1").controllerId("nvme0").unit(0).fileName("/e.img").build());
    assertThat(vm.peripherals()).containsExactly(Peripheral.of("fda", PeripheralKind.FLOPPY),
        Peripheral.of("sound0", PeripheralKind.SOUND), Peripheral.of("parallel0", PeripheralKind.PARALLEL));
    assertThat(vm.virtualIommu()).isTrue();
    assertThat(vm.setting("iommu.model")).contains("intel");
  }

  @Test
  void interfaces() throws Exception {
    String devices = "<devices>"
        + "<interface type='network'><source network='default'/><model type='virtio'/></interface>"
        + "<interface type='bridge'><source bridge='br-trunk'/><model type='vmxnet3'/><alias name='ua-nic1'/></interface>"
        + "<interface type='direct'><source dev='eno1' mode='bridge'/><model type='rtl8139'/></interface>"
        + "<interface type='user'><model type='e1000e'/></interface>"
        + "<interface type='user'/>"
        + "<interface type='user'><model type='ne2k_pci'/></interface>"
        + "</devices>";
    VmConfiguration vm = read(domain(devices));
    assertThat(vm.nics()).extracting(Nic::id, Nic::type, n -> n.network().orElse("-")).containsExactly(
        org.assertj.core.groups.Tuple.tuple("net0", NicType.VIRTIO, "default"),
        org.assertj.core.groups.Tuple.tuple("ua-nic1", NicType.VMXNET3, "br-trunk"),
        org.assertj.core.groups.Tuple.tuple("net2", NicType.RTL8139, "eno1"),
        org.assertj.core.groups.Tuple.tuple("net3", NicType.E1000E, "-"),
        org.assertj.core.groups.Tuple.tuple("net4", NicType.UNSPECIFIED, "-"),
        org.assertj.core.groups.Tuple.tuple("net5", NicType.OTHER, "-"));
  }

  @Test
  void lockedMemoryAndFeatures() throws Exception {
    VmConfiguration vm = read(domain("<memoryBacking><hugepages/><locked/></memoryBacking>"
        + "<features><acpi/><hyperv mode='custom'><relaxed state='on'/><evmcs state='off'/></hyperv>"
        + "<kvm><hidden state='on'/></kvm></features>"));
    assertThat(vm.memoryLockedToMax()).isTrue();
    assertThat(vm.memoryReservationMiB()).isZero();
    assertThat(vm.setting("features.hyperv")).contains("custom");
    assertThat(vm.setting("features.hyperv.evmcs")).contains("off");
    assertThat(vm.setting("features.kvm.hidden")).contains("on");
    assertThat(vm.setting("features.acpi")).contains("on");
    assertThat(vm.setting("memoryBacking.locked")).contains("yes");
  }

  @Test
  void dtdIsRefused() {
    assertThat(error("<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/hostname'>]>\n<domain><name>&x;</name></domain>")
        .kind()).isEqualTo(Kind.INSECURE_XML);
  }
}
