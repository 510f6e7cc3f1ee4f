package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Exposes hardware-assisted virtualization to the guest: {@code vhv.enable = "TRUE"} in a {@code .vmx}, {@code nestedHVEnabled} in OVF and the vSphere API, {@code host-passthrough} for libvirt. Needs the VM powered off.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("expose-nested-hv")
@JsonSerialize(as = ImmutableExposeNestedHv.class)
@JsonDeserialize(as = ImmutableExposeNestedHv.class)
public abstract non-sealed class ExposeNestedHv implements FixAction, WithExposeNestedHv {

  /** Whether to enable (the fix) or disable nested HV. */
  @Value.Default
  public boolean enabled() {
    return true;
  }

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }


  @Override
  public final String target() {
    return "nested-hv";
  }

  @Override
  public final String describe() {
    return (enabled() ? "expose" : "hide") + " hardware-assisted virtualization to the guest (vhv.enable / nestedHVEnabled)";
  }

  private static final ExposeNestedHv ENABLE = builder().build();

  /** Enables nested HV; a shared constant. */
  public static ExposeNestedHv enable() {
    return ENABLE;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ExposeNestedHv} values. */
  public static final class Builder extends ImmutableExposeNestedHv.Builder {}
}
