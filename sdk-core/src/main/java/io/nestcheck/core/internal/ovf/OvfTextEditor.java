package io.nestcheck.core.internal.ovf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Collects minimal text edits of one {@link OvfDocument} and applies them at once: replace an attribute value or an
 * element's text, add an attribute, insert an element on a new line next to a sibling (with the sibling's
 * indentation and the line ending that follows it), remove an element with its whole line(s). Every character not
 * inside an edit is kept, so prefixes, attribute order, quoting, comments, whitespace, line endings and the XML
 * declaration stay as written. Not thread-safe; the document is never modified.
 */
final class OvfTextEditor {
  private record Edit(int start, int end, String replacement, int order) {}

  private final OvfDocument doc;
  private final String text;
  private final List<Edit> edits = new ArrayList<>();

  OvfTextEditor(OvfDocument doc) {
    this.doc = Objects.requireNonNull(doc, "doc");
    this.text = doc.text();
  }

  boolean isEmpty() {
    return edits.isEmpty();
  }

  /** The text with every edit applied; edits must not overlap (zero-length insertions may touch a range). */
  String apply() {
    List<Edit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::order));
    StringBuilder sb = new StringBuilder(text.length() + 256);
    int at = 0;
    for (Edit e : sorted) {
      if (e.start < at) {
        throw new IllegalStateException("overlapping edits at offset " + e.start);
      }
      sb.append(text, at, e.start).append(e.replacement);
      at = e.end;
    }
    sb.append(text, at, text.length());
    return sb.toString();
  }

  private void add(int start, int end, String replacement) {
    if (start < 0 || end < start || end > text.length()) {
      throw new IllegalArgumentException("bad edit range " + start + ".." + end);
    }
    edits.add(new Edit(start, end, replacement, edits.size()));
  }

  // ------------------------------------------------------------------------------------------------ values

  /** Replaces the value of {@code a} (decoded {@code value}), escaped for its quote character. */
  void setAttribute(XmlSpans.Attr a, String value) {
    add(a.valueStart, a.valueEnd, escapeAttribute(value, a.quote));
  }

  /** Adds {@code qname="value"} after the last attribute of {@code e}'s start tag (or after its name). */
  void addAttribute(XmlSpans.Node e, String qname, String value) {
    int at = e.attributes.isEmpty() ? e.start + 1 + e.qname.length()
        : e.attributes.get(e.attributes.size() - 1).valueEnd + 1;
    add(at, at, " " + qname + "=\"" + escapeAttribute(value, '"') + "\"");
  }

  /**
   * Replaces the text of {@code e} with {@code value}, keeping the whitespace around the old text.
   *
   * @return empty when done; the reason when the element cannot be edited as text (it holds markup or is empty)
   */
  Optional<String> setText(XmlSpans.Node e, String value) {
    if (e.selfClosing) {
      return Optional.of("<" + e.qname + "/> has no text to change");
    }
    String content = text.substring(e.startTagEnd, e.endTagStart);
    if (content.indexOf('<') >= 0) {
      return Optional.of("<" + e.qname + "> holds comments or markup, which are not edited");
    }
    int s = 0;
    int t = content.length();
    while (s < t && isSpace(content.charAt(s))) {
      s++;
    }
    while (t > s && isSpace(content.charAt(t - 1))) {
      t--;
    }
    if (s == t) {
      s = 0;
      t = content.length();
    }
    add(e.startTagEnd + s, e.startTagEnd + t, escapeText(value));
    return Optional.empty();
  }

  /**
   * Replaces the first {@code oldPrefix.length()} characters of {@code e}'s raw text (after leading whitespace)
   * with {@code newPrefix}, which is written as is (already escaped); nothing when the raw text does not start so.
   */
  void replaceRawPrefix(XmlSpans.Node e, String oldPrefix, String newPrefix) {
    if (e.selfClosing) {
      return;
    }
    int s = e.startTagEnd;
    while (s < e.endTagStart && isSpace(text.charAt(s))) {
      s++;
    }
    if (text.startsWith(oldPrefix, s) && s + oldPrefix.length() <= e.endTagStart) {
      add(s, s + oldPrefix.length(), newPrefix);
    }
  }

  /** The raw (undecoded) text of {@code e}, without surrounding whitespace. */
  String rawText(XmlSpans.Node e) {
    return e.selfClosing ? "" : text.substring(e.startTagEnd, e.endTagStart).strip();
  }

  /** The characters of {@code e}'s start tag as written. */
  String startTag(XmlSpans.Node e) {
    return text.substring(e.start, e.startTagEnd);
  }

  // ------------------------------------------------------------------------------------------------ elements

  /** Inserts {@code markup} as a new line after {@code sibling}'s line, with its indentation. */
  void insertAfter(XmlSpans.Node sibling, String markup) {
    int lineEnd = lineEnd(sibling.end);
    if (onlySpace(sibling.end, lineEnd)) {
      String nl = terminatorAt(lineEnd);
      if (nl.isEmpty()) {
        nl = dominantTerminator();
      }
      add(lineEnd, lineEnd, nl + indentation(sibling) + markup);
    } else {
      add(sibling.end, sibling.end, markup);
    }
  }

  /** Inserts {@code markup} as a new line before {@code sibling}'s line, with its indentation. */
  void insertBefore(XmlSpans.Node sibling, String markup) {
    int lineStart = lineStart(sibling.start);
    if (onlySpace(lineStart, sibling.start)) {
      String nl = terminatorAt(lineEnd(sibling.start));
      if (nl.isEmpty()) {
        nl = dominantTerminator();
      }
      add(lineStart, lineStart, indentation(sibling) + markup + nl);
    } else {
      add(sibling.start, sibling.start, markup);
    }
  }

  /**
   * Removes {@code e}: its whole lines when nothing but whitespace shares them, else exactly the element.
   */
  void remove(XmlSpans.Node e) {
    int lineStart = lineStart(e.start);
    int lineEnd = lineEnd(e.end);
    if (onlySpace(lineStart, e.start) && onlySpace(e.end, lineEnd)) {
      String nl = terminatorAt(lineEnd);
      if (!nl.isEmpty()) {
        add(lineStart, lineEnd + nl.length(), "");
      } else if (lineStart > 0) {
        // the last line has no terminator: take the one before it instead
        int before = lineStart - 1;
        if (before > 0 && text.charAt(before) == '\n' && text.charAt(before - 1) == '\r') {
          before--;
        }
        add(before, lineEnd, "");
      } else {
        add(e.start, e.end, "");
      }
    } else {
      add(e.start, e.end, "");
    }
  }

  /** The whitespace before {@code e} on its line, or {@code ""} when other text precedes it. */
  String indentation(XmlSpans.Node e) {
    int lineStart = lineStart(e.start);
    return onlySpace(lineStart, e.start) ? text.substring(lineStart, e.start) : "";
  }

  // ------------------------------------------------------------------------------------------------ lines

  private int lineStart(int offset) {
    int i = offset;
    while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
      i--;
    }
    return i;
  }

  private int lineEnd(int offset) {
    int i = offset;
    while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  private String terminatorAt(int i) {
    if (i >= text.length()) {
      return "";
    }
    if (text.charAt(i) == '\r') {
      return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
    }
    return "\n";
  }

  private String dominantTerminator() {
    int crlf = 0;
    int lf = 0;
    int cr = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          crlf++;
          i++;
        } else {
          cr++;
        }
      } else if (c == '\n') {
        lf++;
      }
    }
    if (crlf > lf && crlf >= cr) {
      return "\r\n";
    }
    return cr > lf ? "\r" : "\n";
  }

  private boolean onlySpace(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  // ------------------------------------------------------------------------------------------------ escaping

  /** {@code value} escaped for an attribute delimited by {@code quote}, in the document's charset. */
  String escapeAttribute(String value, char quote) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    value.codePoints().forEach(cp -> {
      switch (cp) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '"':
          sb.append(quote == '"' ? "&quot;" : "\"");
          break;
        case '\'':
          sb.append(quote == '\'' ? "&apos;" : "'");
          break;
        case '\t':
          sb.append("&#9;");
          break;
        case '\n':
          sb.append("&#10;");
          break;
        case '\r':
          sb.append("&#13;");
          break;
        default:
          appendEncodable(sb, cp);
          break;
      }
    });
    return sb.toString();
  }

  /** {@code value} escaped for element content, in the document's charset. */
  String escapeText(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    value.codePoints().forEach(cp -> {
      switch (cp) {
        case '&':
          sb.append("&amp;");
          break;
        case '<':
          sb.append("&lt;");
          break;
        case '>':
          sb.append("&gt;");
          break;
        case '\r':
          sb.append("&#13;");
          break;
        default:
          appendEncodable(sb, cp);
          break;
      }
    });
    return sb.toString();
  }

  private void appendEncodable(StringBuilder sb, int cp) {
    if (doc.canEncode(cp)) {
      sb.appendCodePoint(cp);
    } else {
      sb.append("&#x").append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)).append(';');
    }
  }
}
