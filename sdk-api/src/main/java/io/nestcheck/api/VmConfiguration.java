package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * The configuration of one VM, read from a file ({@code .vmx}, OVF, libvirt XML, govc JSON) or a live inventory.
 *
 * <p>Defaults follow the documented {@code .vmx} defaults for absent keys: 1 vCPU, 1 core per socket, BIOS
 * firmware, no reservation. Where a source does not state a fact that has no documented default, the model says
 * so ({@link TriState#UNKNOWN}, {@link ControllerType#UNSPECIFIED}, {@link NicType#UNSPECIFIED}, an empty optional)
 * instead of guessing. {@link #settings()} keeps every raw key/value in source order, duplicates included.
 *
 * <p>JSON shape (fields absent when empty): {@code {"name":"esxi8-lab","source":"fleet/esxi8.vmx",
 * "hardwareVersion":20,"guestOs":"vmkernel8Guest","firmware":"EFI","vcpus":4,"memoryMiB":16384,"nestedHv":"YES",
 * "controllers":[...],"disks":[...],"nics":[...],"settings":[{"key":"vhv.enable","value":"TRUE","line":7}]}}.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableVmConfiguration.class)
@JsonDeserialize(as = ImmutableVmConfiguration.class)
public abstract class VmConfiguration implements WithVmConfiguration {

  /** The VM's display name (the file name when the source names none); never empty. */
  public abstract String name();

  /** Where the VM came from: a file path as given, or an inventory reference such as {@code vm-42}. */
  public abstract String source();

  /** The BIOS UUID or instance UUID. */
  public abstract Optional<String> uuid();

  /** The virtual hardware version ({@code virtualHW.version}, {@code vmx-NN}), when the source states it. */
  public abstract OptionalInt hardwareVersion();

  /** The guest OS id in canonical form, when the source states it. */
  public abstract Optional<GuestOsId> guestOs();

  /**
   * The guest OS id, or {@code fallback} when the source states none. Unlike {@link #guestOs()}, which wraps the
   * value anew on every call, this allocates nothing: rules run once per VM per profile at fleet scale.
   */
  public final GuestOsId guestOsOrElse(GuestOsId fallback) {
    return guestOsOnce().orElse(fallback);
  }

  /** {@link #guestOs()} wrapped once. */
  @Value.Lazy
  @JsonIgnore
  Optional<GuestOsId> guestOsOnce() {
    return guestOs();
  }

  /** The firmware; BIOS by default. */
  @Value.Default
  public Firmware firmware() {
    return Firmware.BIOS;
  }

  /** Whether UEFI secure boot is on. */
  @Value.Default
  public boolean secureBoot() {
    return false;
  }

  /** The number of virtual CPUs; 1 by default. */
  @Value.Default
  public int vcpus() {
    return 1;
  }

  /** Cores per virtual socket; 1 by default. */
  @Value.Default
  public int coresPerSocket() {
    return 1;
  }

  /** For libvirt guests, how the virtual CPU is defined. */
  @Value.Default
  public CpuMode cpuMode() {
    return CpuMode.UNSPECIFIED;
  }

  /** Configured memory in MiB. */
  public abstract long memoryMiB();

  /** Reserved memory in MiB; 0 by default. */
  @Value.Default
  public long memoryReservationMiB() {
    return 0;
  }

  /** Whether the reservation is locked to the configured memory ({@code sched.mem.pin}, {@code memoryReservationLockedToMax}). */
  @Value.Default
  public boolean memoryLockedToMax() {
    return false;
  }

  /** Whether hardware-assisted virtualization is exposed to the guest ({@code vhv.enable}, {@code nestedHVEnabled}). */
  @Value.Default
  public TriState nestedHv() {
    return TriState.UNKNOWN;
  }

  /** Whether a virtual IOMMU is present ({@code vvtd.enable}, {@code flags.vvtdEnabled}). */
  @Value.Default
  public boolean virtualIommu() {
    return false;
  }

  /** Whether virtual CPU performance counters are exposed ({@code vpmc.enable}). */
  @Value.Default
  public boolean virtualPmc() {
    return false;
  }

  /** Whether virtualization-based security is on ({@code flags.vbsEnabled}). */
  @Value.Default
  public boolean vbs() {
    return false;
  }

  /** CPUID masks, in source order. */
  public abstract List<CpuidMask> cpuidMasks();

  /** Storage controllers, in source order. */
  public abstract List<StorageController> controllers();

  /** Disks, in source order. */
  public abstract List<Disk> disks();

  /** Network adapters, in source order. */
  public abstract List<Nic> nics();

  /** Present peripherals (sound, USB, floppy, serial, ...). */
  public abstract List<Peripheral> peripherals();

  /** The power state; unknown for files. */
  @Value.Default
  public PowerState powerState() {
    return PowerState.UNKNOWN;
  }

  /** The inventory reference of the host the VM runs on (live inventories). */
  public abstract Optional<String> hostRef();

  /** The optimistic-concurrency token of a live VM ({@code config.changeVersion}). */
  public abstract Optional<String> changeVersion();

  /** Suppressions written in the VM's own file (comments such as {@code # nestcheck:ignore NV-HYG-001 reason}). */
  public abstract List<InlineSuppression> inlineSuppressions();

  /** Every raw key/value setting in source order, duplicates included. */
  public abstract List<Setting> settings();

  /**
   * The value of the first setting whose key equals {@code key} ignoring case (first wins, as libvirt and
   * virt-v2v read {@code .vmx} files).
   */
  public final Optional<String> setting(String key) {
    Setting s = settingsIndex().first(key);
    return s == null ? Optional.empty() : Optional.of(s.value());
  }

  /** The first setting whose key equals {@code key} ignoring case. */
  public final Optional<Setting> settingEntry(String key) {
    return Optional.ofNullable(settingsIndex().first(key));
  }

  /**
   * Whether the first setting with {@code key} (ignoring case) has the value {@code expected}, compared ignoring case
   * and surrounding blanks; {@code false} when the key is absent. Allocates nothing for a value without blanks.
   */
  public final boolean settingEquals(String key, String expected) {
    Setting s = settingsIndex().first(key);
    return s != null && s.value().trim().equalsIgnoreCase(expected);
  }

  /** Whether a setting with {@code key} (ignoring case) is present; allocates nothing. */
  public final boolean hasSetting(String key) {
    return settingsIndex().first(key) != null;
  }

  /** The 1-based source line of {@code key}, or {@code 0} when absent or unknown. */
  @JsonIgnore
  public final int lineOf(String key) {
    Setting s = settingsIndex().first(key);
    return s == null ? 0 : s.line();
  }

  /**
   * Every key that occurs more than once (ignoring case), each as its occurrences in source order, in the order of
   * their first occurrence; an empty list when every key is unique.
   */
  @JsonIgnore
  public final List<List<Setting>> duplicateSettings() {
    return settingsIndex().duplicates();
  }

  /**
   * The case-insensitive index behind {@link #setting}, built once on first use: lookups cost one hash of the key,
   * not a scan of every setting.
   */
  @Value.Lazy
  @JsonIgnore
  SettingsIndex settingsIndex() {
    return SettingsIndex.of(settings());
  }

  @Value.Check
  void check() {
    if (name().isEmpty()) {
      throw new IllegalStateException("VmConfiguration.name must not be empty");
    }
    if (source().isEmpty()) {
      throw new IllegalStateException("VmConfiguration.source must not be empty");
    }
    if (vcpus() < 1) {
      throw new IllegalStateException("vcpus must be >= 1, got " + vcpus());
    }
    if (coresPerSocket() < 1) {
      throw new IllegalStateException("coresPerSocket must be >= 1, got " + coresPerSocket());
    }
    if (memoryMiB() < 1) {
      throw new IllegalStateException("memoryMiB must be >= 1, got " + memoryMiB());
    }
    if (memoryReservationMiB() < 0) {
      throw new IllegalStateException("memoryReservationMiB must be >= 0, got " + memoryReservationMiB());
    }
    if (hardwareVersion().isPresent() && hardwareVersion().getAsInt() < 1) {
      throw new IllegalStateException("hardwareVersion must be >= 1, got " + hardwareVersion().getAsInt());
    }
  }

  /** A short description for logs: {@code name (source)}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "VmConfiguration{%s (%s)}", name(), source());
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link VmConfiguration} values. */
  public static final class Builder extends ImmutableVmConfiguration.Builder {}
}
