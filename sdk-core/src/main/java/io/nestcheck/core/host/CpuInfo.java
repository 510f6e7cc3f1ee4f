package io.nestcheck.core.host;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.TriState;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the text of Linux {@code /proc/cpuinfo} into {@link HostCapabilities}, so a user can describe a KVM host
 * (or check what a guest sees) by pasting one file.
 *
 * <p>What is read, from the <em>first</em> processor block (blocks are separated by blank lines; every x86 block of
 * one machine carries the same vendor and flags):
 * <ul>
 *   <li>{@code vendor_id}: {@code GenuineIntel} is Intel, {@code AuthenticAMD} is AMD, {@code HygonGenuine} is
 *       Hygon, anything else (or an ARM {@code CPU implementer}) is "other".
 *   <li>{@code model name}: the CPU model.
 *   <li>{@code flags}: every {@link CpuFeature} whose {@linkplain CpuFeature#cpuinfoFlag() flag} is listed is
 *       present. The kernel prints a flag for every CPUID feature bit that is set, so a CPUID-based feature
 *       ({@code vmx}, {@code svm}, {@code nx}, {@code lm}, {@code popcnt}, {@code sse4_1}, {@code sse4_2},
 *       {@code avx}, {@code avx2}, {@code avx512f}, {@code aes}, {@code hypervisor}) missing from a flags line is
 *       <em>absent</em>: no {@code vmx} and no {@code svm} means both are absent (VT-x/AMD-V is missing, hidden by
 *       the outer hypervisor, or, on recent kernels that clear the flag when the firmware locks VMX off, disabled
 *       in the firmware).
 *   <li>EPT and unrestricted guest are VMX capabilities read from MSRs, not CPUID. Older kernels list some of them
 *       in {@code flags} ({@code ept}, {@code vpid}, {@code flexpriority}, {@code tpr_shadow}, {@code vnmi});
 *       newer kernels also print a separate {@code vmx flags} line. Each is present when listed in either line,
 *       absent when a {@code vmx flags} line exists without it or when the flags line carries those old-style VMX
 *       capabilities without it, and <em>unknown</em> otherwise (for example a CPU without {@code vmx}: nothing
 *       then says whether EPT exists).
 *   <li>NPT ({@code npt}) is a CPUID feature of AMD-V: present when listed, absent when {@code svm} is listed
 *       without it, unknown otherwise.
 *   <li>A {@code vmx flags} line with content means the kernel found VT-x usable, so it is enabled in the firmware;
 *       nothing else in the file says so, and the firmware state stays unknown otherwise.
 *   <li>The number of physical cores, from the distinct {@code physical id}/{@code core id} pairs of all blocks,
 *       when every block states both.
 * </ul>
 * The platform is {@link Platform#UNKNOWN} unless the caller states it: {@code /proc/cpuinfo} looks the same on
 * a KVM host, a bare-metal Linux server that runs no hypervisor and a guest. The {@code hypervisor} flag (present
 * in a guest) is reported as {@link CpuFeature#HYPERVISOR}.
 *
 * <p>The class is stateless and thread-safe.
 *
 * @since 0.1
 */
public final class CpuInfo {
  private static final Set<CpuFeature> CPUID_FEATURES = EnumSet.of(CpuFeature.VMX, CpuFeature.SVM, CpuFeature.NX,
      CpuFeature.LM, CpuFeature.POPCNT, CpuFeature.SSE4_1, CpuFeature.SSE4_2, CpuFeature.AVX, CpuFeature.AVX2,
      CpuFeature.AVX512F, CpuFeature.AES, CpuFeature.HYPERVISOR);
  private static final List<String> OLD_STYLE_VMX_FLAGS = List.of("vpid", "flexpriority", "tpr_shadow", "vnmi");

  private CpuInfo() {}

  /**
   * Parses {@code /proc/cpuinfo} text; the platform stays unknown.
   *
   * @param text the file's text; never {@code null}
   * @return the host capabilities it shows; never {@code null}
   * @throws IllegalArgumentException if the text is not {@code /proc/cpuinfo}: it is empty, a line is not
   *     {@code key : value} (the message quotes the line and its number), or no processor block has any of
   *     {@code processor}, {@code vendor_id}, {@code flags}
   */
  public static HostCapabilities parse(String text) {
    return parse(text, Platform.UNKNOWN);
  }

  /**
   * Parses {@code /proc/cpuinfo} text of a host whose platform the caller knows.
   *
   * @param text the file's text; never {@code null}
   * @param platform the host's platform, for example {@link Platform#KVM}; never {@code null}
   * @return the host capabilities it shows; never {@code null}
   * @throws IllegalArgumentException as {@link #parse(String)}
   */
  public static HostCapabilities parse(String text, Platform platform) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(platform, "platform");
    Map<String, String> first = null;
    Map<String, String> block = new LinkedHashMap<>();
    Set<String> cores = new HashSet<>();
    boolean coresComplete = true;
    int blocks = 0;
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i <= lines.length; i++) {
      String line = i < lines.length ? lines[i] : "";
      if (line.isBlank()) {
        if (!block.isEmpty()) {
          blocks++;
          if (first == null) {
            first = block;
          }
          String pkg = block.get("physical id");
          String core = block.get("core id");
          if (pkg == null || core == null) {
            coresComplete = false;
          } else {
            cores.add(pkg + "/" + core);
          }
          block = new LinkedHashMap<>();
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.substring(0, colon).isBlank()) {
        throw new IllegalArgumentException("not /proc/cpuinfo text: line " + (i + 1) + " is not 'key : value': \""
            + abbreviate(line) + "\"");
      }
      String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      block.putIfAbsent(key, line.substring(colon + 1).trim());
    }
    if (first == null) {
      throw new IllegalArgumentException("not /proc/cpuinfo text: it is empty");
    }
    if (!first.containsKey("processor") && !first.containsKey("vendor_id") && !first.containsKey("flags")) {
      throw new IllegalArgumentException("not /proc/cpuinfo text: the first block has no 'processor', 'vendor_id' "
          + "or 'flags' line (keys: " + String.join(", ", first.keySet()) + ")");
    }

    HostCapabilities.Builder b = HostCapabilities.builder().platform(platform).cpuVendor(vendor(first));
    String model = first.get("model name");
    if (model != null && !model.isEmpty()) {
      b.cpuModel(model);
    }
    if (coresComplete && !cores.isEmpty()) {
      b.cores(cores.size());
    }
    features(first, b);
    return b.build();
  }

  private static CpuVendor vendor(Map<String, String> block) {
    String v = block.get("vendor_id");
    if (v == null) {
      return block.containsKey("cpu implementer") ? CpuVendor.OTHER : CpuVendor.UNKNOWN;
    }
    switch (v) {
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

  private static void features(Map<String, String> block, HostCapabilities.Builder b) {
    String flagsLine = block.get("flags");
    String vmxLine = block.get("vmx flags");
    Set<String> flags = words(flagsLine);
    Set<String> vmxFlags = words(vmxLine);
    Set<CpuFeature> present = EnumSet.noneOf(CpuFeature.class);
    Set<CpuFeature> absent = EnumSet.noneOf(CpuFeature.class);
    if (flagsLine != null) {
      for (CpuFeature f : CPUID_FEATURES) {
        (flags.contains(f.cpuinfoFlag()) ? present : absent).add(f);
      }
      // NPT: a CPUID bit of AMD-V, printed whenever svm is
      if (flags.contains("npt")) {
        present.add(CpuFeature.NPT);
      } else if (flags.contains("svm")) {
        absent.add(CpuFeature.NPT);
      }
    }
    boolean oldStyle = OLD_STYLE_VMX_FLAGS.stream().anyMatch(flags::contains);
    for (CpuFeature f : List.of(CpuFeature.EPT, CpuFeature.UNRESTRICTED_GUEST)) {
      if (flags.contains(f.cpuinfoFlag()) || vmxFlags.contains(f.cpuinfoFlag())) {
        present.add(f);
      } else if (vmxLine != null || oldStyle) {
        absent.add(f);
      }
    }
    if (!vmxFlags.isEmpty()) {
      b.virtualizationEnabledInFirmware(TriState.YES);
    }
    b.cpuFeatures(present).absentCpuFeatures(absent);
  }

  private static Set<String> words(String line) {
    Set<String> out = new HashSet<>();
    if (line != null) {
      for (String w : line.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w.toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
