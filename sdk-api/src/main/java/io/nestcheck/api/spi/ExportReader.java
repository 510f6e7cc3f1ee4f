package io.nestcheck.api.spi;

import io.nestcheck.api.VmConfiguration;
import java.util.List;

/**
 * Reads one VM export format ({@code .vmx}, OVF, OVA, libvirt domain XML, govc JSON) into the model.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #canRead} decides by content (the head of the file), using the file name only as a hint.
 *   <li>{@link #read} returns one configuration per VM in the input (an OVF {@code VirtualSystemCollection} has
 *       several), in document order, never an empty list: an input without a VM is an {@link
 *       ExportParseException} of kind {@code UNSUPPORTED_FORMAT}.
 *   <li>Every problem with the input is an {@link ExportParseException} naming the file and the line/column or
 *       pointer; no other exception escapes for bad input. Inputs over the reader's documented size limit are
 *       refused with kind {@code TOO_LARGE} before they are loaded.
 *   <li>Readers are stateless and thread-safe.
 * </ul>
 *
 * @since 0.1
 */
public interface ExportReader {

  /** A short format id, for example {@code vmx}. Never {@code null}. */
  String format();

  /**
   * Whether this reader recognises the input.
   *
   * @param fileName the name of the input, a hint only; never {@code null}
   * @param head the first bytes of the input (up to 8 KiB, fewer for short inputs); never {@code null}
   */
  boolean canRead(String fileName, byte[] head);

  /**
   * Reads every VM in the input.
   *
   * @param source the input; never {@code null}
   * @return the VMs in document order; never empty, never {@code null}
   * @throws ExportParseException for any problem with the input, including I/O errors (kind {@code IO})
   */
  List<VmConfiguration> read(ExportSource source) throws ExportParseException;
}
