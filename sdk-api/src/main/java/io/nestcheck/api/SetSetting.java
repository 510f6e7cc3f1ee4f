package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Sets a raw setting ({@code .vmx} key, OVF ExtraConfig, vSphere extraConfig) to a value, adding it when absent.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("set-setting")
@JsonSerialize(as = ImmutableSetSetting.class)
@JsonDeserialize(as = ImmutableSetSetting.class)
public abstract non-sealed class SetSetting implements FixAction, WithSetSetting {

  /** The key, with the case to write when the key is new. */
  @Value.Parameter
  public abstract String key();

  /** The value, unescaped. */
  @Value.Parameter
  public abstract String value();

  /** Whether the change needs the VM off; most settings take effect at the next power-on, so {@code false}. */
  @Value.Default
  @Override
  @com.fasterxml.jackson.annotation.JsonIgnore(false)
  @com.fasterxml.jackson.annotation.JsonProperty("requiresPowerOff")
  public boolean requiresPowerOff() {
    return false;
  }


  @Override
  public final String target() {
    return "setting:" + key().toLowerCase(Locale.ROOT);
  }

  @Override
  public final String describe() {
    return "set " + key() + " = \"" + value() + "\"";
  }

  /** Sets {@code key} to {@code value}. */
  public static SetSetting of(String key, String value) {
    return ImmutableSetSetting.of(key, value);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SetSetting} values. */
  public static final class Builder extends ImmutableSetSetting.Builder {}
}
