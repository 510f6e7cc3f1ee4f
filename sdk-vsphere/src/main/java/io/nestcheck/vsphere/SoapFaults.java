package io.nestcheck.vsphere;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.MethodFault;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.rmi.RemoteException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Turns a SOAP fault reply into the typed yavijava fault ({@code NotAuthenticated}, {@code ConcurrentAccess}, ...).
 *
 * <p>yavijava 6.0.05 cannot do it on Java 9+: {@code XmlGenDom.setDetailMessageInException} makes {@code
 * Throwable.detailMessage} accessible by reflection, which the module system refuses ({@code
 * InaccessibleObjectException}), so every SOAP fault surfaces as "Could not map the soap fault". This parser
 * instantiates the fault class named by the detail's {@code xsi:type}, fills its public simple fields (strings,
 * numbers, booleans, enums, managed object references) and keeps the {@code faultstring} in {@link
 * #serverMessage}.
 */
final class SoapFaults {
  private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
  private static final String VIM_PACKAGE = "com.vmware.vim25.";

  private SoapFaults() {}

  /** The server's {@code faultstring}, carried as the fault's {@code detail}. */
  static final class ServerMessage extends Exception {
    private static final long serialVersionUID = 1L;

    ServerMessage(String message) {
      super(message, null, false, false);
    }
  }

  /** The server's message of a fault parsed here, or {@code null}. */
  static String serverMessage(MethodFault f) {
    return f.detail instanceof ServerMessage ? f.detail.getMessage() : null;
  }

  /** Whether the head of a reply is a SOAP fault (the Body's first element is {@code Fault}). */
  static boolean isFault(String head) {
    int body = head.indexOf("Body");
    if (body < 0) {
      return false;
    }
    int lt = head.indexOf('<', head.indexOf('>', body) + 1);
    if (lt < 0) {
      return false;
    }
    int end = lt + 1;
    while (end < head.length() && !Character.isWhitespace(head.charAt(end)) && head.charAt(end) != '>'
        && head.charAt(end) != '/') {
      end++;
    }
    String name = head.substring(lt + 1, end);
    return name.equals("Fault") || name.endsWith(":Fault");
  }

  /** Parses a SOAP fault reply. */
  static RemoteException parse(byte[] reply) {
    Element fault;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      Element env = b.parse(new ByteArrayInputStream(reply)).getDocumentElement();
      Element body = child(env, "Body");
      fault = body == null ? null : child(body, "Fault");
    } catch (Exception e) {
      return new RemoteException("cannot parse the SOAP fault reply: " + e.getMessage(), e);
    }
    if (fault == null) {
      return new RemoteException("a SOAP fault reply without a Fault element");
    }
    String faultString = text(child(fault, "faultstring"));
    Element detail = child(fault, "detail");
    Element typed = detail == null ? null : firstElement(detail);
    String type = typed == null ? null : typed.getAttributeNS(XSI, "type");
    if (type != null && type.contains(":")) {
      type = type.substring(type.indexOf(':') + 1);
    }
    if (type == null || type.isEmpty()) {
      return new RemoteException(faultString == null || faultString.isEmpty() ? "SOAP fault" : faultString);
    }
    MethodFault mf = instantiate(type);
    if (mf == null) {
      com.vmware.vim25.RuntimeFault rf = new com.vmware.vim25.RuntimeFault();
      rf.detail = new ServerMessage(type + (faultString == null || faultString.isEmpty() ? "" : ": " + faultString));
      return rf;
    }
    fill(mf, typed);
    if (faultString != null && !faultString.isBlank()) {
      mf.detail = new ServerMessage(faultString.strip());
    }
    return mf;
  }

  private static MethodFault instantiate(String type) {
    if (!type.matches("[A-Za-z0-9_]+")) {
      return null;
    }
    try {
      Class<?> c = Class.forName(VIM_PACKAGE + type, false, SoapFaults.class.getClassLoader());
      if (!MethodFault.class.isAssignableFrom(c)) {
        return null;
      }
      return (MethodFault) c.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }

  /** Fills the fault's public simple fields from the child elements with the same names. */
  private static void fill(MethodFault f, Element e) {
    for (Class<?> c = f.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        int m = field.getModifiers();
        if (!Modifier.isPublic(m) || Modifier.isStatic(m) || Modifier.isFinal(m)) {
          continue;
        }
        Element v = child(e, field.getName());
        if (v == null) {
          continue;
        }
        try {
          Object value = convert(field.getType(), v);
          if (value != null) {
            field.set(f, value);
          }
        } catch (IllegalAccessException | IllegalArgumentException ignored) {
          // best effort: the fault type is what matters
        }
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object convert(Class<?> type, Element v) {
    String s = text(v);
    try {
      if (type == String.class) {
        return s;
      }
      if (type == ManagedObjectReference.class) {
        ManagedObjectReference r = new ManagedObjectReference();
        r.setType(v.getAttribute("type"));
        r.setVal(s);
        return r;
      }
      if (s == null) {
        return null;
      }
      if (type == Boolean.class || type == boolean.class) {
        return Boolean.valueOf(s.strip());
      }
      if (type == Integer.class || type == int.class) {
        return Integer.valueOf(s.strip());
      }
      if (type == Long.class || type == long.class) {
        return Long.valueOf(s.strip());
      }
      if (type == Short.class || type == short.class) {
        return Short.valueOf(s.strip());
      }
      if (type.isEnum()) {
        return Enum.valueOf((Class<? extends Enum>) type, s.strip());
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  private static Element child(Element parent, String localName) {
    NodeList nl = parent.getChildNodes();
    for (int i = 0; i < nl.getLength(); i++) {
      Node n = nl.item(i);
      if (n instanceof Element && localName.equals(localName((Element) n))) {
        return (Element) n;
      }
    }
    return null;
  }

  private static Element firstElement(Element parent) {
    NodeList nl = parent.getChildNodes();
    for (int i = 0; i < nl.getLength(); i++) {
      if (nl.item(i) instanceof Element) {
        return (Element) nl.item(i);
      }
    }
    return null;
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }

  private static String text(Element e) {
    return e == null ? null : e.getTextContent();
  }
}
