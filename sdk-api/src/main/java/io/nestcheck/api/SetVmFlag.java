package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Turns a VM flag (virtual IOMMU, virtual performance counters, VBS) on or off. Needs the VM off.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("set-vm-flag")
@JsonSerialize(as = ImmutableSetVmFlag.class)
@JsonDeserialize(as = ImmutableSetVmFlag.class)
public abstract non-sealed class SetVmFlag implements FixAction, WithSetVmFlag {

  /** A VM flag. */
  public enum Flag {
    /** Virtual IOMMU ({@code vvtd.enable}, {@code flags.vvtdEnabled}). */
    VIRTUAL_IOMMU,
    /** Virtual CPU performance counters ({@code vpmc.enable}). */
    VIRTUAL_PMC,
    /** Virtualization-based security ({@code flags.vbsEnabled}). */
    VBS
  }

  /** The flag. */
  @Value.Parameter
  public abstract Flag flag();

  /** The new state. */
  @Value.Parameter
  public abstract boolean enabled();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }


  @Override
  public final String target() {
    return "flag:" + flag().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public final String describe() {
    return (enabled() ? "enable " : "disable ") + flag().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Sets {@code flag} to {@code enabled}. */
  public static SetVmFlag of(Flag flag, boolean enabled) {
    return ImmutableSetVmFlag.of(flag, enabled);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SetVmFlag} values. */
  public static final class Builder extends ImmutableSetVmFlag.Builder {}
}
