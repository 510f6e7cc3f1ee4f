package io.nestcheck.core.internal.ovf;

import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.xml.SafeXml;
import java.util.List;
import java.util.Objects;

/**
 * Reads an OVF descriptor ({@code .ovf}, DMTF DSP0243 OVF 1.x and 2.x) into one {@link VmConfiguration} per
 * {@code VirtualSystem}, in document order, descending into nested {@code VirtualSystemCollection}s.
 *
 * <p>Contract, in addition to {@link ExportReader}'s:
 * <ul>
 *   <li>{@link #canRead} accepts a head whose root element is {@code Envelope} in an OVF 1.x or 2.x namespace
 *       ({@code http://schemas.dmtf.org/ovf/envelope/1} or {@code /2}); the file name is ignored.
 *   <li>The XML is parsed by {@link SafeXml}: DTDs are refused ({@code INSECURE_XML}), documents over
 *       {@link SafeXml#MAX_BYTES} (64 MiB) are refused before loading ({@code TOO_LARGE}).
 *   <li>Each VM: name from {@code Name}, else {@code ovf:id} (required); source = the input's name; hardware
 *       version from {@code vssd:VirtualSystemType} ({@code vmx-NN}, the highest of a list; absent for non-vmx
 *       types); guest OS from {@code vmw:osType}, else a few unambiguous CIM OS ids; CPUs, cores per socket,
 *       memory (converted to MiB from any byte unit) and its reservation; controllers, disks (capacity from the
 *       DiskSection, {@code ${property}} capacities resolved from the property's default), NICs and peripherals by
 *       CIM ResourceType; every {@code vmw:Config} and {@code vmw:ExtraConfig} of the VirtualHardwareSection as a
 *       {@link io.nestcheck.api.Setting} with its line, in document order; and the flags they drive
 *       ({@code nestedHVEnabled}/{@code vhv.enable}, {@code firmware}, secure boot, VBS, vIOMMU, vPMC, memory
 *       pinning). When a DeploymentOptionSection exists, only the default configuration's Items are read.
 *   <li>Errors: a root that is not an OVF Envelope, or an envelope without a VirtualSystem, is {@code
 *       UNSUPPORTED_FORMAT}; a VirtualSystem without {@code ovf:id} or without a memory Item, a malformed number,
 *       unit, boolean or reference is {@code INVALID_VALUE} with the line of the offending element.
 * </ul>
 */
public final class OvfReader implements ExportReader {

  /** Creates the reader; it holds no state. */
  public OvfReader() {}

  @Override
  public String format() {
    return "ovf";
  }

  @Override
  public boolean canRead(String fileName, byte[] head) {
    Objects.requireNonNull(head, "head");
    return SafeXml.rootElement(head)
        .filter(r -> r.localName().equals("Envelope") && OvfMapper.OVF_NAMESPACES.contains(r.namespace()))
        .isPresent();
  }

  @Override
  public List<VmConfiguration> read(ExportSource source) throws ExportParseException {
    Objects.requireNonNull(source, "source");
    return OvfMapper.map(SafeXml.parse(source), source.name());
  }
}
