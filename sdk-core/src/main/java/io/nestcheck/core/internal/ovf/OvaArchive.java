package io.nestcheck.core.internal.ovf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and rewrites an OVA (a tar archive) at the level of its 512-byte records, so that a copy keeps every
 * header and every byte of every entry except the ones replaced. Internal: public only for other packages of
 * nestcheck-core. Stateless.
 *
 * <p>{@link #scan} finds the descriptor (the first regular {@code .ovf} entry, as {@link OvaReader} reads it), the
 * manifest ({@code <descriptor base>.mf}, else the first {@code .mf}) and the signature certificates ({@code
 * .cert}), reading only those entries and skipping every other one. {@link #copy} streams the archive to a new
 * one: entries are written in their order with their original header records, pax/GNU long-name records and
 * trailing end-of-archive blocks; a replaced entry gets the new data and a header that differs from the original
 * only in its size field (same width and form: octal or base-256) and checksum. Memory use is bounded by the
 * replaced entries (the descriptor is at most {@link io.nestcheck.core.internal.xml.SafeXml#MAX_BYTES}); the disks
 * are streamed through a fixed buffer.
 *
 * <p>Refused with {@link OvaFormatException}: a corrupt header (bad checksum, bad size), a truncated archive, a
 * replaced entry whose size is also given by a pax {@code size} record, entries over the limits above.
 */
public final class OvaArchive {
  private static final int BLOCK = 512;
  private static final int MAX_META = 1024 * 1024;

  private OvaArchive() {}

  /** The archive is corrupt or uses a form this class does not rewrite. */
  public static final class OvaFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    OvaFormatException(String message) {
      super(message);
    }
  }

  /** An entry's data changed between {@link #scan} and {@link #copy}. */
  public static final class ChangedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public ChangedException(String message) {
      super(message);
    }
  }

  /**
   * What {@link #scan} found.
   *
   * @param descriptorName the descriptor's entry name
   * @param descriptor the descriptor's bytes
   * @param manifestName the manifest's entry name, when there is one
   * @param manifest the manifest's bytes, when there is one
   * @param certificates the names of {@code .cert} entries
   */
  public record Contents(String descriptorName, byte[] descriptor, Optional<String> manifestName,
      Optional<byte[]> manifest, List<String> certificates) {
    /** Checks and copies. */
    public Contents {
      Objects.requireNonNull(descriptorName, "descriptorName");
      Objects.requireNonNull(descriptor, "descriptor");
      Objects.requireNonNull(manifestName, "manifestName");
      Objects.requireNonNull(manifest, "manifest");
      certificates = List.copyOf(certificates);
    }
  }

  /** One header record and what it means. */
  private static final class Header {
    final byte[] block;
    final String name;
    final char type;
    final long size;
    final boolean paxSize;

    Header(byte[] block, String name, char type, long size, boolean paxSize) {
      this.block = block;
      this.name = name;
      this.type = type;
      this.size = size;
      this.paxSize = paxSize;
    }

    boolean isFile() {
      return (type == '0' || type == '\0' || type == '7') && !name.endsWith("/");
    }

    boolean isMeta() {
      return type == 'x' || type == 'g' || type == 'L' || type == 'K' || type == 'X';
    }

    long padded() {
      return (size + BLOCK - 1) / BLOCK * BLOCK;
    }
  }

  /** Reads headers, resolving pax and GNU long names; meta records are handed to {@code meta} with their data. */
  private static final class Reader {
    final InputStream in;
    String pendingName;
    boolean pendingSize;

    Reader(InputStream in) {
      this.in = in;
    }

    /** The next header, or empty at the end-of-archive block (whose bytes are returned in {@code end}). */
    Optional<Header> next(byte[] block) throws IOException {
      if (!readBlock(in, block)) {
        throw new OvaFormatException("the archive ends without an end-of-archive block");
      }
      if (allZero(block)) {
        return Optional.empty();
      }
      verifyChecksum(block);
      char type = (char) (block[156] & 0xFF);
      long size = size(block);
      String name = pendingName != null ? pendingName : ustarName(block);
      boolean paxSize = pendingSize;
      Header h = new Header(block.clone(), name, type, size, paxSize);
      if (!h.isMeta()) {
        pendingName = null;
        pendingSize = false;
      }
      return Optional.of(h);
    }

    /** Records what a meta entry's data says about the next entry. */
    void meta(Header h, byte[] data) {
      if (h.type == 'L') {
        int nul = indexOf(data, (byte) 0);
        pendingName = new String(data, 0, nul < 0 ? data.length : nul, StandardCharsets.UTF_8);
      } else if (h.type == 'x' || h.type == 'X') {
        String records = new String(data, StandardCharsets.UTF_8);
        int i = 0;
        while (i < records.length()) {
          int space = records.indexOf(' ', i);
          if (space < 0) {
            break;
          }
          int len;
          try {
            len = Integer.parseInt(records.substring(i, space));
          } catch (NumberFormatException e) {
            break;
          }
          if (len <= 0 || i + len > records.length()) {
            break;
          }
          String record = records.substring(space + 1, i + len - 1);
          int eq = record.indexOf('=');
          if (eq > 0) {
            String key = record.substring(0, eq);
            if (key.equals("path")) {
              pendingName = record.substring(eq + 1);
            } else if (key.equals("size")) {
              pendingSize = true;
            }
          }
          i += len;
        }
      }
    }
  }

  /**
   * Finds the descriptor, manifest and certificates of an OVA.
   *
   * @throws OvaFormatException if the archive is corrupt, holds no {@code .ovf} entry, or an entry is too large
   * @throws IOException if reading fails
   */
  public static Contents scan(InputStream in, long maxDescriptorBytes) throws IOException {
    Reader r = new Reader(in);
    byte[] block = new byte[BLOCK];
    String descriptorName = null;
    byte[] descriptor = null;
    List<String[]> manifests = new ArrayList<>();
    List<byte[]> manifestData = new ArrayList<>();
    List<String> certificates = new ArrayList<>();
    while (true) {
      Optional<Header> next = r.next(block);
      if (next.isEmpty()) {
        break;
      }
      Header h = next.get();
      String lower = h.name.toLowerCase(Locale.ROOT);
      if (h.isMeta()) {
        r.meta(h, readData(in, h, MAX_META));
      } else if (h.isFile() && descriptor == null && lower.endsWith(".ovf")) {
        if (h.size > maxDescriptorBytes) {
          throw new OvaFormatException("the OVF descriptor " + h.name + " is " + h.size
              + " bytes, larger than the limit of " + maxDescriptorBytes);
        }
        descriptorName = h.name;
        descriptor = readData(in, h, maxDescriptorBytes);
      } else if (h.isFile() && lower.endsWith(".mf")) {
        if (h.size > OvfManifest.MAX_BYTES) {
          throw new OvaFormatException("the manifest " + h.name + " is " + h.size + " bytes, larger than the limit of "
              + OvfManifest.MAX_BYTES);
        }
        manifests.add(new String[] {h.name});
        manifestData.add(readData(in, h, OvfManifest.MAX_BYTES));
      } else {
        if (h.isFile() && lower.endsWith(".cert")) {
          certificates.add(h.name);
        }
        skipFully(in, h.padded());
      }
    }
    if (descriptor == null) {
      throw new OvaFormatException("the OVA contains no .ovf descriptor");
    }
    String base = descriptorName.substring(0, descriptorName.length() - 4);
    int chosen = -1;
    for (int i = 0; i < manifests.size(); i++) {
      if (manifests.get(i)[0].equalsIgnoreCase(base + ".mf")) {
        chosen = i;
        break;
      }
    }
    if (chosen < 0 && !manifests.isEmpty()) {
      chosen = 0;
    }
    return new Contents(descriptorName, descriptor,
        chosen < 0 ? Optional.empty() : Optional.of(manifests.get(chosen)[0]),
        chosen < 0 ? Optional.empty() : Optional.of(manifestData.get(chosen)), certificates);
  }

  /**
   * Copies the archive from {@code in} to {@code out}, replacing the data of the regular entries named in {@code
   * replacements}. Each replaced entry's current data must equal {@code expected} (its data when scanned).
   *
   * @throws ChangedException if a replaced entry's data differs from {@code expected}, or a replaced entry is
   *     missing
   * @throws OvaFormatException if the archive is corrupt or a replaced entry's size is in a pax record
   * @throws IOException if reading or writing fails
   */
  public static void copy(InputStream in, OutputStream out, Map<String, byte[]> replacements,
      Map<String, byte[]> expected) throws IOException {
    Reader r = new Reader(in);
    byte[] block = new byte[BLOCK];
    byte[] buffer = new byte[64 * 1024];
    int replaced = 0;
    while (true) {
      Optional<Header> next = r.next(block);
      if (next.isEmpty()) {
        out.write(block);
        in.transferTo(out);
        break;
      }
      Header h = next.get();
      if (h.isMeta()) {
        byte[] data = readData(in, h, MAX_META);
        r.meta(h, data);
        out.write(h.block);
        out.write(data);
        out.write(new byte[(int) (h.padded() - h.size)]);
        continue;
      }
      byte[] replacement = h.isFile() ? replacements.get(h.name) : null;
      if (replacement == null) {
        out.write(h.block);
        transfer(in, out, h.padded(), buffer);
        continue;
      }
      if (h.paxSize) {
        throw new OvaFormatException("the size of " + h.name + " is given by a pax record, which is not rewritten");
      }
      byte[] current = readData(in, h, Math.max(h.size, 0));
      byte[] want = expected.get(h.name);
      if (want == null || !Arrays.equals(current, want)) {
        throw new ChangedException(h.name + " changed since the archive was read");
      }
      byte[] header = h.block.clone();
      setSize(header, replacement.length);
      setChecksum(header);
      out.write(header);
      out.write(replacement);
      out.write(new byte[(int) ((BLOCK - replacement.length % BLOCK) % BLOCK)]);
      replaced++;
    }
    if (replaced != replacements.size()) {
      throw new ChangedException("the archive no longer holds every entry that was read");
    }
  }

  // ----------------------------------------------------------------------------------------------- records

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new OvaFormatException("the archive is truncated inside a header");
    }
    return true;
  }

  /** Reads an entry's data and its padding; the data is returned. */
  private static byte[] readData(InputStream in, Header h, long limit) throws IOException {
    if (h.size > limit || h.size > Integer.MAX_VALUE - BLOCK) {
      throw new OvaFormatException("the entry " + h.name + " is " + h.size + " bytes, larger than the limit of "
          + limit);
    }
    byte[] data = in.readNBytes((int) h.size);
    if (data.length < h.size) {
      throw new OvaFormatException("the archive is truncated inside " + h.name);
    }
    skipFully(in, h.padded() - h.size);
    return data;
  }

  private static void skipFully(InputStream in, long n) throws IOException {
    try {
      in.skipNBytes(n);
    } catch (EOFException e) {
      throw new OvaFormatException("the archive is truncated");
    }
  }

  private static void transfer(InputStream in, OutputStream out, long n, byte[] buffer) throws IOException {
    long left = n;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        throw new OvaFormatException("the archive is truncated");
      }
      out.write(buffer, 0, read);
      left -= read;
    }
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte b) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static String field(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String ustarName(byte[] block) {
    String name = field(block, 0, 100);
    boolean posix = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
        && block[261] == 'r' && block[262] == 0;
    if (posix) {
      String prefix = field(block, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  static long size(byte[] block) throws OvaFormatException {
    if ((block[124] & 0x80) != 0) {
      long v = block[124] & 0x7F;
      for (int i = 125; i < 136; i++) {
        if (v > (Long.MAX_VALUE >> 8)) {
          throw new OvaFormatException("an entry size does not fit in 63 bits");
        }
        v = (v << 8) | (block[i] & 0xFF);
      }
      return v;
    }
    return octal(block, 124, 12, "size");
  }

  private static long octal(byte[] block, int offset, int length, String what) throws OvaFormatException {
    long v = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && (block[i] == ' ' || block[i] == 0)) {
      i++;
    }
    boolean digits = false;
    for (; i < end; i++) {
      byte b = block[i];
      if (b == ' ' || b == 0) {
        break;
      }
      if (b < '0' || b > '7') {
        throw new OvaFormatException("a tar header has an invalid " + what + " field");
      }
      v = (v << 3) + (b - '0');
      digits = true;
    }
    if (!digits && !what.equals("size")) {
      throw new OvaFormatException("a tar header has an empty " + what + " field");
    }
    return v;
  }

  private static void verifyChecksum(byte[] block) throws OvaFormatException {
    long stored = octal(block, 148, 8, "checksum");
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = i >= 148 && i < 156 ? (byte) ' ' : block[i];
      unsigned += b & 0xFF;
      signed += b;
    }
    if (stored != unsigned && stored != signed) {
      throw new OvaFormatException("a tar header has a wrong checksum (a corrupt archive)");
    }
  }

  /** Writes an octal number into {@code [offset, offset+length)} in the form the field already has. */
  private static boolean writeOctalLike(byte[] block, int offset, int length, long value) {
    int start = offset;
    while (start < offset + length && block[start] == ' ') {
      start++;
    }
    int end = start;
    while (end < offset + length && block[end] != 0 && block[end] != ' ') {
      end++;
    }
    String digits = Long.toOctalString(value);
    int width = end - start;
    if (width < digits.length()) {
      return false;
    }
    String padded = "0".repeat(width - digits.length()) + digits;
    byte[] bytes = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, block, start, bytes.length);
    return true;
  }

  static void setSize(byte[] block, long size) {
    if ((block[124] & 0x80) == 0 && writeOctalLike(block, 124, 12, size)) {
      return;
    }
    if ((block[124] & 0x80) == 0 && size < (1L << 33)) {
      byte[] standard = String.format(Locale.ROOT, "%011o", size).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(standard, 0, block, 124, 11);
      block[135] = 0;
      return;
    }
    block[124] = (byte) 0x80;
    long v = size;
    for (int i = 135; i > 124; i--) {
      block[i] = (byte) (v & 0xFF);
      v >>>= 8;
    }
  }

  static void setChecksum(byte[] block) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += i >= 148 && i < 156 ? ' ' : block[i] & 0xFF;
    }
    if (!writeOctalLike(block, 148, 8, sum)) {
      byte[] standard = String.format(Locale.ROOT, "%06o", sum).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(standard, 0, block, 148, 6);
      block[154] = 0;
      block[155] = ' ';
    }
  }
}
