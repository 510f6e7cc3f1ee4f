package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A snapshot of a live inventory: its hosts (by inventory reference) and its VMs, with a note for each object
 * skipped (templates, disconnected VMs) so nothing vanishes silently.
 *
 * <p>Each VM's {@link VmConfiguration#hostRef()} names its key in {@link #hosts()}.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableInventory.class)
@JsonDeserialize(as = ImmutableInventory.class)
public abstract class Inventory implements WithInventory {

  /** Hosts by inventory reference. */
  public abstract Map<String, HostCapabilities> hosts();

  /** VMs, sorted by name. */
  public abstract List<VmConfiguration> vms();

  /** One line per skipped object, for example {@code skipped template tpl-esxi8 (vm-17)}. */
  public abstract List<String> notes();

  /** The host of {@code vm}, or {@link HostCapabilities#unknown()}. */
  public final HostCapabilities hostOf(VmConfiguration vm) {
    return vm.hostRef().map(hosts()::get).orElse(HostCapabilities.unknown());
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Inventory} values. */
  public static final class Builder extends ImmutableInventory.Builder {}
}
