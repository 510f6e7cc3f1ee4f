package io.nestcheck.core.internal.ovf;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.core.internal.xml.DecodingReader;
import io.nestcheck.core.internal.xml.SafeXml;
import io.nestcheck.core.internal.xml.XmlElement;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OVF descriptor prepared for byte-exact editing: its bytes, the charset they decode with (and the byte-order
 * mark before them), the decoded text, the parsed element tree ({@link SafeXml}), the lexical spans of every element
 * ({@link XmlSpans}, paired with the parsed elements), and the VMs the reader maps from it. Internal: public only
 * for other packages of nestcheck-core. Immutable.
 *
 * <p>Contract: {@link #parse} accepts exactly what {@link OvfReader} reads (same parser, same mapping, same errors)
 * and in addition requires that decoding and re-encoding the bytes gives them back unchanged, so that text edits
 * can be written without touching any other byte (a descriptor that does not is refused with kind {@code
 * ENCODING}; strict UTF-8/UTF-16/Latin-1 descriptors always do).
 */
public final class OvfDocument {
  private final byte[] bytes;
  private final int prefixLength;
  private final Charset charset;
  private final String text;
  private final String name;
  private final XmlElement root;
  private final XmlSpans.Node spanRoot;
  private final Map<XmlElement, XmlSpans.Node> spans;
  private final List<VmConfiguration> vms;
  private final List<XmlElement> systems;

  private OvfDocument(byte[] bytes, int prefixLength, Charset charset, String text, String name, XmlElement root,
      XmlSpans.Node spanRoot, Map<XmlElement, XmlSpans.Node> spans, List<VmConfiguration> vms,
      List<XmlElement> systems) {
    this.bytes = bytes;
    this.prefixLength = prefixLength;
    this.charset = charset;
    this.text = text;
    this.name = name;
    this.root = root;
    this.spanRoot = spanRoot;
    this.spans = spans;
    this.vms = vms;
    this.systems = systems;
  }

  /**
   * Parses an OVF descriptor.
   *
   * @param bytes the whole descriptor; not modified, not kept beyond a copy
   * @param name the name for VM sources and error locations (as {@link OvfReader} uses it)
   * @throws ExportParseException as {@link OvfReader#read} would, or {@code ENCODING} when the bytes do not survive
   *     a decode/encode round trip
   */
  public static OvfDocument parse(byte[] bytes, String name) throws ExportParseException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(name, "name");
    byte[] copy = bytes.clone();
    XmlElement root = SafeXml.parse(new ByteArrayInputStream(copy), name);
    List<VmConfiguration> vms = OvfMapper.map(root, name);
    Charset charset;
    String text;
    try (DecodingReader reader = DecodingReader.forXml(new ByteArrayInputStream(copy))) {
      charset = reader.charset();
      StringBuilder sb = new StringBuilder(copy.length);
      char[] buf = new char[8192];
      int n;
      while ((n = reader.read(buf, 0, buf.length)) >= 0) {
        sb.append(buf, 0, n);
      }
      text = sb.toString();
    } catch (IOException e) {
      // SafeXml has decoded the same bytes already; a failure here is not expected
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.ENCODING,
          "the descriptor cannot be decoded for editing: " + e.getMessage(), e);
    }
    byte[] encoded;
    try {
      encoded = encode(text, charset);
    } catch (CharacterCodingException e) {
      encoded = null;
    }
    int prefix = encoded == null ? -1 : copy.length - encoded.length;
    if (encoded == null || prefix < 0 || prefix > 4
        || !Arrays.equals(copy, prefix, copy.length, encoded, 0, encoded.length)) {
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.ENCODING,
          "the descriptor's bytes do not survive decoding and re-encoding as " + charset.name()
              + ", so it cannot be edited without changing bytes outside the edits");
    }
    XmlSpans.Node spanRoot;
    Map<XmlElement, XmlSpans.Node> spans = new IdentityHashMap<>();
    try {
      spanRoot = XmlSpans.scan(text);
      pair(root, spanRoot, spans);
    } catch (IllegalArgumentException e) {
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.SYNTAX,
          "the descriptor cannot be located for editing: " + e.getMessage(), e);
    }
    List<XmlElement> systems = new ArrayList<>();
    collectSystems(root, systems);
    if (systems.size() != vms.size()) {
      throw new IllegalStateException("the reader mapped " + vms.size() + " VMs from " + systems.size()
          + " VirtualSystems");
    }
    return new OvfDocument(copy, prefix, charset, text, name, root, spanRoot, spans, List.copyOf(vms),
        List.copyOf(systems));
  }

  /** The same descriptor with {@code newText} in place of the text, re-parsed. */
  public OvfDocument withText(String newText) throws ExportParseException {
    try {
      return parse(bytesOf(newText), name);
    } catch (CharacterCodingException e) {
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.ENCODING,
          "the edited text cannot be encoded as " + charset.name(), e);
    }
  }

  /** The bytes {@code newText} encodes to, with this document's byte-order mark. */
  byte[] bytesOf(String newText) throws CharacterCodingException {
    byte[] body = encode(newText, charset);
    byte[] out = Arrays.copyOf(bytes, prefixLength + body.length);
    System.arraycopy(body, 0, out, prefixLength, body.length);
    return out;
  }

  private static byte[] encode(String text, Charset charset) throws CharacterCodingException {
    CharsetEncoder enc = charset.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer b = enc.encode(CharBuffer.wrap(text));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static void pair(XmlElement e, XmlSpans.Node s, Map<XmlElement, XmlSpans.Node> out) {
    // iterative: documents may be deep
    List<XmlElement> es = new ArrayList<>();
    List<XmlSpans.Node> ss = new ArrayList<>();
    es.add(e);
    ss.add(s);
    while (!es.isEmpty()) {
      XmlElement x = es.remove(es.size() - 1);
      XmlSpans.Node y = ss.remove(ss.size() - 1);
      if (!x.localName().equals(y.localName) || !x.namespace().equals(y.namespace)
          || x.children().size() != y.children.size()) {
        throw new IllegalArgumentException("the scanned element " + y + " does not match the parsed " + x);
      }
      out.put(x, y);
      for (int i = 0; i < x.children().size(); i++) {
        es.add(x.children().get(i));
        ss.add(y.children.get(i));
      }
    }
  }

  /** The VirtualSystems in the order {@link OvfMapper#map} maps them. */
  private static void collectSystems(XmlElement parent, List<XmlElement> out) {
    for (XmlElement c : parent.children()) {
      if (!OvfMapper.isOvf(c)) {
        continue;
      }
      if (c.is("VirtualSystem")) {
        out.add(c);
      } else if (c.is("VirtualSystemCollection")) {
        collectSystems(c, out);
      }
    }
  }

  /** The descriptor's bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The decoded text (without a byte-order mark). */
  public String text() {
    return text;
  }

  /** The charset the text is encoded in. */
  public Charset charset() {
    return charset;
  }

  /** The name given to {@link #parse}. */
  public String name() {
    return name;
  }

  /** The VMs, as {@link OvfReader} reads them, in document order. */
  public List<VmConfiguration> vms() {
    return vms;
  }

  /** The names of the VMs, in document order. */
  public List<String> vmNames() {
    List<String> names = new ArrayList<>();
    for (VmConfiguration vm : vms) {
      names.add(vm.name());
    }
    return names;
  }

  XmlElement root() {
    return root;
  }

  XmlSpans.Node spanRoot() {
    return spanRoot;
  }

  /** The VirtualSystem element the VM at {@code index} of {@link #vms()} was read from. */
  XmlElement system(int index) {
    return systems.get(index);
  }

  /** The span of a parsed element of this document. */
  XmlSpans.Node span(XmlElement e) {
    XmlSpans.Node s = spans.get(e);
    if (s == null) {
      throw new IllegalArgumentException(e + " is not an element of this document");
    }
    return s;
  }

  /** Whether {@code c} can be written in this document's charset. */
  boolean canEncode(int codePoint) {
    if (codePoint < 0x80) {
      return true;
    }
    return charset.newEncoder().canEncode(new String(Character.toChars(codePoint)));
  }
}
