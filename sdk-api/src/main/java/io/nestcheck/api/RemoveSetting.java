package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Removes a raw setting (every occurrence of the key, ignoring case).
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("remove-setting")
@JsonSerialize(as = ImmutableRemoveSetting.class)
@JsonDeserialize(as = ImmutableRemoveSetting.class)
public abstract non-sealed class RemoveSetting implements FixAction, WithRemoveSetting {

  /** The key. */
  @Value.Parameter
  public abstract String key();

  @Override
  public final boolean requiresPowerOff() {
    return false;
  }


  @Override
  public final String target() {
    return "setting:" + key().toLowerCase(Locale.ROOT);
  }

  @Override
  public final String describe() {
    return "remove " + key();
  }

  /** Removes {@code key}. */
  public static RemoveSetting of(String key) {
    return ImmutableRemoveSetting.of(key);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link RemoveSetting} values. */
  public static final class Builder extends ImmutableRemoveSetting.Builder {}
}
