package io.nestcheck.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.TriState;
import org.junit.jupiter.api.Test;

class CpuInfoTest {


  @Test
  void intelHostWithVmxFlagsLine() {
    HostCapabilities h = CpuInfo.parse(CpuInfoSamples.INTEL_XEON_KVM_HOST);
    assertThat(h.cpuVendor()).isEqualTo(CpuVendor.INTEL);
    assertThat(h.cpuModel()).contains("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz");
    assertThat(h.cpuFeatures()).contains(CpuFeature.VMX, CpuFeature.EPT, CpuFeature.UNRESTRICTED_GUEST,
        CpuFeature.NX, CpuFeature.LM, CpuFeature.AVX512F, CpuFeature.AES);
    assertThat(h.absentCpuFeatures()).contains(CpuFeature.SVM, CpuFeature.HYPERVISOR).doesNotContain(CpuFeature.NPT);
    assertThat(h.feature(CpuFeature.NPT)).isEqualTo(TriState.UNKNOWN);
    assertThat(h.virtualizationEnabledInFirmware()).isEqualTo(TriState.YES);
    assertThat(h.platform()).isEqualTo(Platform.UNKNOWN);
    assertThat(h.cores()).hasValue(2); // 4 logical CPUs, core ids 0 and 1 on one package
  }

  @Test
  void amdHostWithSvmAndNpt() {
    HostCapabilities h = CpuInfo.parse(CpuInfoSamples.AMD_EPYC_HOST, Platform.KVM);
    assertThat(h.platform()).isEqualTo(Platform.KVM);
    assertThat(h.cpuVendor()).isEqualTo(CpuVendor.AMD);
    assertThat(h.cpuFeatures()).contains(CpuFeature.SVM, CpuFeature.NPT, CpuFeature.AVX2).doesNotContain(CpuFeature.VMX);
    assertThat(h.absentCpuFeatures()).contains(CpuFeature.VMX, CpuFeature.AVX512F, CpuFeature.HYPERVISOR);
    assertThat(h.feature(CpuFeature.EPT)).as("no vmx flags line, no old-style VMX flags").isEqualTo(TriState.UNKNOWN);
    assertThat(h.virtualizationEnabledInFirmware()).as("svm says nothing about the firmware").isEqualTo(TriState.UNKNOWN);
  }

  @Test
  void guestWithoutNestedVirtualization() {
    HostCapabilities h = CpuInfo.parse(CpuInfoSamples.VMWARE_GUEST_WITHOUT_VHV);
    assertThat(h.feature(CpuFeature.HYPERVISOR)).isEqualTo(TriState.YES);
    assertThat(h.absentCpuFeatures()).contains(CpuFeature.VMX, CpuFeature.SVM);
    assertThat(h.feature(CpuFeature.EPT)).isEqualTo(TriState.UNKNOWN);
    assertThat(h.feature(CpuFeature.NPT)).isEqualTo(TriState.UNKNOWN);
    assertThat(h.virtualizationEnabledInFirmware()).isEqualTo(TriState.UNKNOWN);
  }

  @Test
  void oldKernelWithVmxButWithoutEpt() {
    HostCapabilities h = CpuInfo.parse(CpuInfoSamples.CENTOS7_INTEL_OLD_KERNEL);
    assertThat(h.feature(CpuFeature.VMX)).isEqualTo(TriState.YES);
    assertThat(h.feature(CpuFeature.EPT)).as("old kernels list vpid/flexpriority next to ept").isEqualTo(TriState.NO);
    assertThat(h.feature(CpuFeature.UNRESTRICTED_GUEST)).isEqualTo(TriState.NO);
    assertThat(h.cores()).hasValue(1);
  }

  @Test
  void hygonAndOtherVendors() {
    assertThat(CpuInfo.parse("processor : 0\nvendor_id : HygonGenuine\nflags : svm npt\n").cpuVendor())
        .isEqualTo(CpuVendor.HYGON);
    assertThat(CpuInfo.parse("processor : 0\nvendor_id : CentaurHauls\n").cpuVendor()).isEqualTo(CpuVendor.OTHER);
    HostCapabilities arm = CpuInfo.parse("processor\t: 0\nBogoMIPS\t: 100.00\nFeatures\t: fp asimd\nCPU implementer\t: 0x48\n");
    assertThat(arm.cpuVendor()).isEqualTo(CpuVendor.OTHER);
    assertThat(arm.cpuFeatures()).isEmpty();
    assertThat(arm.absentCpuFeatures()).as("no flags line: nothing is known").isEmpty();
  }

  @Test
  void windowsLineEndingsAndNoTrailingNewline() {
    HostCapabilities h = CpuInfo.parse("processor\t: 0\r\nvendor_id\t: GenuineIntel\r\nflags\t\t: vmx ept lm");
    assertThat(h.cpuFeatures()).contains(CpuFeature.VMX, CpuFeature.EPT, CpuFeature.LM);
  }

  @Test
  void textThatIsNotCpuinfoIsRejectedWithTheLine() {
    assertThatThrownBy(() -> CpuInfo.parse("vhv.enable = \"TRUE\"\nmemsize = \"4096\"\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vhv.enable = \"TRUE\"") // has '=' but no ':'
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> CpuInfo.parse("processor : 0\nthis is not a key value line\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("this is not a key value line");
    assertThatThrownBy(() -> CpuInfo.parse("  \n\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> CpuInfo.parse("name: esx01\nversion: 8.0\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'processor'");
  }
}
