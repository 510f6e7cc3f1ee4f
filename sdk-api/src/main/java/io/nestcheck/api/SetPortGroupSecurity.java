package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Changes the security policy of the port group a NIC uses (or enables MAC learning on a distributed port group). Applies to the switch, not the VM, so the VM may stay on; it affects every VM on that port group.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("set-port-group-security")
@JsonSerialize(as = ImmutableSetPortGroupSecurity.class)
@JsonDeserialize(as = ImmutableSetPortGroupSecurity.class)
public abstract non-sealed class SetPortGroupSecurity implements FixAction, WithSetPortGroupSecurity {

  /** The port group name. */
  public abstract String portGroup();

  /** Accept promiscuous mode; unchanged when absent. */
  public abstract Optional<Boolean> allowPromiscuous();

  /** Accept forged transmits; unchanged when absent. */
  public abstract Optional<Boolean> forgedTransmits();

  /** Accept MAC address changes; unchanged when absent. */
  public abstract Optional<Boolean> macChanges();

  /** Enable MAC learning (distributed switches 6.7+); unchanged when absent. */
  public abstract Optional<Boolean> macLearning();

  @Override
  public final boolean requiresPowerOff() {
    return false;
  }


  @Override
  public final String target() {
    return "port-group:" + portGroup();
  }

  @Override
  public final String describe() {
    StringBuilder sb = new StringBuilder("on port group ").append(portGroup()).append(":");
    allowPromiscuous().ifPresent(v -> sb.append(" promiscuous=").append(v ? "accept" : "reject"));
    forgedTransmits().ifPresent(v -> sb.append(" forged-transmits=").append(v ? "accept" : "reject"));
    macChanges().ifPresent(v -> sb.append(" mac-changes=").append(v ? "accept" : "reject"));
    macLearning().ifPresent(v -> sb.append(" mac-learning=").append(v ? "on" : "off"));
    return sb.toString();
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SetPortGroupSecurity} values. */
  public static final class Builder extends ImmutableSetPortGroupSecurity.Builder {}
}
