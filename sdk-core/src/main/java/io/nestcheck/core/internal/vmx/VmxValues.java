package io.nestcheck.core.internal.vmx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/** Key grammar and the {@code |XX} value escape, shared by the parser and the editor. */
final class VmxValues {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private VmxValues() {}

  /** {@link #KEY_CLASS} bits. */
  private static final byte KEY_START = 1;
  private static final byte KEY_PART = 2;
  /**
   * The key grammar's character classes for ASCII, one load per character in the parser's key loop instead of a
   * chain of range tests.
   */
  private static final byte[] KEY_CLASS = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      boolean start = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' || c == '_';
      boolean part = start || (c >= '0' && c <= '9') || c == ':' || c == '-';
      KEY_CLASS[c] = (byte) ((start ? KEY_START : 0) | (part ? KEY_PART : 0));
    }
  }

  /** {@code [A-Za-z._]}. */
  static boolean isKeyStart(char c) {
    return c < 128 && (KEY_CLASS[c] & KEY_START) != 0;
  }

  /** {@code [A-Za-z0-9_:.-]}. */
  static boolean isKeyPart(char c) {
    return c < 128 && (KEY_CLASS[c] & KEY_PART) != 0;
  }

  /** {@code [A-Za-z._][A-Za-z0-9_:.-]*}: libvirt's key grammar plus a leading {@code _}. */
  static boolean isValidKey(String key) {
    if (key.isEmpty() || !isKeyStart(key.charAt(0))) {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      if (!isKeyPart(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code key.toLowerCase(Locale.ROOT)}: the key itself when it is ASCII without an upper-case letter (most
   * lookups), found without the JDK's per-character case tables.
   */
  static String lower(String key) {
    for (int i = 0, n = key.length(); i < n; i++) {
      char c = key.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        // Latin-1 text (every key the grammar allows) lowers through one table into one new array
        return key.toLowerCase(Locale.ROOT);
      }
    }
    return key;
  }

  static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /**
   * Decodes {@code |XX} where two hex digits follow; any other {@code |} is kept. A run of consecutive escapes
   * stands for bytes in the file's charset and is decoded with it (malformed bytes become U+FFFD).
   */
  static String decode(String raw, Charset charset) {
    int bar = raw.indexOf('|');
    if (bar < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    sb.append(raw, 0, bar);
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    int i = bar;
    int n = raw.length();
    while (i < n) {
      char c = raw.charAt(i);
      if (c == '|' && i + 2 < n && hexValue(raw.charAt(i + 1)) >= 0 && hexValue(raw.charAt(i + 2)) >= 0) {
        pending.write(hexValue(raw.charAt(i + 1)) * 16 + hexValue(raw.charAt(i + 2)));
        i += 3;
        continue;
      }
      flush(pending, sb, charset);
      int next = raw.indexOf('|', i + 1);
      int stop = next < 0 ? n : next;
      sb.append(raw, i, stop);
      i = stop;
    }
    flush(pending, sb, charset);
    return sb.toString();
  }

  private static void flush(ByteArrayOutputStream pending, StringBuilder sb, Charset charset) {
    if (pending.size() == 0) {
      return;
    }
    byte[] bytes = pending.toByteArray();
    pending.reset();
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      for (byte b : bytes) {
        sb.append((char) b);
      }
      return;
    }
    try {
      sb.append(
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(ByteBuffer.wrap(bytes)));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a REPLACE decoder reported an error", e);
    }
  }

  /**
   * Escapes a value for writing: {@code "}, {@code |}, the quote character in use and ASCII control characters
   * (U+0000 to U+001F and U+007F) become {@code |XX} with upper-case hex. Everything else, {@code #} included,
   * is written as is.
   */
  static String encode(String value, char quote) {
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean escape = c == '"' || c == '|' || c == quote || c < 0x20 || c == 0x7F;
      if (escape) {
        if (sb == null) {
          sb = new StringBuilder(value.length() + 16);
          sb.append(value, 0, i);
        }
        sb.append('|').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? value : sb.toString();
  }

  /** Whether an already escaped value can be written without quotes and parse back the same. */
  static boolean safeUnquoted(String escaped) {
    if (escaped.isEmpty()) {
      return false;
    }
    char first = escaped.charAt(0);
    if (first == '"' || first == '\'') {
      return false;
    }
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == ' ' || c == '\t' || c == '#' || c == '"') {
        return false;
      }
    }
    return true;
  }

  /** Renders a character for an error message: {@code 'x'} or {@code U+0001}. */
  static String describe(char c) {
    if (c < 0x20 || c == 0x7F || Character.isWhitespace(c) || Character.isISOControl(c)) {
      return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
