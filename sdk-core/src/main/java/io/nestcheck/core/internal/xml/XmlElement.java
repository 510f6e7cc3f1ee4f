package io.nestcheck.core.internal.xml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One element of a document parsed by {@link SafeXml}: its namespace and local name, its attributes in source
 * order, the character data directly inside it, its child elements in document order, and where it is.
 *
 * <p>Contract: immutable, never {@code null} anywhere ({@code ""} for "no namespace" and "no text"). {@link #line()}
 * and {@link #column()} are the 1-based position the StAX parser reports for the start tag, which is the end of the
 * start tag ({@code >}); {@code 0} when unknown. Lookups by local name ignore the namespace: callers that care
 * compare {@link #namespace()} themselves.
 */
public final class XmlElement {
  private final String namespace;
  private final String localName;
  private final List<XmlAttribute> attributes;
  private final String text;
  private final List<XmlElement> children;
  private final int line;
  private final int column;

  XmlElement(String namespace, String localName, List<XmlAttribute> attributes, String text,
      List<XmlElement> children, int line, int column) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.localName = Objects.requireNonNull(localName, "localName");
    this.attributes = Collections.unmodifiableList(attributes);
    this.text = Objects.requireNonNull(text, "text");
    this.children = Collections.unmodifiableList(children);
    this.line = Math.max(0, line);
    this.column = Math.max(0, column);
  }

  /** The namespace URI, {@code ""} for none. */
  public String namespace() {
    return namespace;
  }

  /** The local name. */
  public String localName() {
    return localName;
  }

  /** The attributes in source order. */
  public List<XmlAttribute> attributes() {
    return attributes;
  }

  /** The character data directly inside this element (not inside its children), as written. */
  public String text() {
    return text;
  }

  /** {@link #text()} without leading and trailing whitespace. */
  public String trimmedText() {
    return text.strip();
  }

  /** The child elements in document order. */
  public List<XmlElement> children() {
    return children;
  }

  /** The 1-based line of the start tag, {@code 0} when unknown. */
  public int line() {
    return line;
  }

  /** The 1-based column of the end of the start tag, {@code 0} when unknown. */
  public int column() {
    return column;
  }

  /** Whether the local name is {@code name} (case-sensitive). */
  public boolean is(String name) {
    return localName.equals(name);
  }

  /** The children whose local name is {@code name}, any namespace, in document order. */
  public List<XmlElement> children(String name) {
    List<XmlElement> out = new ArrayList<>();
    for (XmlElement c : children) {
      if (c.localName.equals(name)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The first child whose local name is {@code name}, any namespace. */
  public Optional<XmlElement> child(String name) {
    for (XmlElement c : children) {
      if (c.localName.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The trimmed text of the first child named {@code name}, when that child exists and its text is not blank. */
  public Optional<String> childText(String name) {
    return child(name).map(XmlElement::trimmedText).filter(s -> !s.isEmpty());
  }

  /** The value of the first attribute whose local name is {@code name}, in any namespace or none. */
  public Optional<String> attribute(String name) {
    for (XmlAttribute a : attributes) {
      if (a.localName().equals(name)) {
        return Optional.of(a.value());
      }
    }
    return Optional.empty();
  }

  /** The value of the attribute {@code name} in namespace {@code ns} ({@code ""} for none). */
  public Optional<String> attribute(String ns, String name) {
    for (XmlAttribute a : attributes) {
      if (a.localName().equals(name) && a.namespace().equals(ns)) {
        return Optional.of(a.value());
      }
    }
    return Optional.empty();
  }

  /** Visits this element and every descendant, depth first, in document order. */
  public void forEachDescendant(Consumer<XmlElement> visitor) {
    // Iterative, so that deep documents cannot overflow the stack.
    List<XmlElement> stack = new ArrayList<>();
    stack.add(this);
    while (!stack.isEmpty()) {
      XmlElement e = stack.remove(stack.size() - 1);
      visitor.accept(e);
      for (int i = e.children.size() - 1; i >= 0; i--) {
        stack.add(e.children.get(i));
      }
    }
  }

  /** {@code {namespace}localName@line}, for debugging. */
  @Override
  public String toString() {
    return (namespace.isEmpty() ? "" : "{" + namespace + "}") + localName + "@" + line;
  }

  /**
   * One attribute.
   *
   * @param namespace the namespace URI, {@code ""} for none
   * @param localName the local name
   * @param value the normalized value
   */
  public record XmlAttribute(String namespace, String localName, String value) {
    /** Checks that no component is {@code null}. */
    public XmlAttribute {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(localName, "localName");
      Objects.requireNonNull(value, "value");
    }
  }
}
