package io.nestcheck.api;

/**
 * How a libvirt/KVM guest's virtual CPU is defined ({@code <cpu mode=...>}). VMware VMs have no CPU mode.
 *
 * @since 0.1
 */
public enum CpuMode {
  /** {@code host-passthrough}: the exact host CPU, including features libvirt does not model. */
  HOST_PASSTHROUGH,
  /** {@code host-model}: a copy of the host CPU definition taken at start. */
  HOST_MODEL,
  /** {@code maximum}: the most capable CPU the hypervisor can provide. */
  MAXIMUM,
  /** {@code custom} (the libvirt default): a named model with feature policies. */
  CUSTOM,
  /** The VM has no CPU mode (it is not a libvirt VM) or the file does not say. */
  UNSPECIFIED
}
