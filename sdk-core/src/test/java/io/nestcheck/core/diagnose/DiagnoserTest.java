package io.nestcheck.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Disk;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Platform;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.ProfileRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiagnoserTest {
  static final Diagnoser DIAGNOSER = Diagnoser.builtIn();
  static final GuestProfile ESXI8 = ProfileRegistry.builtIn().resolve("esxi-8");
  static final GuestProfile CNA8 = ProfileRegistry.builtIn().resolve("fusioncompute-cna-8");
  static final GuestProfile HYPERV = ProfileRegistry.builtIn().resolve("hyperv");

  static final String GUEST_WITHOUT_VT = "processor\t: 0\nvendor_id\t: GenuineIntel\n"
      + "flags\t\t: fpu vme de pse tsc msr pae nx lm sse4_1 sse4_2 popcnt hypervisor\n";
  static final String GUEST_WITH_VT = "processor\t: 0\nvendor_id\t: GenuineIntel\n"
      + "flags\t\t: fpu vme de pse tsc msr pae vmx nx lm hypervisor\nvmx flags\t: ept vpid unrestricted_guest\n";

  /** A healthy nested ESXi 8 VM on a port group that accepts what nested guests need. */
  static VmConfiguration.Builder esxi8() {
    PortSecurityPolicy open = PortSecurityPolicy.builder().switchKind(SwitchKind.STANDARD)
        .allowPromiscuous(TriState.YES).forgedTransmits(TriState.YES).macChanges(TriState.YES).build();
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name("esxi8").source("esxi8.vmx").hardwareVersion(20).guestOs(GuestOsId.of("vmkernel8")).firmware(Firmware.EFI)
        .vcpus(4).coresPerSocket(2).memoryMiB(16384).nestedHv(TriState.YES)
        .addControllers(StorageController.of("scsi0", ControllerType.PVSCSI))
        .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").capacityMiB(40 * 1024).build())
        .addNics(Nic.builder().id("ethernet0").type(NicType.VMXNET3).network("Nested").portSecurity(open).build())
        .addSettings(Setting.of("virtualHW.version", "20", 2), Setting.of("vhv.enable", "TRUE", 3));
    return b;
  }

  private static List<String> ids(Diagnosis d) {
    return d.causes().stream().map(LikelyCause::id).toList();
  }

  @Test
  void withoutAVmTheCatalogOrderDecides() {
    Diagnosis d = DIAGNOSER.diagnose("[    0.913593] kvm: no hardware support for 'kvm_intel'", Optional.empty(),
        Optional.empty(), Optional.empty(), HostCapabilities.unknown());
    assertThat(d.matches()).extracting(SymptomMatch::symptomId).containsExactly("kvm-no-hardware-support");
    assertThat(d.matches().get(0).matched()).isEqualTo("[    0.913593] kvm: no hardware support for 'kvm_intel'");
    assertThat(ids(d)).startsWith("nested-hv-not-exposed", "libvirt-cpu-mode", "cpuid-mask-hides-vt");
    assertThat(d.causes()).allMatch(c -> c.status() == CauseStatus.POSSIBLE);
    assertThat(d.top().get().score()).isEqualTo(100);
    assertThat(d.notes()).anyMatch(n -> n.contains("No VM configuration was given"));
    assertThat(d.profileId()).isEmpty();
  }

  @Test
  void theRuleThatFiresOnTheVmRanksFirstAndBringsItsFix() {
    VmConfiguration vm = esxi8()
        .addCpuidMasks(CpuidMask.of(1, CpuidMask.Register.ECX, "--------------------------0-----"))
        .addSettings(Setting.of("cpuid.1.ecx", "--------------------------0-----", 9)).build();
    Diagnosis d = DIAGNOSER.diagnose("kvm: no hardware support", Optional.of(vm), Optional.of(ESXI8),
        Optional.empty(), HostCapabilities.unknown());
    LikelyCause top = d.top().get();
    assertThat(top.id()).isEqualTo("cpuid-mask-hides-vt");
    assertThat(top.status()).isEqualTo(CauseStatus.CONFIRMED);
    assertThat(top.evidence()).anyMatch(e -> e.startsWith("Confirmed by your configuration: NV-CPU-002"));
    assertThat(top.fixes()).containsExactly(RemoveSetting.of("cpuid.1.ecx"));
    assertThat(d.cause("nested-hv-not-exposed").get().status()).isEqualTo(CauseStatus.NOT_SEEN);
    // host causes cannot be checked without a host: possible, after the confirmed one and before the ruled-out ones
    assertThat(d.cause("host-vt-missing").get().status()).isEqualTo(CauseStatus.POSSIBLE);
    assertThat(ids(d).indexOf("host-vt-missing")).isLessThan(ids(d).indexOf("nested-hv-not-exposed"));
    assertThat(d.notes()).anyMatch(n -> n.contains("host's capabilities are unknown"));
    assertThat(d.profileId()).contains("esxi-8");
  }

  @Test
  void aGuestCpuinfoWithoutVmxProvesThatVirtualizationDoesNotReachTheGuest() {
    VmConfiguration vm = esxi8().nestedHv(TriState.NO).settings(List.of(Setting.of("vhv.enable", "FALSE", 3))).build();
    Diagnosis d = DIAGNOSER.diagnose("kvm: no hardware support", Optional.of(vm), Optional.of(ESXI8),
        Optional.of(GUEST_WITHOUT_VT), HostCapabilities.unknown());
    assertThat(d.matches()).extracting(SymptomMatch::symptomId)
        .containsExactly("kvm-no-hardware-support", "guest-cpuinfo-without-vt");
    assertThat(ids(d).subList(0, 2)).containsExactlyInAnyOrder("hv-not-reaching-guest", "nested-hv-not-exposed");
    LikelyCause proven = d.cause("hv-not-reaching-guest").get();
    assertThat(proven.status()).isEqualTo(CauseStatus.CONFIRMED);
    assertThat(proven.ruleIds()).contains("NV-CPU-001", "NV-HOST-001", "NV-HOST-003");
    assertThat(proven.evidence().get(0)).startsWith("Proven by the guest's evidence").contains("neither vmx nor svm");
    assertThat(proven.findings()).extracting(f -> f.ruleId()).containsExactly("NV-CPU-001");
    LikelyCause cause = d.cause("nested-hv-not-exposed").get();
    assertThat(cause.status()).isEqualTo(CauseStatus.CONFIRMED);
    assertThat(cause.fixes()).containsExactly(ExposeNestedHv.enable());
    assertThat(cause.evidence()).anyMatch(e -> e.startsWith("Consistent with the guest's evidence"));
  }

  @Test
  void theGuestCpuinfoAloneIsASymptom() {
    Diagnosis d = DIAGNOSER.diagnose("", Optional.empty(), Optional.empty(), Optional.of(GUEST_WITHOUT_VT),
        HostCapabilities.unknown());
    assertThat(d.top().get().id()).isEqualTo("hv-not-reaching-guest");
    assertThat(d.top().get().status()).isEqualTo(CauseStatus.CONFIRMED);
  }

  @Test
  void aGuestCpuinfoWithVmxRulesOutTheExposureCauses() {
    Diagnosis d = DIAGNOSER.diagnose("Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n"
        + "kvm: no hardware support", Optional.empty(), Optional.empty(), Optional.of(GUEST_WITH_VT),
        HostCapabilities.unknown());
    assertThat(d.cause("nested-hv-not-exposed").get().status()).isEqualTo(CauseStatus.NOT_SEEN);
    assertThat(d.cause("nested-hv-not-exposed").get().evidence()).anyMatch(e -> e.startsWith("Ruled out")
        && e.contains("lists vmx"));
    assertThat(d.top().get().id()).isEqualTo("storage-controller-no-driver");
    assertThat(d.top().get().status()).isEqualTo(CauseStatus.POSSIBLE);
  }

  @Test
  void windowsStopCodesDoNotApplyToFusionComputeCna() {
    Diagnosis d = DIAGNOSER.diagnose("Stop code: INACCESSIBLE_BOOT_DEVICE", Optional.empty(), Optional.of(CNA8),
        Optional.empty(), HostCapabilities.unknown());
    assertThat(d.notes()).anyMatch(n -> n.contains("cannot come from FusionCompute CNA") && n.contains("Linux/KVM"));
    assertThat(d.causes()).isNotEmpty().allMatch(c -> c.status() == CauseStatus.NOT_APPLICABLE);
    assertThat(d.cause("storage-controller-no-driver").get().explanation()).contains("Linux/KVM based");
  }

  @Test
  void inaccessibleBootDeviceOnAHyperVGuestWithBusLogic() {
    VmConfiguration vm = VmConfiguration.builder().name("hv01").source("hv01.vmx").hardwareVersion(19)
        .guestOs(GuestOsId.of("windows2019srv-64")).firmware(Firmware.EFI).vcpus(4).coresPerSocket(2)
        .memoryMiB(8192).nestedHv(TriState.YES)
        .addControllers(StorageController.of("scsi0", ControllerType.BUSLOGIC))
        .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").capacityMiB(80 * 1024).build())
        .build();
    Diagnosis d = DIAGNOSER.diagnose("Your PC ran into a problem. Stop code: INACCESSIBLE_BOOT_DEVICE",
        Optional.of(vm), Optional.of(HYPERV), Optional.empty(), HostCapabilities.unknown());
    assertThat(d.top().get().id()).isEqualTo("buslogic-64bit");
    assertThat(d.top().get().status()).isEqualTo(CauseStatus.CONFIRMED);
    assertThat(d.top().get().fixes()).isNotEmpty();
    assertThat(d.cause("firmware-changed-after-install").get().status()).isEqualTo(CauseStatus.NOT_SEEN);
    assertThat(d.notes()).noneMatch(n -> n.contains("FusionCompute"));
  }

  @Test
  void cnaCannotAddHostPointsAtTheNicModel() {
    VmConfiguration vm = VmConfiguration.builder().name("cna01").source("cna01.xml").cpuMode(CpuMode.HOST_PASSTHROUGH)
        .nestedHv(TriState.YES).vcpus(4).coresPerSocket(4).memoryMiB(8192)
        .addControllers(StorageController.of("virtio0", ControllerType.VIRTIO_BLK))
        .addDisks(Disk.builder().id("vda").controllerId("virtio0").capacityMiB(200 * 1024).build())
        .addNics(Nic.builder().id("net0").type(NicType.RTL8139).network("br0").build())
        .addSettings(Setting.of("cpu.mode", "host-passthrough", 12))
        .build();
    Diagnosis d = DIAGNOSER.diagnose("部署VRM后无法添加主机", Optional.of(vm), Optional.of(CNA8), Optional.empty(),
        HostCapabilities.builder().platform(Platform.KVM).build());
    LikelyCause top = d.top().get();
    assertThat(top.id()).isEqualTo("nic-no-driver");
    assertThat(top.status()).isEqualTo(CauseStatus.CONFIRMED);
    assertThat(top.fixes()).containsExactly(ReplaceNicType.of("net0", NicType.E1000));
    assertThat(top.explanation()).contains("e1000");
  }

  @Test
  void cnaPowerOnFailureWithHostModelPointsAtTheCpuMode() {
    VmConfiguration vm = VmConfiguration.builder().name("cna01").source("cna01.xml").cpuMode(CpuMode.HOST_MODEL)
        .nestedHv(TriState.YES).vcpus(4).coresPerSocket(4).memoryMiB(8192)
        .addSettings(Setting.of("cpu.mode", "host-model", 12))
        .build();
    Diagnosis d = DIAGNOSER.diagnose("任务失败：虚拟机打开电源失败", Optional.of(vm), Optional.of(CNA8), Optional.empty(),
        HostCapabilities.builder().platform(Platform.KVM).build());
    assertThat(d.top().get().id()).isEqualTo("libvirt-cpu-mode");
    assertThat(d.top().get().status()).isEqualTo(CauseStatus.CONFIRMED);
    assertThat(d.top().get().fixes()).containsExactly(ExposeNestedHv.enable());
    assertThat(d.cause("nested-hv-not-exposed").get().status()).isEqualTo(CauseStatus.NOT_SEEN);
  }

  @Test
  void vrmWithoutComputeResourcesPointsAtCnaDirectlyOnVmware() {
    VmConfiguration vm = VmConfiguration.builder().name("cna01").source("cna01.vmx").hardwareVersion(15)
        .guestOs(GuestOsId.of("otherlinux-64")).vcpus(4).coresPerSocket(4).memoryMiB(8192).nestedHv(TriState.YES)
        .build();
    Diagnosis d = DIAGNOSER.diagnose("VRM虚拟化部署失败、找不到计算资源", Optional.of(vm), Optional.of(CNA8),
        Optional.empty(), HostCapabilities.unknown());
    assertThat(d.top().get().id()).isEqualTo("cna-directly-on-vmware");
    assertThat(d.top().get().status()).isEqualTo(CauseStatus.CONFIRMED);
    assertThat(d.cause("nested-hv-not-exposed").get().status()).isEqualTo(CauseStatus.NOT_SEEN);
  }

  @Test
  void aDescribedHostConfirmsHostCausesWithoutAVm() {
    HostCapabilities host = HostCapabilities.builder().platform(Platform.WORKSTATION)
        .virtualizationEnabledInFirmware(TriState.NO).build();
    Diagnosis d = DIAGNOSER.diagnose("Error while powering on: VMware Workstation does not support nested "
        + "virtualization on this host.\nModule 'HV' power on failed.", Optional.empty(), Optional.empty(),
        Optional.empty(), host);
    assertThat(d.top().get().id()).isEqualTo("host-vt-disabled-in-firmware");
    assertThat(d.top().get().status()).isEqualTo(CauseStatus.CONFIRMED);
    assertThat(d.top().get().findings()).extracting(f -> f.ruleId()).containsExactly("NV-HOST-003");
    assertThat(d.cause("windows-host-hypervisor-holds-vt").get().status()).isEqualTo(CauseStatus.POSSIBLE);
    assertThat(d.notes()).anyMatch(n -> n.contains("only the host's capabilities were checked"));
  }

  @Test
  void aProfileIsSelectedByGuestOsOrAGenericOneIsUsed() {
    Diagnosis auto = DIAGNOSER.diagnose("HARDWARE_VIRTUALIZATION WARNING", Optional.of(esxi8().nestedHv(TriState.NO).build()),
        Optional.empty(), Optional.empty(), HostCapabilities.unknown());
    assertThat(auto.profileId()).contains("esxi-8");
    assertThat(auto.top().get().id()).isEqualTo("nested-hv-not-exposed");
    Diagnosis generic = DIAGNOSER.diagnose("HARDWARE_VIRTUALIZATION WARNING",
        Optional.of(esxi8().guestOs(GuestOsId.of("other-64")).nestedHv(TriState.NO).build()), Optional.empty(),
        Optional.empty(), HostCapabilities.unknown());
    assertThat(generic.profileId()).contains("generic-guest-hypervisor");
    assertThat(generic.top().get().id()).isEqualTo("nested-hv-not-exposed");
    assertThat(generic.top().get().status()).isEqualTo(CauseStatus.CONFIRMED);
  }

  @Test
  void unknownTextGivesNoCauses() {
    Diagnosis d = DIAGNOSER.diagnose("everything is fine", Optional.empty(), Optional.empty(), Optional.empty(),
        HostCapabilities.unknown());
    assertThat(d.matches()).isEmpty();
    assertThat(d.causes()).isEmpty();
    assertThat(d.top()).isEmpty();
    assertThat(d.notes()).anyMatch(n -> n.startsWith("No known symptom was recognized"));
  }

  @Test
  void unreadableGuestCpuinfoIsANoteNotAnError() {
    Diagnosis d = DIAGNOSER.diagnose("kvm: disabled by bios", Optional.empty(), Optional.empty(),
        Optional.of("not cpuinfo at all"), HostCapabilities.unknown());
    assertThat(d.notes()).anyMatch(n -> n.startsWith("The guest cpuinfo could not be read"));
    assertThat(d.top().get().id()).isEqualTo("host-vt-disabled-in-firmware");
  }
}
