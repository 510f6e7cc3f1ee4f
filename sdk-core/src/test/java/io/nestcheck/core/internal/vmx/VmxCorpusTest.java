package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Disk;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every real .vmx file of the shared corpus parses, reads back what the file says, and maps to the expected model
 * (every file is listed: a new corpus file fails {@link #everyCorpusVmxFileIsListed} until its facts are added).
 */
class VmxCorpusTest {
  private static final List<String> LISTED =
      List.of(
          "DevinJP__Ubuntu_64-bit.vmx",
          "Nandansv__Ubuntu_64-bit.vmx",
          "isopooh__Ubuntu_64-bit.vmx",
          "learninggithub10__Ubuntu_64-bit.vmx",
          "ruchita-kamble77__Windows_10_x64.vmx",
          "virt-manager__virtconv_test-nodisks.vmx",
          "virt-manager__virtconv_test-vmdk-desc.vmx",
          "virt-manager__virtconv_test1.vmx",
          "virt-v2v__test-i-vmx-1.vmx",
          "virt-v2v__test-i-vmx-2.vmx",
          "virt-v2v__test-i-vmx-3.vmx",
          "virt-v2v__test-i-vmx-4.vmx",
          "virt-v2v__test-i-vmx-5.vmx",
          "virt-v2v__test-i-vmx-6.vmx",
          "virt-v2v__test-i-vmx-7.vmx");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DevinJP__Ubuntu_64-bit.vmx | 11 | ubuntu-64 | Ubuntu 64-bit | UTF-8 | 107 | LF",
        "Nandansv__Ubuntu_64-bit.vmx | 14 | ubuntu-64 | Ubuntu 64-bit | windows-1252 | 107 | CRLF",
        "isopooh__Ubuntu_64-bit.vmx | 20 | ubuntu-64 | Ubuntu 64-bit | windows-1252 | 124 | LF",
        "learninggithub10__Ubuntu_64-bit.vmx | 18 | ubuntu-64 | Ubuntu 64-bit | windows-1252 | 117 | LF",
        "ruchita-kamble77__Windows_10_x64.vmx | 14 | windows9-64 | Windows 10 x64 | windows-1252 | 119 | CRLF",
        "virt-manager__virtconv_test-nodisks.vmx | 6 | rhel5 | fedora | UTF-8 | 27 | LF",
        "virt-manager__virtconv_test-vmdk-desc.vmx | 7 | rhel4 | esx4.0-rhel4.8-i386 | UTF-8 | 80 | LF",
        "virt-manager__virtconv_test1.vmx | 6 | rhel5 | fedora | UTF-8 | 29 | LF",
        "virt-v2v__test-i-vmx-1.vmx | 8 | rhel6-64 | BZ1308535_21disks | UTF-8 | 172 | LF",
        "virt-v2v__test-i-vmx-2.vmx | 10 | rhel7-64 | Fedora 20 | UTF-8 | 84 | LF",
        "virt-v2v__test-i-vmx-3.vmx | 8 | rhel6-64 | RHEL 7.1 UEFI | UTF-8 | 91 | LF",
        "virt-v2v__test-i-vmx-4.vmx | 8 | windows7-64 | Windows 7 x64 | UTF-8 | 88 | LF",
        "virt-v2v__test-i-vmx-5.vmx | 11 | windows9-64 | MSEdge - Win10_preview | UTF-8 | 80 | CRLF",
        "virt-v2v__test-i-vmx-6.vmx | 14 | rhel8-64 | esx6.7-rhel8.6-nvme-disk | UTF-8 | 84 | LF",
        "virt-v2v__test-i-vmx-7.vmx | 17 | windows2019srv-64 | win2019 | UTF-8 | 110 | LF",
      })
  void parsesAndReadsWhatTheFileSays(
      String name, int hwVersion, String guestOs, String displayName, String charset, int entries, String sep)
      throws ExportParseException {
    Corpus.assumePresent();
    byte[] bytes = Corpus.read(name);
    VmxDocument doc = VmxDocument.parse(bytes, name);
    assertThat(doc.getInt("virtualHW.version")).hasValue(hwVersion);
    assertThat(doc.get("guestOS")).hasValue(guestOs);
    assertThat(doc.get("displayName")).hasValue(displayName);
    assertThat(doc.charset().name()).isEqualTo(charset);
    assertThat(doc.entries()).hasSize(entries);
    assertThat(doc.duplicates()).isEmpty();
    assertThat(doc.lineSeparator()).isEqualTo(sep.equals("CRLF") ? "\r\n" : "\n");
    assertThat(new VmxEditor(doc).apply()).isEqualTo(bytes);
  }

  @Test
  void everyCorpusVmxFileIsListed() {
    Corpus.assumePresent();
    assertThat(Corpus.vmxFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()))
        .containsExactlyInAnyOrderElementsOf(LISTED);
  }

  @Test
  void specificValuesFromRealFiles() throws ExportParseException {
    Corpus.assumePresent();
    VmxDocument iso = VmxDocument.parse(Corpus.read("isopooh__Ubuntu_64-bit.vmx"), "isopooh.vmx");
    assertThat(iso.get("sata0:1.fileName")).hasValue("D:\\Tools\\ubuntu-22.04.1-desktop-amd64.iso");
    VmxDocument win = VmxDocument.parse(Corpus.read("ruchita-kamble77__Windows_10_x64.vmx"), "win.vmx");
    assertThat(win.get("firmware")).hasValue("efi");
    assertThat(win.get("migrate.hostlog")).hasValue(".\\Windows 10 x64-9e28b5ef.hlog");
    VmxDocument old = VmxDocument.parse(Corpus.read("virt-manager__virtconv_test1.vmx"), "old.vmx");
    assertThat(old.comments()).first().extracting(VmxDocument.Comment::text).isEqualTo("!/usr/bin/vmware");
    assertThat(old.charsetSource()).isEqualTo(VmxDocument.CharsetSource.DETECTED_UTF8);
    VmxDocument many = VmxDocument.parse(Corpus.read("virt-v2v__test-i-vmx-1.vmx"), "many.vmx");
    assertThat(many.keysWithPrefix("scsi").size()).isGreaterThan(21);
  }

  /**
   * The model facts of every corpus file: hardware version, canonical guest id, vCPUs/cores, memory, firmware,
   * controllers (id:type), disk ids, NICs (id:type:addressType), peripherals (id:kind), name. No corpus file is
   * expected to fail: each one reads.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "DevinJP__Ubuntu_64-bit.vmx | 11 | ubuntu64Guest | 1/1 | 2048 | BIOS | scsi0:LSI_LOGIC sata0:SATA_AHCI | scsi0:0"
            + " | ethernet0:E1000:GENERATED | sata0:1:CDROM usb:USB ehci:USB sound:SOUND serial0:SERIAL | Ubuntu 64-bit",
        "Nandansv__Ubuntu_64-bit.vmx | 14 | ubuntu64Guest | 2/1 | 4096 | BIOS | scsi0:LSI_LOGIC sata0:SATA_AHCI"
            + " | scsi0:0 | ethernet0:E1000:GENERATED | sound:SOUND sata0:1:CDROM usb:USB ehci:USB serial0:SERIAL"
            + " | Ubuntu 64-bit",
        "isopooh__Ubuntu_64-bit.vmx | 20 | ubuntu64Guest | 2/1 | 4096 | BIOS | scsi0:LSI_LOGIC sata0:SATA_AHCI"
            + " | scsi0:0 | ethernet0:E1000:GENERATED"
            + " | sound:SOUND sata0:1:CDROM sata0:0:CDROM usb:USB ehci:USB serial0:SERIAL | Ubuntu 64-bit",
        "learninggithub10__Ubuntu_64-bit.vmx | 18 | ubuntu64Guest | 2/1 | 2048 | BIOS | scsi0:LSI_LOGIC sata0:SATA_AHCI"
            + " | scsi0:0 | ethernet0:E1000:GENERATED"
            + " | sound:SOUND sata0:1:CDROM sata0:0:CDROM usb:USB ehci:USB serial0:SERIAL | Ubuntu 64-bit",
        "ruchita-kamble77__Windows_10_x64.vmx | 14 | windows9_64Guest | 1/1 | 4096 | EFI"
            + " | scsi0:LSI_LOGIC_SAS sata0:SATA_AHCI | scsi0:0 | ethernet0:E1000E:GENERATED"
            + " | sound:SOUND sata0:1:CDROM usb:USB ehci:USB usb_xhci:USB serial0:SERIAL | Windows 10 x64",
        "virt-manager__virtconv_test-nodisks.vmx | 6 | rhel5Guest | 1/1 | 512 | BIOS | scsi0:LSI_LOGIC | "
            + " | ethernet0:UNSPECIFIED:GENERATED | usb:USB ehci:USB | fedora",
        "virt-manager__virtconv_test-vmdk-desc.vmx | 7 | rhel4 | 2/1 | 512 | BIOS | scsi0:LSI_LOGIC | scsi0:0"
            + " | ethernet0:UNSPECIFIED:GENERATED | floppy0:FLOPPY ide1:0:CDROM | esx4.0-rhel4.8-i386",
        "virt-manager__virtconv_test1.vmx | 6 | rhel5Guest | 1/1 | 512 | BIOS | scsi0:LSI_LOGIC | scsi0:0"
            + " | ethernet0:UNSPECIFIED:GENERATED | usb:USB ehci:USB | fedora",
        "virt-v2v__test-i-vmx-1.vmx | 8 | rhel6_64Guest | 1/1 | 2048 | BIOS | scsi0:PVSCSI scsi1:PVSCSI"
            + " | scsi0:0 scsi0:1 scsi0:2 scsi0:3 scsi0:4 scsi0:5 scsi0:6 scsi0:8 scsi0:9 scsi0:10 scsi0:11 scsi0:12"
            + " scsi0:13 scsi0:14 scsi0:15 scsi1:0 scsi1:1 scsi1:2 scsi1:3 scsi1:4 scsi1:5"
            + " | ethernet0:VMXNET3:GENERATED | ide1:0:CDROM | BZ1308535_21disks",
        "virt-v2v__test-i-vmx-2.vmx | 10 | rhel7_64Guest | 1/1 | 2048 | BIOS | scsi0:PVSCSI sata0:SATA_AHCI | scsi0:0"
            + " | ethernet0:VMXNET3:ASSIGNED | sata0:0:CDROM | Fedora 20",
        "virt-v2v__test-i-vmx-3.vmx | 8 | rhel6_64Guest | 1/1 | 2048 | EFI | scsi0:PVSCSI | scsi0:0"
            + " | ethernet0:VMXNET3:GENERATED | ide1:0:CDROM | RHEL 7.1 UEFI",
        "virt-v2v__test-i-vmx-4.vmx | 8 | windows7_64Guest | 1/1 | 2048 | BIOS | scsi0:LSI_LOGIC_SAS | scsi0:0"
            + " | ethernet0:E1000:GENERATED | ide1:0:CDROM | Windows 7 x64",
        "virt-v2v__test-i-vmx-5.vmx | 11 | windows9_64Guest | 1/1 | 2048 | BIOS | scsi0:LSI_LOGIC_SAS | scsi0:0"
            + " | ethernet0:E1000E:GENERATED | | MSEdge - Win10_preview",
        "virt-v2v__test-i-vmx-6.vmx | 14 | rhel8_64Guest | 1/1 | 2048 | BIOS | sata0:SATA_AHCI nvme0:NVME | nvme0:0"
            + " | ethernet0:VMXNET3:ASSIGNED | sata0:0:CDROM | esx6.7-rhel8.6-nvme-disk",
        "virt-v2v__test-i-vmx-7.vmx | 17 | windows2019srv_64Guest | 2/1 | 4096 | EFI | scsi0:LSI_LOGIC_SAS sata0:SATA_AHCI"
            + " | scsi0:0 sata0:3 | ethernet0:VMXNET3:GENERATED | usb_xhci:USB sata0:0:CDROM | win2019",
      })
  void mapsToTheExpectedModel(String file, int hw, String guest, String cpu, long memory, String firmware,
      String controllers, String disks, String nics, String peripherals, String name) throws ExportParseException {
    Corpus.assumePresent();
    VmConfiguration vm = read(Corpus.DIR.resolve(file));
    assertFacts(vm, hw, guest, cpu, memory, firmware, controllers, disks, nics, peripherals, name);
    // every corpus VM: no vhv.enable, so nested HV is unknown; settings mirror the entries
    assertThat(vm.nestedHv()).isEqualTo(TriState.UNKNOWN);
    assertThat(vm.settings()).hasSize(VmxDocument.parse(Corpus.read(file), file).entries().size());
    assertThat(vm.source()).isEqualTo(Corpus.DIR.resolve(file).toString());
  }

  @Test
  void specificModelFactsFromRealFiles() throws ExportParseException {
    Corpus.assumePresent();
    VmConfiguration v2v = read(Corpus.DIR.resolve("virt-v2v__test-i-vmx-2.vmx"));
    assertThat(v2v.nics().get(0).macAddress()).hasValue("00:50:56:9b:5f:0d");
    assertThat(v2v.nics().get(0).network()).hasValue("VM Network");
    VmConfiguration many = read(Corpus.DIR.resolve("virt-v2v__test-i-vmx-1.vmx"));
    assertThat(many.disks()).filteredOn(d -> d.id().equals("scsi0:8")).singleElement()
        .extracting(Disk::fileName).isEqualTo(java.util.Optional.of("BZ1308535_21disks_7.vmdk"));
    VmConfiguration unknownGuest = read(Corpus.DIR.resolve("virt-manager__virtconv_test-vmdk-desc.vmx"));
    assertThat(unknownGuest.guestOs().map(GuestOsId::recognized)).hasValue(false);
  }

  /** The shipped examples (examples/fleet) read too, with the facts the rules rely on. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "cna01-seed.vmx | 19 | other4xLinux64Guest | 4/4 | 4096 | EFI | NO | scsi0:BUSLOGIC | scsi0:0"
            + " | ethernet0:VMXNET3:GENERATED | | cna01",
        "cna02-fixed.vmx | 19 | other3xLinux64Guest | 4/2 | 8192 | BIOS | YES | scsi0:LSI_LOGIC | scsi0:0"
            + " | ethernet0:E1000:GENERATED | | cna02",
        "cna03-gbk.vmx | 19 | other3xLinux64Guest | 2/1 | 6144 | BIOS | YES | scsi0:UNSPECIFIED | scsi0:0"
            + " | ethernet0:E1000:GENERATED | sound:SOUND | \u8ba1\u7b97\u8282\u70b903",
        "esxi8-flexible-nic.vmx | 20 | vmkernel8Guest | 4/2 | 16384 | EFI | YES | scsi0:PVSCSI | scsi0:0"
            + " | ethernet0:VLANCE:GENERATED | | esxi8-lab-05",
        "esxi8-healthy.vmx | 20 | vmkernel8Guest | 4/2 | 16384 | EFI | YES | scsi0:PVSCSI | scsi0:0"
            + " | ethernet0:VMXNET3:GENERATED | | esxi8-lab-01",
        "esxi8-old-hardware.vmx | 8 | vmkernel8Guest | 4/2 | 16384 | EFI | YES | scsi0:LSI_LOGIC | scsi0:0"
            + " | ethernet0:VMXNET3:GENERATED | | esxi8-lab-04",
        "esxi8-small-memory.vmx | 20 | vmkernel8Guest | 4/2 | 4096 | EFI | YES | scsi0:PVSCSI | scsi0:0"
            + " | ethernet0:VMXNET3:GENERATED | | esxi8-lab-03",
        "esxi8-vhv-off.vmx | 20 | vmkernel8Guest | 4/2 | 16384 | EFI | NO | scsi0:PVSCSI | scsi0:0"
            + " | ethernet0:VMXNET3:GENERATED | | esxi8-lab-02",
      })
  void examplesMapToTheExpectedModel(String file, int hw, String guest, String cpu, long memory, String firmware,
      TriState nested, String controllers, String disks, String nics, String peripherals, String name)
      throws ExportParseException {
    Path path = EXAMPLES.resolve(file);
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(path), path + " is missing");
    VmConfiguration vm = read(path);
    assertFacts(vm, hw, guest, cpu, memory, firmware, controllers, disks, nics, peripherals, unescape(name));
    assertThat(vm.nestedHv()).isEqualTo(nested);
  }

  @Test
  void everyExampleIsListed() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(EXAMPLES));
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".vmx")))
          .containsExactlyInAnyOrder("cna01-seed.vmx", "cna02-fixed.vmx", "cna03-gbk.vmx", "esxi8-flexible-nic.vmx",
              "esxi8-healthy.vmx", "esxi8-old-hardware.vmx", "esxi8-small-memory.vmx", "esxi8-vhv-off.vmx");
    }
  }

  static final Path EXAMPLES = Paths.get(System.getProperty("nestcheck.examples", "../examples/fleet"));

  private static VmConfiguration read(Path path) throws ExportParseException {
    List<VmConfiguration> vms = new VmxReader().read(ExportSource.of(path));
    assertThat(vms).hasSize(1);
    return vms.get(0);
  }

  private static void assertFacts(VmConfiguration vm, int hw, String guest, String cpu, long memory, String firmware,
      String controllers, String disks, String nics, String peripherals, String name) {
    assertThat(vm.hardwareVersion()).hasValue(hw);
    assertThat(vm.guestOs().map(GuestOsId::canonical)).hasValue(guest);
    assertThat(vm.vcpus() + "/" + vm.coresPerSocket()).isEqualTo(cpu);
    assertThat(vm.memoryMiB()).isEqualTo(memory);
    assertThat(vm.firmware().name()).isEqualTo(firmware);
    assertThat(join(vm.controllers().stream().map(c -> c.id() + ":" + c.type()))).isEqualTo(orEmpty(controllers));
    assertThat(join(vm.disks().stream().map(Disk::id))).isEqualTo(orEmpty(disks));
    assertThat(join(vm.nics().stream().map(n -> n.id() + ":" + n.type() + ":" + n.addressType())))
        .isEqualTo(orEmpty(nics));
    assertThat(join(vm.peripherals().stream().map(p -> p.id() + ":" + p.kind()))).isEqualTo(orEmpty(peripherals));
    assertThat(vm.name()).isEqualTo(name);
  }

  private static String join(Stream<String> parts) {
    return parts.collect(Collectors.joining(" "));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (s.startsWith("\\u", i)) {
        sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }
}
