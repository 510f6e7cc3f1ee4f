package io.nestcheck.vsphere;

import java.util.List;

/**
 * Every PropertyCollector path the adapter reads. Narrow leaf paths keep replies small and away from newer fields
 * that yavijava 6.0.05 cannot map (see the module README). {@code PropertyPathsIT} reads each of them against
 * vcsim, and {@code VimReplyReaderIT} parses all of them with yavijava and with the adapter's reader, so that a path
 * yavijava cannot read fails loudly.
 */
final class Paths {
  private Paths() {}

  static final String VM = "VirtualMachine";
  static final String HOST = "HostSystem";
  static final String DVPG = "DistributedVirtualPortgroup";
  static final String CLUSTER = "ClusterComputeResource";

  /** VM paths valid with the default SOAPAction (vSphere API 6.0 and older). */
  static final List<String> VM_PATHS = List.of(
      "name",
      "config.template",
      "runtime.connectionState",
      "runtime.powerState",
      "runtime.host",
      "config.uuid",
      "config.version",
      "config.guestId",
      "config.firmware",
      "config.changeVersion",
      "config.nestedHVEnabled",
      "config.vPMCEnabled",
      "config.memoryReservationLockedToMax",
      "config.memoryAllocation.reservation",
      "config.hardware.numCPU",
      "config.hardware.numCoresPerSocket",
      "config.hardware.memoryMB",
      "config.hardware.device",
      "config.extraConfig",
      "config.cpuFeatureMask",
      "capability.nestedHVSupported",
      "network");

  /** VM paths of API 6.5 (read when the server has it, in the inventory read sent with the 6.5 SOAPAction). */
  static final List<String> VM_PATHS_65 = List.of("config.bootOptions.efiSecureBootEnabled");

  /** VM paths of API 6.7 (read when the server has it, in the inventory read sent with the 6.7 SOAPAction). */
  static final List<String> VM_PATHS_67 = List.of("config.flags.vbsEnabled", "config.flags.vvtdEnabled");

  static final String SECURE_BOOT = "config.bootOptions.efiSecureBootEnabled";
  static final String VBS = "config.flags.vbsEnabled";
  static final String VVTD = "config.flags.vvtdEnabled";

  /** Host paths. */
  static final List<String> HOST_PATHS = List.of(
      "name",
      "parent",
      "capability.nestedHVSupported",
      "hardware.cpuFeature",
      "hardware.cpuInfo.numCpuCores",
      "hardware.memorySize",
      "summary.hardware.cpuModel",
      "summary.currentEVCModeKey",
      "config.featureCapability",
      "config.product.version",
      "config.product.build",
      "config.network.portgroup",
      "config.network.vswitch",
      "configManager.networkSystem");

  /** Distributed port group paths. */
  static final List<String> DVPG_PATHS = List.of("name", "key", "config.configVersion", "config.defaultPortConfig");

  /** Cluster paths (EVC). */
  static final List<String> CLUSTER_PATHS = List.of("name", "summary.currentEVCModeKey");

  /** Task paths read while waiting. */
  static final List<String> TASK_PATHS = List.of("info.state", "info.error");
}
