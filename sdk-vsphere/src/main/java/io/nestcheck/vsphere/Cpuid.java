package io.nestcheck.vsphere;

import com.vmware.vim25.HostCpuIdInfo;
import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.TriState;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes {@code HostHardwareInfo.cpuFeature}: per CPUID leaf ({@code level}, a signed 32-bit int, so 0x80000001
 * arrives as -2147483647) the registers as {@code "????:????:...:????"}: 32 bits, most significant first, a
 * {@code :} every 4 bits, each {@code 0}, {@code 1} or {@code -} (unknown). Bit {@code b} is at string index
 * {@code (31-b) + (31-b)/4}.
 */
final class Cpuid {
  private Cpuid() {}

  static final int LEAF_EXT = 0x80000001; // == -2147483647

  private static final class Bit {
    final int leaf;
    final char register;
    final int bit;

    Bit(int leaf, char register, int bit) {
      this.leaf = leaf;
      this.register = register;
      this.bit = bit;
    }
  }

  private static final Map<CpuFeature, Bit> BITS = new EnumMap<>(CpuFeature.class);

  static {
    BITS.put(CpuFeature.VMX, new Bit(1, 'c', 5));
    BITS.put(CpuFeature.SSE4_1, new Bit(1, 'c', 19));
    BITS.put(CpuFeature.SSE4_2, new Bit(1, 'c', 20));
    BITS.put(CpuFeature.POPCNT, new Bit(1, 'c', 23));
    BITS.put(CpuFeature.AES, new Bit(1, 'c', 25));
    BITS.put(CpuFeature.AVX, new Bit(1, 'c', 28));
    BITS.put(CpuFeature.HYPERVISOR, new Bit(1, 'c', 31));
    BITS.put(CpuFeature.AVX2, new Bit(7, 'b', 5));
    BITS.put(CpuFeature.AVX512F, new Bit(7, 'b', 16));
    BITS.put(CpuFeature.SVM, new Bit(LEAF_EXT, 'c', 2));
    BITS.put(CpuFeature.NX, new Bit(LEAF_EXT, 'd', 20));
    BITS.put(CpuFeature.LM, new Bit(LEAF_EXT, 'd', 29));
  }

  /** The character of bit {@code bit} (0 = least significant) in a register string, or {@code '?'}. */
  static char bitChar(String register, int bit) {
    if (register == null || bit < 0 || bit > 31) {
      return '?';
    }
    String r = register.strip();
    int idx;
    if (r.length() == 39) {
      idx = (31 - bit) + (31 - bit) / 4;
    } else if (r.length() == 32) {
      idx = 31 - bit;
    } else {
      return '?';
    }
    return r.charAt(idx);
  }

  /** The state of {@code feature} in the host's CPUID vectors. */
  static TriState feature(List<HostCpuIdInfo> leaves, CpuFeature feature) {
    Bit b = BITS.get(feature);
    if (b == null) {
      return TriState.UNKNOWN; // EPT/NPT/unrestricted guest are not visible in the vectors
    }
    for (HostCpuIdInfo l : leaves) {
      if (l.getLevel() == b.leaf) {
        char c = bitChar(register(l, b.register), b.bit);
        return c == '1' ? TriState.YES : c == '0' ? TriState.NO : TriState.UNKNOWN;
      }
    }
    return TriState.UNKNOWN;
  }

  /** The features this class can decode. */
  static Iterable<CpuFeature> decodable() {
    return BITS.keySet();
  }

  private static String register(HostCpuIdInfo l, char r) {
    switch (r) {
      case 'a':
        return l.getEax();
      case 'b':
        return l.getEbx();
      case 'c':
        return l.getEcx();
      default:
        return l.getEdx();
    }
  }

  /** The vendor from a CPU model string ({@code Intel(R) Xeon(R) ...}). */
  static CpuVendor vendorOfModel(String model) {
    if (model == null) {
      return CpuVendor.UNKNOWN;
    }
    String m = model.toLowerCase(Locale.ROOT);
    if (m.contains("intel")) {
      return CpuVendor.INTEL;
    }
    if (m.contains("hygon")) {
      return CpuVendor.HYGON;
    }
    if (m.contains("amd")) {
      return CpuVendor.AMD;
    }
    return CpuVendor.UNKNOWN;
  }

  /** The vendor from leaf 0 (EBX, EDX, ECX spell {@code GenuineIntel} / {@code AuthenticAMD}), when fully known. */
  static CpuVendor vendorOfLeaf0(List<HostCpuIdInfo> leaves) {
    for (HostCpuIdInfo l : leaves) {
      if (l.getLevel() == 0) {
        String s = ascii(l.getEbx()) + ascii(l.getEdx()) + ascii(l.getEcx());
        if (s.contains("?")) {
          return CpuVendor.UNKNOWN;
        }
        switch (s) {
          case "GenuineIntel":
            return CpuVendor.INTEL;
          case "AuthenticAMD":
            return CpuVendor.AMD;
          case "HygonGenuine":
            return CpuVendor.HYGON;
          default:
            return CpuVendor.OTHER;
        }
      }
    }
    return CpuVendor.UNKNOWN;
  }

  /** The four little-endian ASCII bytes of a register string. */
  private static String ascii(String register) {
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v = 0;
      for (int bit = 7; bit >= 0; bit--) {
        char c = bitChar(register, i * 8 + bit);
        if (c != '0' && c != '1') {
          return "?";
        }
        v = (v << 1) | (c - '0');
      }
      out[i] = (byte) v;
    }
    return new String(out, StandardCharsets.US_ASCII);
  }
}
