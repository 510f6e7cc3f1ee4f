package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * The effective security policy of the port group a NIC is attached to.
 *
 * <p>Nested guests send and receive frames for MAC addresses the outer switch does not know: a standard switch
 * drops them unless promiscuous mode and forged transmits are accepted; a distributed switch with MAC learning
 * needs neither.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutablePortSecurityPolicy.class)
@JsonDeserialize(as = ImmutablePortSecurityPolicy.class)
public abstract class PortSecurityPolicy implements WithPortSecurityPolicy {

  /** The kind of switch. */
  @Value.Default
  public SwitchKind switchKind() {
    return SwitchKind.UNKNOWN;
  }

  /** Whether promiscuous mode is accepted. */
  @Value.Default
  public TriState allowPromiscuous() {
    return TriState.UNKNOWN;
  }

  /** Whether forged transmits are accepted. */
  @Value.Default
  public TriState forgedTransmits() {
    return TriState.UNKNOWN;
  }

  /** Whether MAC address changes are accepted. */
  @Value.Default
  public TriState macChanges() {
    return TriState.UNKNOWN;
  }

  /** Whether MAC learning is enabled (distributed switches 6.7+ only). */
  @Value.Default
  public TriState macLearning() {
    return TriState.UNKNOWN;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PortSecurityPolicy} values. */
  public static final class Builder extends ImmutablePortSecurityPolicy.Builder {}
}
