package io.nestcheck.core.internal.ovf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lexical scan of an XML document that has already been parsed (and so checked to be well-formed and free of
 * DTDs) by {@link io.nestcheck.core.internal.xml.SafeXml}: every element with the exact character offsets of its
 * start tag, end tag and attribute values, the prefixes as written and the namespaces they resolve to. The OVF
 * writer uses the offsets to splice minimal edits into the original text; it pairs each scanned element with the
 * parser's element (same document order), so decisions are made on the parser's decoded values and edits on the
 * text as written.
 *
 * <p>Contract: offsets index the decoded text; nothing is decoded or normalised (attribute values and text are
 * spans of the original). A document the scanner does not understand (which a well-formed document is not) gives
 * an {@link IllegalArgumentException}; the scan never loops or recurses without bound (it is iterative).
 */
final class XmlSpans {
  static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
  static final String XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";

  private XmlSpans() {}

  /** One attribute as written. */
  static final class Attr {
    final String qname;
    final String prefix;
    final String localName;
    /** The namespace URI, {@code ""} for none (unprefixed attributes are in no namespace). */
    String namespace = "";
    final int nameStart;
    /** The offset of the first character of the value (after the opening quote). */
    final int valueStart;
    /** The offset of the closing quote. */
    final int valueEnd;
    final char quote;

    Attr(String qname, int nameStart, int valueStart, int valueEnd, char quote) {
      this.qname = qname;
      int colon = qname.indexOf(':');
      this.prefix = colon < 0 ? "" : qname.substring(0, colon);
      this.localName = colon < 0 ? qname : qname.substring(colon + 1);
      this.nameStart = nameStart;
      this.valueStart = valueStart;
      this.valueEnd = valueEnd;
      this.quote = quote;
    }

    boolean isNamespaceDeclaration() {
      return qname.equals("xmlns") || prefix.equals("xmlns");
    }
  }

  /** One element as written. */
  static final class Node {
    final String qname;
    final String prefix;
    final String localName;
    String namespace = "";
    /** The offset of {@code <}. */
    final int start;
    /** The offset just after the {@code >} of the start tag. */
    int startTagEnd;
    boolean selfClosing;
    /** The offset of {@code </} of the end tag; {@link #startTagEnd} for an empty-element tag. */
    int endTagStart;
    /** The offset just after the element ({@code >} of the end tag, or of the empty-element tag). */
    int end;
    final List<Attr> attributes = new ArrayList<>();
    final List<Node> children = new ArrayList<>();
    final Node parent;
    /** Prefix ({@code ""} for the default namespace) to URI in scope at this element, its own declarations included. */
    Map<String, String> scope = Map.of();

    Node(String qname, int start, Node parent) {
      this.qname = qname;
      int colon = qname.indexOf(':');
      this.prefix = colon < 0 ? "" : qname.substring(0, colon);
      this.localName = colon < 0 ? qname : qname.substring(colon + 1);
      this.start = start;
      this.parent = parent;
    }

