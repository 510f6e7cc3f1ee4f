package io.nestcheck.core.rules.common;

import java.util.Map;

/**
 * The VMware release that introduced each virtual hardware version (govmomi {@code vim25/types/hardware_version.go},
 * citing Broadcom KB 315655 and KB 312100). Not API.
 */
public final class HardwareVersions {
  private HardwareVersions() {}

  private static final Map<Integer, String> INTRODUCED = Map.ofEntries(
      Map.entry(4, "ESX 3.x"),
      Map.entry(7, "ESX(i) 4.x"),
      Map.entry(8, "ESXi 5.0"),
      Map.entry(9, "ESXi 5.1"),
      Map.entry(10, "ESXi 5.5"),
      Map.entry(11, "ESXi 6.0"),
      Map.entry(12, "Workstation 12 (not ESXi)"),
      Map.entry(13, "ESXi 6.5"),
      Map.entry(14, "ESXi 6.7"),
      Map.entry(15, "ESXi 6.7 U2"),
      Map.entry(16, "Workstation 15 (not ESXi)"),
      Map.entry(17, "ESXi 7.0"),
      Map.entry(18, "ESXi 7.0 U1"),
      Map.entry(19, "ESXi 7.0 U2"),
      Map.entry(20, "ESXi 8.0"),
      Map.entry(21, "ESXi 8.0 U2"),
      Map.entry(22, "ESX 9.0"));

  /** {@code vmx-20 (ESXi 8.0)}, or {@code vmx-N} for a version the table does not list. */
  public static String describe(int version) {
    String rel = INTRODUCED.get(version);
    return rel == null ? "vmx-" + version : "vmx-" + version + " (" + rel + ")";
  }
}
