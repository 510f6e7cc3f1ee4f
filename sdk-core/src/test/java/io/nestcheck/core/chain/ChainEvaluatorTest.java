package io.nestcheck.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Disk;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Platform;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainEvaluatorTest {
  static final ChainEvaluator CHAIN = ChainEvaluator.of(Evaluator.of(RuleCatalog.builtIn()));
  static final GuestProfile CNA8 = ProfileRegistry.builtIn().resolve("fusioncompute-cna-8");
  static final HostCapabilities WORKSTATION_HOST = HostCapabilities.builder().platform(Platform.WORKSTATION)
      .cpuVendor(CpuVendor.INTEL).addCpuFeatures(CpuFeature.VMX, CpuFeature.EPT, CpuFeature.NX, CpuFeature.LM)
      .addAbsentCpuFeatures(CpuFeature.SVM, CpuFeature.HYPERVISOR).virtualizationEnabledInFirmware(TriState.YES)
      .build();

  /** L1: an Ubuntu VM on VMware Workstation that will run KVM. */
  static VmConfiguration.Builder ubuntu(boolean vhv) {
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name("ubuntu-kvm").source("C:\\VMs\\ubuntu-kvm\\ubuntu-kvm.vmx").hardwareVersion(19)
        .guestOs(GuestOsId.of("ubuntu-64")).vcpus(4).coresPerSocket(2).memoryMiB(8192)
        .nestedHv(TriState.of(vhv))
        .addControllers(StorageController.of("scsi0", ControllerType.LSI_LOGIC))
        .addDisks(Disk.builder().id("scsi0:0").controllerId("scsi0").capacityMiB(300 * 1024).build())
        .addNics(Nic.builder().id("ethernet0").type(NicType.E1000E).build())
        .addSettings(Setting.of("virtualHW.version", "19", 5), Setting.of("memsize", "8192", 8),
            Setting.of("vhv.enable", vhv ? "TRUE" : "FALSE", 12));
    return b;
  }

  /** L2: the FusionCompute CNA libvirt guest, as the lab guides build it. */
  static VmConfiguration.Builder cna(CpuMode mode) {
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name("cna01").source("/etc/libvirt/qemu/cna.xml").cpuMode(mode).nestedHv(TriState.YES)
        .vcpus(3).coresPerSocket(3).memoryMiB(7168)
        .addControllers(StorageController.of("virtio0", ControllerType.VIRTIO_BLK))
        .addDisks(Disk.builder().id("vda").controllerId("virtio0").capacityMiB(200 * 1024).build())
        .addNics(Nic.builder().id("net0").type(NicType.E1000).network("br0").build())
        .addSettings(Setting.of("domain.type", "kvm", 1),
            Setting.of("cpu.mode", mode.name().toLowerCase().replace('_', '-'), 14));
    return b;
  }

  private static List<String> ruleIds(List<Finding> findings, Severity atLeast) {
    return findings.stream().filter(f -> f.severity().atLeast(atLeast)).map(Finding::ruleId).distinct().toList();
  }

  @Test
  void workstationVmWithVhvOffUnderACnaWithHostModel() {
    ChainResult r = CHAIN.evaluate(List.of(ubuntu(false).build(), cna(CpuMode.HOST_MODEL).build()),
        Optional.of(WORKSTATION_HOST), CNA8);
    ChainLayer l1 = r.layer(1);
    ChainLayer l2 = r.layer(2);
    assertThat(l1.label()).isEqualTo("L1 ubuntu-kvm.vmx");
    assertThat(l2.label()).isEqualTo("L2 cna.xml");

    // L1: does not expose VT-x, and is too small for the CNA (7168 MiB + 1024 + 10% = 8909 MiB)
    assertThat(ruleIds(l1.findings(), Severity.WARNING)).containsExactly("NV-CHAIN-001", "NV-CPU-001");
    Finding vhv = l1.findings().stream().filter(f -> f.ruleId().equals("NV-CPU-001")).findFirst().get();
    assertThat(vhv.layer()).contains("L1 ubuntu-kvm.vmx");
    assertThat(vhv.fixes()).containsExactly(ExposeNestedHv.enable());
    Finding memory = l1.findings().stream().filter(f -> f.ruleId().equals("NV-CHAIN-001")).findFirst().get();
    assertThat(memory.evidence()).containsEntry("required", "8909");
    assertThat(memory.fixes()).containsExactly(SetMemory.of(8960));
    assertThat(memory.message()).contains("L2 cna.xml needs 7168 MiB");

    // L2: its host (L1) has no VT-x, blamed on L1; the CNA wants host-passthrough, not host-model
    assertThat(l2.host().platform()).isEqualTo(Platform.KVM);
    assertThat(l2.host().feature(CpuFeature.VMX)).isEqualTo(TriState.NO);
    assertThat(l2.host().feature(CpuFeature.HYPERVISOR)).isEqualTo(TriState.YES);
    assertThat(ruleIds(l2.findings(), Severity.WARNING)).contains("NV-HOST-001", "NV-CPU-006")
        .doesNotContain("NV-CHAIN-001", "NV-CHAIN-002");
    Finding noVt = l2.findings().stream().filter(f -> f.ruleId().equals("NV-HOST-001")).findFirst().get();
    assertThat(noVt.layer()).contains("L2 cna.xml");
    assertThat(noVt.evidence().get("chain")).contains("L1 ubuntu-kvm.vmx does not expose hardware virtualization");
    Finding mode = l2.findings().stream().filter(f -> f.ruleId().equals("NV-CPU-006")).findFirst().get();
    assertThat(mode.fixes()).containsExactly(ExposeNestedHv.enable());

    assertThat(r.findings()).hasSize(l1.findings().size() + l2.findings().size());
    assertThat(r.findings()).allMatch(f -> f.layer().isPresent());
  }

  @Test
  void aGoodChainHasNothingAboveInfo() {
    ChainResult r = CHAIN.evaluate(List.of(ubuntu(true).memoryMiB(16384).build(), cna(CpuMode.HOST_PASSTHROUGH).build()),
        Optional.of(WORKSTATION_HOST), CNA8);
    assertThat(r.findings()).filteredOn(f -> f.severity().atLeast(Severity.WARNING)).isEmpty();
    assertThat(r.layer(2).host().feature(CpuFeature.VMX)).isEqualTo(TriState.YES);
    assertThat(r.layer(2).host().feature(CpuFeature.EPT)).isEqualTo(TriState.YES);
    assertThat(r.layer(2).host().virtualizationEnabledInFirmware()).isEqualTo(TriState.YES);
  }

  @Test
  void theInnerLayerCountsAfterItsOwnFixes() {
    // the CNA has 4096 MiB and 2 vCPUs, below the profile's 7168 MiB and 3 vCPUs: L1 must hold the fixed CNA
    ChainResult r = CHAIN.evaluate(List.of(ubuntu(true).memoryMiB(8192).vcpus(2).coresPerSocket(2).build(),
        cna(CpuMode.HOST_PASSTHROUGH).memoryMiB(4096).vcpus(2).coresPerSocket(2).build()),
        Optional.of(WORKSTATION_HOST), CNA8);
    List<Finding> l1 = r.layer(1).findings();
    assertThat(l1).filteredOn(f -> f.ruleId().equals("NV-CHAIN-001")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("7168 MiB after its own fixes"));
    assertThat(l1).filteredOn(f -> f.ruleId().equals("NV-CHAIN-002")).singleElement()
        .satisfies(f -> assertThat(f.fixes()).containsExactly(SetCpu.of(3, 1)));
    assertThat(ruleIds(r.layer(2).findings(), Severity.WARNING)).contains("NV-MEM-001", "NV-CPU-004");
  }

  @Test
  void theOverheadIsAParameter() {
    ChainEvaluator none = CHAIN.withMemoryOverhead(0, 0);
    ChainResult r = none.evaluate(List.of(ubuntu(true).memoryMiB(7168).build(), cna(CpuMode.HOST_PASSTHROUGH).build()),
        Optional.of(WORKSTATION_HOST), CNA8);
    assertThat(ruleIds(r.findings(), Severity.INFO)).doesNotContain("NV-CHAIN-001");
    assertThatThrownBy(() -> CHAIN.withMemoryOverhead(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCpuidMaskOnAMiddleLayerHidesVtFromTheNext() {
    VmConfiguration esxi = VmConfiguration.builder().name("esxi").source("esxi.vmx").hardwareVersion(20)
        .guestOs(GuestOsId.of("vmkernel8")).vcpus(8).coresPerSocket(8).memoryMiB(32768).nestedHv(TriState.YES)
        .addCpuidMasks(CpuidMask.of(1, CpuidMask.Register.ECX, "--------------------------0-----")).build();
    VmConfiguration inner = VmConfiguration.builder().name("hv").source("hv/hv.vmx").hardwareVersion(19)
        .vcpus(4).coresPerSocket(4).memoryMiB(8192).nestedHv(TriState.YES).build();
    ChainResult r = CHAIN.evaluate(List.of(esxi, inner), Optional.empty(), ProfileRegistry.builtIn().resolve("hyperv"));
    assertThat(ruleIds(r.layer(1).findings(), Severity.WARNING)).contains("NV-CPU-002");
    assertThat(r.layer(2).host().platform()).isEqualTo(Platform.ESXI);
    assertThat(r.layer(2).host().feature(CpuFeature.VMX)).isEqualTo(TriState.NO);
    assertThat(r.layer(2).findings()).filteredOn(f -> f.ruleId().equals("NV-HOST-001")).singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsKey("chain"));
  }

  @Test
  void threeLayersAreLabelledAndSizedFromTheInside() {
    VmConfiguration l1 = ubuntu(true).source("l1.vmx").memoryMiB(16384).vcpus(4).build();
    VmConfiguration l2 = cna(CpuMode.HOST_PASSTHROUGH).source("l2.xml").memoryMiB(12288).vcpus(4).coresPerSocket(4).build();
    VmConfiguration l3 = cna(CpuMode.HOST_PASSTHROUGH).source("l3.xml").memoryMiB(8192).build();
    ChainResult r = CHAIN.evaluate(List.of(l1, l2, l3), Optional.of(WORKSTATION_HOST), CNA8);
    assertThat(r.layers()).extracting(ChainLayer::label).containsExactly("L1 l1.vmx", "L2 l2.xml", "L3 l3.xml");
    // L2 needs 8192 + 1024 + 820 = 10036 (has 12288); L1 needs 12288 + 1024 + 1229 = 14541 (has 16384)
    assertThat(ruleIds(r.findings(), Severity.INFO)).doesNotContain("NV-CHAIN-001", "NV-CHAIN-002");
    assertThat(r.layer(3).host().platform()).isEqualTo(Platform.KVM);
    assertThat(r.layer(3).host().cores()).hasValue(4);
  }

  @Test
  void aSingleLayerIsCheckedAgainstTheProfileOnly() {
    ChainResult r = CHAIN.evaluate(List.of(cna(CpuMode.HOST_MODEL).build()), Optional.empty(), CNA8);
    assertThat(r.layers()).hasSize(1);
    assertThat(ruleIds(r.findings(), Severity.WARNING)).contains("NV-CPU-006").doesNotContain("NV-CHAIN-001");
    assertThat(r.layer(1).profile()).isEqualTo(CNA8);
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> CHAIN.evaluate(List.of(), Optional.empty(), CNA8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one layer");
    assertThatThrownBy(() -> CHAIN.evaluate(List.of(cna(CpuMode.HOST_MODEL).build()), Optional.empty(),
        ProfileRegistry.builtIn().find("fusioncompute-cna-8").get()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not resolved");
  }

  @Test
  void theChainRulesHaveValidMetadata() {
    RuleCatalog catalog = RuleCatalog.of(List.of(ChainEvaluator.rulePack()));
    assertThat(catalog.rules()).extracting(d -> d.id()).containsExactly("NV-CHAIN-001", "NV-CHAIN-002");
    // and no id clashes with the built-in rules
    assertThat(RuleCatalog.builtIn().rules()).noneMatch(d -> d.id().startsWith("NV-CHAIN-"));
  }
}
