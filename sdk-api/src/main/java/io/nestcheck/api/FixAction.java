package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One change that fixes (part of) a finding. The hierarchy is closed: fixers, planners and writers switch over the
 * permitted types.
 *
 * <p>Each action says whether a tool may apply it ({@link #automatable()}), whether the VM must be powered off
 * first ({@link #requiresPowerOff()}), and what it changes ({@link #target()}): two actions with the same target
 * and different content conflict.
 *
 * <p>JSON: an object with a {@code type} discriminator, for example {@code {"type":"set-setting","key":
 * "disk.EnableUUID","value":"TRUE"}}.
 *
 * @since 0.1
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SetSetting.class, name = "set-setting"),
  @JsonSubTypes.Type(value = RemoveSetting.class, name = "remove-setting"),
  @JsonSubTypes.Type(value = ExposeNestedHv.class, name = "expose-nested-hv"),
  @JsonSubTypes.Type(value = SetCpu.class, name = "set-cpu"),
  @JsonSubTypes.Type(value = SetMemory.class, name = "set-memory"),
  @JsonSubTypes.Type(value = SetMemoryReservation.class, name = "set-memory-reservation"),
  @JsonSubTypes.Type(value = ReplaceNicType.class, name = "replace-nic-type"),
  @JsonSubTypes.Type(value = ReplaceControllerType.class, name = "replace-controller-type"),
  @JsonSubTypes.Type(value = SetFirmware.class, name = "set-firmware"),
  @JsonSubTypes.Type(value = SetVmFlag.class, name = "set-vm-flag"),
  @JsonSubTypes.Type(value = UpgradeHardwareVersion.class, name = "upgrade-hardware-version"),
  @JsonSubTypes.Type(value = SetGuestOs.class, name = "set-guest-os"),
  @JsonSubTypes.Type(value = RemoveDevice.class, name = "remove-device"),
  @JsonSubTypes.Type(value = SetPortGroupSecurity.class, name = "set-port-group-security"),
  @JsonSubTypes.Type(value = ManualStep.class, name = "manual-step"),
})
public sealed interface FixAction
    permits SetSetting,
        RemoveSetting,
        ExposeNestedHv,
        SetCpu,
        SetMemory,
        SetMemoryReservation,
        ReplaceNicType,
        ReplaceControllerType,
        SetFirmware,
        SetVmFlag,
        UpgradeHardwareVersion,
        SetGuestOs,
        RemoveDevice,
        SetPortGroupSecurity,
        ManualStep {

  /** Whether a tool may apply the action without a person (false only for {@link ManualStep}). */
  @JsonIgnore
  default boolean automatable() {
    return true;
  }

  /** Whether the VM must be powered off for the change to be made. */
  @JsonIgnore
  boolean requiresPowerOff();

  /**
   * What the action changes, as a stable key (for example {@code setting:vhv.enable}, {@code nic:ethernet0}).
   * Two different actions with the same target conflict.
   */
  @JsonIgnore
  String target();

  /** One line for people, for example {@code set vhv.enable = "TRUE"}. */
  @JsonIgnore
  String describe();
}
