package io.nestcheck.core.internal.vmx;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The line scanner: one pass over the decoded text, in step with a pass over the bytes so that every entry knows
 * the byte range of its line and value. No regular expressions; linear in the input size.
 */
final class VmxParser {
  private final byte[] bytes;
  /**
   * The decoded characters, {@code [0, length)}, as the decoder made them (no String in between): indexing an array
   * costs the same for every text, while {@code String.charAt} on a string that holds a non-Latin-1 character (a CJK
   * VM name) goes through a bounds-checked UTF-16 path that the CLI's C1-compiled code does not inline (18% of a
   * 100,000-file scan's CPU).
   */
  private final char[] chars;
  private final int length;
  /**
   * Values up to this length come from {@link #values}: the short ones repeat across a fleet ({@code TRUE},
   * {@code vmxnet3}); longer ones (paths, UUIDs, MAC addresses) mostly do not, and would only churn the table.
   */
  private static final int SHARED_VALUE_LENGTH = 16;
  /** The keys and short values of this thread's earlier lines and files, as shared strings. */
  private final VmxTexts keys = VmxTexts.keysOfThisThread();
  private final VmxTexts values = VmxTexts.valuesOfThisThread();
  private final String fileName;
  private final VmxDecoding.Decoded decoded;
  private final List<VmxEntry> entries;
  private final List<VmxDocument.Comment> comments = new ArrayList<>();
  private int lf;
  private int crlf;
  private int cr;

  VmxParser(byte[] bytes, VmxDecoding.Decoded decoded, String fileName) {
    this.bytes = bytes;
    this.chars = decoded.chars;
    this.length = decoded.length;
    this.decoded = decoded;
    this.fileName = fileName;
    // sized for a line of about 32 characters (a vSphere-written file averages ~40): growing from 10 copied the
    // list seven times for a typical file; capped so that one huge base64 line costs no more than 16 KB of it
    this.entries = new ArrayList<>(Math.min(4096, Math.max(10, length / 32)));
  }

  VmxDocument parse() throws ExportParseException {
    int n = length;
    int pos = 0;
    int bpos = decoded.bomLength;
    int line = 0;
    while (pos < n) {
      line++;
      int end = pos;
      while (end < n) {
        char c = chars[end];
        if (c == '\n' || c == '\r') {
          break;
        }
        end++;
      }
      int sepLength = separatorLength(end);
      int bend;
      int bsep;
      if (decoded.ascii) {
        // char i is byte bomLength + i: the byte line is the char line
        bend = bpos + (end - pos);
        bsep = sepLength;
      } else {
        bend = bpos;
        while (bend < bytes.length && bytes[bend] != '\n' && bytes[bend] != '\r') {
          bend++;
        }
        bsep = byteSeparatorLength(bend);
      }
      if ((end == n) != (bend == bytes.length) || sepLength != bsep) {
        throw notAsciiCompatible(line);
      }
      parseLine(pos, end, line, bpos, bend, bend + bsep);
      pos = end + sepLength;
      bpos = bend + bsep;
    }
    if (bpos != bytes.length) {
      throw notAsciiCompatible(line);
    }
    return new VmxDocument(fileName, bytes, decoded, dominantSeparator(), entries, comments);
  }

  private int separatorLength(int end) {
    if (end >= length) {
      return 0;
    }
    if (chars[end] == '\r') {
      if (end + 1 < length && chars[end + 1] == '\n') {
        crlf++;
        return 2;
      }
      cr++;
      return 1;
    }
    lf++;
    return 1;
  }

  private int byteSeparatorLength(int end) {
    if (end >= bytes.length) {
      return 0;
    }
    if (bytes[end] == '\r') {
      return end + 1 < bytes.length && bytes[end + 1] == '\n' ? 2 : 1;
    }
    return 1;
  }

  private String dominantSeparator() {
    if (crlf > lf && crlf >= cr) {
      return "\r\n";
    }
    if (cr > lf && cr > crlf) {
      return "\r";
    }
    return "\n";
  }

  private ExportParseException notAsciiCompatible(int line) {
    return new ExportParseException(
        SourceLocation.of(fileName, line),
        Kind.ENCODING,
        "the text decoded as " + decoded.charset.name() + " does not keep the line structure of the bytes");
  }

  private ExportParseException syntax(int line, int lineStart, int at, String reason) {
    return new ExportParseException(SourceLocation.of(fileName, line, at - lineStart + 1), Kind.SYNTAX, reason);
  }

