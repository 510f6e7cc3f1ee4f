package io.nestcheck.api;

/**
 * The outer hypervisor (or management plane) a host capability record describes.
 *
 * @since 0.1
 */
public enum Platform {
  /** VMware ESXi, alone or managed by vCenter. */
  ESXI,
  /** VMware Workstation or Player. */
  WORKSTATION,
  /** VMware Fusion. */
  FUSION,
  /** Linux KVM (with QEMU/libvirt), including Proxmox VE hosts. */
  KVM,
  /** Microsoft Hyper-V. */
  HYPERV,
  /** Nutanix AHV. */
  AHV,
  /** Huawei FusionCompute CNA as the outer host. */
  FUSIONCOMPUTE,
  /** Anything else. */
  OTHER,
  /** Not known. */
  UNKNOWN
}
