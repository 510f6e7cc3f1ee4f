package io.nestcheck.core.chain;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Subject;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.RulePack;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.RuleCatalog;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a nesting chain: L1 runs L2, which runs L3, ... (for example VMware Workstation runs an Ubuntu VM with
 * KVM, which runs a FusionCompute CNA VM). The layers are given outermost first; the last one is the guest
 * hypervisor the {@linkplain GuestProfile profile} describes.
 *
 * {@snippet :
 * ChainResult r = ChainEvaluator.of(Evaluator.of(RuleCatalog.builtIn())).evaluate(
 *     List.of(ubuntuVmx, cnaXml), Optional.of(workstationHost), ProfileRegistry.builtIn().resolve("fusioncompute-cna-8"));
 * r.findings().forEach(f -> System.out.println(f.layer().orElse("") + " " + f.ruleId() + " " + f.message()));
 * }
 *
 * <p>What is checked:
 * <ul>
 *   <li>Every layer but the last must expose hardware virtualization to the next: it is checked with the
 *       evaluator's rules against a synthetic "hypervisor host" profile that requires nested virtualization, so
 *       NV-CPU-001 (VMware {@code vhv.enable}, libvirt CPU mode), NV-CPU-002 (CPUID masks), NV-HW-001 and the host
 *       rules report on it with their own fixes.
 *   <li>Every layer but the last must be big enough for the next: NV-CHAIN-001 (memory: the next layer's memory
 *       plus an overhead, by default 1024 MiB plus 10% of it; see {@link #withMemoryOverhead}) and NV-CHAIN-002
 *       (vCPUs: at least the next layer's). The next layer counts after its own fixes: the innermost at least its
 *       profile's minimums, a middle layer at least what its own next layer needs. These two rules compare two
 *       layers, so they are not part of the built-in catalog; {@link #rulePack()} exposes them for documentation.
 *   <li>The innermost layer is checked with the evaluator against the given profile.
 * </ul>
 *
 * <p>The host of layer i+1 is derived from layer i: a VM (the {@code hypervisor} CPU flag), with layer i's vCPUs
 * and memory, the outer host's CPU vendor and non-virtualization features, and VT-x/AMD-V, EPT/NPT present as on
 * the outer host only when layer i exposes nested virtualization (and no CPUID mask hides it), absent otherwise.
 * Its platform is KVM when layer i+1 is a libvirt VM, ESXi when layer i runs a {@code vmkernel} guest OS,
 * Workstation when layer i+1 is a {@code .vmx} file, unknown otherwise. Host findings of a layer whose previous
 * layer does not expose nested virtualization carry an evidence entry {@code chain} naming that layer, since the
 * fix is there, not in a BIOS.
 *
 * <p>Every finding carries its {@linkplain Finding#layer() layer}: {@code "L<n> <file name>"}, for example
 * {@code "L1 esxi-host.vmx"}. Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ChainEvaluator {
  /** The default fixed memory overhead of a layer that runs another: 1024 MiB. */
  public static final long DEFAULT_OVERHEAD_MIB = 1024;
  /** The default proportional memory overhead: 10% of the next layer's memory. */
  public static final int DEFAULT_OVERHEAD_PERCENT = 10;

  private static final RuleCatalog CHAIN_RULES = RuleCatalog.of(List.of(new ChainRules()));
  private static final GuestProfile HYPERVISOR_HOST = GuestProfile.builder()
      .id("chain-hypervisor-host")
      .displayName("A VM that runs the next layer of a nesting chain")
      .requirements(ProfileRequirements.builder().nestedHv(true).build())
      .build();
  private static final Set<CpuFeature> VIRTUALIZATION = EnumSet.of(CpuFeature.VMX, CpuFeature.SVM, CpuFeature.EPT,
      CpuFeature.NPT, CpuFeature.UNRESTRICTED_GUEST, CpuFeature.HYPERVISOR);

  private final Evaluator evaluator;
  private final Evaluator chainEvaluator;
  private final long overheadMiB;
  private final int overheadPercent;

  private ChainEvaluator(Evaluator evaluator, long overheadMiB, int overheadPercent) {
    this.evaluator = evaluator;
    this.chainEvaluator = Evaluator.of(CHAIN_RULES);
    this.overheadMiB = overheadMiB;
    this.overheadPercent = overheadPercent;
  }

  /**
   * A chain evaluator over {@code evaluator}'s rules, with the default memory overhead.
   *
   * @param evaluator the rules for each layer; never {@code null}
   */
  public static ChainEvaluator of(Evaluator evaluator) {
    return new ChainEvaluator(Objects.requireNonNull(evaluator, "evaluator"), DEFAULT_OVERHEAD_MIB,
        DEFAULT_OVERHEAD_PERCENT);
  }

  /**
   * A copy with another memory overhead per layer: {@code fixedMiB} plus {@code percent}% of the next layer's
   * memory (rounded up).
   *
   * @throws IllegalArgumentException if a value is negative
   */
  public ChainEvaluator withMemoryOverhead(long fixedMiB, int percent) {
    if (fixedMiB < 0 || percent < 0) {
      throw new IllegalArgumentException("memory overhead must not be negative, got " + fixedMiB + " MiB + " + percent + "%");
    }
    return new ChainEvaluator(evaluator, fixedMiB, percent);
  }

  /** The rules only a chain checks (NV-CHAIN-001, NV-CHAIN-002), for documentation and rule listings. */
  public static RulePack rulePack() {
    return new ChainRules();
  }

  /**
   * Checks a chain.
   *
   * @param layers the VMs, outermost (L1) first; never {@code null}, not empty
   * @param outerHost the host L1 runs on, when known; never {@code null}
   * @param innermostProfile the resolved profile of the last layer's guest hypervisor; never {@code null}
   * @return the result, per layer; never {@code null}
   * @throws IllegalArgumentException if {@code layers} is empty or the profile is not resolved
   */
  public ChainResult evaluate(List<VmConfiguration> layers, Optional<HostCapabilities> outerHost,
      GuestProfile innermostProfile) {
    Objects.requireNonNull(layers, "layers");
    Objects.requireNonNull(outerHost, "outerHost");
    Objects.requireNonNull(innermostProfile, "innermostProfile");
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one layer");
    }
    int n = layers.size();
    List<String> labels = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      labels.add("L" + (i + 1) + " " + fileName(Objects.requireNonNull(layers.get(i), "layer").source()));
    }
    // what each layer needs from the one around it, after its own fixes (innermost: at least its profile's minimums)
    long[] needMemory = new long[n];
    int[] needVcpus = new int[n];
    VmConfiguration last = layers.get(n - 1);
    needMemory[n - 1] = Math.max(last.memoryMiB(), innermostProfile.requirements().minMemoryMiB().orElse(0));
    needVcpus[n - 1] = Math.max(last.vcpus(), innermostProfile.requirements().minVcpus().orElse(0));
    for (int i = n - 2; i >= 0; i--) {
      needMemory[i] = Math.max(layers.get(i).memoryMiB(), required(needMemory[i + 1]));
      needVcpus[i] = Math.max(layers.get(i).vcpus(), needVcpus[i + 1]);
    }

    List<ChainLayer> results = new ArrayList<>(n);
    List<Finding> all = new ArrayList<>();
    HostCapabilities host = outerHost.orElse(HostCapabilities.unknown());
    String notExposedBy = null;
    for (int i = 0; i < n; i++) {
      VmConfiguration vm = layers.get(i);
      Optional<String> label = Optional.of(labels.get(i));
      List<Finding> findings = new ArrayList<>();
      GuestProfile profile;
      if (i < n - 1) {
        profile = HYPERVISOR_HOST;
        findings.addAll(evaluator.check(host, vm, profile, label));
        GuestProfile sizing = GuestProfile.builder()
            .id("chain-host-of-l" + (i + 2))
            .displayName(labels.get(i) + " running " + labels.get(i + 1))
            .description(describeNeed(labels.get(i + 1), layers.get(i + 1), needMemory[i + 1], needVcpus[i + 1]))
            .requirements(ProfileRequirements.builder()
                .minMemoryMiB(required(needMemory[i + 1]))
                .minVcpus(needVcpus[i + 1])
                .build())
            .build();
        findings.addAll(chainEvaluator.check(host, vm, sizing, label));
      } else {
        profile = innermostProfile;
        findings.addAll(evaluator.check(host, vm, profile, label));
      }
      if (notExposedBy != null) {
        String cause = notExposedBy + " does not expose hardware virtualization to this layer (see its NV-CPU-001 / "
            + "NV-CPU-002 findings); fix it there";
        findings.replaceAll(f -> f.subject().kind() == Subject.Kind.HOST ? f.withEvidence(withChain(f, cause)) : f);
      }
      findings.sort(Evaluator.FINDING_ORDER);
      results.add(new ChainLayer(i + 1, labels.get(i), vm, host, profile, findings));
      all.addAll(findings);
      if (i < n - 1) {
        boolean exposed = exposes(vm);
        notExposedBy = exposed ? null : labels.get(i);
        host = derive(host, vm, layers.get(i + 1), labels.get(i), exposed);
      }
    }
    return new ChainResult(results, all);
  }

  private long required(long innerMemory) {
    return innerMemory + overheadMiB + (innerMemory * overheadPercent + 99) / 100;
  }

  private String describeNeed(String label, VmConfiguration inner, long memory, int vcpus) {
    long extra = required(memory) - memory;
    return label + " needs " + memory + " MiB" + (memory > inner.memoryMiB() ? " after its own fixes" : "")
        + " and " + vcpus + " vCPU" + (vcpus == 1 ? "" : "s") + "; overhead " + overheadMiB + " MiB + "
        + overheadPercent + "% = " + extra + " MiB";
  }

  private static Map<String, String> withChain(Finding f, String cause) {
    Map<String, String> e = new LinkedHashMap<>(f.evidence());
    e.put("chain", cause);
    return e;
  }

  /** Whether {@code vm} passes VT-x/AMD-V to what it runs: nested HV on, and no CPUID mask forcing VMX/SVM off. */
  static boolean exposes(VmConfiguration vm) {
    if (vm.nestedHv() != TriState.YES) {
      return false;
    }
    for (CpuidMask m : vm.cpuidMasks()) {
      if (m.register() == CpuidMask.Register.ECX
          && ((m.leaf() == 1 && m.bitChar(5) == '0') || (m.leaf() == 0x80000001L && m.bitChar(2) == '0'))) {
        return false;
      }
    }
    return true;
  }

  /** The host the VM {@code outer} offers to {@code inner}. */
  static HostCapabilities derive(HostCapabilities host, VmConfiguration outer, VmConfiguration inner, String label,
      boolean exposed) {
    Set<CpuFeature> present = EnumSet.noneOf(CpuFeature.class);
    Set<CpuFeature> absent = EnumSet.noneOf(CpuFeature.class);
    for (CpuFeature f : CpuFeature.values()) {
      TriState state = host.feature(f);
      if (VIRTUALIZATION.contains(f)) {
        state = exposed ? state : TriState.NO;
      }
      if (f == CpuFeature.HYPERVISOR) {
        state = TriState.YES;
      }
      if (state == TriState.YES) {
        present.add(f);
      } else if (state == TriState.NO) {
        absent.add(f);
      }
    }
    HostCapabilities.Builder b = HostCapabilities.builder()
        .name(label)
        .platform(platform(outer, inner))
        .cpuVendor(host.cpuVendor())
        .cpuFeatures(present)
        .absentCpuFeatures(absent)
        .virtualizationEnabledInFirmware(exposed ? TriState.YES : TriState.UNKNOWN)
        .cores(outer.vcpus())
        .memoryMiB(outer.memoryMiB());
    host.cpuModel().ifPresent(b::cpuModel);
    return b.build();
  }

  private static Platform platform(VmConfiguration outer, VmConfiguration inner) {
    String source = inner.source().toLowerCase(Locale.ROOT);
    if (inner.cpuMode() != CpuMode.UNSPECIFIED || source.endsWith(".xml") || inner.setting("domain.type").isPresent()) {
      return Platform.KVM;
    }
    if (outer.guestOs().map(g -> g.canonical().toLowerCase(Locale.ROOT).startsWith("vmkernel")).orElse(false)) {
      return Platform.ESXI;
    }
    return source.endsWith(".vmx") ? Platform.WORKSTATION : Platform.UNKNOWN;
  }

  private static String fileName(String source) {
    int cut = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
    return source.substring(cut + 1);
  }
}
