package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A virtual storage controller.
 *
 * <p>JSON: {@code {"id":"scsi0","type":"PVSCSI","busNumber":0,"rawType":"pvscsi"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableStorageController.class)
@JsonDeserialize(as = ImmutableStorageController.class)
public abstract class StorageController implements WithStorageController {

  /** The controller's id in its source: {@code scsi0}, {@code sata0}, {@code nvme0}, {@code ide0}, an OVF InstanceID or a device key. */
  public abstract String id();

  /** The controller type; {@link ControllerType#UNSPECIFIED} when the source does not name it. */
  public abstract ControllerType type();

  /** The bus number; {@code 0} by default. */
  @Value.Default
  public int busNumber() {
    return 0;
  }

  /** The type as written in the source (for example {@code lsisas1068}), when it named one. */
  public abstract Optional<String> rawType();

  @Value.Check
  void check() {
    if (id().isEmpty()) {
      throw new IllegalStateException("StorageController.id must not be empty");
    }
    if (busNumber() < 0) {
      throw new IllegalStateException("busNumber must be >= 0, got " + busNumber());
    }
  }

  /** A controller with the given id and type on bus 0. */
  public static StorageController of(String id, ControllerType type) {
    return builder().id(id).type(type).build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link StorageController} values. */
  public static final class Builder extends ImmutableStorageController.Builder {}
}
