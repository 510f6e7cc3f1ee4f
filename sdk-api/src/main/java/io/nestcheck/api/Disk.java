package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A virtual hard disk attached to a {@link StorageController}.
 *
 * <p>The capacity is unknown for {@code .vmx} files (it lives in the {@code .vmdk}); OVF, libvirt and live
 * inventories state it.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableDisk.class)
@JsonDeserialize(as = ImmutableDisk.class)
public abstract class Disk implements WithDisk {

  /** The disk's id in its source, for example {@code scsi0:0}. */
  public abstract String id();

  /** The {@link StorageController#id()} of the controller it hangs on. */
  public abstract String controllerId();

  /** The unit number on the controller. */
  @Value.Default
  public int unit() {
    return 0;
  }

  /** The capacity in MiB, when the source states it. */
  public abstract OptionalLong capacityMiB();

  /** The backing file name, when the source states it. */
  public abstract Optional<String> fileName();

  @Value.Check
  void check() {
    if (id().isEmpty() || controllerId().isEmpty()) {
      throw new IllegalStateException("Disk id and controllerId must not be empty");
    }
    if (unit() < 0) {
      throw new IllegalStateException("unit must be >= 0, got " + unit());
    }
    if (capacityMiB().isPresent() && capacityMiB().getAsLong() < 0) {
      throw new IllegalStateException("capacityMiB must be >= 0, got " + capacityMiB().getAsLong());
    }
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Disk} values. */
  public static final class Builder extends ImmutableDisk.Builder {}
}
