package io.nestcheck.core;

import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.core.internal.govc.GovcReader;
import io.nestcheck.core.internal.libvirt.LibvirtReader;
import io.nestcheck.core.internal.ovf.OvaReader;
import io.nestcheck.core.internal.ovf.OvfReader;
import io.nestcheck.core.internal.vmx.VmxReader;
import java.util.List;

/**
 * The built-in readers, in the order content sniffing asks them: the formats with the most specific signatures
 * first (tar magic, XML roots, JSON), the line-oriented {@code .vmx} grammar last.
 */
final class BuiltInReaders {
  private BuiltInReaders() {}

  static List<ExportReader> list() {
    return List.of(new OvaReader(), new OvfReader(), new LibvirtReader(), new GovcReader(), new VmxReader());
  }
}
