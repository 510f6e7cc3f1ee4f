package io.nestcheck.core.internal.vmx;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.io.InMemorySource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a VMware {@code .vmx} file into one {@link VmConfiguration}. Format id {@code vmx}. Internal: public only
 * so that nestcheck-core can register it; stateless and thread-safe.
 *
 * <h2>Recognising the format</h2>
 *
 * <p>{@link #canRead} looks at the content, NUL bytes and a byte-order mark ignored (so that a {@code .vmx} with a
 * stray NUL or saved as UTF-16 is claimed and then reported as an ENCODING error with its line): not XML or JSON
 * (first non-blank character {@code <}, {@code {} or {@code [}), and either a {@code #!/usr/bin/vmware} / {@code #!/usr/bin/vmplayer} line, an entry
 * {@code config.version}, {@code virtualHW.version} or {@code .encoding}, or at least three lines of the form
 * {@code word.word = "value"} with at least 80% of the non-comment lines in the {@code key = value} grammar. A
 * file name ending in {@code .vmx} is only a hint: it lowers the bar to one {@code key = value} line (80% rule
 * unchanged), so XML, JSON or prose named {@code .vmx} is still refused.
 *
 * <h2>Mapping</h2>
 *
 * <p>The grammar, charset and duplicate rules are those of {@link VmxDocument}: keys are compared ignoring case and
 * the <b>first</b> occurrence of a key wins. Absent keys take the documented {@code .vmx} defaults.
 * <ul>
 *   <li>name = {@code displayName}, else the file name without its extension; source = {@link
 *       ExportSource#name()}; uuid = {@code uuid.bios} as written.
 *   <li>{@code virtualHW.version} (a whole number &ge; 1), {@code guestOS} ({@link io.nestcheck.api.GuestOsId#of}).
 *   <li>firmware: absent or {@code bios} = BIOS, {@code efi} = EFI (any case); secure boot = {@code
 *       uefi.secureBoot.enabled}.
 *   <li>{@code numvcpus} (default 1), {@code cpuid.coresPerSocket} (default 1; kept as written even when it does
 *       not divide the vCPU count, which is a fact for a rule), {@code memsize} (any case, so also {@code memSize};
 *       default 32 MB), reservation = {@code sched.mem.min}, else {@code sched.mem.minSize} (default 0), locked =
 *       {@code sched.mem.pin}.
 *   <li>Nested HV: {@code vhv.enable} (else an ExtraConfig-style {@code nestedHVEnabled}) TRUE = YES, FALSE = NO;
 *       <b>absent = {@link io.nestcheck.api.TriState#UNKNOWN}</b>. VMware's default is off, but the model keeps
 *       "the file does not say" apart from "the file says off" (as the OVF and govc readers do), so rule NV-CPU-001
 *       can report "vhv.enable is absent, which means off" instead of quoting a line that does not exist, and so
 *       that the in-memory {@code FixApplier} (which treats a removed {@code vhv.enable} the same way) and a
 *       re-read file agree. Rules never treat UNKNOWN as a pass.
 *   <li>vIOMMU = {@code vvtd.enable} (else {@code flags.vvtdEnabled}); vPMC = {@code vpmc.enable}; VBS = {@code
 *       flags.vbsEnabled}, else {@code vbs.enable}. No public source names the {@code .vmx} key the vSphere VBS
 *       checkbox writes (the API flag is {@code flags.vbsEnabled}); {@code vbs.enable} is UNVERIFIED and is read
 *       only when present.
 *   <li>CPUID masks from {@code cpuid.<leaf>.<eax|ebx|ecx|edx>} (leaf in hex, optional {@code 0x}); the value
 *       without {@code :} must have 32 characters, otherwise the key stays a setting only.
 *   <li>Controllers, in the order of their {@code .present} line: {@code scsiN} with {@code scsiN.present} TRUE,
 *       type from {@code scsiN.virtualDev} ({@code lsilogic}, {@code lsisas1068}, {@code pvscsi}, {@code
 *       buslogic}; absent = UNSPECIFIED; anything else OTHER with the raw type); {@code sataN} = SATA_AHCI; {@code
 *       nvmeN} = NVME; {@code ideN} exists implicitly when a hard disk sits on {@code ideN:M} (a CD-ROM alone does
 *       not make one).
 *   <li>Disks: {@code scsiN:M}, {@code sataN:M}, {@code nvmeN:M}, {@code ideN:M} with {@code .present} TRUE on a
 *       present controller (as libvirt, devices of an absent controller are skipped); CD-ROMs ({@code
 *       deviceType} {@code cdrom-image}, {@code atapi-cdrom}, {@code cdrom-raw}, a {@code scsi-passthru} under
 *       {@code /vmfs/devices/cdrom/}, or without a disk deviceType a {@code .iso}, {@code emptyBackingString} or
 *       {@code auto detect} file) become {@link io.nestcheck.api.PeripheralKind#CDROM} peripherals; the capacity
 *       lives in the {@code .vmdk} and stays unknown.
 *   <li>NICs: {@code ethernetN.present} TRUE; type from {@code virtualDev} ({@code vmxnet} with {@code features =
 *       "15"} is VMXNET2; absent = UNSPECIFIED; unknown = OTHER); network = {@code networkName}; address type
 *       {@code generated} (default) / {@code vpx} / {@code static} = GENERATED / ASSIGNED / STATIC; MAC from
 *       {@code generatedAddress} (or {@code address} for static), lower case.
 *   <li>Peripherals with {@code .present} TRUE: {@code sound}, {@code usb}, {@code ehci}, {@code usb_xhci} (one USB
 *       peripheral per controller id), {@code floppyN}, {@code serialN}, {@code parallelN}. VMware defaults a
 *       floppy to present when {@code floppy0.present} is absent, but, as libvirt's reader, an absent key is
 *       read as <b>not present</b>: a file without any floppy key is not reported as having one.
 *   <li>Device ids are the key prefix in lower case ({@code scsi0}, {@code sata0:1}, {@code ethernet0}, {@code
 *       sound}, {@code floppy0}), the ids fix actions name.
 *   <li>Settings: every entry, in file order, duplicates included, with its key as written, decoded value and line.
 *   <li>Inline suppressions from comments {@code # nestcheck:ignore <RULE-ID>[,<RULE-ID>...] <reason>
 *       [until=YYYY-MM-DD]} (see {@link VmxSuppressions}).
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * <p>Every {@link ExportParseException} names the file, line and column: those of {@link VmxDocument#parse}
 * (SYNTAX, ENCODING, TOO_LARGE over 16 MiB, checked before the bytes are loaded when the size is known); {@code
 * INVALID_VALUE} for a modelled number that is not a whole number in range ({@code virtualHW.version}, {@code
 * numvcpus}, {@code cpuid.coresPerSocket}, {@code memsize} &ge; 1; reservation &ge; 0; an unexpanded template
 * placeholder such as {@code {VM_NAME}} or {@code $MEM} is named as such), a modelled boolean that is not
 * TRUE/FALSE (yes/no/1/0 are accepted), a {@code firmware} other than efi/bios, or a malformed {@code
 * nestcheck:ignore} comment; {@code UNSUPPORTED_FORMAT} for a file without a single entry; {@code IO} when the
 * bytes cannot be read.
 */
public final class VmxReader implements ExportReader {
  private static final Pattern STRONG_KEY =
      Pattern.compile("^[ \\t]*(config\\.version|virtualhw\\.version|\\.encoding)[ \\t]*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern DOTTED_ENTRY =
      Pattern.compile("^[ \\t]*[A-Za-z_][A-Za-z0-9_:-]*\\.[A-Za-z0-9_:.-]*[ \\t]*=[ \\t]*\"[^\"]*\"[ \\t]*(#.*)?$");
  private static final Pattern ANY_ENTRY =
      Pattern.compile("^[ \\t]*[A-Za-z._][A-Za-z0-9_:.-]*[ \\t]*=.*$");

  /** Creates the reader; it holds no state. */
  public VmxReader() {}

  @Override
  public String format() {
    return "vmx";
  }

  @Override
  public boolean canRead(String fileName, byte[] head) {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(head, "head");
    int start = 0;
    if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      start = 3;
    } else if (head.length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
        || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
      start = 2; // UTF-16: claimed when the text looks like .vmx, so that parsing reports the encoding precisely
    }
    // NUL bytes are dropped for sniffing: a .vmx with a stray NUL, or saved as UTF-16, is still a .vmx, and
    // VmxDocument reports it as an ENCODING error with its line; binary files do not match the grammar anyway
    CharSequence text = hasNul(head, start)
        ? new String(head, start, head.length - start, StandardCharsets.ISO_8859_1).replace("\0", "")
        : new Latin1View(head, start, head.length); // the usual case: no copy of the head
    int first = 0;
    while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    if (first == text.length() || text.charAt(first) == '<' || text.charAt(first) == '{' || text.charAt(first) == '[') {
      return false;
    }
    // lines are visited in place (no split): the usual first line, .encoding = "UTF-8", decides at once.
    // The last line may be cut off by the 8 KiB head: judge it only when the head is the whole input.
    boolean cut = head.length >= 8192;
    int dotted = 0;
    int entries = 0;
    int other = 0;
    Matcher strong = null; // made at the first line that is not a comment: most files decide on their #! line
    Matcher any = null;
    Matcher dottedEntry = null;
    int n = text.length();
    for (int from = 0; from <= n; ) {
      int end = from;
      while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      if (end == n && cut && from > 0) {
        break; // the cut-off last line
      }
      int next = end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n' ? end + 2 : end + 1;
      CharSequence line = text.subSequence(from, end);
      from = next;
      int a = 0;
      int b = line.length();
      while (a < b && Character.isWhitespace(line.charAt(a))) {
        a++;
      }
      while (b > a && Character.isWhitespace(line.charAt(b - 1))) {
        b--;
      }
      if (a == b) {
        continue;
      }
      if (line.charAt(a) == '#') {
        if (startsWithIgnoreCase(line, a, b, "#!/usr/bin/vmware") || startsWithIgnoreCase(line, a, b, "#!/usr/bin/vmplayer")) {
          return true;
        }
        continue;
      }
      if (strong == null) {
        strong = STRONG_KEY.matcher(line);
        any = ANY_ENTRY.matcher(line);
        dottedEntry = DOTTED_ENTRY.matcher(line);
      }
      if (strong.reset(line).find()) {
        return true;
      }
      if (any.reset(line).matches()) {
        entries++;
        if (dottedEntry.reset(line).matches()) {
          dotted++;
        }
      } else {
        other++;
      }
    }
    boolean hinted = fileName.toLowerCase(Locale.ROOT).endsWith(".vmx");
    boolean enough = hinted ? entries >= 1 : dotted >= 3;
    return enough && entries * 5 >= (entries + other) * 4;
  }

  @Override
  public List<VmConfiguration> read(ExportSource source) throws ExportParseException {
    Objects.requireNonNull(source, "source");
    String name = source.name();
    // readBytes gives a fresh array or one nobody changes: the document may keep it without a copy
    VmxDocument doc = VmxDocument.parseUnshared(readBytes(source), name.isEmpty() ? "(unnamed)" : name);
    return List.of(toModel(doc, name));
  }

  private static boolean hasNul(byte[] head, int start) {
    for (int i = start; i < head.length; i++) {
      if (head[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWithIgnoreCase(CharSequence s, int from, int to, String prefix) {
    int n = prefix.length();
    if (to - from < n) {
      return false;
    }
    // compared in place (no substring per line): the first line of most .vmx files is the #! one
    for (int i = 0; i < n; i++) {
      char a = s.charAt(from + i);
      char b = prefix.charAt(i);
      if (a != b && Character.toLowerCase(Character.toUpperCase(a)) != Character.toLowerCase(Character.toUpperCase(b))) {
        return false;
      }
    }
    return true;
  }

  /** Bytes read as ISO-8859-1 characters, without copying them (sniffing only reads the head). */
  private static final class Latin1View implements CharSequence {
    private final byte[] bytes;
    private final int from;
    private final int to;

    Latin1View(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.from = from;
      this.to = to;
    }

    @Override
    public int length() {
      return to - from;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= to - from) {
        throw new IndexOutOfBoundsException(index);
      }
      return (char) (bytes[from + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      if (start < 0 || end > to - from || start > end) {
        throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + (to - from));
      }
      return new Latin1View(bytes, from + start, from + end);
    }

    @Override
    public String toString() {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Maps an already parsed document; {@code source} becomes {@link VmConfiguration#source()}.
   *
   * @throws ExportParseException {@code INVALID_VALUE} or {@code UNSUPPORTED_FORMAT} as described on the class
   */
  public static VmConfiguration toModel(VmxDocument doc, String source) throws ExportParseException {
    Objects.requireNonNull(doc, "doc");
    Objects.requireNonNull(source, "source");
    if (doc.entries().isEmpty()) {
      throw new ExportParseException(SourceLocation.ofFile(doc.fileName()), Kind.UNSUPPORTED_FORMAT,
          "the file has no key = \"value\" entries, so it describes no VM");
    }
    return VmxMapper.map(doc, source.isEmpty() ? doc.fileName() : source);
  }

  /** The VM name {@link #read} gives {@code doc}: {@code displayName}, else the file name without extension. */
  public static String vmName(VmxDocument doc, String source) {
    return VmxMapper.name(Objects.requireNonNull(doc, "doc"), Objects.requireNonNull(source, "source"));
  }

  /**
   * Reads all bytes of {@code source}, refusing more than {@link VmxDocument#MAX_BYTES} before loading them. An
   * {@link InMemorySource}'s array is returned as it is (nobody changes it).
   */
  static byte[] readBytes(ExportSource source) throws ExportParseException {
    if (source instanceof InMemorySource && ((InMemorySource) source).bytes().length <= VmxDocument.MAX_BYTES) {
      return ((InMemorySource) source).bytes();
    }
    SourceLocation where = SourceLocation.ofFile(source.name().isEmpty() ? "(unnamed)" : source.name());
    long size = source.size();
    if (size > VmxDocument.MAX_BYTES) {
      throw new ExportParseException(where, Kind.TOO_LARGE,
          "the file has " + size + " bytes, more than the limit of " + VmxDocument.MAX_BYTES + " (16 MiB)");
    }
    try (InputStream in = source.open()) {
      byte[] bytes = in.readNBytes(VmxDocument.MAX_BYTES + 1);
      if (bytes.length > VmxDocument.MAX_BYTES) {
        throw new ExportParseException(where, Kind.TOO_LARGE,
            "the file has more than " + VmxDocument.MAX_BYTES + " bytes (16 MiB), the limit");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new ExportParseException(where, Kind.IO, "file vanished or does not exist", e);
    } catch (AccessDeniedException e) {
      throw new ExportParseException(where, Kind.IO, "permission denied", e);
    } catch (IOException e) {
      throw new ExportParseException(where, Kind.IO,
          "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
  }
}