  private void parseLine(int start, int end, int line, int byteStart, int byteEnd, int byteNext)
      throws ExportParseException {
    int i = start;
    while (i < end && VmxValues.isBlank(chars[i])) {
      i++;
    }
    if (i == end) {
      return;
    }
    char first = chars[i];
    if (first == '#') {
      comments.add(new VmxDocument.Comment(line, i - start + 1, substring(i + 1, end), false));
      return;
    }
    if (!hasEquals(i, end)) {
      throw syntax(line, start, i, "expected 'key = \"value\"' or a # comment, found a line without '='");
    }
    if (first == '=') {
      throw syntax(line, start, i, "missing key before '='");
    }
    if (!VmxValues.isKeyStart(first)) {
      throw syntax(line, start, i, "invalid character " + VmxValues.describe(first) + " at the start of a key");
    }
    int keyStart = i;
    int keyHash = 0; // VmxTexts.hash of the key, taken on the way
    while (i < end && VmxValues.isKeyPart(chars[i])) {
      keyHash = 31 * keyHash + chars[i];
      i++;
    }
    int keyEnd = i;
    while (i < end && VmxValues.isBlank(chars[i])) {
      i++;
    }
    if (chars[i] != '=') {
      String key = substring(keyStart, keyEnd);
      throw syntax(
          line,
          start,
          i,
          keyEnd == i
              ? "invalid character " + VmxValues.describe(chars[i]) + " in key \"" + key + "\""
              : "expected '=' after key \"" + key + "\", found " + VmxValues.describe(chars[i]));
    }
    i++;
    while (i < end && VmxValues.isBlank(chars[i])) {
      i++;
    }
    char quote = 0;
    int rawStart;
    int rawEnd;
    int valueHash = 0; // VmxTexts.hash of the raw value, taken on the way
    if (i < end && (chars[i] == '"' || chars[i] == '\'')) {
      quote = chars[i];
      int close = i + 1;
      while (close < end && chars[close] != quote) {
        valueHash = 31 * valueHash + chars[close];
        close++;
      }
      if (close == end) {
        throw syntax(line, start, i, "unterminated quoted value: no closing " + quote + " on this line");
      }
      rawStart = i + 1;
      rawEnd = close;
      i = close + 1;
    } else {
      rawStart = i;
      while (i < end) {
        char c = chars[i];
        if (c == ' ' || c == '\t' || c == '#') {
          break;
        }
        valueHash = 31 * valueHash + c;
        i++;
      }
      rawEnd = i;
    }
    while (i < end && VmxValues.isBlank(chars[i])) {
      i++;
    }
    String comment = null;
    if (i < end) {
      if (chars[i] != '#') {
        throw syntax(
            line,
            start,
            i,
            quote != 0
                ? "unexpected text after the closing quote (a quote inside a value is written |22)"
                : "unexpected text after an unquoted value (quote values that contain spaces)");
      }
      comment = substring(i + 1, end);
      comments.add(new VmxDocument.Comment(line, i - start + 1, comment, true));
    }
    // Everything before the value is ASCII by the grammar, so it has as many bytes as characters.
    int valueByteStart = byteStart + (rawStart - start);
    int valueByteEnd = valueByteStart;
    if (quote != 0) {
      while (valueByteEnd < byteEnd && bytes[valueByteEnd] != quote) {
        valueByteEnd++;
      }
      if (valueByteEnd == byteEnd || bytes[valueByteStart - 1] != quote) {
        throw notAsciiCompatible(line);
      }
    } else {
      while (valueByteEnd < byteEnd
          && bytes[valueByteEnd] != ' '
          && bytes[valueByteEnd] != '\t'
          && bytes[valueByteEnd] != '#') {
        valueByteEnd++;
      }
    }
    String raw = rawEnd - rawStart <= SHARED_VALUE_LENGTH ? values.value(chars, rawStart, rawEnd, valueHash)
        : substring(rawStart, rawEnd);
    String key = keys.key(chars, keyStart, keyEnd, keyHash);
    entries.add(
        new VmxEntry(
            key,
            keys.lastLowerKey(),
            VmxValues.decode(raw, decoded.charset),
            raw,
            line,
            keyStart - start + 1,
            start,
            end,
            rawStart,
            rawEnd,
            quote,
            comment,
            byteStart,
            valueByteStart,
            valueByteEnd,
            byteNext));
  }

  /** {@code text.substring(from, to)} of the decoded text. */
  private String substring(int from, int to) {
    return new String(chars, from, to - from);
  }

  private boolean hasEquals(int from, int end) {
    return indexOf('=', from, end) >= 0;
  }

  private int indexOf(char c, int from, int end) {
    for (int i = from; i < end; i++) {
      if (chars[i] == c) {
        return i;
      }
    }
    return -1;
  }
}
