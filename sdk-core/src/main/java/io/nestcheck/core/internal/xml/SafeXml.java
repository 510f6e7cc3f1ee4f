package io.nestcheck.core.internal.xml;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.xml.XmlElement.XmlAttribute;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Hardened XML parsing for the export readers: parses a whole document into an {@link XmlElement} tree with line
 * numbers, refusing everything that could make a parser read other files, expand entities or exhaust memory.
 *
 * <p>Contract:
 * <ul>
 *   <li>The JDK's own StAX parser is used ({@link XMLInputFactory#newDefaultFactory()}), never one found on the
 *       class path, with DTD support off, external entities off, entity references not replaced and external DTD
 *       access disabled. The JDK's secure-processing limits ({@code jdk.xml.*}) are set explicitly (StAX has no
 *       secure-processing switch): name, depth and attribute-count limits as below; the entity limits keep the JDK
 *       defaults, which only the predefined entities can reach since DTDs are refused.
 *   <li>A document type declaration ({@code <!DOCTYPE ...>}) is refused with kind {@code INSECURE_XML} as soon as
 *       the parser reports it, before any entity is declared or resolved; nothing it names is ever read. An entity
 *       reference (which can only be undeclared, since DTDs are refused) is a {@code SYNTAX} error.
 *   <li>Limits, each refused with kind {@code TOO_LARGE}: inputs over {@link #MAX_BYTES} bytes (checked against
 *       the declared size before opening, and while reading), nesting deeper than {@link #MAX_DEPTH}, more than
 *       {@link #MAX_ELEMENTS} elements, more than {@link #MAX_ATTRIBUTES} attributes on one element, an attribute
 *       value longer than {@link #MAX_ATTRIBUTE_CHARS} characters. Character data beyond {@link #MAX_TEXT_CHARS}
 *       in one element is not retained (no reader needs long text; this bounds the tree).
 *   <li>Bytes are decoded strictly (see {@link DecodingReader}): invalid bytes are kind {@code ENCODING} with the
 *       line and column. Malformed XML is kind {@code SYNTAX} with the parser's line and column. A failure of the
 *       underlying stream is kind {@code IO}. No other exception escapes, and no message quotes document content
 *       beyond what the parser's own message names.
 *   <li>Stateless and thread-safe.
 * </ul>
 */
public final class SafeXml {
  /** The largest XML document read: 64 MiB (the largest real OVF descriptor we have seen is about 0.5 MiB). */
  public static final long MAX_BYTES = 64L * 1024 * 1024;
  /** The deepest element nesting accepted. */
  public static final int MAX_DEPTH = 100;
  /** The most elements in one document. */
  public static final int MAX_ELEMENTS = 500_000;
  /** The most attributes on one element. */
  public static final int MAX_ATTRIBUTES = 256;
  /** The longest attribute value, in characters. */
  public static final int MAX_ATTRIBUTE_CHARS = 256 * 1024;
  /** The most character data retained per element, in characters. */
  public static final int MAX_TEXT_CHARS = 256 * 1024;

  private SafeXml() {}

  /**
   * The qualified name of a document's root element.
   *
   * @param namespace the namespace URI, {@code ""} for none
   * @param localName the local name
   */
  public record RootName(String namespace, String localName) {
    /** Checks for {@code null}. */
    public RootName {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(localName, "localName");
    }
  }

  /**
   * Parses the document in {@code source}.
   *
   * @return the root element; never {@code null}
   * @throws ExportParseException for any problem, as described in the class contract
   */
  public static XmlElement parse(ExportSource source) throws ExportParseException {
    String name = source.name();
    long size = source.size();
    if (size > MAX_BYTES) {
      throw tooLarge(name, size);
    }
    InputStream in;
    try {
      in = source.open();
    } catch (IOException e) {
      throw ioError(name, e);
    }
    try {
      return parse(in, name);
    } finally {
      closeQuietly(in);
    }
  }

  /**
   * Parses the document in {@code in}, naming it {@code name} in errors. The stream is read up to the end of the
   * document (or {@link #MAX_BYTES}) and not closed.
   */
  public static XmlElement parse(InputStream in, String name) throws ExportParseException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(name, "name");
    GuardedInputStream guarded = GuardedInputStream.nonClosing(in, MAX_BYTES, "the XML document");
    Reader reader;
    try {
      reader = DecodingReader.forXml(guarded);
    } catch (IOException e) {
      throw map(e, name);
    }
    XMLStreamReader r = null;
    try {
      r = FACTORY.get().createXMLStreamReader(reader);
      return build(r, name);
    } catch (XMLStreamException e) {
      throw map(e, name);
    } catch (RuntimeException e) {
      // The JDK parser has thrown unchecked exceptions on some malformed inputs; they are input problems.
      throw new ExportParseException(locationOf(r, name), Kind.SYNTAX,
          "the XML parser failed: " + e.getClass().getSimpleName(), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException | RuntimeException ignored) {
          // nothing to release beyond the reader
        }
      }
    }
  }

  /**
   * The root element's name in {@code head}, the first bytes of a document, or empty when the head is not the
   * start of an XML document. Never throws; reads nothing beyond {@code head}; a DOCTYPE is skipped unresolved.
   */
  public static Optional<RootName> rootElement(byte[] head) {
    Objects.requireNonNull(head, "head");
    if (!mayStartXml(head)) {
      return Optional.empty(); // the common case in a fleet of .vmx files: no parser is built for them
    }
    XMLStreamReader r = null;
    try {
      r = FACTORY.get().createXMLStreamReader(DecodingReader.forXml(new ByteArrayInputStream(head)));
      int elements = 0;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          String ns = r.getNamespaceURI();
          return Optional.of(new RootName(ns == null ? "" : ns, r.getLocalName()));
        }
        if (++elements > 10_000) {
          return Optional.empty();
        }
      }
      return Optional.empty();
    } catch (XMLStreamException | IOException | RuntimeException e) {
      return Optional.empty();
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException | RuntimeException ignored) {
          // nothing to release
        }
      }
    }
  }

  /**
   * Whether {@code head} can be the start of an XML document at all, decided on the bytes: after an optional
   * UTF-8 byte-order mark and blanks, the first character is {@code <}. Byte-order marks of UTF-16/32 and
   * UTF-16 without a mark (a NUL next to the first {@code <}) are left to the parser.
   */
  static boolean mayStartXml(byte[] head) {
    int n = head.length;
    if (n >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF) || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
        || head[0] == 0 || head[1] == 0)) {
      return true;
    }
    int i = n >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF ? 3 : 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
      i++;
    }
    return i < n && head[i] == '<';
  }

  /**
   * One configured factory per thread: building one (a service lookup plus the security settings) cost more than
   * sniffing a typical libvirt file; a factory is not documented as thread-safe, and it is never changed after
   * {@link #newFactory()}.
   */
  private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(SafeXml::newFactory);

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
    f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
      throw new XMLStreamException("external resources are not allowed");
    });
    // The JDK secure-processing limits. The entity limits keep their (finite) JDK defaults: the predefined
    // entities (&amp; ...) count against them, and no other entity can exist because DTDs are refused.
    setIfSupported(f, "jdk.xml.maxElementDepth", MAX_DEPTH + 1);
    setIfSupported(f, "jdk.xml.elementAttributeLimit", MAX_ATTRIBUTES + 1);
    setIfSupported(f, "jdk.xml.maxXMLNameLimit", 1000);
    return f;
  }

  private static void setIfSupported(XMLInputFactory f, String property, int value) {
    try {
      f.setProperty(property, Integer.toString(value));
    } catch (IllegalArgumentException e) {
      // Not this JDK's parser limit; our own checks below still apply.
    }
  }

  private static final class Node {
    final String namespace;
    final String localName;
    final List<XmlAttribute> attributes;
    final int line;
    final int column;
    final List<XmlElement> children = new ArrayList<>();
    StringBuilder text;

    Node(String namespace, String localName, List<XmlAttribute> attributes, int line, int column) {
      this.namespace = namespace;
      this.localName = localName;
      this.attributes = attributes;
      this.line = line;
      this.column = column;
    }
  }

  private static XmlElement build(XMLStreamReader r, String name) throws XMLStreamException, ExportParseException {
    Deque<Node> stack = new ArrayDeque<>();
    XmlElement root = null;
    int elements = 0;
    while (r.hasNext()) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.DTD:
          throw new ExportParseException(locationOf(r, name), Kind.INSECURE_XML,
              "the document declares a DTD (<!DOCTYPE>), which is refused: DTDs can read other files and expand"
                  + " entities");
        case XMLStreamConstants.ENTITY_DECLARATION:
        case XMLStreamConstants.NOTATION_DECLARATION:
          throw new ExportParseException(locationOf(r, name), Kind.INSECURE_XML,
              "the document declares entities, which are refused");
        case XMLStreamConstants.ENTITY_REFERENCE:
          throw new ExportParseException(locationOf(r, name), Kind.SYNTAX,
              "reference to the undeclared entity &" + safeName(r.getLocalName()) + ";");
        case XMLStreamConstants.START_ELEMENT: {
          if (++elements > MAX_ELEMENTS) {
            throw new ExportParseException(locationOf(r, name), Kind.TOO_LARGE,
                "the document has more than " + MAX_ELEMENTS + " elements");
          }
          if (stack.size() + 1 > MAX_DEPTH) {
            throw new ExportParseException(locationOf(r, name), Kind.TOO_LARGE,
                "elements are nested deeper than " + MAX_DEPTH + " levels");
          }
          int n = r.getAttributeCount();
          if (n > MAX_ATTRIBUTES) {
            throw new ExportParseException(locationOf(r, name), Kind.TOO_LARGE,
                "an element has more than " + MAX_ATTRIBUTES + " attributes");
          }
          List<XmlAttribute> attrs = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            String value = r.getAttributeValue(i);
            if (value.length() > MAX_ATTRIBUTE_CHARS) {
              throw new ExportParseException(locationOf(r, name), Kind.TOO_LARGE,
                  "an attribute value is longer than " + MAX_ATTRIBUTE_CHARS + " characters");
            }
            String ans = r.getAttributeNamespace(i);
            attrs.add(new XmlAttribute(ans == null ? "" : ans, r.getAttributeLocalName(i), value));
          }
          String ns = r.getNamespaceURI();
          Location loc = r.getLocation();
          stack.push(new Node(ns == null ? "" : ns, r.getLocalName(), attrs,
              loc == null ? 0 : loc.getLineNumber(), loc == null ? 0 : loc.getColumnNumber()));
          break;
        }
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE: {
          Node top = stack.peek();
          if (top != null) {
            int have = top.text == null ? 0 : top.text.length();
            if (have < MAX_TEXT_CHARS) {
              if (top.text == null) {
                top.text = new StringBuilder();
              }
              int len = r.getTextLength();
              top.text.append(r.getTextCharacters(), r.getTextStart(), Math.min(len, MAX_TEXT_CHARS - have));
            }
          }
          break;
        }
        case XMLStreamConstants.END_ELEMENT: {
          Node done = stack.pop();
          String text = done.text == null ? "" : done.text.toString();
          if (text.isBlank()) {
            text = "";
          }
          XmlElement e = new XmlElement(done.namespace, done.localName, done.attributes, text, done.children,
              done.line, done.column);
          Node parent = stack.peek();
          if (parent == null) {
            root = e;
          } else {
            parent.children.add(e);
          }
          break;
        }
        default:
          // comments, processing instructions, document start/end: nothing to keep
          break;
      }
    }
    if (root == null) {
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.SYNTAX, "the document has no root element");
    }
    return root;
  }

  private static String safeName(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  private static SourceLocation locationOf(XMLStreamReader r, String name) {
    if (r == null) {
      return SourceLocation.ofFile(name);
    }
    try {
      Location loc = r.getLocation();
      if (loc == null) {
        return SourceLocation.ofFile(name);
      }
      return SourceLocation.of(name, Math.max(0, loc.getLineNumber()), Math.max(0, loc.getColumnNumber()));
    } catch (RuntimeException e) {
      return SourceLocation.ofFile(name);
    }
  }

  /** Maps a parser or stream failure to the typed error, looking through the causes for ours. */
  static ExportParseException map(Exception e, String name) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof DecodingReader.MalformedTextException m) {
        return new ExportParseException(SourceLocation.of(name, m.line(), m.column()), Kind.ENCODING,
            m.reason(), e);
      }
      if (t instanceof GuardedInputStream.LimitExceededException l) {
        return new ExportParseException(SourceLocation.ofFile(name), Kind.TOO_LARGE, l.getMessage(), e);
      }
      if (t instanceof GuardedInputStream.SourceReadException s) {
        return ioError(name, (IOException) s.getCause());
      }
      if (next(t) == t) {
        break;
      }
    }
    if (e instanceof XMLStreamException x) {
      Location loc = x.getLocation();
      SourceLocation where = loc == null
          ? SourceLocation.ofFile(name)
          : SourceLocation.of(name, Math.max(0, loc.getLineNumber()), Math.max(0, loc.getColumnNumber()));
      String reason = parserReason(x);
      Kind kind = reason.contains("JAXP0001") || reason.toLowerCase(Locale.ROOT).contains("limit")
          ? Kind.TOO_LARGE : Kind.SYNTAX;
      return new ExportParseException(where, kind, reason, e);
    }
    if (e instanceof IOException io) {
      return ioError(name, io);
    }
    return new ExportParseException(SourceLocation.ofFile(name), Kind.SYNTAX, "unreadable XML", e);
  }

  private static Throwable next(Throwable t) {
    if (t instanceof XMLStreamException x && x.getNestedException() != null) {
      return x.getNestedException();
    }
    return t.getCause();
  }

  /** The parser's message without its "ParseError at [row,col]" prefix and final period. */
  static String parserReason(XMLStreamException x) {
    String m = x.getMessage() == null ? "malformed XML" : x.getMessage();
    int at = m.indexOf("Message:");
    if (at >= 0) {
      m = m.substring(at + "Message:".length());
    }
    m = m.strip();
    if (m.endsWith(".")) {
      m = m.substring(0, m.length() - 1);
    }
    if (m.isEmpty()) {
      m = "malformed XML";
    }
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  private static ExportParseException tooLarge(String name, long size) {
    return new ExportParseException(SourceLocation.ofFile(name), Kind.TOO_LARGE,
        "the XML document is " + size + " bytes, larger than the limit of "
            + GuardedInputStream.describeBytes(MAX_BYTES) + "; it was not loaded");
  }

  /** The typed error for an I/O failure reading {@code name}. */
  public static ExportParseException ioError(String name, IOException e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "file vanished or does not exist";
    } else if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else {
      reason = "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return new ExportParseException(SourceLocation.ofFile(name), Kind.IO, reason, e);
  }

  /** Closes {@code in}, ignoring failures (used after the content has been read or an error reported). */
  public static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException ignored) {
      // the result or the first error is what matters
    }
  }
}
