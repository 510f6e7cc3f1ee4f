package io.nestcheck.api;

/**
 * A host CPU feature relevant to nested virtualization, with the flag name Linux prints in {@code /proc/cpuinfo}.
 *
 * @since 0.1
 */
public enum CpuFeature {
  /** Intel VT-x (CPUID leaf 1 ECX bit 5). */
  VMX("vmx"),
  /** AMD-V (CPUID leaf 0x80000001 ECX bit 2). */
  SVM("svm"),
  /** Intel Extended Page Tables (second-level address translation). */
  EPT("ept"),
  /** AMD Rapid Virtualization Indexing / Nested Page Tables (second-level address translation). */
  NPT("npt"),
  /** No-execute / execute-disable bit. */
  NX("nx"),
  /** Long mode (64-bit). */
  LM("lm"),
  /** POPCNT instruction. */
  POPCNT("popcnt"),
  /** SSE4.1. */
  SSE4_1("sse4_1"),
  /** SSE4.2. */
  SSE4_2("sse4_2"),
  /** AVX. */
  AVX("avx"),
  /** AVX2. */
  AVX2("avx2"),
  /** AVX-512 Foundation. */
  AVX512F("avx512f"),
  /** AES-NI. */
  AES("aes"),
  /** The "running under a hypervisor" CPUID bit (leaf 1 ECX bit 31). */
  HYPERVISOR("hypervisor"),
  /** Intel VT-x unrestricted guest. */
  UNRESTRICTED_GUEST("unrestricted_guest");

  private final String cpuinfoFlag;

  CpuFeature(String cpuinfoFlag) {
    this.cpuinfoFlag = cpuinfoFlag;
  }

  /** The flag name in Linux {@code /proc/cpuinfo}; never {@code null}. */
  public String cpuinfoFlag() {
    return cpuinfoFlag;
  }
}
