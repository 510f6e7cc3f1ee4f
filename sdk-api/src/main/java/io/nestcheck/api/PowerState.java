package io.nestcheck.api;

/**
 * The power state of a VM, when the source knows it (live inventories do, files do not).
 *
 * @since 0.1
 */
public enum PowerState {
  /** Running. */
  POWERED_ON,
  /** Off. */
  POWERED_OFF,
  /** Suspended. */
  SUSPENDED,
  /** Not known (the VM came from a file). */
  UNKNOWN
}
