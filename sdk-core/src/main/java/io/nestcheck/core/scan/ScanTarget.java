package io.nestcheck.core.scan;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import java.util.List;

/**
 * One unit of scan work: a file to read, or VMs already read from an inventory. The scanner loads targets on its
 * worker threads and evaluates every VM a target yields.
 *
 * @since 0.1
 */
public interface ScanTarget {

  /** The name results and errors are reported under (a path or an inventory reference). Never {@code null}. */
  String name();

  /**
   * Loads the VMs.
   *
   * @return the VMs, never empty
   * @throws ExportParseException for any problem with the input
   */
  List<VmConfiguration> load() throws ExportParseException;

  /** The host {@code vm} runs on, or the scan's host for files. Never {@code null}. */
  HostCapabilities host(VmConfiguration vm);
}
