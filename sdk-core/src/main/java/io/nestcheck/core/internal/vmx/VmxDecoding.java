package io.nestcheck.core.internal.vmx;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Turns the bytes of a .vmx file into text: binary check, BOM, {@code .encoding}, strict decoding. */
final class VmxDecoding {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** Printable ASCII plus tab and line breaks; every supported charset must decode these bytes to themselves. */
  private static final String ASCII_PROBE =
      "\t\r\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~";

  /** Non-ASCII samples; their encoded form must not contain bytes the line grammar looks at. */
  private static final String NON_ASCII_PROBE = "éü€ßΩЖ中文日本語テスト한국어顯示";

  private VmxDecoding() {}

  /** The decoded text and how its charset was chosen. */
  static final class Decoded {
    /** The text is {@code chars[0, length)} (the array may be longer). */
    final char[] chars;
    final int length;
    /** Whether char {@code i} is byte {@code bomLength + i} (pure ASCII in an ASCII-compatible charset). */
    final boolean ascii;
    final Charset charset;
    final VmxDocument.CharsetSource source;
    final int bomLength;
    private String text;

    Decoded(Chars text, Charset charset, VmxDocument.CharsetSource source, int bomLength) {
      this.chars = text.chars;
      this.length = text.length;
      this.ascii = text.ascii;
      this.charset = charset;
      this.source = source;
      this.bomLength = bomLength;
    }

    /** The text as a String, made on first use (a scan never needs it; fix writers do). */
    String text() {
      String t = text;
      if (t == null) {
        t = new String(chars, 0, length);
        text = t; // a race makes two equal strings; either serves
      }
      return t;
    }
  }

  /** Decoded characters, {@code chars[0, length)}; see {@link Decoded#ascii}. */
  private static final class Chars {
    final char[] chars;
    final int length;
    final boolean ascii;

    Chars(char[] chars, int length, boolean ascii) {
      this.chars = chars;
      this.length = length;
      this.ascii = ascii;
    }
  }

  /** Where strict decoding failed. */
  private static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;
    final int byteOffset;
    final int length;

