package io.nestcheck.core.internal.xml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes bytes to characters strictly, streaming, and knows the line and column where decoding failed.
 *
 * <p>Contract: malformed or unmappable input is never replaced: reading throws a {@link MalformedTextException}
 * naming the 1-based line and column of the first character that could not be decoded. A byte-order mark is
 * consumed and selects the charset. The reader holds a fixed-size buffer, whatever the input size. Closing closes
 * the stream. Not thread-safe.
 */
public final class DecodingReader extends Reader {
  private static final int SNIFF_BYTES = 1024;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(8192);
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private boolean eof;
  private boolean flushed;
  // Position after the last decoded character.
  private int line = 1;
  private int column;
  private boolean lastWasCr;
  // How many characters of the current buffer have been counted into line/column.
  private int tracked;

  private DecodingReader(InputStream in, Charset charset) {
    this.in = in;
    this.decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    bytes.flip();
    chars.flip();
  }

  /**
   * A reader for an XML document: the charset comes from the byte-order mark, the UTF-16 signature of {@code <?},
   * or the {@code encoding} of the XML declaration (XML 1.0 appendix F), UTF-8 otherwise.
   *
   * @throws MalformedTextException if the declared encoding is not supported
   * @throws IOException if the stream fails
   */
  public static DecodingReader forXml(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, SNIFF_BYTES * 2);
    in.mark(SNIFF_BYTES);
    byte[] head = in.readNBytes(SNIFF_BYTES);
    in.reset();
    Optional<Charset> bom = skipBom(in, head);
    if (bom.isPresent()) {
      return new DecodingReader(in, bom.get());
    }
    if (startsWith(head, 0x3C, 0x00, 0x3F, 0x00)) {
      return new DecodingReader(in, StandardCharsets.UTF_16LE);
    }
    if (startsWith(head, 0x00, 0x3C, 0x00, 0x3F)) {
      return new DecodingReader(in, StandardCharsets.UTF_16BE);
    }
    Optional<String> declaredName = declaredEncoding(head);
    if (declaredName.isEmpty()) {
      return new DecodingReader(in, StandardCharsets.UTF_8);
    }
    String declared = declaredName.get();
    Charset cs;
    try {
      cs = Charset.forName(declared);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new MalformedTextException("the declared encoding \"" + printable(declared) + "\" is not supported", 1, 1);
    }
    // A document that declares UTF-16/32 but was read as ASCII above (no BOM, no UTF-16 signature) is not in
    // UTF-16/32: XML 1.0 appendix F makes the bytes, not the label, decide. Read it as UTF-8.
    String n = cs.name().toUpperCase(Locale.ROOT);
    if (n.startsWith("UTF-16") || n.startsWith("UTF-32")) {
      cs = StandardCharsets.UTF_8;
    }
    return new DecodingReader(in, cs);
  }

  /** A reader for JSON: UTF-8 (RFC 8259), or UTF-16/32 when a byte-order mark says so. */
  public static DecodingReader forJson(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, SNIFF_BYTES * 2);
    in.mark(8);
    byte[] head = in.readNBytes(4);
    in.reset();
    return new DecodingReader(in, skipBom(in, head).orElse(StandardCharsets.UTF_8));
  }

  private static Optional<Charset> skipBom(BufferedInputStream in, byte[] head) throws IOException {
    if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
      in.skipNBytes(3);
      return Optional.of(StandardCharsets.UTF_8);
    }
    if (startsWith(head, 0x00, 0x00, 0xFE, 0xFF)) {
      in.skipNBytes(4);
      return Optional.of(Charset.forName("UTF-32BE"));
    }
    if (startsWith(head, 0xFF, 0xFE, 0x00, 0x00)) {
      in.skipNBytes(4);
      return Optional.of(Charset.forName("UTF-32LE"));
    }
    if (startsWith(head, 0xFE, 0xFF)) {
      in.skipNBytes(2);
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    if (startsWith(head, 0xFF, 0xFE)) {
      in.skipNBytes(2);
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The encoding named by an XML declaration at the start of {@code head}, read as ASCII. */
  static Optional<String> declaredEncoding(byte[] head) {
    String ascii = new String(head, StandardCharsets.ISO_8859_1);
    if (!ascii.startsWith("<?xml")) {
      return Optional.empty();
    }
    int end = ascii.indexOf("?>");
    if (end < 0) {
      return Optional.empty();
    }
    String decl = ascii.substring(0, end);
    int at = decl.indexOf("encoding");
    if (at < 0) {
      return Optional.empty();
    }
    int i = at + "encoding".length();
    while (i < decl.length() && isXmlSpace(decl.charAt(i))) {
      i++;
    }
    if (i >= decl.length() || decl.charAt(i) != '=') {
      return Optional.empty();
    }
    i++;
    while (i < decl.length() && isXmlSpace(decl.charAt(i))) {
      i++;
    }
    if (i >= decl.length() || (decl.charAt(i) != '"' && decl.charAt(i) != '\'')) {
      return Optional.empty();
    }
    char quote = decl.charAt(i);
    int close = decl.indexOf(quote, i + 1);
    if (close < 0) {
      return Optional.empty();
    }
    return Optional.of(decl.substring(i + 1, close).trim());
  }

  private static boolean isXmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return sb.toString();
  }

  /** The charset in use. */
  public Charset charset() {
    return decoder.charset();
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  @Override
  public int read() throws IOException {
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    return chars.get();
  }

  /** Decodes more characters; {@code false} at the end of the input. */
  private boolean fill() throws IOException {
    chars.clear();
    tracked = 0;
    while (!flushed) {
      CoderResult r = decoder.decode(bytes, chars, eof);
      if (r.isError()) {
        // Characters decoded before the error still count for the position.
        track(chars.position());
        throw new MalformedTextException(
            String.format(Locale.ROOT, "bytes that are not valid %s", decoder.charset().name()), line, column + 1);
      }
      if (chars.position() > 0) {
        break;
      }
      if (eof) {
        CoderResult f = decoder.flush(chars);
        if (f.isError()) {
          throw new MalformedTextException("a truncated " + decoder.charset().name() + " sequence at the end",
              line, column + 1);
        }
        flushed = true;
        break;
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
    }
    track(chars.position());
    chars.flip();
    return chars.hasRemaining();
  }

  /** Advances line/column over the first {@code upTo} characters of {@link #chars} not yet counted. */
  private void track(int upTo) {
    for (int i = tracked; i < upTo; i++) {
      char c = chars.get(i);
      if (c == '\n') {
        if (!lastWasCr) {
          line++;
        }
        column = 0;
        lastWasCr = false;
      } else if (c == '\r') {
        line++;
        column = 0;
        lastWasCr = true;
      } else {
        column++;
        lastWasCr = false;
      }
    }
    tracked = upTo;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The input is not valid in its charset; carries the 1-based line and column of the first bad character. */
  public static final class MalformedTextException extends CharacterCodingException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final int line;
    private final int column;

    MalformedTextException(String reason, int line, int column) {
      this.reason = reason;
      this.line = line;
      this.column = column;
    }

    /** What is wrong, without the position. */
    public String reason() {
      return reason;
    }

    /** The 1-based line. */
    public int line() {
      return line;
    }

    /** The 1-based column. */
    public int column() {
      return column;
    }

    @Override
    public String getMessage() {
      return reason + " at line " + line + ", column " + column;
    }
  }
}
