package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Sets the configured memory. Needs the VM off (memory hot-add does not help a nested hypervisor).
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("set-memory")
@JsonSerialize(as = ImmutableSetMemory.class)
@JsonDeserialize(as = ImmutableSetMemory.class)
public abstract non-sealed class SetMemory implements FixAction, WithSetMemory {

  /** Memory in MiB. */
  @Value.Parameter
  public abstract long memoryMiB();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }

  @Value.Check
  void check() {
    if (memoryMiB() < 1) {
      throw new IllegalStateException("memoryMiB must be >= 1");
    }
  }


  @Override
  public final String target() {
    return "memory";
  }

  @Override
  public final String describe() {
    return "set memory to " + memoryMiB() + " MiB";
  }

  /** Sets memory to {@code memoryMiB}. */
  public static SetMemory of(long memoryMiB) {
    return ImmutableSetMemory.of(memoryMiB);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SetMemory} values. */
  public static final class Builder extends ImmutableSetMemory.Builder {}
}
