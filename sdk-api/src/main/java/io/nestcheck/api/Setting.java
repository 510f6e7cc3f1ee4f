package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * One raw key/value setting of a VM as its source wrote it: a {@code .vmx} line, an OVF {@code vmw:ExtraConfig} or
 * {@code vmw:Config} item, or a vSphere {@code extraConfig} option.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableSetting.class)
@JsonDeserialize(as = ImmutableSetting.class)
public abstract class Setting implements WithSetting {

  /** The key with its original case. */
  @Value.Parameter
  public abstract String key();

  /** The decoded value. */
  @Value.Parameter
  public abstract String value();

  /** The 1-based line in the source file, or {@code 0} when unknown. */
  @Value.Default
  @Value.Parameter
  public int line() {
    return 0;
  }

  /** A setting without a line. */
  public static Setting of(String key, String value) {
    return ImmutableSetting.of(key, value, 0);
  }

  /** A setting at a 1-based line. */
  public static Setting of(String key, String value, int line) {
    return ImmutableSetting.of(key, value, line);
  }
}
