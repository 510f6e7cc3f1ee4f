package io.nestcheck.core.internal.vmx;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable, lossless parse of a VMware {@code .vmx} file. Internal: public only for other packages of
 * nestcheck-core.
 *
 * <h2>Grammar</h2>
 *
 * <p>Lines end in LF, CRLF or CR. A line is blank (spaces and tabs only), a comment (first non-blank character
 * {@code #}, so {@code #!/usr/bin/vmware} too) or an entry: optional spaces/tabs, a key
 * {@code [A-Za-z._][A-Za-z0-9_:.-]*} (libvirt's grammar plus a leading {@code _} for {@code __CPU_Settings__}),
 * optional blanks, {@code =}, optional blanks and a value, then optionally blanks and a {@code # comment}.
 * A value is {@code "quoted"} (libvirt's {@code 'quoted'} also accepted), ending at the next quote character of
 * the same kind on the line: a backslash never escapes, so {@code "C:\"} is complete, and a {@code #} inside the
 * quotes is data. An unquoted value ({@code x = 1}) ends at a space, a tab or a {@code #}; an empty unquoted value
 * ({@code x =}) is accepted. {@code |XX} (two hex digits, any case) is decoded as the byte {@code XX} in the file's
 * charset; a {@code |} not followed by two hex digits is kept, as virt-v2v does. Anything else is an
 * {@link ExportParseException} of kind {@link Kind#SYNTAX} with the line and column: an unterminated quote (column
 * of the opening quote), a line with no {@code =} (column of its first non-blank character), an invalid key
 * character, or text after the value that is not a comment. Scanning is linear, so lines of many megabytes
 * ({@code guestinfo.*} base64) are fine.
 *
 * <h2>Encoding</h2>
 *
 * <p>Input over {@link #MAX_BYTES} is refused ({@link Kind#TOO_LARGE}) before any other work. A NUL byte, or more
 * than 10% control bytes other than tab, CR and LF, is {@link Kind#ENCODING} (binary or UTF-16) with the line.
 * The charset is chosen in this order: a UTF-8 byte-order mark (which wins over {@code .encoding}); the first
 * {@code .encoding} entry, found by reading the bytes as ISO-8859-1; otherwise strict UTF-8, and if that fails
 * windows-1252 (undefined bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D then decode to U+FFFD, yet stay byte-exact for
 * {@link VmxEditor}). {@link #charsetSource()} tells which. An unknown or unsupported {@code .encoding} (not
 * ASCII-compatible, stateful like ISO-2022-JP) and bytes that are not valid in the BOM or declared charset are
 * {@link Kind#ENCODING} with the line (and column, in decoded characters, for invalid bytes).
 *
 * <h2>Lookups</h2>
 *
 * <p>Keys are compared case-insensitively ({@link java.util.Locale#ROOT} lower case). When a key occurs more than
 * once, the <b>first occurrence wins</b> for {@link #get}, {@link #entry} and the typed accessors, the rule of
 * libvirt and virt-v2v (virt-manager and Packer keep the last; VMware itself may refuse to start). Every repeated
 * key, including spellings that differ only in case, is listed by {@link #duplicates()} so callers can warn.
 *
 * <p>Lines and columns are 1-based; columns and offsets count UTF-16 code units of the decoded text
 * ({@link #text()}, without the byte-order mark). No public method returns {@code null}; methods taking a key throw
 * {@link NullPointerException} for a {@code null} key.
 */
public final class VmxDocument {
  /** The largest input accepted, 16 MiB. Larger input is {@link Kind#TOO_LARGE}. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  /** How {@link #charset()} was chosen. */
  public enum CharsetSource {
    /** A UTF-8 byte-order mark. */
    BOM,
    /** The {@code .encoding} entry. */
    DECLARED,
    /** No {@code .encoding}; the bytes are valid UTF-8. */
    DETECTED_UTF8,
    /** No {@code .encoding} and not valid UTF-8: read as windows-1252. */
    FALLBACK_WINDOWS_1252
  }

  /**
   * A comment: a whole {@code #} line, or the text after a value ({@code trailing}).
   *
   * @param line the 1-based line
   * @param column the 1-based column of the {@code #}
   * @param text everything after the {@code #} up to the end of the line, as written (not trimmed)
   * @param trailing whether the comment follows an entry on the same line
   */
  public record Comment(int line, int column, String text, boolean trailing) {
    /** Checks the components. */
    public Comment {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A key that occurs more than once (compared case-insensitively).
   *
   * @param key the key in lower case
   * @param spellings the distinct spellings as written, in file order (more than one when the case differs)
   * @param lines every 1-based line where the key occurs, ascending; at least two
   */
  public record Duplicate(String key, List<String> spellings, List<Integer> lines) {
    /** Checks and copies the components. */
    public Duplicate {
      Objects.requireNonNull(key, "key");
      spellings = List.copyOf(spellings);
      lines = List.copyOf(lines);
    }
  }

  private final String fileName;
  private final byte[] bytes;
  private final VmxDecoding.Decoded decoded;
  private final Charset charset;
  private final CharsetSource charsetSource;
  private final int bomLength;
  private final String lineSeparator;
  private final List<VmxEntry> entries;
  private final List<Comment> comments;
  /** Index + 1 into {@link #entries} of the first occurrence of each lower-case key, 0 for a free slot. */
  private final int[] firstByKey;
  /** Every occurrence of the keys that occur more than once. */
  private final Map<String, List<VmxEntry>> repeatedByKey;
  private final List<Duplicate> duplicates;

  /**
   * Takes {@code entries} and {@code comments} as they are (the parser's own lists, which nothing changes
   * afterwards) instead of copying them; the entry list keeps the spare room the parser sized it with (about a
   * quarter for a typical file).
   */
  VmxDocument(
      String fileName,
      byte[] bytes,
      VmxDecoding.Decoded decoded,
      String lineSeparator,
      List<VmxEntry> entries,
      List<Comment> comments) {
    this.fileName = fileName;
    this.bytes = bytes;
    this.decoded = decoded;
    this.charset = decoded.charset;
    this.charsetSource = decoded.source;
    this.bomLength = decoded.bomLength;
    this.lineSeparator = lineSeparator;
    this.entries = Collections.unmodifiableList(entries);
    this.comments = Collections.unmodifiableList(comments);
    // first occurrences in an open-addressing table of entry indexes (a HashMap's node per entry was a twentieth
    // of a scan's allocation); lists only for the (rare) keys that occur more than once
    int[] first = new int[Integer.highestOneBit(Math.max(2, entries.size()) * 2 - 1) << 1];
    int mask = first.length - 1;
    Map<String, List<VmxEntry>> repeated = null;
    for (int i = 0; i < entries.size(); i++) {
      VmxEntry e = entries.get(i);
      String key = e.lowerKey();
      for (int at = spread(key.hashCode()) & mask; ; at = (at + 1) & mask) {
        if (first[at] == 0) {
          first[at] = i + 1;
          break;
        }
        VmxEntry earlier = entries.get(first[at] - 1);
        if (earlier.lowerKey().equals(key)) {
          if (repeated == null) {
            repeated = new LinkedHashMap<>();
          }
          repeated.computeIfAbsent(key, k -> {
            List<VmxEntry> l = new ArrayList<>(2);
            l.add(earlier);
            return l;
          }).add(e);
          break;
        }
      }
    }
    List<Duplicate> dups = new ArrayList<>();
    Map<String, List<VmxEntry>> all = Map.of();
    if (repeated != null) {
      all = new HashMap<>();
      List<List<VmxEntry>> groups = new ArrayList<>(repeated.values());
      groups.sort((x, y) -> Integer.compare(x.get(0).line(), y.get(0).line())); // order of first occurrence
      for (List<VmxEntry> group : groups) {
        LinkedHashSet<String> spellings = new LinkedHashSet<>();
        List<Integer> lines = new ArrayList<>(group.size());
        for (VmxEntry e : group) {
          spellings.add(e.key());
          lines.add(e.line());
        }
        dups.add(new Duplicate(group.get(0).lowerKey(), new ArrayList<>(spellings), lines));
        all.put(group.get(0).lowerKey(), Collections.unmodifiableList(group));
      }
    }
    this.firstByKey = first;
    this.repeatedByKey = all;
    this.duplicates = Collections.unmodifiableList(dups);
  }

  /**
   * Parses a .vmx file.
   *
   * @param bytes the whole file; not modified and not kept (a copy is)
   * @param fileName the name used in error locations and {@link #locationOf}; not empty
   * @return the document
   * @throws ExportParseException {@link Kind#TOO_LARGE} over {@link #MAX_BYTES}, {@link Kind#ENCODING} for binary
   *     input or a bad charset, {@link Kind#SYNTAX} for a line that breaks the grammar (see the class comment)
   * @throws IllegalArgumentException if {@code fileName} is empty
   */
  public static VmxDocument parse(byte[] bytes, String fileName) throws ExportParseException {
    Objects.requireNonNull(bytes, "bytes");
    // an array over the limit is refused without being kept, so it needs no copy
    return parseUnshared(bytes.length > MAX_BYTES ? bytes : bytes.clone(), fileName);
  }

  /**
   * {@link #parse} for an array nobody changes afterwards (a fresh read of a file, a scan's in-memory head): the
   * document keeps it instead of a copy. Same checks and exceptions as {@link #parse}.
   */
  static VmxDocument parseUnshared(byte[] bytes, String fileName) throws ExportParseException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(fileName, "fileName");
    if (fileName.isEmpty()) {
      throw new IllegalArgumentException("fileName must not be empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new ExportParseException(
          SourceLocation.ofFile(fileName),
          Kind.TOO_LARGE,
          "the file has " + bytes.length + " bytes, more than the limit of " + MAX_BYTES + " (16 MiB)");
    }
    VmxDecoding.Decoded decoded = VmxDecoding.decode(bytes, fileName);
    return new VmxParser(bytes, decoded, fileName).parse();
  }

  /** The file name given to {@link #parse}. */
  public String fileName() {
    return fileName;
  }

  /** Every entry in file order, duplicates included; unmodifiable. */
  public List<VmxEntry> entries() {
    return entries;
  }

  /** Every comment (whole-line and trailing) in file order; unmodifiable. */
  public List<Comment> comments() {
    return comments;
  }

  /** The decoded value of the first occurrence of {@code key} (case-insensitive); empty when absent. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(valueOrNull(key));
  }

  /**
   * {@link #get} without an {@code Optional}, for the reader's hot paths (the CLI's C1-compiled code allocates every
   * {@code Optional} and calls every lambda of a chain): the value, or {@code null} when absent.
   */
  String valueOrNull(String key) {
    VmxEntry e = first(VmxValues.lower(Objects.requireNonNull(key, "key")));
    return e == null ? null : e.value();
  }

  /** The first occurrence of {@code key} (case-insensitive); empty when absent. */
  public Optional<VmxEntry> entry(String key) {
    return Optional.ofNullable(first(VmxValues.lower(Objects.requireNonNull(key, "key"))));
  }

  /** Every occurrence of {@code key} (case-insensitive) in file order; empty when absent; unmodifiable. */
  public List<VmxEntry> entries(String key) {
    String lower = VmxValues.lower(Objects.requireNonNull(key, "key"));
    List<VmxEntry> all = repeatedByKey.get(lower);
    if (all != null) {
      return all;
    }
    VmxEntry only = first(lower);
    return only == null ? List.of() : List.of(only);
  }

  /**
   * The value of the first occurrence of the key {@code lowerPrefix + lowerSuffix}, or {@code null} when absent; both
   * parts must already be in lower case; looked up without building the key.
   */
  String valueOrNull(String lowerPrefix, String lowerSuffix) {
    VmxEntry e = first(lowerPrefix, lowerSuffix);
    return e == null ? null : e.value();
  }

  /** The first entry whose lower-case key is {@code lower}, or {@code null}. */
  private VmxEntry first(String lower) {
    return first(lower, "");
  }

  /**
   * The first entry whose lower-case key is {@code lowerPrefix + lowerSuffix}, or {@code null}. Found without
   * building the key: its hash is {@code String.hashCode}'s sum (cached by the prefix string) continued over the
   * suffix, and candidates are compared part by part (a whole key given as the prefix is usually the entry's own
   * shared key string, found by identity).
   */
  private VmxEntry first(String lowerPrefix, String lowerSuffix) {
    int h = lowerPrefix.hashCode();
    for (int i = 0, n = lowerSuffix.length(); i < n; i++) {
      h = 31 * h + lowerSuffix.charAt(i);
    }
    int length = lowerPrefix.length() + lowerSuffix.length();
    int mask = firstByKey.length - 1;
    for (int at = spread(h) & mask; ; at = (at + 1) & mask) {
      int slot = firstByKey[at];
      if (slot == 0) {
        return null;
      }
      VmxEntry e = entries.get(slot - 1);
      String key = e.lowerKey();
      if (key.length() == length && (key == lowerPrefix
          || key.startsWith(lowerPrefix) && key.startsWith(lowerSuffix, lowerPrefix.length()))) {
        return e;
      }
    }
  }

  /** Spreads a hash's high bits down: keys share long prefixes ({@code ethernet0.}, {@code scsi0:0.}). */
  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** Whether {@code e} is this document's first occurrence of its key (case-insensitive). */
  boolean isFirstOccurrence(VmxEntry e) {
    return first(e.lowerKey()) == e;
  }

  /** Whether {@code key} occurs (case-insensitive). */
  public boolean contains(String key) {
    return first(VmxValues.lower(Objects.requireNonNull(key, "key"))) != null;
  }

  /** Every key that occurs more than once, in the order of first occurrence; unmodifiable. */
  public List<Duplicate> duplicates() {
    return duplicates;
  }

  /**
   * The distinct keys starting with {@code prefix} (case-insensitive), each spelled as at its first occurrence,
   * in file order of first occurrence. For device discovery, e.g. {@code keysWithPrefix("ethernet")}; runs in
   * one pass over the entries.
   */
  public List<String> keysWithPrefix(String prefix) {
    List<VmxEntry> found = entriesWithPrefix(prefix);
    List<String> keys = new ArrayList<>(found.size());
    for (VmxEntry e : found) {
      keys.add(e.key());
    }
    return Collections.unmodifiableList(keys);
  }

  /** The first occurrence of each key starting with {@code prefix} (case-insensitive), in file order. */
  public List<VmxEntry> entriesWithPrefix(String prefix) {
    String lower = VmxValues.lower(Objects.requireNonNull(prefix, "prefix"));
    List<VmxEntry> found = new ArrayList<>();
    for (int i = 0, n = entries.size(); i < n; i++) { // file order; a linear pass beats a sorted map of every key
      VmxEntry e = entries.get(i);
      if (e.lowerKey().startsWith(lower) && first(e.lowerKey()) == e) {
        found.add(e);
      }
    }
    return Collections.unmodifiableList(found);
  }

  /** The first occurrence of {@code key} read as a boolean; see {@link BooleanValue} for the spellings. */
  public BooleanValue booleanValue(String key) {
    String v = valueOrNull(key);
    return v == null ? BooleanValue.ABSENT : BooleanValue.parse(v);
  }

  /** {@link #booleanValue} as an optional: empty when absent <em>or</em> invalid. */
  public Optional<Boolean> getBoolean(String key) {
    return booleanValue(key).toOptional();
  }

  /** The first occurrence of {@code key} read as an integer; see {@link IntValue} for the accepted forms. */
  public IntValue intValue(String key) {
    String v = valueOrNull(key);
    return v == null ? IntValue.absent() : IntValue.parse(v);
  }

  /** {@link #intValue} as an optional: empty when absent <em>or</em> invalid; {@code unlimited} is {@code -1}. */
  public OptionalInt getInt(String key) {
    return intValue(key).value();
  }

  /** The charset the file was decoded with. */
  public Charset charset() {
    return charset;
  }

  /** How {@link #charset()} was chosen. */
  public CharsetSource charsetSource() {
    return charsetSource;
  }

  /** Whether the file starts with a UTF-8 byte-order mark. */
  public boolean hasBom() {
    return bomLength > 0;
  }

  /**
   * The most frequent line separator ({@code "\n"}, {@code "\r\n"} or {@code "\r"}); {@code "\n"} when the file
   * has none; on a tie LF wins over CRLF, and CRLF over CR.
   */
  public String lineSeparator() {
    return lineSeparator;
  }

  /** The decoded text, without the byte-order mark; the base of every offset. */
  public String text() {
    return decoded.text();
  }

  /** A copy of the bytes the document was parsed from. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Where an entry of this document is: file name, line and the column of its key. */
  public SourceLocation locationOf(VmxEntry entry) {
    return SourceLocation.of(fileName, entry.line(), entry.column());
  }

  /** The original bytes, not copied; for {@link VmxEditor}. */
  byte[] rawBytes() {
    return bytes;
  }

  int bomLength() {
    return bomLength;
  }

  @Override
  public String toString() {
    return "VmxDocument[" + fileName + ", " + entries.size() + " entries, " + charset.name() + "]";
  }
}
