package io.nestcheck.api.spi;

import io.nestcheck.api.ApplyOptions;
import io.nestcheck.api.ApplyResult;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.VmConfiguration;

/**
 * A live platform (vSphere, libvirt, ...): an inventory source and a fix applier.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #inventory()} reads every host and VM in a number of round trips that does not grow with the
 *       number of VMs beyond paging, and maps them into the model; objects it skips are listed in {@link
 *       Inventory#notes()}.
 *   <li>{@link #apply} changes nothing when {@link ApplyOptions#dryRun()} is set; otherwise it applies the plan's
 *       automatable actions to one VM in one reconfiguration where the platform allows it, refuses actions that
 *       need the VM off unless {@link ApplyOptions#allowPowerOff()} is set, and reports per action what happened.
 *       A failure on one VM is returned as {@link ApplyResult.Status#FAILED}, not thrown.
 *   <li>{@link #close()} logs out and releases resources; it is idempotent.
 *   <li>Credentials never appear in messages or logs.
 * </ul>
 *
 * @since 0.1
 */
public interface PlatformAdapter extends AutoCloseable {

  /** A stable id, for example {@code vsphere}. */
  String id();

  /** Reads the inventory. */
  Inventory inventory() throws AdapterException;

  /**
   * Applies a fix plan to one VM.
   *
   * @param vm the VM as read by {@link #inventory()}; never {@code null}
   * @param plan the plan for it; never {@code null}
   * @param options dry run, power-off permission, retries, timeout; never {@code null}
   * @return what happened; never {@code null}
   * @throws AdapterException when the platform cannot be reached at all
   */
  ApplyResult apply(VmConfiguration vm, FixPlan plan, ApplyOptions options) throws AdapterException;

  @Override
  void close();
}
