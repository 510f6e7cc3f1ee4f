package io.nestcheck.core.profiles;

import static io.nestcheck.core.profiles.ProfileRun.ids;
import static io.nestcheck.core.profiles.ProfileRun.only;
import static io.nestcheck.core.profiles.ProfileRun.run;
import static io.nestcheck.core.profiles.ProfileRun.severityOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Disk;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.rules.TestHosts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusionComputeCnaProfilesTest {

  /**
   * The VM the seed document describes: CNA straight on ESXi with nested HV off, 4 GiB, VMXNET3, BusLogic, EFI and
   * hardware version 15 ("15+"), read from a .vmx (host unknown, disk capacity unknown).
   */
  static VmConfiguration seedCnaVm() {
    return VmConfiguration.builder().name("cna01").source("cna01.vmx")
        .hardwareVersion(15).guestOs(GuestOsId.of("other3xlinux-64")).firmware(Firmware.EFI)
        .vcpus(4).coresPerSocket(2).memoryMiB(4096).nestedHv(TriState.NO)
        .addControllers(StorageController.builder().id("scsi0").type(ControllerType.BUSLOGIC).rawType("buslogic").build())
        .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").fileName("cna01.vmdk").build())
        .addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).rawType("vmxnet3").network("VM Network").build())
        .addSettings(
            Setting.of("virtualHW.version", "15", 2),
            Setting.of("guestOS", "other3xlinux-64", 3),
            Setting.of("firmware", "efi", 4),
            Setting.of("numvcpus", "4", 5),
            Setting.of("memSize", "4096", 6),
            Setting.of("vhv.enable", "FALSE", 7),
            Setting.of("scsi0.virtualDev", "buslogic", 8),
            Setting.of("ethernet0.virtualDev", "vmxnet3", 9))
        .build();
  }

  @Test
  void seedVmAgainstCna8FailsWithTheFullExpectedList() {
    List<Finding> findings = run("fusioncompute-cna-8", HostCapabilities.unknown(), seedCnaVm());
    assertThat(ids(findings)).containsExactly(
        "NV-CPU-001",  // vhv.enable = FALSE
        "NV-FW-001",   // EFI, the CNA profile prefers BIOS (UNVERIFIED -> WARNING)
        "NV-HOST-007", // host facts unknown (file scan)
        "NV-MEM-001",  // 4096 < 7168 MiB (community figure -> WARNING)
        "NV-NET-002",  // vmxnet3 needs driver injection (UNVERIFIED)
        "NV-NET-006",  // port-group policy unknown from a .vmx
        "NV-STO-001",  // BusLogic not in the CNA controller list (inferred -> WARNING)
        "NV-SUP-001",  // support posture
        "NV-SUP-002"); // CNA directly on VMware
    Map<String, Severity> severities = new HashMap<>();
    findings.forEach(f -> severities.put(f.ruleId(), f.severity()));
    assertThat(severities).containsExactlyInAnyOrderEntriesOf(Map.of(
        "NV-CPU-001", Severity.ERROR,
        "NV-FW-001", Severity.WARNING,
        "NV-HOST-007", Severity.INFO,
        "NV-MEM-001", Severity.WARNING,
        "NV-NET-002", Severity.WARNING,
        "NV-NET-006", Severity.INFO,
        "NV-STO-001", Severity.WARNING,
        "NV-SUP-001", Severity.INFO,
        "NV-SUP-002", Severity.WARNING));

    assertThat(only(findings, "NV-CPU-001").fixes()).containsExactly(ExposeNestedHv.enable());
    assertThat(only(findings, "NV-FW-001").fixes()).containsExactly(SetFirmware.of(Firmware.BIOS, false));
    assertThat(only(findings, "NV-MEM-001").fixes()).containsExactly(SetMemory.of(7168));
    assertThat(only(findings, "NV-NET-002").fixes().get(0)).isEqualTo(ReplaceNicType.of("ethernet0", NicType.E1000));
    assertThat(only(findings, "NV-STO-001").fixes())
        .containsExactly(ReplaceControllerType.of("scsi0", ControllerType.LSI_LOGIC_SAS));
    assertThat(only(findings, "NV-SUP-002").fixes()).singleElement().isInstanceOf(ManualStep.class);
    assertThat(only(findings, "NV-MEM-001").location()).isPresent();
    assertThat(only(findings, "NV-SUP-001").message()).contains("physical servers");
  }

  @Test
  void seedVmFixesNeverConflict() {
    Map<String, FixAction> byTarget = new HashMap<>();
    for (Finding f : run("fusioncompute-cna-8", HostCapabilities.unknown(), seedCnaVm())) {
      for (FixAction a : f.fixes()) {
        FixAction previous = byTarget.putIfAbsent(a.target(), a);
        assertThat(previous == null || previous.equals(a)).as("conflict on %s", a.target()).isTrue();
      }
    }
  }

  /** CNA the way the working labs run it: a libvirt VM on a KVM host. */
  static VmConfiguration cnaOnKvm(long diskGiB) {
    return VmConfiguration.builder().name("cna-kvm").source("cna-kvm.xml")
        .cpuMode(CpuMode.HOST_PASSTHROUGH).nestedHv(TriState.YES).vcpus(3).memoryMiB(8192)
        .addControllers(StorageController.of("virtio0", ControllerType.VIRTIO_BLK))
        .addDisks(Disk.builder().id("vda").controllerId("virtio0").capacityMiB(diskGiB * 1024).build())
        .addNics(Nic.builder().id("net0").type(NicType.E1000).network("br0").build())
        .build();
  }

  @Test
  void cna8OnKvmPasses() {
    assertThat(ids(run("fusioncompute-cna-8", TestHosts.kvmIntel().build(), cnaOnKvm(200))))
        .containsExactly("NV-SUP-001");
  }

  @Test
  void cna8DirectlyOnEsxiOtherwiseWellConfiguredStillWarns() {
    VmConfiguration vm = VmConfiguration.builder().name("cna-esx").source("cna-esx.vmx").hardwareVersion(14)
        .guestOs(GuestOsId.of("otherlinux-64")).vcpus(4).memoryMiB(8192).nestedHv(TriState.YES)
        .addControllers(StorageController.of("scsi0", ControllerType.LSI_LOGIC_SAS))
        .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").capacityMiB(200 * 1024).build())
        .addNics(Nic.builder().id("ethernet0").type(NicType.E1000).network("Nested")
            .portSecurity(TestHosts.openStandard()).build())
        .build();
    assertThat(ids(run("fusioncompute-cna-8", TestHosts.esxi8Intel().build(), vm)))
        .containsExactly("NV-SUP-001", "NV-SUP-002");
  }

  @Test
  void cna65OnKvmPassesWith180GigabyteDisk() {
    assertThat(ids(run("fusioncompute-cna-6.5", TestHosts.kvmIntel().build(), cnaOnKvm(180))))
        .containsExactly("NV-SUP-001");
  }

  @Test
  void cna65OnKvmWithHostModelVirtioNicIdeAndSmallDiskFails() {
    VmConfiguration vm = cnaOnKvm(100).withCpuMode(CpuMode.HOST_MODEL).withVcpus(2)
        .withControllers(StorageController.of("ide0", ControllerType.IDE))
        .withDisks(Disk.builder().id("hda").controllerId("ide0").capacityMiB(100 * 1024).build())
        .withNics(Nic.of("net0", NicType.VIRTIO));
    List<Finding> findings = run("fusioncompute-cna-6.5", TestHosts.kvmIntel().build(), vm);
    assertThat(ids(findings)).containsExactly("NV-CPU-004", "NV-CPU-006", "NV-NET-001", "NV-STO-001", "NV-STO-004",
        "NV-SUP-001");
    assertThat(severityOf(findings, "NV-CPU-006")).contains(Severity.ERROR);
    assertThat(severityOf(findings, "NV-NET-001")).contains(Severity.WARNING);
    assertThat(only(findings, "NV-CPU-006").fixes()).containsExactly(ExposeNestedHv.enable());
    assertThat(only(findings, "NV-NET-001").fixes()).containsExactly(ReplaceNicType.of("net0", NicType.E1000));
    assertThat(only(findings, "NV-STO-001").fixes())
        .containsExactly(ReplaceControllerType.of("ide0", ControllerType.VIRTIO_BLK));
  }
}
