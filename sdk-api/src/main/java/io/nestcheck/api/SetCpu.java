package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Sets the number of virtual CPUs and cores per socket. Needs the VM off (CPU hot-add is usually disabled).
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("set-cpu")
@JsonSerialize(as = ImmutableSetCpu.class)
@JsonDeserialize(as = ImmutableSetCpu.class)
public abstract non-sealed class SetCpu implements FixAction, WithSetCpu {

  /** Virtual CPUs. */
  @Value.Parameter
  public abstract int vcpus();

  /** Cores per socket; must divide {@link #vcpus()}. */
  @Value.Parameter
  public abstract int coresPerSocket();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }

  @Value.Check
  void check() {
    if (vcpus() < 1 || coresPerSocket() < 1 || vcpus() % coresPerSocket() != 0) {
      throw new IllegalStateException("invalid CPU topology " + vcpus() + "/" + coresPerSocket());
    }
  }


  @Override
  public final String target() {
    return "cpu";
  }

  @Override
  public final String describe() {
    return "set " + vcpus() + " vCPUs (" + coresPerSocket() + " cores per socket)";
  }

  /** Sets the CPU topology. */
  public static SetCpu of(int vcpus, int coresPerSocket) {
    return ImmutableSetCpu.of(vcpus, coresPerSocket);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SetCpu} values. */
  public static final class Builder extends ImmutableSetCpu.Builder {}
}
