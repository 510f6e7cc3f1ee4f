package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A present peripheral device (sound, USB, floppy, serial, parallel, CD/DVD).
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutablePeripheral.class)
@JsonDeserialize(as = ImmutablePeripheral.class)
public abstract class Peripheral implements WithPeripheral {

  /** The device's id in its source, for example {@code sound}, {@code usb}, {@code floppy0}, {@code serial0}. */
  @Value.Parameter
  public abstract String id();

  /** The kind of device. */
  @Value.Parameter
  public abstract PeripheralKind kind();

  /** A peripheral with the given id and kind. */
  public static Peripheral of(String id, PeripheralKind kind) {
    return ImmutablePeripheral.of(id, kind);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Peripheral} values. */
  public static final class Builder extends ImmutablePeripheral.Builder {}
}
