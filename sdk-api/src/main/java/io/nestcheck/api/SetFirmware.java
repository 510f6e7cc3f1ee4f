package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Sets the firmware and, optionally, secure boot. Needs the VM off; switching BIOS and EFI usually breaks an installed guest boot.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("set-firmware")
@JsonSerialize(as = ImmutableSetFirmware.class)
@JsonDeserialize(as = ImmutableSetFirmware.class)
public abstract non-sealed class SetFirmware implements FixAction, WithSetFirmware {

  /** The firmware. */
  public abstract Firmware firmware();

  /** Secure boot on or off; unchanged when absent. */
  public abstract Optional<Boolean> secureBoot();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }


  @Override
  public final String target() {
    return "firmware";
  }

  @Override
  public final String describe() {
    return "set firmware to " + firmware().name().toLowerCase(Locale.ROOT)
        + secureBoot().map(s -> s ? " with secure boot" : " without secure boot").orElse("");
  }

  /** Sets firmware, leaving secure boot as is. */
  public static SetFirmware of(Firmware firmware) {
    return builder().firmware(firmware).build();
  }

  /** Sets firmware and secure boot. */
  public static SetFirmware of(Firmware firmware, boolean secureBoot) {
    return builder().firmware(firmware).secureBoot(secureBoot).build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SetFirmware} values. */
  public static final class Builder extends ImmutableSetFirmware.Builder {}
}
