package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Replaces a storage controller with one of another type on the same bus, re-pointing its disks. Needs the VM off and the guest driver for the new type.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("replace-controller-type")
@JsonSerialize(as = ImmutableReplaceControllerType.class)
@JsonDeserialize(as = ImmutableReplaceControllerType.class)
public abstract non-sealed class ReplaceControllerType implements FixAction, WithReplaceControllerType {

  /** The controller id. */
  @Value.Parameter
  public abstract String controllerId();

  /** The new type. */
  @Value.Parameter
  public abstract ControllerType to();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }


  @Override
  public final String target() {
    return "controller:" + controllerId();
  }

  @Override
  public final String describe() {
    return "change " + controllerId() + " to " + to().name().toLowerCase(Locale.ROOT);
  }

  /** Changes controller {@code controllerId} to {@code to}. */
  public static ReplaceControllerType of(String controllerId, ControllerType to) {
    return ImmutableReplaceControllerType.of(controllerId, to);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ReplaceControllerType} values. */
  public static final class Builder extends ImmutableReplaceControllerType.Builder {}
}
