package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Upgrades the virtual hardware version. Needs the VM off; it cannot be undone without a snapshot.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonTypeName("upgrade-hardware-version")
@JsonSerialize(as = ImmutableUpgradeHardwareVersion.class)
@JsonDeserialize(as = ImmutableUpgradeHardwareVersion.class)
public abstract non-sealed class UpgradeHardwareVersion implements FixAction, WithUpgradeHardwareVersion {

  /** The target version. */
  @Value.Parameter
  public abstract int version();

  @Override
  public final boolean requiresPowerOff() {
    return true;
  }


  @Override
  public final String target() {
    return "hardware-version";
  }

  @Override
  public final String describe() {
    return "upgrade virtual hardware to vmx-" + version();
  }

  /** Upgrades to {@code version}. */
  public static UpgradeHardwareVersion of(int version) {
    return ImmutableUpgradeHardwareVersion.of(version);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link UpgradeHardwareVersion} values. */
  public static final class Builder extends ImmutableUpgradeHardwareVersion.Builder {}
}
