package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Replaces a NIC with one of another type, keeping its network, MAC and connection state. Needs the VM off.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("replace-nic-type")
@JsonSerialize(as = ImmutableReplaceNicType.class)
@JsonDeserialize(as = ImmutableReplaceNicType.class)
public abstract non-sealed class ReplaceNicType implements FixAction, WithReplaceNicType {

  /** The NIC id. */
  @Value.Parameter
  public abstract String nicId();

  /** The new type. */
  @Value.Parameter
  public abstract NicType to();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }


  @Override
  public final String target() {
    return "nic:" + nicId();
  }

  @Override
  public final String describe() {
    return "change " + nicId() + " to " + to().name().toLowerCase(Locale.ROOT);
  }

  /** Changes NIC {@code nicId} to {@code to}. */
  public static ReplaceNicType of(String nicId, NicType to) {
    return ImmutableReplaceNicType.of(nicId, to);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ReplaceNicType} values. */
  public static final class Builder extends ImmutableReplaceNicType.Builder {}
}
