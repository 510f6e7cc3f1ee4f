package io.nestcheck.vsphere;

import com.vmware.vim25.ManagedObjectReference;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.bind.DatatypeConverter;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the PropertyCollector's SOAP replies ({@code RetrievePropertiesEx} and {@code ContinueRetrievePropertiesEx}:
 * {@code RetrieveResult}; {@code RetrieveProperties}: {@code ObjectContent[]}) in one streaming pass with the JDK's
 * StAX parser, into the same yavijava 6.0.05 {@code com.vmware.vim25} objects yavijava's own unmarshaller
 * ({@code XmlGenDom}: a dom4j tree of the whole reply, then {@code Class.getField} per element) builds, several
 * times faster.
 *
 * <p>Mapping (mirrors {@code XmlGenDom}, {@code TypeUtil} and {@code ReflectUtil} of the jar):
 * <ul>
 *   <li>Envelope &gt; Body &gt; the response element; each child of the response is a returned value. A single
 *       return type takes the first one; an array type takes all of them; none gives {@code null}.
 *   <li>A data object is a new instance of the class named by the element's {@code xsi:type} (resolved by namespace
 *       URI, never by prefix; a value prefix such as {@code vim25:} is ignored), else of the declared type. Each
 *       child element sets the public field of its name ({@code _int}, {@code _long}, ... for Java primitive names,
 *       as yavijava's {@code ArrayOfInt} and friends declare them). The children of an array field are collected
 *       into an array of the field's component type (yavijava only groups adjacent ones; the server always sends
 *       them adjacent).
 *   <li>A {@code xsi:type} whose prefix is bound to the XML Schema namespace ({@code xsd:string}, {@code xsd:int},
 *       ...) selects the Java type of a basic value, as yavijava's {@code ReflectUtil.setObjectField} does; without
 *       one the declared field type does.
 *   <li>Enums by constant name; {@code ManagedObjectReference} from the unqualified {@code type} attribute and the
 *       text. This differs from yavijava for a single reference value ({@code <val xsi:type=
 *       "ManagedObjectReference" type="HostSystem">}), which yavijava types {@code ManagedObjectReference}: here
 *       it is {@code HostSystem}.
 * </ul>
 *
 * <p>Tolerance, where yavijava fails the whole reply: an element with no field of that name is skipped with its
 * subtree; an {@code xsi:type} with no class in the jar (a type newer than yavijava 6.0.05) or not assignable to the
 * declared type is read as the declared type, and skipped when that is {@code Object}; a basic value without a type
 * in an {@code Object} field, an enum constant the jar does not know and a basic value that does not parse are
 * skipped. What was skipped is counted and logged once per reply at {@code FINE} (this module logs through
 * {@code java.util.logging}); it never fails the reply. Malformed XML, or a reply that is not a SOAP envelope with a
 * body, is a {@link RemoteException} naming the problem and its line and column.
 *
 * <p>Per-class metadata (constructor, fields by element name, component types, kinds) and classes by type name are
 * computed once and cached; nothing is looked up reflectively per element. Thread-safe and stateless: the one
 * {@link XMLInputFactory} is configured once and only used to create readers (the JDK's factory, with its default
 * {@code reuse-instance=false}, creates a new reader per call).
 */
final class VimReplyReader {
  private static final Logger LOG = Logger.getLogger(VimReplyReader.class.getName());
  private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
  private static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;
  private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
  private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  private static final String VIM_PACKAGE = "com.vmware.vim25.";
  private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_CACHED_MISSES = 4096;
  private static final int MAX_REASONS = 50;
  private static final int RECENT_SLOTS = 1024;
  private static final int MAX_RECENT_LENGTH = 128;

  /** Return types read here; every other one goes to yavijava. */
  private static final Map<String, Class<?>> RETURN_TYPES = Map.of(
      "RetrieveResult", com.vmware.vim25.RetrieveResult.class,
      "ObjectContent[]", com.vmware.vim25.ObjectContent.class);

  private static final XMLInputFactory FACTORY = newFactory();

