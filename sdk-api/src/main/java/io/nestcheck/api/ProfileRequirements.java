package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What a guest hypervisor needs from its VM, as structured fields.
 *
 * <p>Every field is optional: an absent field means "no requirement" in a root profile and "inherit the
 * parent's value" in a child profile ({@code extends}). Collections inherit when empty. Values that no source
 * verifies (see {@code docs/domain-facts.md}) live here so a user can change them, and the rules that read them
 * report at most a WARNING unless the profile raises the severity.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableProfileRequirements.class)
@JsonDeserialize(as = ImmutableProfileRequirements.class)
@JsonIgnoreProperties(ignoreUnknown = false)
public abstract class ProfileRequirements implements WithProfileRequirements {

  /** Whether hardware virtualization must be exposed to the guest (true for every guest hypervisor). */
  public abstract Optional<Boolean> nestedHv();

  /** Minimum virtual CPUs. */
  public abstract OptionalInt minVcpus();

  /** Recommended virtual CPUs. */
  public abstract OptionalInt recommendedVcpus();

  /** Minimum memory in MiB. */
  public abstract OptionalLong minMemoryMiB();

  /** Recommended memory in MiB. */
  public abstract OptionalLong recommendedMemoryMiB();

  /** Whether all memory must be reserved (reservation = memory, or locked to max). */
  public abstract Optional<Boolean> fullMemoryReservation();

  /** Minimum virtual hardware version for this guest. */
  public abstract OptionalInt minHardwareVersion();

  /** Firmware the guest boots with; empty means any. */
  public abstract Set<Firmware> allowedFirmware();

  /** Firmware to switch to when the configured one is not allowed. */
  public abstract Optional<Firmware> recommendedFirmware();

  /** Acceptable guest OS ids in canonical form; empty means any. The first is the one a fix sets. */
  public abstract List<GuestOsId> guestOsIds();

  /** NIC types the guest has an in-box driver for; empty means any. */
  public abstract Set<NicType> supportedNics();

  /** NIC types that work only after a driver is injected into the guest's installer. */
  public abstract Set<NicType> driverInjectionNics();

  /** NIC type a fix switches to. */
  public abstract Optional<NicType> recommendedNic();

  /** Storage controller types the guest has an in-box driver for; empty means any. */
  public abstract Set<ControllerType> supportedControllers();

  /** Storage controller type a fix switches to. */
  public abstract Optional<ControllerType> recommendedController();

  /** libvirt CPU modes that pass the VM's CPU through well enough for this guest; empty means any. */
  public abstract Set<CpuMode> allowedCpuModes();

  /** Minimum size of the largest (boot) disk in GiB. */
  public abstract OptionalLong minBootDiskGiB();

  /** Minimum number of disks. */
  public abstract OptionalInt minDisks();

  /** Settings that must have exactly these values (keys compared ignoring case), e.g. {@code disk.EnableUUID=TRUE}. */
  public abstract Map<String, String> requiredSettings();

  /** Whether the port group must accept promiscuous mode (or learn MACs). */
  public abstract Optional<Boolean> promiscuousMode();

  /** Whether the port group must accept forged transmits (or learn MACs). */
  public abstract Optional<Boolean> forgedTransmits();

  /** Whether the port group must accept MAC address changes. */
  public abstract Optional<Boolean> macChanges();

  /** Whether the guest runs its own NTP, so VMware Tools time sync should be off. */
  public abstract Optional<Boolean> guestRunsNtp();

  /** Whether the guest is Microsoft Hyper-V (enables the {@code hypervisor.cpuid.v0} advice). */
  public abstract Optional<Boolean> hyperV();

  /** Whether the guest is 64-bit only (BusLogic has no 64-bit driver). */
  public abstract Optional<Boolean> guest64Bit();

  private static final int NESTED_HV = 1;
  private static final int FULL_MEMORY_RESERVATION = 1 << 1;
  private static final int PROMISCUOUS_MODE = 1 << 2;
  private static final int FORGED_TRANSMITS = 1 << 3;
  private static final int MAC_CHANGES = 1 << 4;
  private static final int GUEST_RUNS_NTP = 1 << 5;
  private static final int HYPER_V = 1 << 6;
  private static final int GUEST_64_BIT = 1 << 7;

  /**
   * The yes/no requirements as bits, computed once: the {@code Optional<Boolean>} accessors wrap their value anew on
   * every call, which a rule evaluated millions of times should not pay.
   */
  @Value.Lazy
  @JsonIgnore
  int flagBits() {
    return (nestedHv().orElse(false) ? NESTED_HV : 0)
        | (fullMemoryReservation().orElse(false) ? FULL_MEMORY_RESERVATION : 0)
        | (promiscuousMode().orElse(false) ? PROMISCUOUS_MODE : 0)
        | (forgedTransmits().orElse(false) ? FORGED_TRANSMITS : 0)
        | (macChanges().orElse(false) ? MAC_CHANGES : 0)
        | (guestRunsNtp().orElse(false) ? GUEST_RUNS_NTP : 0)
        | (hyperV().orElse(false) ? HYPER_V : 0)
        | (guest64Bit().orElse(false) ? GUEST_64_BIT : 0);
  }

  /** {@code nestedHv().orElse(false)}, without allocating. */
  @JsonIgnore
  public final boolean requiresNestedHv() {
    return (flagBits() & NESTED_HV) != 0;
  }

  /** {@code fullMemoryReservation().orElse(false)}, without allocating. */
  @JsonIgnore
  public final boolean requiresFullMemoryReservation() {
    return (flagBits() & FULL_MEMORY_RESERVATION) != 0;
  }

  /** {@code promiscuousMode().orElse(false)}, without allocating. */
  @JsonIgnore
  public final boolean requiresPromiscuousMode() {
    return (flagBits() & PROMISCUOUS_MODE) != 0;
  }

  /** {@code forgedTransmits().orElse(false)}, without allocating. */
  @JsonIgnore
  public final boolean requiresForgedTransmits() {
    return (flagBits() & FORGED_TRANSMITS) != 0;
  }

  /** {@code macChanges().orElse(false)}, without allocating. */
  @JsonIgnore
  public final boolean requiresMacChanges() {
    return (flagBits() & MAC_CHANGES) != 0;
  }

  /** {@code guestRunsNtp().orElse(false)}, without allocating. */
  @JsonIgnore
  public final boolean isGuestRunningNtp() {
    return (flagBits() & GUEST_RUNS_NTP) != 0;
  }

  /** {@code hyperV().orElse(false)}, without allocating. */
  @JsonIgnore
  public final boolean isHyperV() {
    return (flagBits() & HYPER_V) != 0;
  }

  /** {@code guest64Bit().orElse(false)}, without allocating. */
  @JsonIgnore
  public final boolean isGuest64Bit() {
    return (flagBits() & GUEST_64_BIT) != 0;
  }

  private static final ProfileRequirements NONE = builder().build();

  /** No requirements at all; a shared constant. */
  public static ProfileRequirements none() {
    return NONE;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ProfileRequirements} values. */
  public static final class Builder extends ImmutableProfileRequirements.Builder {}
}
