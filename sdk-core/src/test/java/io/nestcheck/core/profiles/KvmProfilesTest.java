package io.nestcheck.core.profiles;

import static io.nestcheck.core.profiles.ProfileRun.ids;
import static io.nestcheck.core.profiles.ProfileRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Disk;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.rules.TestHosts;
import org.junit.jupiter.api.Test;

class KvmProfilesTest {

  @Test
  void kvmGuestWithHostPassthroughPasses() {
    VmConfiguration vm = VmConfiguration.builder().name("kvm-l1").source("kvm-l1.xml").cpuMode(CpuMode.HOST_PASSTHROUGH)
        .nestedHv(TriState.YES).vcpus(4).memoryMiB(8192).addNics(Nic.of("net0", NicType.VIRTIO)).build();
    assertThat(ids(run("kvm", TestHosts.kvmIntel().build(), vm))).containsExactly("NV-SUP-001");
  }

  @Test
  void kvmGuestOnABrokenEsxiHostFails() {
    HostCapabilities host = TestHosts.esxi8Intel().virtualizationEnabledInFirmware(TriState.NO)
        .nestedHvSupported(TriState.NO).build();
    PortSecurityPolicy dvsNoLearning = PortSecurityPolicy.builder().switchKind(SwitchKind.DISTRIBUTED)
        .allowPromiscuous(TriState.NO).forgedTransmits(TriState.YES).macLearning(TriState.NO).build();
    VmConfiguration vm = VmConfiguration.builder().name("kvm-l1").source("kvm-l1.vmx").hardwareVersion(19)
        .memoryMiB(8192)
        .addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("dvpg").portSecurity(dvsNoLearning).build())
        .build();
    assertThat(ids(run("kvm", host, vm)))
        .containsExactly("NV-CPU-001", "NV-HOST-003", "NV-HOST-004", "NV-NET-004", "NV-SUP-001");
  }

  @Test
  void proxmoxOnEsxiPasses() {
    VmConfiguration vm = VmConfiguration.builder().name("pve").source("pve.vmx").hardwareVersion(19)
        .guestOs(GuestOsId.of("debian12-64")).vcpus(2).memoryMiB(4096).nestedHv(TriState.YES)
        .addControllers(StorageController.of("scsi0", ControllerType.PVSCSI))
        .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").build())
        .addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("Nested")
            .portSecurity(TestHosts.openStandard()).build())
        .build();
    assertThat(ids(run("proxmox-ve", TestHosts.esxi8Intel().build(), vm))).containsExactly("NV-SUP-001");
  }

  @Test
  void proxmoxFromAnIncompleteFileFails() {
    VmConfiguration vm = VmConfiguration.builder().name("pve").source("pve.vmx").guestOs(GuestOsId.of("ubuntu-64"))
        .memoryMiB(512).nestedHv(TriState.YES).addNics(Nic.of("ethernet0", NicType.VMXNET3)).build();
    assertThat(ids(run("proxmox-ve", HostCapabilities.unknown(), vm))).containsExactly("NV-GOS-001", "NV-HOST-007",
        "NV-HW-005", "NV-MEM-001", "NV-NET-006", "NV-STO-005", "NV-SUP-001");
  }
}
