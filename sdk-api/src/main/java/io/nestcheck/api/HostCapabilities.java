package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What the outer host can offer a VM that runs a guest hypervisor.
 *
 * <p>Every fact may be unknown: a file scan without {@code --host} input knows nothing about the host, and host
 * rules then report "unknown" instead of passing. CPU features are split into those known present ({@link
 * #cpuFeatures()}) and those known absent ({@link #absentCpuFeatures()}); a feature in neither set is unknown (EPT,
 * for example, cannot be seen in CPUID). The two sets never overlap.
 *
 * <p>JSON shape: {@code {"platform":"ESXI","productVersion":"8.0.2","cpuVendor":"INTEL","cpuFeatures":["VMX","EPT"],
 * "virtualizationEnabledInFirmware":"YES","nestedHvSupported":"YES","maxHardwareVersion":21,...}}.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableHostCapabilities.class)
@JsonDeserialize(as = ImmutableHostCapabilities.class)
public abstract class HostCapabilities implements WithHostCapabilities {

  /** A display name or inventory reference of the host. */
  public abstract Optional<String> name();

  /** The outer hypervisor; {@link Platform#UNKNOWN} by default. */
  @Value.Default
  public Platform platform() {
    return Platform.UNKNOWN;
  }

  /** The product version, for example {@code 8.0.2}. */
  public abstract Optional<String> productVersion();

  /** The product build, for example {@code 22380479}. */
  public abstract Optional<String> productBuild();

  /** The CPU vendor; {@link CpuVendor#UNKNOWN} by default. */
  @Value.Default
  public CpuVendor cpuVendor() {
    return CpuVendor.UNKNOWN;
  }

  /** The CPU model string, for example {@code Intel(R) Xeon(R) Gold 6338}. */
  public abstract Optional<String> cpuModel();

  /** CPU features known to be present. */
  public abstract Set<CpuFeature> cpuFeatures();

  /** CPU features known to be absent. */
  public abstract Set<CpuFeature> absentCpuFeatures();

  /** Whether VT-x/AMD-V is enabled in the host firmware (BIOS/UEFI). */
  @Value.Default
  public TriState virtualizationEnabledInFirmware() {
    return TriState.UNKNOWN;
  }

  /** Whether the host has a usable IOMMU (VT-d / AMD-Vi). */
  @Value.Default
  public TriState iommu() {
    return TriState.UNKNOWN;
  }

  /** The platform's own verdict on nested hardware virtualization (vSphere {@code capability.nestedHVSupported}). */
  @Value.Default
  public TriState nestedHvSupported() {
    return TriState.UNKNOWN;
  }

  /** The newest virtual hardware version the host runs, for example {@code 21} for ESXi 8.0 U2. */
  public abstract OptionalInt maxHardwareVersion();

  /** The EVC mode in force (cluster or host), for example {@code intel-icelake}; context only. */
  public abstract Optional<String> evcMode();

  /** Physical CPU cores. */
  public abstract OptionalInt cores();

  /** Physical memory in MiB. */
  public abstract OptionalLong memoryMiB();

  /** The state of {@code feature}: present, absent, or unknown. */
  public final TriState feature(CpuFeature feature) {
    if (cpuFeatures().contains(feature)) {
      return TriState.YES;
    }
    return absentCpuFeatures().contains(feature) ? TriState.NO : TriState.UNKNOWN;
  }

  /** {@code true} when nothing at all is known about the host (no platform, no features, no verdicts). */
  @Value.Derived
  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isUnknown() {
    return platform() == Platform.UNKNOWN
        && cpuFeatures().isEmpty()
        && absentCpuFeatures().isEmpty()
        && virtualizationEnabledInFirmware() == TriState.UNKNOWN
        && nestedHvSupported() == TriState.UNKNOWN
        && maxHardwareVersion().isEmpty()
        && productVersion().isEmpty();
  }

  @Value.Check
  void check() {
    for (CpuFeature f : cpuFeatures()) {
      if (absentCpuFeatures().contains(f)) {
        throw new IllegalStateException("cpuFeature " + f + " is listed both present and absent");
      }
    }
    if (maxHardwareVersion().isPresent() && maxHardwareVersion().getAsInt() < 1) {
      throw new IllegalStateException("maxHardwareVersion must be >= 1, got " + maxHardwareVersion().getAsInt());
    }
    if (cores().isPresent() && cores().getAsInt() < 1) {
      throw new IllegalStateException("cores must be >= 1, got " + cores().getAsInt());
    }
    if (memoryMiB().isPresent() && memoryMiB().getAsLong() < 1) {
      throw new IllegalStateException("memoryMiB must be >= 1, got " + memoryMiB().getAsLong());
    }
  }

  private static final HostCapabilities UNKNOWN = builder().build();

  /** A host about which nothing is known; a shared constant. */
  public static HostCapabilities unknown() {
    return UNKNOWN;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link HostCapabilities} values. */
  public static final class Builder extends ImmutableHostCapabilities.Builder {}
}
