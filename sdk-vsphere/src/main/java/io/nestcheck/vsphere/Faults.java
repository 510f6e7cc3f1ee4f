package io.nestcheck.vsphere;

import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.MethodFault;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Human-readable text for vSphere faults: the fault type, its simple fields and the server's message. */
final class Faults {
  private Faults() {}

  /** Text for a task error. */
  static String describe(LocalizedMethodFault lmf) {
    if (lmf == null) {
      return "unknown error";
    }
    String fault = lmf.getFault() != null ? describeFault(lmf.getFault(), false) : "error";
    String msg = lmf.getLocalizedMessage();
    // vcsim puts the Go type name (*types.ConcurrentAccess) where vCenter puts a message
    boolean goType = msg != null && msg.strip().matches("\\*types\\.\\w+");
    return msg == null || msg.isBlank() || goType || fault.contains(msg) ? fault : fault + ": " + msg.strip();
  }

  /** Text for any exception from a SOAP call. */
  static String describe(Throwable t) {
    if (t instanceof MethodFault) {
      return describeFault((MethodFault) t, true);
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      if (root.getCause() instanceof MethodFault) {
        return describeFault((MethodFault) root.getCause(), true);
      }
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.strip());
  }

  /** Whether {@code t} is, or is caused by, a fault of type {@code type}. */
  static boolean is(Throwable t, Class<? extends MethodFault> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String describeFault(MethodFault f, boolean withMessage) {
    StringBuilder sb = new StringBuilder(f.getClass().getSimpleName());
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = f.getClass(); c != null && c != MethodFault.class; c = c.getSuperclass()) {
      hierarchy.add(0, c); // superclass fields first, each class in declaration order
    }
    List<String> fields = new ArrayList<>();
    for (Class<?> c : hierarchy) {
      for (Field field : c.getDeclaredFields()) {
        if (!Modifier.isPublic(field.getModifiers()) || Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object v;
        try {
          v = field.get(f);
        } catch (IllegalAccessException e) {
          continue;
        }
        String s = simple(v);
        if (s != null && !s.isEmpty()) {
          fields.add(field.getName() + "=" + s);
        }
      }
    }
    if (!fields.isEmpty()) {
      sb.append(" (").append(String.join(", ", fields)).append(')');
    }
    String server = SoapFaults.serverMessage(f);
    String msg = server != null ? server : f.detail == null ? f.getMessage() : null;
    if (withMessage && msg != null && !msg.isBlank() && !msg.equals(f.getClass().getName())) {
      sb.append(": ").append(msg.strip());
    }
    if (f.faultCause != null) {
      sb.append("; caused by ").append(describe(f.faultCause));
    }
    return sb.toString();
  }

  private static String simple(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof ManagedObjectReference) {
      ManagedObjectReference m = (ManagedObjectReference) v;
      return m.getType() + ":" + m.getVal();
    }
    if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Enum) {
      return v.toString();
    }
    return null;
  }
}
