package io.nestcheck.core.diagnose;

/**
 * Where a symptom shows up.
 *
 * @since 0.1
 */
public enum SymptomContext {
  /** A Linux kernel message ({@code dmesg}, a panic on the console), in the guest hypervisor or a VM layer. */
  LINUX_KERNEL,
  /** QEMU, libvirt or {@code virt-host-validate} output on a KVM layer. */
  LIBVIRT,
  /** The ESXi installer's system scan or another installer screen. */
  ESXI_INSTALLER,
  /** An ESXi purple diagnostic screen (PSOD). */
  ESXI_PSOD,
  /** A Windows stop code (blue screen) or a Windows/Hyper-V message. */
  WINDOWS,
  /** A VMware Workstation, Player or Fusion dialog at power-on. */
  VMWARE_UI,
  /** A line of a VM's {@code vmware.log}. */
  VMWARE_LOG,
  /** A FusionCompute (CNA or VRM) message. */
  FUSIONCOMPUTE,
  /** Evidence from the guest's own {@code /proc/cpuinfo}, not text the user pasted. */
  GUEST_CPUINFO
}
