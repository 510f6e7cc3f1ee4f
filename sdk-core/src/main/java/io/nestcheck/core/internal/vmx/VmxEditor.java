package io.nestcheck.core.internal.vmx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Edits a {@link VmxDocument} and renders new bytes, changing only the lines it touches. Internal: public only for
 * other packages of nestcheck-core. Not thread-safe; the document itself is never modified.
 *
 * <p>Operations are collected and applied by {@link #apply()}; for each key (case-insensitive) the last
 * operation wins, operations on different keys are independent. New keys are appended in the order of the first
 * operation on each.
 *
 * <ul>
 *   <li>{@link #set}: when the key exists, the value of its <b>first</b> occurrence (the one {@link VmxDocument#get}
 *       reads) is replaced in place, keeping the key's spelling, the spacing, the quote style and a trailing comment,
 *       and every later occurrence (any case) is deleted, so the file has one value afterwards. If the first
 *       occurrence already has the value, its line is left as is. An unquoted value stays unquoted when the new
 *       value needs no quotes, otherwise it gets {@code "..."}. A new key is appended at the end as
 *       {@code key = "value"} plus the document's {@link VmxDocument#lineSeparator()}, after adding that separator if
 *       the file does not end with one.
 *   <li>{@link #remove}: deletes every line with the key, line separator included.
 * </ul>
 *
 * <p>Values are escaped as the notes recommend: {@code "}, {@code |}, the quote character in use and ASCII control
 * characters (CR, LF, tab...) become {@code |XX} in upper-case hex; {@code #} and everything else is written as
 * is. Text is encoded in {@link VmxDocument#charset()}; a character that charset cannot encode is an
 * {@link IllegalArgumentException} from {@link #set}. The byte-order mark and every byte outside the touched lines
 * are copied unchanged, so {@code apply()} with no operations returns the original bytes. Applying the same edits to
 * the result again gives the same bytes.
 *
 * <p>{@code .encoding} cannot be removed or changed to another charset (that would need re-encoding the whole
 * file): such calls throw {@link IllegalArgumentException}.
 */
public final class VmxEditor {
  private final VmxDocument document;
  private final Map<String, Op> ops = new LinkedHashMap<>();

  private static final class Op {
    final String key;
    final String value; // null: remove

    Op(String key, String value) {
      this.key = key;
      this.value = value;
    }
  }

  /** Starts an editor on {@code document}, with no operations. */
  public VmxEditor(VmxDocument document) {
    this.document = Objects.requireNonNull(document, "document");
  }

  /**
   * Sets {@code key} to {@code value} (see the class comment).
   *
   * @return this editor
   * @throws IllegalArgumentException if the key breaks the key grammar, if a character of the value cannot be
   *     encoded in the document's charset, or if it would change {@code .encoding}
   */
  public VmxEditor set(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    checkKey(key);
    String lower = VmxValues.lower(key);
    if (lower.equals(".encoding")) {
      checkSameCharset(value);
    }
    encode(VmxValues.encode(value, '"'), "the value of \"" + key + "\"");
    ops.put(lower, new Op(key, value));
    return this;
  }

  /** Sets {@code key} to {@code "TRUE"} or {@code "FALSE"}, as VMware writes booleans. */
  public VmxEditor setBoolean(String key, boolean value) {
    return set(key, value ? "TRUE" : "FALSE");
  }

  /**
   * Removes every line with {@code key} (case-insensitive); nothing happens when it is absent.
   *
   * @return this editor
   * @throws IllegalArgumentException if the key breaks the key grammar or is {@code .encoding}
   */
  public VmxEditor remove(String key) {
    Objects.requireNonNull(key, "key");
    checkKey(key);
    String lower = VmxValues.lower(key);
    if (lower.equals(".encoding") && document.contains(lower)) {
      throw new IllegalArgumentException("removing .encoding would change how the whole file is decoded");
    }
    ops.put(lower, new Op(key, null));
    return this;
  }

  /** Renders the document with every operation applied; the original bytes when there are none. */
  public byte[] apply() {
    byte[] src = document.rawBytes();
    Output out = new Output(src.length + 256);
    int cursor = 0;
    Set<String> seen = new HashSet<>();
    for (VmxEntry entry : document.entries()) {
      Op op = ops.get(entry.lowerKey());
      if (op == null) {
        continue;
      }
      boolean first = seen.add(entry.lowerKey());
      if (op.value == null || !first) {
        out.write(src, cursor, entry.lineByteStart() - cursor);
        cursor = entry.lineByteNext();
      } else if (!entry.value().equals(op.value)) {
        out.write(src, cursor, entry.valueByteStart() - cursor);
        char quote = entry.quoteChar();
        if (quote == 0) {
          String escaped = VmxValues.encode(op.value, '"');
          if (VmxValues.safeUnquoted(escaped)) {
            out.writeBytes(encode(escaped, entry.key()));
          } else {
            out.writeBytes(encode('"' + escaped + '"', entry.key()));
          }
        } else {
          out.writeBytes(encode(VmxValues.encode(op.value, quote), entry.key()));
        }
        cursor = entry.valueByteEnd();
      }
    }
    out.write(src, cursor, src.length - cursor);
    boolean needsSeparator = out.size() > document.bomLength() && !out.endsWithLineBreak();
    for (Op op : ops.values()) {
      if (op.value == null || document.contains(op.key)) {
        continue;
      }
      String separator = document.lineSeparator();
      if (needsSeparator) {
        out.writeBytes(encode(separator, op.key));
        needsSeparator = false;
      }
      out.writeBytes(encode(op.key + " = \"" + VmxValues.encode(op.value, '"') + '"' + separator, op.key));
    }
    return out.toByteArray();
  }

  /** A byte buffer that can look at its last byte without copying. */
  private static final class Output extends ByteArrayOutputStream {
    Output(int size) {
      super(size);
    }

    boolean endsWithLineBreak() {
      return count > 0 && (buf[count - 1] == '\n' || buf[count - 1] == '\r');
    }
  }

  private byte[] encode(String text, String what) {
    CharsetEncoder encoder =
        document
            .charset()
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
      byte[] result = new byte[buffer.remaining()];
      buffer.get(result);
      return result;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          unencodable(text, what) + " cannot be encoded in " + document.charset().name()
              + ", the charset of " + document.fileName(),
          e);
    }
  }

  private String unencodable(String text, String what) {
    CharsetEncoder encoder = document.charset().newEncoder();
    for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
      int cp = text.codePointAt(i);
      String s = new String(Character.toChars(cp));
      if (Character.isSurrogate(s.charAt(0)) || !encoder.canEncode(s)) {
        return String.format(Locale.ROOT, "character U+%04X in %s", cp, what);
      }
    }
    return what;
  }

  private static void checkKey(String key) {
    if (!VmxValues.isValidKey(key)) {
      throw new IllegalArgumentException(
          "invalid .vmx key \"" + key + "\": keys match [A-Za-z._][A-Za-z0-9_:.-]*");
    }
  }

  private void checkSameCharset(String value) {
    Charset named;
    try {
      named = Charset.forName(value.strip());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException("unknown character set \"" + value + "\" for .encoding", e);
    }
    if (!named.equals(document.charset())) {
      throw new IllegalArgumentException(
          "changing .encoding from " + document.charset().name() + " to " + named.name()
              + " would need re-encoding the whole file; not supported");
    }
  }
}