    /** The attribute whose local name is {@code localName} in {@code namespace} ({@code ""} for none). */
    Optional<Attr> attribute(String namespace, String localName) {
      for (Attr a : attributes) {
        if (a.localName.equals(localName) && a.namespace.equals(namespace) && !a.isNamespaceDeclaration()) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }

    /** A prefix bound to {@code uri} in scope here (not the default namespace), preferring {@code preferred}. */
    Optional<String> prefixFor(String uri, String preferred) {
      if (uri.equals(scope.get(preferred)) && !preferred.isEmpty()) {
        return Optional.of(preferred);
      }
      List<String> candidates = new ArrayList<>();
      for (Map.Entry<String, String> e : scope.entrySet()) {
        if (!e.getKey().isEmpty() && e.getValue().equals(uri)) {
          candidates.add(e.getKey());
        }
      }
      Collections.sort(candidates);
      return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    @Override
    public String toString() {
      return qname + "@" + start;
    }
  }

  /**
   * Scans {@code text}.
   *
   * @return the root element
   * @throws IllegalArgumentException if the text is not a well-formed document as far as the scanner can tell
   */
  static Node scan(String text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    int i = 0;
    Node root = null;
    Node current = null;
    while (i < n) {
      int lt = text.indexOf('<', i);
      if (lt < 0) {
        break;
      }
      if (text.startsWith("<!--", lt)) {
        i = after(text, "-->", lt + 4);
      } else if (text.startsWith("<![CDATA[", lt)) {
        i = after(text, "]]>", lt + 9);
      } else if (text.startsWith("<?", lt)) {
        i = after(text, "?>", lt + 2);
      } else if (text.startsWith("<!", lt)) {
        i = skipDeclaration(text, lt);
      } else if (text.startsWith("</", lt)) {
        int gt = text.indexOf('>', lt);
        if (gt < 0 || current == null) {
          throw new IllegalArgumentException("unbalanced end tag at offset " + lt);
        }
        String name = text.substring(lt + 2, gt).strip();
        if (!name.equals(current.qname)) {
          throw new IllegalArgumentException("end tag </" + name + "> does not close <" + current.qname + ">");
        }
        current.endTagStart = lt;
        current.end = gt + 1;
        current = current.parent;
        i = gt + 1;
      } else {
        Node node = startTag(text, lt, current);
        if (current == null) {
          if (root != null) {
            throw new IllegalArgumentException("a second root element at offset " + lt);
          }
          root = node;
        } else {
          current.children.add(node);
        }
        if (!node.selfClosing) {
          current = node;
        }
        i = node.startTagEnd;
      }
    }
    if (root == null || current != null) {
      throw new IllegalArgumentException("the document has no complete root element");
    }
    return root;
  }

  private static int after(String text, String terminator, int from) {
    int at = text.indexOf(terminator, from);
    if (at < 0) {
      throw new IllegalArgumentException("unterminated markup at offset " + from);
    }
    return at + terminator.length();
  }

  /** Skips {@code <!DOCTYPE ...>} (with an internal subset); never seen after SafeXml, kept for robustness. */
  private static int skipDeclaration(String text, int lt) {
    int depth = 0;
    char quote = 0;
    for (int j = lt + 2; j < text.length(); j++) {
      char c = text.charAt(j);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == '>' && depth <= 0) {
        return j + 1;
      }
    }
    throw new IllegalArgumentException("unterminated declaration at offset " + lt);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static Node startTag(String text, int lt, Node parent) {
    int n = text.length();
    int j = lt + 1;
    int nameStart = j;
    while (j < n && !isSpace(text.charAt(j)) && text.charAt(j) != '/' && text.charAt(j) != '>') {
      j++;
    }
    if (j == nameStart) {
      throw new IllegalArgumentException("an element without a name at offset " + lt);
    }
    Node node = new Node(text.substring(nameStart, j), lt, parent);
    while (true) {
      while (j < n && isSpace(text.charAt(j))) {
        j++;
      }
      if (j >= n) {
        throw new IllegalArgumentException("unterminated start tag at offset " + lt);
      }
      char c = text.charAt(j);
      if (c == '>') {
        node.startTagEnd = j + 1;
        break;
      }
      if (c == '/') {
        if (j + 1 >= n || text.charAt(j + 1) != '>') {
          throw new IllegalArgumentException("malformed empty-element tag at offset " + lt);
        }
        node.startTagEnd = j + 2;
        node.selfClosing = true;
        node.endTagStart = node.startTagEnd;
        node.end = node.startTagEnd;
        break;
      }
      int attrStart = j;
      while (j < n && !isSpace(text.charAt(j)) && text.charAt(j) != '=') {
        j++;
      }
      String attrName = text.substring(attrStart, j);
      while (j < n && isSpace(text.charAt(j))) {
        j++;
      }
      if (j >= n || text.charAt(j) != '=') {
        throw new IllegalArgumentException("an attribute without a value at offset " + attrStart);
      }
      j++;
      while (j < n && isSpace(text.charAt(j))) {
        j++;
      }
      if (j >= n || (text.charAt(j) != '"' && text.charAt(j) != '\'')) {
        throw new IllegalArgumentException("an unquoted attribute value at offset " + j);
      }
      char quote = text.charAt(j);
      int close = text.indexOf(quote, j + 1);
      if (close < 0) {
        throw new IllegalArgumentException("an unterminated attribute value at offset " + j);
      }
      node.attributes.add(new Attr(attrName, attrStart, j + 1, close, quote));
      j = close + 1;
    }
    resolve(text, node);
    return node;
  }

  private static void resolve(String text, Node node) {
    Map<String, String> inherited = node.parent == null ? Map.of() : node.parent.scope;
    Map<String, String> scope = inherited;
    for (Attr a : node.attributes) {
      if (a.isNamespaceDeclaration()) {
        if (scope == inherited) {
          scope = new HashMap<>(inherited);
        }
        String prefix = a.qname.equals("xmlns") ? "" : a.localName;
        scope.put(prefix, decodeValue(text.substring(a.valueStart, a.valueEnd)));
      }
    }
    node.scope = scope;
    node.namespace = lookup(scope, node.prefix, node.qname);
    for (Attr a : node.attributes) {
      if (a.isNamespaceDeclaration()) {
        a.namespace = XMLNS_NAMESPACE;
      } else if (!a.prefix.isEmpty()) {
        a.namespace = lookup(scope, a.prefix, a.qname);
      }
    }
  }

  private static String lookup(Map<String, String> scope, String prefix, String qname) {
    if (prefix.equals("xml")) {
      return XML_NAMESPACE;
    }
    String uri = scope.get(prefix);
    if (uri == null) {
      if (prefix.isEmpty()) {
        return "";
      }
      throw new IllegalArgumentException("the prefix of " + qname + " is not declared");
    }
    return uri;
  }

  /** Decodes the five predefined entities and character references of a namespace URI. */
  static String decodeValue(String raw) {
    if (raw.indexOf('&') < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      int semi = c == '&' ? raw.indexOf(';', i) : -1;
      if (semi < 0) {
        sb.append(c);
        i++;
        continue;
      }
      String ref = raw.substring(i + 1, semi);
      switch (ref) {
        case "amp":
          sb.append('&');
          break;
        case "lt":
          sb.append('<');
          break;
        case "gt":
          sb.append('>');
          break;
        case "quot":
          sb.append('"');
          break;
        case "apos":
          sb.append('\'');
          break;
        default:
          if (ref.startsWith("#x") || ref.startsWith("#X")) {
            sb.appendCodePoint(Integer.parseInt(ref.substring(2), 16));
          } else if (ref.startsWith("#")) {
            sb.appendCodePoint(Integer.parseInt(ref.substring(1)));
          } else {
            sb.append(raw, i, semi + 1);
          }
          break;
      }
      i = semi + 1;
    }
    return sb.toString();
  }
}
