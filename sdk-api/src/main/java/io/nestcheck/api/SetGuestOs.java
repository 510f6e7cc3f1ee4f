package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Sets the guest OS id the platform uses to pick device defaults. Needs the VM off.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("set-guest-os")
@JsonSerialize(as = ImmutableSetGuestOs.class)
@JsonDeserialize(as = ImmutableSetGuestOs.class)
public abstract non-sealed class SetGuestOs implements FixAction, WithSetGuestOs {

  /** The guest OS id. */
  @Value.Parameter
  public abstract GuestOsId guestOs();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }


  @Override
  public final String target() {
    return "guest-os";
  }

  @Override
  public final String describe() {
    return "set guest OS to " + guestOs().canonical() + " (.vmx guestOS = \"" + guestOs().vmxForm() + "\")";
  }

  /** Sets the guest OS id. */
  public static SetGuestOs of(GuestOsId guestOs) {
    return ImmutableSetGuestOs.of(guestOs);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SetGuestOs} values. */
  public static final class Builder extends ImmutableSetGuestOs.Builder {}
}
