package io.nestcheck.core.rules;

import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RulePack;
import java.util.List;

/**
 * The built-in rule catalog: every rule shipped with nestcheck, listed explicitly and kept sorted by id.
 *
 * @since 0.1
 */
public final class BuiltInRules implements RulePack {
  private static final List<Rule> RULES = List.of(
      // keep-sorted start
      new io.nestcheck.core.rules.cpu.NestedHvNotExposed(), // NV-CPU-001
      new io.nestcheck.core.rules.cpu.CpuidMaskHidesVirtualization(), // NV-CPU-002
      new io.nestcheck.core.rules.cpu.HypervisorCpuidBitVisible(), // NV-CPU-003
      new io.nestcheck.core.rules.cpu.TooFewVcpus(), // NV-CPU-004
      new io.nestcheck.core.rules.cpu.FewerVcpusThanRecommended(), // NV-CPU-005
      new io.nestcheck.core.rules.cpu.CpuModeNotAllowed(), // NV-CPU-006
      new io.nestcheck.core.rules.format.DuplicateSetting(), // NV-FMT-001
      new io.nestcheck.core.rules.firmware.FirmwareNotAllowed(), // NV-FW-001
      new io.nestcheck.core.rules.firmware.SecureBootWithoutEfi(), // NV-FW-002
      new io.nestcheck.core.rules.firmware.VbsPrerequisitesMissing(), // NV-FW-003
      new io.nestcheck.core.rules.guestos.GuestOsIdMismatch(), // NV-GOS-001
      new io.nestcheck.core.rules.host.HostLacksHardwareVirtualization(), // NV-HOST-001
      new io.nestcheck.core.rules.host.NoSecondLevelAddressTranslation(), // NV-HOST-002
      new io.nestcheck.core.rules.host.VirtualizationDisabledInFirmware(), // NV-HOST-003
      new io.nestcheck.core.rules.host.NestedHvUnsupportedByHost(), // NV-HOST-004
      new io.nestcheck.core.rules.host.HostTooOldForHardwareVersion(), // NV-HOST-005
      new io.nestcheck.core.rules.host.EvcModeInEffect(), // NV-HOST-006
      new io.nestcheck.core.rules.host.HostCapabilitiesUnknown(), // NV-HOST-007
      new io.nestcheck.core.rules.hardware.HardwareVersionTooOldForNestedHv(), // NV-HW-001
      new io.nestcheck.core.rules.hardware.HardwareVersionBelowProfileMinimum(), // NV-HW-002
      new io.nestcheck.core.rules.hardware.NvmeNeedsHardwareVersion13(), // NV-HW-003
      new io.nestcheck.core.rules.hardware.VbsNeedsHardwareVersion(), // NV-HW-004
      new io.nestcheck.core.rules.hardware.HardwareVersionUnknown(), // NV-HW-005
      new io.nestcheck.core.rules.hardware.RequiredSettingMismatch(), // NV-HW-006
      new io.nestcheck.core.rules.hygiene.UnneededPeripheralPresent(), // NV-HYG-001
      new io.nestcheck.core.rules.hygiene.ToolsTimeSyncEnabled(), // NV-HYG-002
      new io.nestcheck.core.rules.memory.MemoryBelowMinimum(), // NV-MEM-001
      new io.nestcheck.core.rules.memory.MemoryBelowRecommended(), // NV-MEM-002
      new io.nestcheck.core.rules.memory.MemoryNotFullyReserved(), // NV-MEM-003
      new io.nestcheck.core.rules.network.NicTypeUnsupported(), // NV-NET-001
      new io.nestcheck.core.rules.network.NicNeedsDriverInjection(), // NV-NET-002
      new io.nestcheck.core.rules.network.NicTypeUnspecified(), // NV-NET-003
      new io.nestcheck.core.rules.network.PortGroupBlocksNestedTraffic(), // NV-NET-004
      new io.nestcheck.core.rules.network.PortGroupRejectsMacChanges(), // NV-NET-005
      new io.nestcheck.core.rules.network.PortGroupPolicyUnknown(), // NV-NET-006
      new io.nestcheck.core.rules.storage.ControllerTypeUnsupported(), // NV-STO-001
      new io.nestcheck.core.rules.storage.ControllerTypeUnspecified(), // NV-STO-002
      new io.nestcheck.core.rules.storage.BusLogicWith64BitGuest(), // NV-STO-003
      new io.nestcheck.core.rules.storage.BootDiskTooSmall(), // NV-STO-004
      new io.nestcheck.core.rules.storage.TooFewDisks(), // NV-STO-005
      new io.nestcheck.core.rules.support.NestedHypervisorUnsupported(), // NV-SUP-001
      new io.nestcheck.core.rules.support.FusionComputeCnaDirectlyOnVmware() // NV-SUP-002
      // keep-sorted end
      );

  /** The id of this pack: {@code builtin}. */
  @Override
  public String id() {
    return "builtin";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }
}
