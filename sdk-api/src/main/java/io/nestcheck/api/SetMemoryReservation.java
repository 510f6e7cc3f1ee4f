package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Reserves memory for the VM, optionally locked to the configured size. Can be changed while the VM runs.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("set-memory-reservation")
@JsonSerialize(as = ImmutableSetMemoryReservation.class)
@JsonDeserialize(as = ImmutableSetMemoryReservation.class)
public abstract non-sealed class SetMemoryReservation implements FixAction, WithSetMemoryReservation {

  /** The reservation in MiB. */
  @Value.Parameter
  public abstract long reservationMiB();

  /** Whether to lock the reservation to the configured memory. */
  @Value.Parameter
  public abstract boolean lockedToMax();

  @Override
  public final boolean requiresPowerOff() {
    return false;
  }


  @Override
  public final String target() {
    return "memory-reservation";
  }

  @Override
  public final String describe() {
    return "reserve " + reservationMiB() + " MiB" + (lockedToMax() ? " (locked to max)" : "");
  }

  /** Reserves {@code reservationMiB}. */
  public static SetMemoryReservation of(long reservationMiB, boolean lockedToMax) {
    return ImmutableSetMemoryReservation.of(reservationMiB, lockedToMax);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SetMemoryReservation} values. */
  public static final class Builder extends ImmutableSetMemoryReservation.Builder {}
}
