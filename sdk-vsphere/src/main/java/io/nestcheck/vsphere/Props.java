package io.nestcheck.vsphere;

import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.MissingProperty;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.mo.util.PropertyCollectorUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The properties of one object as read by the PropertyCollector: path → value (arrays unwrapped), absent = null. */
final class Props {
  private final ManagedObjectReference ref;
  private final Map<String, Object> values;
  private final List<String> missing;

  private Props(ManagedObjectReference ref, Map<String, Object> values, List<String> missing) {
    this.ref = ref;
    this.values = values;
    this.missing = missing;
  }

  static Props of(ObjectContent oc) {
    Map<String, Object> values = new HashMap<>();
    if (oc.getPropSet() != null) {
      for (DynamicProperty p : oc.getPropSet()) {
        if (p != null && p.getName() != null) {
          values.put(p.getName(), unwrap(p.getVal()));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    if (oc.getMissingSet() != null) {
      for (MissingProperty m : oc.getMissingSet()) {
        missing.add(m.getPath() + (m.getFault() != null ? " (" + Faults.describe(m.getFault()) + ")" : ""));
      }
    }
    return new Props(oc.getObj(), values, missing);
  }

  /**
   * The {@code ArrayOfXxx} getter of each wrapper class, looked up once: yavijava's {@code
   * PropertyCollectorUtil.convertProperty} looks it up reflectively for every value (8% of a 2,000-VM read).
   * {@code null} for classes that are not such wrappers.
   */
  private static final ClassValue<java.lang.reflect.Method> ARRAY_GETTER = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Method computeValue(Class<?> type) {
      String name = type.getSimpleName();
      if (!type.getName().startsWith("com.vmware.vim25.ArrayOf") || name.length() <= "ArrayOf".length()) {
        return null;
      }
      try {
        java.lang.reflect.Method m = type.getMethod("get" + name.substring("ArrayOf".length()));
        m.trySetAccessible(); // public: no permission changes, the per-call caller check is spared
        return m;
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
  };

  /**
   * A property value as {@code PropertyCollectorUtil.convertProperty} gives it: the array inside an {@code
   * ArrayOfXxx} wrapper, any other value as it is.
   */
  static Object unwrap(Object value) {
    if (value == null) {
      return null;
    }
    java.lang.reflect.Method getter = ARRAY_GETTER.get(value.getClass());
    if (getter == null) {
      return value;
    }
    try {
      return getter.invoke(value);
    } catch (ReflectiveOperationException e) {
      return PropertyCollectorUtil.convertProperty(value);
    }
  }

  /** Adds the values of {@code more} (another read of the same object). */
  Props merge(Props more) {
    if (more != null) {
      values.putAll(more.values);
    }
    return this;
  }

  ManagedObjectReference ref() {
    return ref;
  }

  String id() {
    return ref.getVal();
  }

  /** Paths the server could not return, with the fault. */
  List<String> missing() {
    return Collections.unmodifiableList(missing);
  }

  Object get(String path) {
    return values.get(path);
  }

  boolean has(String path) {
    return values.get(path) != null;
  }

  String string(String path) {
    Object v = values.get(path);
    return v == null ? null : v.toString();
  }

  Boolean bool(String path) {
    Object v = values.get(path);
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    return v == null ? null : Boolean.valueOf(v.toString());
  }

  Long number(String path) {
    Object v = values.get(path);
    if (v instanceof Number) {
      return ((Number) v).longValue();
    }
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.toString().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  ManagedObjectReference mor(String path) {
    Object v = values.get(path);
    return v instanceof ManagedObjectReference ? (ManagedObjectReference) v : null;
  }

  /**
   * A reference property whose type is known. yavijava 6.0.05 parses a single reference value ({@code <val
   * xsi:type="ManagedObjectReference" type="HostSystem">}) with the type {@code ManagedObjectReference}, which the
   * server then cannot find; references in arrays keep their type.
   */
  ManagedObjectReference mor(String path, String type) {
    ManagedObjectReference m = mor(path);
    if (m == null) {
      return null;
    }
    if (m.getType() == null || m.getType().isEmpty() || "ManagedObjectReference".equals(m.getType())) {
      ManagedObjectReference fixed = new ManagedObjectReference();
      fixed.setType(type);
      fixed.setVal(m.getVal());
      return fixed;
    }
    return m;
  }

  /** An array property as a typed array ({@code null} when absent). */
  <T> List<T> list(String path, Class<T> type) {
    Object v = values.get(path);
    if (v == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>();
    if (v.getClass().isArray()) {
      int n = java.lang.reflect.Array.getLength(v);
      for (int i = 0; i < n; i++) {
        Object o = java.lang.reflect.Array.get(v, i);
        if (type.isInstance(o)) {
          out.add(type.cast(o));
        }
      }
    } else if (type.isInstance(v)) {
      out.add(type.cast(v));
    }
    return out;
  }
}
