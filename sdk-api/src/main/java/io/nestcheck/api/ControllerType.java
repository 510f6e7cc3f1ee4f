package io.nestcheck.api;

/**
 * A virtual storage controller type.
 *
 * @since 0.1
 */
public enum ControllerType {
  /** LSI Logic Parallel ({@code lsilogic}). */
  LSI_LOGIC,
  /** LSI Logic SAS ({@code lsisas1068}). */
  LSI_LOGIC_SAS,
  /** BusLogic Parallel ({@code buslogic}): no 64-bit guest drivers. */
  BUSLOGIC,
  /** VMware Paravirtual SCSI ({@code pvscsi}). */
  PVSCSI,
  /** SATA (AHCI). */
  SATA_AHCI,
  /** Virtual NVMe (needs hardware version 13). */
  NVME,
  /** IDE. */
  IDE,
  /** VirtIO block (libvirt {@code bus='virtio'}). */
  VIRTIO_BLK,
  /** VirtIO SCSI (libvirt {@code model='virtio-scsi'}). */
  VIRTIO_SCSI,
  /** The file does not name the type: the platform picks one by guest OS, and no source documents which. */
  UNSPECIFIED,
  /** A type this version of the model does not name. */
  OTHER
}
