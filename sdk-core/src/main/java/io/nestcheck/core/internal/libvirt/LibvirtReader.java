package io.nestcheck.core.internal.libvirt;

import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.xml.SafeXml;
import java.util.List;
import java.util.Objects;

/**
 * Reads a libvirt domain XML document ({@code virsh dumpxml}, virt-install output) into one {@link
 * VmConfiguration}.
 *
 * <p>Contract, in addition to {@link ExportReader}'s:
 * <ul>
 *   <li>{@link #canRead} accepts a head whose root element is {@code domain} in no namespace.
 *   <li>The XML is parsed by {@link SafeXml} (DTDs refused, 64 MiB limit). A file holding two concatenated
 *       {@code <domain>} documents (as virt-install's test data does) is not well-formed: {@code SYNTAX} at the
 *       second root.
 *   <li>Mapped: {@code name} (the file name when absent), {@code uuid}; {@code <memory>} (else {@code
 *       <currentMemory>}) in any libvirt unit, KiB by default, to MiB rounded down; {@code <vcpu>} (the maximum;
 *       {@code current} is kept as a setting) or the topology's product; {@code <cpu mode>} (a {@code <cpu>}
 *       without {@code mode} is {@code custom}, libvirt's default; no {@code <cpu>} is {@code UNSPECIFIED});
 *       cores per socket from {@code <topology cores>}.
 *   <li>Nested virtualization: {@code YES} when a {@code vmx} or {@code svm} feature has policy {@code require},
 *       {@code force} or {@code optional}; otherwise {@code NO} when one is {@code disable}d or {@code forbid}den;
 *       otherwise {@code YES} for {@code host-passthrough}, {@code host-model} and {@code maximum} (they pass
 *       VMX/SVM through when the host has it) and {@code NO} for {@code custom} or no {@code <cpu>} (QEMU's
 *       default qemu64 model lacks VMX). {@code UNKNOWN} for non-x86 guests, where VMX/SVM do not apply.
 *   <li>Firmware: EFI for {@code <os firmware='efi'>} or a {@code <loader>} of type {@code pflash} or an
 *       OVMF/edk2/AAVMF path; secure boot when the firmware implements it ({@code <loader secure='yes'>} or the
 *       {@code secure-boot} firmware feature) unless the {@code enrolled-keys} feature is {@code no}, or when
 *       {@code enrolled-keys} is {@code yes}.
 *   <li>Devices: disks ({@code device='disk'} or {@code 'lun'}) on controllers; declared {@code scsi/sata/ide/nvme}
 *       controllers are kept with their model, and a controller is synthesised for disks on a bus without a
 *       declared one ({@code virtio} → VIRTIO_BLK, {@code sata} → SATA_AHCI, {@code ide} → IDE, {@code scsi} →
 *       UNSPECIFIED); cdrom/floppy disks, sound, USB controllers (model not {@code none}), serial and parallel ports
 *       as peripherals; interfaces with their model ({@code UNSPECIFIED} when absent), source bridge/network and
 *       MAC; {@code <iommu>} as a virtual IOMMU; {@code <memoryBacking><locked/>} as memory locked to the maximum
 *       (the reservation itself stays 0: the file states none).
 *   <li>Settings: the facts rules point at, as dotted keys with their lines, for example {@code cpu.mode} (the
 *       effective mode: {@code custom} when {@code <cpu>} has no {@code mode}), {@code cpu.feature.vmx} (value: the
 *       policy), {@code cpu.topology.cores}, {@code os.firmware}, {@code os.loader},
 *       {@code features.hyperv.evmcs}, {@code memory}, {@code vcpu}.
 *   <li>Errors: a root other than {@code <domain>} is {@code UNSUPPORTED_FORMAT}; a missing {@code <memory>}, an
 *       unknown unit or CPU mode, or a malformed number is {@code INVALID_VALUE} with the element's line.
 * </ul>
 */
public final class LibvirtReader implements ExportReader {

  /** Creates the reader; it holds no state. */
  public LibvirtReader() {}

  @Override
  public String format() {
    return "libvirt";
  }

  @Override
  public boolean canRead(String fileName, byte[] head) {
    Objects.requireNonNull(head, "head");
    return SafeXml.rootElement(head)
        .filter(r -> r.localName().equals("domain") && r.namespace().isEmpty())
        .isPresent();
  }

  @Override
  public List<VmConfiguration> read(ExportSource source) throws ExportParseException {
    Objects.requireNonNull(source, "source");
    return List.of(LibvirtMapper.map(SafeXml.parse(source), source.name()));
  }
}
