package io.nestcheck.api;

/**
 * The kind of virtual switch a NIC is attached to.
 *
 * @since 0.1
 */
public enum SwitchKind {
  /** A vSphere Standard Switch (VSS): no MAC learning. */
  STANDARD,
  /** A vSphere Distributed Switch (VDS): MAC learning from 6.7. */
  DISTRIBUTED,
  /** A Linux bridge, OVS or another host switch. */
  OTHER,
  /** Not known. */
  UNKNOWN
}
