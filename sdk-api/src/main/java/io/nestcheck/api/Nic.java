package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A virtual network adapter.
 *
 * <p>JSON: {@code {"id":"ethernet0","type":"VMXNET3","network":"VM Network","addressType":"GENERATED"}}.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableNic.class)
@JsonDeserialize(as = ImmutableNic.class)
public abstract class Nic implements WithNic {

  /** The NIC's id in its source, for example {@code ethernet0} or a device key. */
  public abstract String id();

  /** The adapter type; {@link NicType#UNSPECIFIED} when the source does not name it. */
  public abstract NicType type();

  /** The type as written in the source, when it named one. */
  public abstract Optional<String> rawType();

  /** The network or port group name. */
  public abstract Optional<String> network();

  /** The MAC address, lower case with colons. */
  public abstract Optional<String> macAddress();

  /** How the MAC address is assigned. */
  @Value.Default
  public MacAddressType addressType() {
    return MacAddressType.UNSPECIFIED;
  }

  /** The effective security policy of the attached port group, when known (live inventories). */
  public abstract Optional<PortSecurityPolicy> portSecurity();

  /**
   * The port security policy, or {@code fallback} when it is unknown. Unlike {@link #portSecurity()}, which wraps
   * the value anew on every call, this allocates nothing: rules run once per VM per profile at fleet scale.
   */
  public final PortSecurityPolicy portSecurityOrElse(PortSecurityPolicy fallback) {
    return portSecurityOnce().orElse(fallback);
  }

  /** {@link #portSecurity()} wrapped once. */
  @Value.Lazy
  @JsonIgnore
  Optional<PortSecurityPolicy> portSecurityOnce() {
    return portSecurity();
  }

  @Value.Check
  void check() {
    if (id().isEmpty()) {
      throw new IllegalStateException("Nic.id must not be empty");
    }
  }

  /** A NIC with the given id and type. */
  public static Nic of(String id, NicType type) {
    return builder().id(id).type(type).build();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Nic} values. */
  public static final class Builder extends ImmutableNic.Builder {}
}
