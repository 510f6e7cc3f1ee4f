package io.nestcheck.testkit;

/**
 * The kind of source a generated {@link io.nestcheck.api.VmConfiguration} imitates. Each origin produces what the
 * matching reader would: which facts are stated, which raw {@linkplain io.nestcheck.api.VmConfiguration#settings()
 * settings} accompany them, and which device ids and types occur.
 *
 * <p>The constants are ordered from the plainest to the richest model; generators shrink towards the first.
 *
 * @since 0.1
 * @see NestcheckArbitraries#vmConfigurations(VmOrigin)
 */
public enum VmOrigin {
  /**
   * A live inventory VM (vSphere): source {@code vm-N}, a known power state, often a host reference, device types
   * always named, port-group policies known, raw settings only for a few {@code extraConfig} keys.
   */
  INVENTORY,
  /**
   * A {@code .vmx} file: source {@code <name>.vmx}; every typed fact a {@code .vmx} states has its raw key on a
   * numbered line, first occurrence wins, duplicates and unknown keys occur; disk capacities and the power state
   * are unknown; a device without {@code virtualDev} has an {@code UNSPECIFIED} type.
   */
  VMX,
  /**
   * An OVF descriptor: source {@code <name>.ovf}; raw settings are its {@code vmw:Config}/{@code vmw:ExtraConfig}
   * items ({@code nestedHVEnabled}, {@code firmware}, ...), disk capacities are stated.
   */
  OVF,
  /**
   * A libvirt domain XML: source {@code <name>.xml}, a CPU mode ({@code host-passthrough}, ...), VirtIO devices,
   * no VMware hardware version, informational raw settings such as {@code cpu.mode}.
   */
  LIBVIRT
}