  /** Marks a value that was skipped. */
  private static final Object SKIP = new Object();
  /** Marks a missing class in {@link #CLASSES}. */
  private static final Class<?> NONE = Void.class;
  private static final Map<String, Class<?>> CLASSES = new ConcurrentHashMap<>();

  private static final ClassValue<Type> TYPES = new ClassValue<>() {
    @Override
    protected Type computeValue(Class<?> c) {
      return new Type(c);
    }
  };

  private VimReplyReader() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
    f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
      throw new XMLStreamException("external resources are not allowed in a SOAP reply");
    });
    return f;
  }

  /** Whether replies of {@code returnType} (yavijava's name, e.g. {@code ObjectContent[]}) are read here. */
  static boolean handles(String returnType) {
    return returnType != null && RETURN_TYPES.containsKey(returnType);
  }

  /** The value of a reply: what yavijava's {@code unMarshall} returns for {@code returnType}. */
  static Object read(String returnType, InputStream in) throws RemoteException {
    return parse(returnType, in).value;
  }

  /** A parsed reply and what was skipped in it. */
  static final class Result {
    final Object value;
    /** Reason → count, in first-seen order (at most {@value #MAX_REASONS} reasons). */
    final Map<String, Integer> skipped;
    final int skippedTotal;

    Result(Object value, Map<String, Integer> skipped, int skippedTotal) {
      this.value = value;
      this.skipped = Collections.unmodifiableMap(skipped);
      this.skippedTotal = skippedTotal;
    }
  }

  /**
   * Parses a reply of {@code returnType} ({@link #handles} must be true).
   *
   * @throws RemoteException when the reply is not well-formed XML or not a SOAP envelope with a body, or cannot be
   *     read; the message names the problem and where it is
   */
  static Result parse(String returnType, InputStream in) throws RemoteException {
    Class<?> type = RETURN_TYPES.get(returnType);
    if (type == null) {
      throw new IllegalArgumentException("not a PropertyCollector return type: " + returnType);
    }
    boolean array = returnType.endsWith("[]");
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(in);
      Parse p = new Parse(r);
      Object value = p.reply(type, array);
      p.log(returnType);
      return new Result(value, p.skipped == null ? Map.of() : p.skipped, p.skippedTotal);
    } catch (XMLStreamException e) {
      throw new RemoteException(problem(returnType, e, r), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // the stream is closed by the caller
        }
      }
    }
  }

  private static String problem(String returnType, XMLStreamException e, XMLStreamReader r) {
    Location l = e.getLocation();
    if (l == null && r != null) {
      l = r.getLocation();
    }
    String where = l == null || l.getLineNumber() < 0 ? "" : " at line " + l.getLineNumber() + ", column "
        + l.getColumnNumber();
    Throwable nested = e.getNestedException();
    if (nested instanceof IOException) {
      return "cannot read the " + returnType + " reply" + where + ": " + nested;
    }
    String m = e.getMessage() == null ? "" : e.getMessage();
    int i = m.indexOf("Message: ");
    if (i >= 0) {
      m = m.substring(i + "Message: ".length());
    }
    return (e instanceof NotSoap ? "" : "malformed XML in ") + "the " + returnType + " reply" + where + ": "
        + m.strip();
  }

  /** A well-formed reply that is not what a SOAP call returns. */
  private static final class NotSoap extends XMLStreamException {
    private static final long serialVersionUID = 1L;

    NotSoap(String message, Location location) {
      super(message, location);
    }
  }

  /** The class {@code com.vmware.vim25.<name>} of yavijava, or {@code null}. */
  static Class<?> vimClass(String name) {
    Class<?> c = CLASSES.get(name);
    if (c == null) {
      c = NONE;
      if (TYPE_NAME.matcher(name).matches()) {
        try {
          c = Class.forName(VIM_PACKAGE + name, false, ManagedObjectReference.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          c = NONE;
        }
      }
      if (c != NONE || CLASSES.size() < MAX_CACHED_MISSES) {
        CLASSES.put(name, c);
      }
    }
    return c == NONE ? null : c;
  }

  private enum Kind { MOR, ENUM, BASIC, DATA }

  /** What the reader needs of a class, computed once. */
  private static final class Type {
    final Class<?> cls;
    final String name;
    final Kind kind;
    /** BASIC: yavijava's conversion name (the simple name). */
    final String basicName;
    /** DATA: the public no-argument constructor, or {@code null}. */
    final Constructor<?> ctor;
    /** DATA: properties by element name. */
    final Map<String, Prop> props;
    /** DATA: the array properties by slot. */
    final Prop[] arrays;
    /** ENUM: constants by name. */
    final Map<String, Object> constants;

    Type(Class<?> c) {
      cls = c;
      name = c.getSimpleName();
      basicName = c.getSimpleName();
      Map<String, Prop> ps = new HashMap<>();
      List<Prop> arrayProps = new ArrayList<>();
      Map<String, Object> cs = new HashMap<>();
      Constructor<?> k = null;
      if (c == ManagedObjectReference.class) {
        kind = Kind.MOR;
      } else if (c.isEnum()) {
        kind = Kind.ENUM;
        for (Object o : c.getEnumConstants()) {
          cs.put(((Enum<?>) o).name(), o);
        }
      } else if (basic(c)) {
        kind = Kind.BASIC;
      } else {
        kind = Kind.DATA;
        try {
          k = c.getConstructor();
          if (Modifier.isAbstract(c.getModifiers())) {
            k = null;
          } else {
            // public members of public classes: suppressing the access check changes no permission, it only
            // spares the per-call caller check (6% of a 2,000-VM read)
            k.trySetAccessible();
          }
        } catch (NoSuchMethodException | SecurityException e) {
          k = null;
        }
        Field[] fields = c.getFields();
        for (Field f : fields) {
          if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
            continue;
          }
          f.trySetAccessible();
          boolean array = f.getType().isArray();
          Prop p = new Prop(f, array ? f.getType().getComponentType() : f.getType(), array,
              array ? arrayProps.size() : -1);
          if (array) {
            arrayProps.add(p);
          }
          ps.put(f.getName(), p);
        }
        // yavijava names a field "_int" when its element is "int" (a Java keyword); accept "_x" for element "x"
        for (Field f : fields) {
          if (f.getName().length() > 1 && f.getName().charAt(0) == '_' && ps.containsKey(f.getName())) {
            ps.putIfAbsent(f.getName().substring(1), ps.get(f.getName()));
          }
        }
      }
      ctor = k;
      props = ps;
      arrays = arrayProps.toArray(new Prop[0]);
      constants = cs;
    }

    /** yavijava's {@code TypeUtil.isBasicType(Class)}: primitives and java.lang / java.util classes. */
    private static boolean basic(Class<?> c) {
      if (c.isPrimitive()) {
        return true;
      }
      if (c.isArray()) {
        return false;
      }
      String pkg = c.getPackageName();
      return pkg.equals("java.lang") || pkg.equals("java.util");
    }
  }

  /** A public field of a data object. */
  private static final class Prop {
    final Field field;
    final Class<?> component;
    final boolean array;
    final int slot;

    Prop(Field field, Class<?> component, boolean array, int slot) {
      this.field = field;
      this.component = component;
      this.array = array;
      this.slot = slot;
    }
  }

  /** The state of one reply. */
  private static final class Parse {
    final XMLStreamReader r;
    final StringBuilder text = new StringBuilder(64);
    /**
     * The last text value seen per hash slot: a reply repeats the same short texts thousands of times (device
     * labels and summaries, keys, enum names, "true"), so most values are found here instead of built again.
     */
    final String[] recent = new String[RECENT_SLOTS];
    Map<String, Integer> skipped;
    int skippedTotal;

    Parse(XMLStreamReader r) {
      this.r = r;
    }

    void skipped(String reason) {
      skippedTotal++;
      if (skipped == null) {
        skipped = new LinkedHashMap<>();
      }
      if (skipped.containsKey(reason) || skipped.size() < MAX_REASONS) {
        skipped.merge(reason, 1, Integer::sum);
      }
    }

    void log(String returnType) {
      if (skippedTotal > 0 && LOG.isLoggable(Level.FINE)) {
        StringBuilder b = new StringBuilder();
        skipped.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(" (x").append(v)
            .append(')'));
        LOG.fine(returnType + " reply: skipped " + skippedTotal + " value(s) yavijava 6.0.05 cannot map: " + b);
      }
    }

    NotSoap notSoap(String what) {
      return new NotSoap(what, r.getLocation());
    }

    /** The start of the next element child of the current element, or false at its end. */
    boolean nextChild() throws XMLStreamException {
      while (true) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          return true;
        }
        if (ev == XMLStreamConstants.END_ELEMENT) {
          return false;
        }
        if (ev == XMLStreamConstants.END_DOCUMENT) {
          throw notSoap("unexpected end of the document");
        }
      }
    }

    Object reply(Class<?> type, boolean array) throws XMLStreamException {
      int ev = r.getEventType();
      while (ev != XMLStreamConstants.START_ELEMENT) {
        if (ev == XMLStreamConstants.DTD) {
          throw notSoap("a SOAP reply must not carry a DTD");
        }
        if (ev == XMLStreamConstants.END_DOCUMENT) {
          throw notSoap("not a SOAP envelope: the reply has no element");
        }
        ev = r.next();
      }
      String soap = r.getNamespaceURI();
      if (!"Envelope".equals(r.getLocalName()) || !(SOAP11.equals(soap) || SOAP12.equals(soap))) {
        throw notSoap("not a SOAP envelope: the root element is " + qname());
      }
      Object value = null;
      boolean body = false;
      while (nextChild()) {
        if (!body && "Body".equals(r.getLocalName()) && soap.equals(r.getNamespaceURI())) {
          body = true;
          if (!nextChild()) {
            throw notSoap("the SOAP Body is empty");
          }
          if ("Fault".equals(r.getLocalName())) {
            throw notSoap("a SOAP fault where a reply was expected");
          }
          value = response(type, array);
          while (nextChild()) {
            skip();
          }
        } else {
          skip();
        }
      }
      if (!body) {
        throw notSoap("the SOAP envelope has no Body");
      }
      while (r.hasNext()) {
        r.next();
      }
      return value;
    }

    private String qname() {
      String ns = r.getNamespaceURI();
      return (ns == null || ns.isEmpty() ? "" : "{" + ns + "}") + r.getLocalName();
    }

    /** The returned values of the response element (at its start); after its end. */
    private Object response(Class<?> type, boolean array) throws XMLStreamException {
      List<Object> values = array ? new ArrayList<>() : null;
      Object single = null;
      boolean first = true;
      while (nextChild()) {
        if (!array && !first) {
          skip();
          continue;
        }
        first = false;
        Object v = value(type);
        if (v == SKIP) {
          continue;
        }
        if (array) {
          values.add(v);
        } else {
          single = v;
        }
      }
      if (!array) {
        return single;
      }
      return first ? null : values.toArray((Object[]) Array.newInstance(type, values.size()));
    }

    /** Skips the current element (at its start) with its subtree; after its end. */
    void skip() throws XMLStreamException {
      int depth = 1;
      while (depth > 0) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }

    /** The element's own text (as dom4j's {@code getText}: child elements ignored); after its end. */
    String text() throws XMLStreamException {
      StringBuilder b = text;
      b.setLength(0);
      int depth = 0;
      int chunks = 0;
      String known = null;
      while (true) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            if (depth == 0) {
              char[] cs = r.getTextCharacters();
              int start = r.getTextStart();
              int len = r.getTextLength();
              if (chunks++ == 0) {
                known = recent(cs, start, len);
              }
              b.append(cs, start, len);
            }
            break;
          case XMLStreamConstants.START_ELEMENT:
            depth++;
            break;
          case XMLStreamConstants.END_ELEMENT:
            if (depth == 0) {
              if (chunks == 1 && known != null) {
                return known;
              }
              if (chunks == 0) {
                return "";
              }
              String t = b.toString();
              if (chunks == 1 && t.length() <= MAX_RECENT_LENGTH) {
                recent[slot(t.hashCode())] = t;
              }
              return t;
            }
            depth--;
            break;
          default:
            break;
        }
      }
    }

    /** The recent text equal to {@code cs[start, start + len)}, or {@code null}. */
    private String recent(char[] cs, int start, int len) {
      if (len > MAX_RECENT_LENGTH) {
        return null;
      }
      int h = 0;
      for (int i = start, end = start + len; i < end; i++) {
        h = 31 * h + cs[i];
      }
      String last = recent[slot(h)];
      if (last == null || last.length() != len || last.hashCode() != h) {
        return null;
      }
      for (int i = 0; i < len; i++) {
        if (last.charAt(i) != cs[start + i]) {
          return null;
        }
      }
      return last;
    }

    private static int slot(int hash) {
      return (hash ^ (hash >>> 16)) & (RECENT_SLOTS - 1);
    }

    /** The {@code type} attribute without a namespace (StAX's {@code getAttributeValue(null, ..)} may match xsi). */
    private String unqualifiedType() {
      for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
        String ns = r.getAttributeNamespace(i);
        if ((ns == null || ns.isEmpty()) && "type".equals(r.getAttributeLocalName(i))) {
          return r.getAttributeValue(i);
        }
      }
      return null;
    }

    /** Whether an {@code xsi:type} prefix names the XML Schema namespace. */
    private boolean xsd(String prefix) {
      String ns = r.getNamespaceURI(prefix);
      return XSD.equals(ns) || (ns == null && "xsd".equals(prefix));
    }

    /**
     * The value of the current element (at its start) for a field or array item declared {@code declared}; after
     * its end. {@link #SKIP} when it cannot be mapped.
     */
    Object value(Class<?> declared) throws XMLStreamException {
      Type t = TYPES.get(declared);
      String basic = null;
      String xsiType = r.getAttributeValue(XSI, "type");
      if (xsiType != null) {
        int colon = xsiType.indexOf(':');
        String prefix = colon < 0 ? XMLConstants.DEFAULT_NS_PREFIX : xsiType.substring(0, colon);
        String local = xsiType.substring(colon + 1);
        if (colon >= 0 && xsd(prefix)) {
          basic = local;
        } else {
          Class<?> c = vimClass(local);
          if (c == null) {
            if (declared == Object.class) {
              skipped("value of unknown type " + local);
              skip();
              return SKIP;
            }
            skipped("unknown type " + local + " read as " + t.name);
          } else if (c != declared) {
            if (declared.isAssignableFrom(c)) {
              t = TYPES.get(c);
            } else {
              skipped("type " + local + " is not a " + t.name + ", read as " + t.name);
            }
          }
        }
      }
      switch (t.kind) {
        case MOR: {
          ManagedObjectReference m = new ManagedObjectReference();
          m.type = unqualifiedType();
          m.val = text();
          return m;
        }
        case ENUM: {
          String s = text();
          Object e = t.constants.get(s);
          if (e == null) {
            skipped("unknown " + t.name + " value " + s);
            return SKIP;
          }
          return e;
        }
        case BASIC: {
          String conversion = basic != null ? basic : t.basicName;
          String s = text();
          Object v;
          try {
            v = basicValue(conversion, s);
          } catch (IllegalArgumentException e) {
            skipped(conversion + " value that does not parse");
            return SKIP;
          }
          if (v == SKIP) {
            skipped(basic == null && declared == Object.class ? "untyped value of an Object field"
                : "value of unsupported basic type " + conversion);
          }
          return v;
        }
        default:
          if (t.ctor == null) {
            skipped("value of abstract or non-instantiable type " + t.name);
            skip();
            return SKIP;
          }
          return object(t);
      }
    }

    /** A data object of type {@code t} from the current element (at its start); after its end. */
    private Object object(Type t) throws XMLStreamException {
      Object obj;
      try {
        obj = t.ctor.newInstance();
      } catch (ReflectiveOperationException | RuntimeException e) {
        skipped("value of type " + t.name + " that cannot be created (" + e + ")");
        skip();
        return SKIP;
      }
      List<Object>[] pending = null;
      while (nextChild()) {
        String name = r.getLocalName();
        Prop p = t.props.get(name);
        if (p == null) {
          skipped("element " + t.name + "." + name + " (no such field)");
          skip();
          continue;
        }
        // byte[] items are converted together (yavijava reads them as bytes, else as one base64 text)
        Object v = p.array && p.component == byte.class ? text() : value(p.component);
        if (v == SKIP) {
          continue;
        }
        if (p.array) {
          if (pending == null) {
            @SuppressWarnings("unchecked")
            List<Object>[] lists = new List[t.arrays.length];
            pending = lists;
          }
          if (pending[p.slot] == null) {
            pending[p.slot] = new ArrayList<>();
          }
          pending[p.slot].add(v);
        } else {
          set(t, p, obj, v);
        }
      }
      if (pending != null) {
        for (int i = 0; i < pending.length; i++) {
          if (pending[i] != null) {
            Prop p = t.arrays[i];
            Object a = array(p, pending[i]);
            if (a != SKIP) {
              set(t, p, obj, a);
            }
          }
        }
      }
      return obj;
    }

    private void set(Type t, Prop p, Object obj, Object v) {
      try {
        p.field.set(obj, v);
      } catch (IllegalArgumentException | IllegalAccessException e) {
        skipped("value of " + t.name + "." + p.field.getName() + " of the wrong type "
            + (v == null ? "null" : v.getClass().getSimpleName()));
      }
    }

    private Object array(Prop p, List<Object> values) {
      Class<?> c = p.component;
      int n = values.size();
      if (c == byte.class) {
        return bytes(values);
      }
      if (c.isPrimitive()) {
        Object a = Array.newInstance(c, n);
        try {
          for (int i = 0; i < n; i++) {
            Array.set(a, i, values.get(i));
          }
        } catch (IllegalArgumentException e) {
          skipped("items of " + p.field.getDeclaringClass().getSimpleName() + "." + p.field.getName()
              + " of the wrong type");
          return SKIP;
        }
        return a;
      }
      if (c == Object.class) {
        // yavijava types such an array by its first item (String[] for xsd:string items, MOR[] for references)
        Class<?> common = values.get(0).getClass();
        for (Object v : values) {
          if (v.getClass() != common) {
            common = Object.class;
            break;
          }
        }
        c = common;
      }
      try {
        return values.toArray((Object[]) Array.newInstance(c, n));
      } catch (ArrayStoreException e) {
        skipped("items of " + p.field.getDeclaringClass().getSimpleName() + "." + p.field.getName()
            + " of the wrong type");
        return SKIP;
      }
    }

    /** yavijava's {@code ReflectUtil.toByteArray}: each item a byte, else all items together one base64 text. */
    private Object bytes(List<Object> values) {
      byte[] b = new byte[values.size()];
      try {
        for (int i = 0; i < b.length; i++) {
          b[i] = Byte.parseByte((String) values.get(i));
        }
        return b;
      } catch (NumberFormatException e) {
        StringBuilder all = new StringBuilder();
        values.forEach(v -> all.append((String) v));
        try {
          return DatatypeConverter.parseBase64Binary(all.toString());
        } catch (IllegalArgumentException bad) {
          skipped("byte[] value that does not parse");
          return SKIP;
        }
      }
    }
  }

  /**
   * yavijava's {@code ReflectUtil.setObjectField} conversions, by its type names ({@code xsd:} local names or the
   * declared class's simple name); {@link #SKIP} for a name it does not convert.
   *
   * @throws IllegalArgumentException when the text does not parse
   */
  static Object basicValue(String type, String s) {
    switch (type) {
      case "String":
      case "string":
        return s;
      case "int":
      case "Integer":
        return Integer.valueOf(s);
      case "short":
      case "Short":
        return Short.valueOf(s);
      case "byte":
      case "Byte":
        return Byte.valueOf(s);
      case "long":
      case "Long":
        return Long.valueOf(s);
      case "float":
      case "Float":
        return Float.valueOf(s);
      case "double":
      case "Double":
        return Double.valueOf(s);
      case "boolean":
      case "Boolean":
        return Boolean.valueOf(s);
      case "Calendar":
      case "dateTime":
        return DatatypeConverter.parseTime(s);
      case "base64Binary":
        return DatatypeConverter.parseBase64Binary(s);
      default:
        return SKIP;
    }
  }
}
