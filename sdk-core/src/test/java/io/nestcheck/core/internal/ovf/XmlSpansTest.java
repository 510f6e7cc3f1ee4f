package io.nestcheck.core.internal.ovf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link XmlSpans}: offsets of elements and attribute values, namespaces as declared, markup that is skipped. */
class XmlSpansTest {

  @Test
  void locatesElementsAttributesAndTextExactly() {
    String text = "<?xml version=\"1.0\"?>\n<!-- a <comment> -->\n"
        + "<r xmlns=\"urn:d\" xmlns:p='urn:p'>\n"
        + "  <p:a p:k=\"v&quot;>\" q='x'/>\n"
        + "  <b><![CDATA[<not-an-element/>]]>text<?pi <x/> ?></b>\n"
        + "</r>\n";
    XmlSpans.Node r = XmlSpans.scan(text);
    assertThat(r.qname).isEqualTo("r");
    assertThat(r.namespace).isEqualTo("urn:d");
    assertThat(r.children).hasSize(2);
    XmlSpans.Node a = r.children.get(0);
    assertThat(a.namespace).isEqualTo("urn:p");
    assertThat(a.localName).isEqualTo("a");
    assertThat(a.selfClosing).isTrue();
    assertThat(text.substring(a.start, a.end)).isEqualTo("<p:a p:k=\"v&quot;>\" q='x'/>");
    XmlSpans.Attr k = a.attribute("urn:p", "k").orElseThrow();
    assertThat(text.substring(k.valueStart, k.valueEnd)).isEqualTo("v&quot;>");
    assertThat(k.quote).isEqualTo('"');
    XmlSpans.Attr q = a.attribute("", "q").orElseThrow();
    assertThat(q.quote).isEqualTo('\'');
    XmlSpans.Node b = r.children.get(1);
    assertThat(b.children).isEmpty();
    assertThat(text.substring(b.startTagEnd, b.endTagStart)).isEqualTo("<![CDATA[<not-an-element/>]]>text<?pi <x/> ?>");
    assertThat(text.substring(r.endTagStart, r.end)).isEqualTo("</r>");
  }

  @Test
  void prefixesResolveInScopeAndCanBeLookedUp() {
    String text = "<a xmlns:v=\"urn:v\"><b xmlns:w=\"urn:v\" xmlns:v=\"urn:other\"><c/></b><d/></a>";
    XmlSpans.Node a = XmlSpans.scan(text);
    XmlSpans.Node c = a.children.get(0).children.get(0);
    assertThat(c.prefixFor("urn:v", "v")).hasValue("w");
    assertThat(a.children.get(1).prefixFor("urn:v", "v")).hasValue("v");
    assertThat(a.children.get(1).prefixFor("urn:none", "v")).isEmpty();
  }

  @Test
  void refusesWhatIsNotWellFormed() {
    assertThatThrownBy(() -> XmlSpans.scan("<a><b></a>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XmlSpans.scan("<a x=1/>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XmlSpans.scan("<a>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XmlSpans.scan("<u:a/>")).isInstanceOf(IllegalArgumentException.class);
  }
}
