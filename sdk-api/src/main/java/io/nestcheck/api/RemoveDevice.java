package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Removes a peripheral device (sound card, USB controller, floppy, serial port). Needs the VM off.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("remove-device")
@JsonSerialize(as = ImmutableRemoveDevice.class)
@JsonDeserialize(as = ImmutableRemoveDevice.class)
public abstract non-sealed class RemoveDevice implements FixAction, WithRemoveDevice {

  /** The device id. */
  @Value.Parameter
  public abstract String deviceId();

  /** The kind of device. */
  @Value.Parameter
  public abstract PeripheralKind kind();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }


  @Override
  public final String target() {
    return "device:" + deviceId();
  }

  @Override
  public final String describe() {
    return "remove " + kind().name().toLowerCase(Locale.ROOT) + " device " + deviceId();
  }

  /** Removes device {@code deviceId}. */
  public static RemoveDevice of(String deviceId, PeripheralKind kind) {
    return ImmutableRemoveDevice.of(deviceId, kind);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RemoveDevice} values. */
  public static final class Builder extends ImmutableRemoveDevice.Builder {}
}
