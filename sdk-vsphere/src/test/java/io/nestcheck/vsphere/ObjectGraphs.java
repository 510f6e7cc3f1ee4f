package io.nestcheck.vsphere;

import com.vmware.vim25.ManagedObjectReference;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

/**
 * Compares the vim25 object graph yavijava's own unmarshaller builds with the one {@link VimReplyReader} builds:
 * public fields and array items, recursively, by value. The single normalization is the one deliberate difference:
 * where yavijava types a reference {@code ManagedObjectReference} (a single reference value, see {@code
 * Props.mor(path, type)}), the reader's type (read from the {@code type} attribute) is accepted.
 */
final class ObjectGraphs {
  private static final int MAX_DIFFERENCES = 20;

  final List<String> differences = new ArrayList<>();
  /** Values compared (leaves, objects and arrays). */
  int compared;
  /** References where yavijava said {@code ManagedObjectReference} and the reader the real type. */
  int morTypesNormalized;

  /** Parses a reply as yavijava 6.0.05 does ({@code XmlGenDom.fromXML}, the path behind {@code WSClient}). */
  static Object yavijava(String returnType, byte[] reply) throws Exception {
    Class<?> c = Class.forName("com.vmware.vim25.ws.XmlGenDom");
    Constructor<?> k = c.getDeclaredConstructor();
    k.setAccessible(true);
    Method m = c.getDeclaredMethod("fromXML", String.class, InputStream.class);
    m.setAccessible(true);
    try {
      return m.invoke(k.newInstance(), returnType, new ByteArrayInputStream(reply));
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  /** Compares yavijava's graph with the reader's; the differences (at most 20) land in {@link #differences}. */
  static ObjectGraphs compare(Object yavijava, Object ours) {
    ObjectGraphs g = new ObjectGraphs();
    g.walk("", yavijava, ours);
    return g;
  }

  private void differ(String path, String what) {
    if (differences.size() < MAX_DIFFERENCES) {
      differences.add((path.isEmpty() ? "<root>" : path) + ": " + what);
    }
  }

  private void walk(String path, Object y, Object o) {
    compared++;
    if (y == null || o == null) {
      if (y != o) {
        differ(path, "yavijava " + y + ", reader " + o);
      }
      return;
    }
    Class<?> c = y.getClass();
    if (c != o.getClass()) {
      differ(path, "yavijava " + c.getName() + ", reader " + o.getClass().getName());
      return;
    }
    if (c.isArray()) {
      int n = Array.getLength(y);
      if (n != Array.getLength(o)) {
        differ(path, "yavijava " + n + " items, reader " + Array.getLength(o));
        return;
      }
      for (int i = 0; i < n; i++) {
        walk(path + "[" + i + "]", Array.get(y, i), Array.get(o, i));
      }
      return;
    }
    if (y instanceof ManagedObjectReference) {
      ManagedObjectReference a = (ManagedObjectReference) y;
      ManagedObjectReference b = (ManagedObjectReference) o;
      if (!a.val.equals(b.val)) {
        differ(path, "reference yavijava " + a.val + ", reader " + b.val);
      }
      if (!java.util.Objects.equals(a.type, b.type)) {
        if ("ManagedObjectReference".equals(a.type) && b.type != null && !b.type.isEmpty()) {
          morTypesNormalized++;
        } else {
          differ(path, "reference type yavijava " + a.type + ", reader " + b.type);
        }
      }
      return;
    }
    if (y instanceof Calendar) {
      Calendar a = (Calendar) y;
      Calendar b = (Calendar) o;
      if (!a.equals(b)) {
        differ(path, "yavijava " + a.getTime() + ", reader " + b.getTime());
      }
      return;
    }
    if (c.isEnum() || y instanceof String || y instanceof Number || y instanceof Boolean
        || y instanceof Character) {
      if (!y.equals(o)) {
        differ(path, "yavijava " + y + ", reader " + o);
      }
      return;
    }
    if (!c.getName().startsWith("com.vmware.vim25.")) {
      differ(path, "unexpected class " + c.getName());
      return;
    }
    for (Field f : c.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      try {
        walk(path + "." + f.getName(), f.get(y), f.get(o));
      } catch (IllegalAccessException e) {
        differ(path + "." + f.getName(), e.toString());
      }
    }
  }
}
