package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.HostCpuIdInfo;
import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.TriState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bit-string decoding of {@code HostHardwareInfo.cpuFeature} (notes §3). */
class CpuidTest {
  private static HostCpuIdInfo leaf(int level, String eax, String ebx, String ecx, String edx) {
    HostCpuIdInfo l = new HostCpuIdInfo();
    l.setLevel(level);
    l.setEax(eax);
    l.setEbx(ebx);
    l.setEcx(ecx);
    l.setEdx(edx);
    return l;
  }

  // vcsim's vectors (govmomi 0.24.2 esx/host_hardware_info.go)
  static final HostCpuIdInfo L0 = leaf(0, "0000:0000:0000:0000:0000:0000:0000:1101",
      "0111:0101:0110:1110:0110:0101:0100:0111", "0110:1100:0110:0101:0111:0100:0110:1110",
      "0100:1001:0110:0101:0110:1110:0110:1001");
  static final HostCpuIdInfo L1 = leaf(1, "0000:0000:0000:0011:0000:0110:1010:1001",
      "0000:0000:0000:0010:0000:1000:0000:0000", "1001:0111:1011:1010:0010:0010:0010:1011",
      "0000:1111:1010:1011:1111:1011:1111:1111");
  static final HostCpuIdInfo LEXT = leaf(-2147483647, "0000:0000:0000:0000:0000:0000:0000:0000",
      "0000:0000:0000:0000:0000:0000:0000:0000", "0000:0000:0000:0000:0000:0000:0000:0001",
      "0010:1000:0001:0000:0000:1000:0000:0000");

  @Test
  void bitIndexFormula() {
    String ecx = "1001:0111:1011:1010:0010:0010:0010:1011";
    assertThat(Cpuid.bitChar(ecx, 0)).isEqualTo('1');
    assertThat(Cpuid.bitChar(ecx, 2)).isEqualTo('0');
    assertThat(Cpuid.bitChar(ecx, 5)).isEqualTo('1'); // VMX
    assertThat(Cpuid.bitChar(ecx, 31)).isEqualTo('1');
    assertThat(Cpuid.bitChar(ecx.replace(":", ""), 5)).isEqualTo('1');
    assertThat(Cpuid.bitChar("----:----:----:----:----:----:----:----", 5)).isEqualTo('-');
    assertThat(Cpuid.bitChar("short", 5)).isEqualTo('?');
    assertThat(Cpuid.bitChar(null, 5)).isEqualTo('?');
  }

  @Test
  void featuresOfVcsimsHost() {
    List<HostCpuIdInfo> leaves = List.of(L0, L1, LEXT);
    assertThat(Cpuid.feature(leaves, CpuFeature.VMX)).isEqualTo(TriState.YES);
    assertThat(Cpuid.feature(leaves, CpuFeature.SVM)).isEqualTo(TriState.NO); // 0x80000001 arrives as -2147483647
    assertThat(Cpuid.feature(leaves, CpuFeature.LM)).isEqualTo(TriState.YES);
    assertThat(Cpuid.feature(leaves, CpuFeature.NX)).isEqualTo(TriState.YES);
    assertThat(Cpuid.feature(leaves, CpuFeature.EPT)).isEqualTo(TriState.UNKNOWN);
    assertThat(Cpuid.feature(leaves, CpuFeature.AVX2)).isEqualTo(TriState.UNKNOWN); // no leaf 7
    assertThat(Cpuid.feature(List.of(leaf(1, null, null, "1001:0111:1011:1010:0010:0010:0000:1011", null)),
        CpuFeature.VMX)).isEqualTo(TriState.NO);
  }

  @Test
  void vendor() {
    assertThat(Cpuid.vendorOfLeaf0(List.of(L0))).isEqualTo(CpuVendor.INTEL); // "GenuineIntel"
    assertThat(Cpuid.vendorOfModel("Intel(R) Xeon(R) Gold 6338")).isEqualTo(CpuVendor.INTEL);
    assertThat(Cpuid.vendorOfModel("AMD EPYC 7763 64-Core Processor")).isEqualTo(CpuVendor.AMD);
    assertThat(Cpuid.vendorOfModel("Hygon C86 7285")).isEqualTo(CpuVendor.HYGON);
    assertThat(Cpuid.vendorOfModel(null)).isEqualTo(CpuVendor.UNKNOWN);
  }
}
