package io.nestcheck.testkit;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.TriState;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Generates hosts from independent choices: the platform and its release, the CPU vendor and the state of the
 * vendor's own virtualization and second-level address translation features, verdicts, and optional context.
 * Everything shrinks towards "unknown", so the smallest host is {@link HostCapabilities#unknown()}.
 */
final class HostGenerator {
  private HostGenerator() {}

  /** A product release: version, build and the newest virtual hardware it runs (0: not a VMware product). */
  record Release(String version, String build, int maxHardwareVersion) {}

  static final List<Release> ESXI = List.of(
      new Release("8.0.2", "22380479", 21), new Release("8.0.3", "24022510", 21), new Release("8.0.0", "20513097", 20),
      new Release("7.0.3", "21930508", 19), new Release("7.0.0", "15843807", 17), new Release("6.7.0", "14320388", 15),
      new Release("6.5.0", "7388607", 13), new Release("9.0.0", "24755229", 22));
  static final List<Release> WORKSTATION = List.of(new Release("17.5.2", "23775571", 21),
      new Release("16.2.5", "20904516", 19));
  static final List<Release> KVM = List.of(new Release("6.8.0", "", 0), new Release("5.15.0", "", 0),
      new Release("6.1.0", "", 0));

  static final List<Platform> PLATFORMS = List.of(Platform.UNKNOWN, Platform.ESXI, Platform.KVM, Platform.WORKSTATION,
      Platform.FUSION, Platform.HYPERV, Platform.AHV, Platform.FUSIONCOMPUTE, Platform.OTHER);

  static final List<String> NAMES = List.of("esx01", "esx02.lab.local", "kvm01", "ws-laptop", "主机-1");
  static final List<String> INTEL_EVC = List.of("intel-skylake", "intel-icelake", "intel-sapphirerapids");
  static final List<String> AMD_EVC = List.of("amd-zen2", "amd-zen3", "amd-zen4");

  /** Features any vendor may have; the vendor's virtualization and SLAT features are chosen separately. */
  static final List<CpuFeature> COMMON = List.of(CpuFeature.NX, CpuFeature.LM, CpuFeature.POPCNT,
      CpuFeature.SSE4_1, CpuFeature.SSE4_2, CpuFeature.AVX, CpuFeature.AVX2, CpuFeature.AVX512F, CpuFeature.AES,
      CpuFeature.HYPERVISOR);

  /** Every independent choice behind one host. */
  static final class Shape {
    Platform platform = Platform.UNKNOWN;
    Optional<Integer> name = Optional.empty();
    int release;
    boolean statesRelease;
    boolean statesMaxHardwareVersion;
    CpuVendor vendor = CpuVendor.UNKNOWN;
    boolean amdStyle;
    TriState virtualization = TriState.UNKNOWN;
    TriState slat = TriState.UNKNOWN;
    boolean otherVendorAbsent;
    Set<CpuFeature> common = Set.of();
    Set<CpuFeature> absentCommon = Set.of();
    TriState firmware = TriState.UNKNOWN;
    TriState iommu = TriState.UNKNOWN;
    TriState nestedHv = TriState.UNKNOWN;
    Optional<Integer> evc = Optional.empty();
    Optional<Integer> cores = Optional.empty();
    Optional<Long> memoryGiB = Optional.empty();
    boolean model;
  }

  private static final Arbitrary<TriState> TRI = Arbitraries.of(TriState.UNKNOWN, TriState.YES, TriState.NO);

  static Arbitrary<HostCapabilities> hosts() {
    return Builders.withBuilder(Shape::new)
        .use(Arbitraries.of(PLATFORMS)).in((s, v) -> set(s, () -> s.platform = v))
        .use(Arbitraries.integers().between(0, NAMES.size() - 1).optional(0.7)).in((s, v) -> set(s, () -> s.name = v))
        .use(Arbitraries.integers().between(0, 7)).in((s, v) -> set(s, () -> s.release = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.statesRelease = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.statesMaxHardwareVersion = v))
        .use(Arbitraries.of(CpuVendor.UNKNOWN, CpuVendor.INTEL, CpuVendor.AMD, CpuVendor.HYGON, CpuVendor.OTHER))
        .in((s, v) -> set(s, () -> s.vendor = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.amdStyle = v))
        .use(TRI).in((s, v) -> set(s, () -> s.virtualization = v))
        .use(TRI).in((s, v) -> set(s, () -> s.slat = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.otherVendorAbsent = v))
        .use(Arbitraries.of(COMMON).set().ofMaxSize(6)).in((s, v) -> set(s, () -> s.common = v))
        .use(Arbitraries.of(COMMON).set().ofMaxSize(2)).in((s, v) -> set(s, () -> s.absentCommon = v))
        .use(TRI).in((s, v) -> set(s, () -> s.firmware = v))
        .use(TRI).in((s, v) -> set(s, () -> s.iommu = v))
        .use(TRI).in((s, v) -> set(s, () -> s.nestedHv = v))
        .use(Arbitraries.integers().between(0, 2).optional(0.2)).in((s, v) -> set(s, () -> s.evc = v))
        .use(Arbitraries.of(8, 16, 24, 32, 64, 128, 4, 2).optional(0.6)).in((s, v) -> set(s, () -> s.cores = v))
        .use(Arbitraries.of(64L, 128L, 256L, 512L, 1024L, 32L, 16L).optional(0.6)).in((s, v) -> set(s, () -> s.memoryGiB = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.model = v))
        .build(HostGenerator::render);
  }

  private static Shape set(Shape s, Runnable r) {
    r.run();
    return s;
  }

  static HostCapabilities render(Shape s) {
    HostCapabilities.Builder b = HostCapabilities.builder();
    b.platform(s.platform);
    s.name.ifPresent(i -> b.name(NAMES.get(i)));
    List<Release> releases = switch (s.platform) {
      case ESXI -> ESXI;
      case WORKSTATION, FUSION -> WORKSTATION;
      case KVM -> KVM;
      default -> List.of();
    };
    if (!releases.isEmpty() && s.statesRelease) {
      Release r = releases.get(s.release % releases.size());
      b.productVersion(r.version());
      if (!r.build().isEmpty()) {
        b.productBuild(r.build());
      }
      if (r.maxHardwareVersion() > 0 && s.statesMaxHardwareVersion) {
        b.maxHardwareVersion(r.maxHardwareVersion());
      }
    }
    b.cpuVendor(s.vendor);
    boolean amd = s.vendor == CpuVendor.AMD || s.vendor == CpuVendor.HYGON
        || ((s.vendor == CpuVendor.UNKNOWN || s.vendor == CpuVendor.OTHER) && s.amdStyle);
    Set<CpuFeature> present = EnumSet.noneOf(CpuFeature.class);
    Set<CpuFeature> absent = EnumSet.noneOf(CpuFeature.class);
    present.addAll(s.common);
    for (CpuFeature f : s.absentCommon) {
      if (!present.contains(f)) {
        absent.add(f);
      }
    }
    put(present, absent, amd ? CpuFeature.SVM : CpuFeature.VMX, s.virtualization);
    put(present, absent, amd ? CpuFeature.NPT : CpuFeature.EPT, s.slat);
    if (!amd && s.virtualization == TriState.YES && s.slat == TriState.YES) {
      present.add(CpuFeature.UNRESTRICTED_GUEST);
    }
    if (s.otherVendorAbsent && s.vendor != CpuVendor.UNKNOWN && s.vendor != CpuVendor.OTHER) {
      absent.add(amd ? CpuFeature.VMX : CpuFeature.SVM);
      absent.add(amd ? CpuFeature.EPT : CpuFeature.NPT);
    }
    b.cpuFeatures(present).absentCpuFeatures(absent);
    b.virtualizationEnabledInFirmware(s.firmware).iommu(s.iommu).nestedHvSupported(s.nestedHv);
    if (s.platform == Platform.ESXI && (s.vendor == CpuVendor.INTEL || s.vendor == CpuVendor.AMD)) {
      s.evc.ifPresent(i -> b.evcMode((s.vendor == CpuVendor.AMD ? AMD_EVC : INTEL_EVC).get(i)));
    }
    s.cores.ifPresent(b::cores);
    s.memoryGiB.ifPresent(g -> b.memoryMiB(g * 1024));
    if (s.model) {
      switch (s.vendor) {
        case INTEL -> b.cpuModel("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz");
        case AMD -> b.cpuModel("AMD EPYC 7543 32-Core Processor");
        case HYGON -> b.cpuModel("Hygon C86 7285 32-core Processor");
        default -> { }
      }
    }
    return b.build();
  }

  private static void put(Set<CpuFeature> present, Set<CpuFeature> absent, CpuFeature f, TriState state) {
    if (state == TriState.YES) {
      present.add(f);
      absent.remove(f);
    } else if (state == TriState.NO) {
      absent.add(f);
      present.remove(f);
    }
  }

  // ---------------------------------------------------------------------------------------------- upgrades

  /** What a more capable host gains: features, verdicts raised to YES, newer hardware. */
  record Gain(Set<CpuFeature> features, boolean firmware, boolean iommu, boolean nestedHv, int newerHardware) {
    HostCapabilities applyTo(HostCapabilities h) {
      Set<CpuFeature> present = EnumSet.noneOf(CpuFeature.class);
      present.addAll(h.cpuFeatures());
      present.addAll(features);
      Set<CpuFeature> absent = EnumSet.noneOf(CpuFeature.class);
      absent.addAll(h.absentCpuFeatures());
      absent.removeAll(features);
      HostCapabilities out = HostCapabilities.builder().from(h).cpuFeatures(present).absentCpuFeatures(absent).build();
      if (firmware) {
        out = out.withVirtualizationEnabledInFirmware(TriState.YES);
      }
      if (iommu) {
        out = out.withIommu(TriState.YES);
      }
      if (nestedHv) {
        out = out.withNestedHvSupported(TriState.YES);
      }
      OptionalInt max = h.maxHardwareVersion();
      if (max.isPresent() && newerHardware > 0) {
        out = out.withMaxHardwareVersion(max.getAsInt() + newerHardware);
      }
      return out;
    }
  }

  static Arbitrary<Gain> gains() {
    return Combinators.combine(Arbitraries.of(CpuFeature.class).set().ofMaxSize(4),
            Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.of(false, true),
            Arbitraries.integers().between(0, 4))
        .as(Gain::new);
  }

  static Arbitrary<Tuple2<HostCapabilities, HostCapabilities>> upgrades() {
    return Combinators.combine(hosts(), gains()).as((h, g) -> Tuple.of(h, g.applyTo(h)));
  }
}
