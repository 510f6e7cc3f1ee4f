package io.nestcheck.vsphere;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.scan.ScanTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scan targets for an inventory, so that the core {@code Scanner} evaluates live VMs like files: one target per VM,
 * named by the VM's source ({@code vsphere://host/vm-42}), whose host is the VM's host from the inventory.
 *
 * @since 0.1
 */
public final class VsphereTargets {
  private VsphereTargets() {}

  /**
   * One target per VM of {@code inventory}, in inventory order.
   *
   * @param inventory an inventory, for example from {@link VsphereAdapter#inventory()}; never {@code null}
   * @return the targets; never {@code null}
   */
  public static List<ScanTarget> targets(Inventory inventory) {
    Objects.requireNonNull(inventory, "inventory");
    List<ScanTarget> out = new ArrayList<>(inventory.vms().size());
    for (VmConfiguration vm : inventory.vms()) {
      out.add(new VmTarget(vm, inventory.hostOf(vm)));
    }
    return out;
  }

  private static final class VmTarget implements ScanTarget {
    private final VmConfiguration vm;
    private final HostCapabilities host;

    VmTarget(VmConfiguration vm, HostCapabilities host) {
      this.vm = vm;
      this.host = host;
    }

    @Override
    public String name() {
      return vm.source();
    }

    @Override
    public List<VmConfiguration> load() {
      return List.of(vm);
    }

    @Override
    public HostCapabilities host(VmConfiguration v) {
      return host;
    }

    @Override
    public String toString() {
      return "VmTarget{" + vm.name() + " (" + vm.source() + ")}";
    }
  }
}
