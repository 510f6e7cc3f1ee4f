package io.nestcheck.api;

/**
 * A virtual network adapter type.
 *
 * @since 0.1
 */
public enum NicType {
  /** Intel 82545EM ({@code e1000}). */
  E1000,
  /** Intel 82574 ({@code e1000e}, hardware version 8+). */
  E1000E,
  /** VMware VMXNET3. */
  VMXNET3,
  /** VMware Enhanced VMXNET ({@code vmxnet} with {@code features = "15"}). */
  VMXNET2,
  /** VMware VMXNET (first generation). */
  VMXNET,
  /** AMD PCnet32 ({@code vlance}, shown as "Flexible"). */
  VLANCE,
  /** VirtIO network ({@code virtio-net}). */
  VIRTIO,
  /** Realtek RTL8139 (QEMU's old default). */
  RTL8139,
  /** The file does not name the type: the platform picks one by guest OS, and no source documents which. */
  UNSPECIFIED,
  /** A type this version of the model does not name. */
  OTHER
}