    Malformed(int line, int column, int byteOffset, int length) {
      super(null, null, false, false);
      this.line = line;
      this.column = column;
      this.byteOffset = byteOffset;
      this.length = length;
    }
  }

  /** A {@code .encoding} line found by the ISO-8859-1 pre-scan. */
  private static final class Declared {
    final String name;
    final int line;
    final int column;

    Declared(String name, int line, int column) {
      this.name = name;
      this.line = line;
      this.column = column;
    }
  }

  static Decoded decode(byte[] bytes, String fileName) throws ExportParseException {
    // the usual file, plain ASCII text: one pass that checks and copies, instead of the binary check and a decode
    Chars plain = ascii(bytes, 0, true); // no byte-order mark either: that starts with a non-ASCII byte
    // when the plain pass stopped at a byte over 0x7F, the decodes below do not try the ASCII copy again (each try
    // allocates the whole text); a byte-order mark is such a byte, and the text after it is tried. When it stopped
    // at a control character first, a later byte may still be over 0x7F: the copy is tried, as before.
    boolean asciiPossible = plain != NOT_ASCII;
    if (plain != null && asciiPossible) {
      Declared declared = findDeclaredEncoding(bytes);
      if (declared == null) {
        return new Decoded(plain, StandardCharsets.UTF_8, VmxDocument.CharsetSource.DETECTED_UTF8, 0);
      }
      Charset charset = lookup(declared, fileName);
      if (ASCII_IDENTICAL.contains(charset)) {
        return new Decoded(plain, charset, VmxDocument.CharsetSource.DECLARED, 0);
      }
    }
    checkNotBinary(bytes, fileName);
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      try {
        return new Decoded(
            decodeStrict(bytes, 3, StandardCharsets.UTF_8, true), StandardCharsets.UTF_8, VmxDocument.CharsetSource.BOM,
            3);
      } catch (Malformed m) {
        throw malformed(fileName, bytes, m, StandardCharsets.UTF_8, "the byte-order mark");
      }
    }
    Declared declared = findDeclaredEncoding(bytes);
    if (declared != null) {
      Charset charset = lookup(declared, fileName);
      try {
        return new Decoded(
            decodeStrict(bytes, 0, charset, asciiPossible), charset, VmxDocument.CharsetSource.DECLARED, 0);
      } catch (Malformed m) {
        throw malformed(fileName, bytes, m, charset, ".encoding on line " + declared.line);
      }
    }
    try {
      return new Decoded(
          decodeStrict(bytes, 0, StandardCharsets.UTF_8, asciiPossible),
          StandardCharsets.UTF_8,
          VmxDocument.CharsetSource.DETECTED_UTF8,
          0);
    } catch (Malformed notUtf8) {
      return new Decoded(
          decodeLenient(bytes, WINDOWS_1252), WINDOWS_1252, VmxDocument.CharsetSource.FALLBACK_WINDOWS_1252, 0);
    }
  }

  private static ExportParseException malformed(
      String fileName, byte[] bytes, Malformed m, Charset charset, String why) {
    StringBuilder shown = new StringBuilder();
    for (int i = m.byteOffset; i < Math.min(bytes.length, m.byteOffset + Math.max(1, Math.min(m.length, 4))); i++) {
      shown.append(shown.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", bytes[i] & 0xFF));
    }
    return new ExportParseException(
        SourceLocation.of(fileName, m.line, m.column),
        Kind.ENCODING,
        "bytes " + shown + " at offset " + m.byteOffset + " are not valid " + charset.name()
            + " (the charset named by " + why + ")");
  }

  /** NUL bytes, or more than 10% control bytes other than tab, CR and LF, mean binary (or UTF-16) input. */
  private static void checkNotBinary(byte[] bytes, String fileName) throws ExportParseException {
    int controls = 0;
    int firstControlLine = 0;
    int line = 1;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if (b == '\n') {
        line++;
      } else if (b == '\r') {
        if (i + 1 >= bytes.length || bytes[i + 1] != '\n') {
          line++;
        }
      } else if (b == 0) {
        throw new ExportParseException(
            SourceLocation.of(fileName, line),
            Kind.ENCODING,
            "NUL byte at offset " + i + ": the file is binary or UTF-16, not a text .vmx file");
      } else if ((b < 0x20 && b != '\t') || b == 0x7F) {
        if (controls++ == 0) {
          firstControlLine = line;
        }
      }
    }
    if (controls > 0 && controls > bytes.length / 10) {
      throw new ExportParseException(
          SourceLocation.of(fileName, firstControlLine),
          Kind.ENCODING,
          controls + " of " + bytes.length + " bytes are control characters: the file looks binary");
    }
  }

  /**
   * Finds the first {@code .encoding = "name"} line (case-insensitive key), reading the bytes as ISO-8859-1. Every
   * supported charset encodes the characters this looks at as the same single bytes as ASCII.
   */
  private static Declared findDeclaredEncoding(byte[] bytes) {
    int n = bytes.length;
    int pos = 0;
    int line = 0;
    byte[] key = ".encoding".getBytes(StandardCharsets.US_ASCII);
    while (pos < n) {
      line++;
      int end = pos;
      while (end < n && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      int i = pos;
      while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
        i++;
      }
      if (end - i > key.length && matchesIgnoreCase(bytes, i, key)) {
        i += key.length;
        while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
          i++;
        }
        if (i < end && bytes[i] == '=') {
          i++;
          while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
          }
          int start;
          int stop;
          if (i < end && (bytes[i] == '"' || bytes[i] == '\'')) {
            byte q = bytes[i];
            start = i + 1;
            stop = start;
            while (stop < end && bytes[stop] != q) {
              stop++;
            }
            if (stop == end) {
              stop = -1; // unterminated: the main parse reports it
            }
          } else {
            start = i;
            stop = i;
            while (stop < end && bytes[stop] != ' ' && bytes[stop] != '\t' && bytes[stop] != '#') {
              stop++;
            }
          }
          if (stop >= 0) {
            return new Declared(
                new String(bytes, start, stop - start, StandardCharsets.ISO_8859_1), line, start - pos + 1);
          }
        }
      }
      pos = end;
      if (pos < n && bytes[pos] == '\r') {
        pos++;
        if (pos < n && bytes[pos] == '\n') {
          pos++;
        }
      } else if (pos < n) {
        pos++;
      }
    }
    return null;
  }

  private static boolean matchesIgnoreCase(byte[] bytes, int at, byte[] lowerAscii) {
    for (int k = 0; k < lowerAscii.length; k++) {
      int b = bytes[at + k];
      if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
      }
      if (b != lowerAscii[k]) {
        return false;
      }
    }
    return true;
  }

  private static Charset lookup(Declared declared, String fileName) throws ExportParseException {
    String name = declared.name.strip();
    SourceLocation at = SourceLocation.of(fileName, declared.line, declared.column);
    if (name.isEmpty()) {
      throw new ExportParseException(at, Kind.ENCODING, ".encoding is empty");
    }
    Charset charset;
    try {
      charset = Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ExportParseException(at, Kind.ENCODING, "unknown character set \"" + name + "\" in .encoding", e);
    }
    if (!usable(charset)) {
      throw new ExportParseException(
          at,
          Kind.ENCODING,
          "character set \"" + name + "\" in .encoding is not supported: a .vmx file needs an ASCII-compatible,"
              + " stateless charset");
    }
    return charset;
  }

  /**
   * Whether a charset keeps the line grammar readable: ASCII bytes decode to themselves, it can encode (the editor
   * writes values back) and non-ASCII characters never encode to tab, CR, LF, space, quotes, {@code #},
   * {@code =}, ESC, SO or SI. This rejects UTF-16/32, EBCDIC and the stateful ISO-2022 family.
   */
  static boolean usable(Charset charset) {
    return USABLE.computeIfAbsent(charset, VmxDecoding::probeUsable); // probing builds encoders: once per charset
  }

  private static final ConcurrentHashMap<Charset, Boolean> USABLE = new ConcurrentHashMap<>();

  private static boolean probeUsable(Charset charset) {
    if (!charset.canEncode()) {
      return false;
    }
    if (!new String(ASCII_PROBE.getBytes(StandardCharsets.US_ASCII), charset).equals(ASCII_PROBE)) {
      return false;
    }
    CharsetEncoder encoder = charset.newEncoder();
    for (int i = 0; i < NON_ASCII_PROBE.length(); i++) {
      char c = NON_ASCII_PROBE.charAt(i);
      if (!encoder.canEncode(c)) {
        continue;
      }
      byte[] encoded;
      try {
        encoded = charset.newEncoder().encode(CharBuffer.wrap(new char[] {c})).array();
      } catch (CharacterCodingException e) {
        continue;
      }
      for (byte b : encoded) {
        if (b == '\t' || b == '\n' || b == '\r' || b == ' ' || b == '"' || b == '\'' || b == '#' || b == '='
            || b == 0x1B || b == 0x0E || b == 0x0F) {
          return false;
        }
      }
    }
    return true;
  }

  private static Chars decodeStrict(byte[] bytes, int offset, Charset charset, boolean asciiPossible)
      throws Malformed {
    if (asciiPossible && ASCII_IDENTICAL.contains(charset)) {
      Chars ascii = ascii(bytes, offset, false); // no decoder, one pass that checks and copies
      if (ascii != NOT_ASCII) {
        return ascii;
      }
    }
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return run(decoder, bytes, offset);
  }

  /** Charsets in which every byte below 0x80 is that ASCII character (so pure ASCII decodes without a decoder). */
  private static final Set<Charset> ASCII_IDENTICAL = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
      StandardCharsets.ISO_8859_1, Charset.forName("windows-1252"));

  /** What {@link #ascii} answers for bytes of which one is over 0x7F; never a decoded text. */
  private static final Chars NOT_ASCII = new Chars(new char[0], 0, false);

  /**
   * The bytes from {@code offset} as characters when they are all ASCII; else, for the first byte that stops it,
   * {@link #NOT_ASCII} if that byte is over 0x7F, or {@code null} if {@code plain} and it is a control character
   * other than tab, CR and LF (with {@code plain}, a text is returned only when no byte is of
   * {@link #checkNotBinary}'s concern).
   */
  private static Chars ascii(byte[] bytes, int offset, boolean plain) {
    int n = bytes.length - offset;
    char[] chars = new char[n];
    for (int i = 0; i < n; i++) {
      byte b = bytes[offset + i];
      if (b < 0) {
        return NOT_ASCII;
      }
      if (plain && ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F)) {
        return null;
      }
      chars[i] = (char) b;
    }
    return new Chars(chars, n, true);
  }

  private static Chars decodeLenient(byte[] bytes, Charset charset) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      return run(decoder, bytes, 0);
    } catch (Malformed m) {
      throw new IllegalStateException("a REPLACE decoder reported an error", m);
    }
  }

  private static Chars run(CharsetDecoder decoder, byte[] bytes, int offset) throws Malformed {
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length - offset + 16));
    CoderResult result;
    do {
      result = decoder.decode(in, out, true);
      if (result.isOverflow()) {
        out = grow(out);
      } else if (result.isError()) {
        throw locate(bytes, offset, in.position(), result.length(), out);
      }
    } while (!result.isUnderflow());
    do {
      result = decoder.flush(out);
      if (result.isOverflow()) {
        out = grow(out);
      }
    } while (!result.isUnderflow());
    out.flip();
    return new Chars(out.array(), out.limit(), false);
  }

  private static CharBuffer grow(CharBuffer out) {
    CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
    out.flip();
    bigger.put(out);
    return bigger;
  }

  private static Malformed locate(byte[] bytes, int offset, int errorAt, int length, CharBuffer out) {
    int line = 1;
    for (int i = offset; i < errorAt; i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
        line++;
      }
    }
    int column = 1;
    for (int i = out.position() - 1; i >= 0; i--) {
      char c = out.get(i);
      if (c == '\n' || c == '\r') {
        break;
      }
      column++;
    }
    return new Malformed(line, column, errorAt, length);
  }
}
