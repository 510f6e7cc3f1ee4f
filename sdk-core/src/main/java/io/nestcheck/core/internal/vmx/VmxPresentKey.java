package io.nestcheck.core.internal.vmx;

/**
 * What a lower-case {@code <device>.present} key names, read by hand instead of with regular expressions (in the
 * JIT-compiled scan, matching the four patterns below against every {@code .present} key was a twentieth of the
 * whole scan's CPU time). Each kind accepts exactly the keys of its pattern ({@code \d} is an ASCII digit):
 *
 * <ul>
 *   <li>{@link Kind#CONTROLLER}: {@code (scsi|sata|nvme)(\d{1,3})\.present}
 *   <li>{@link Kind#DEVICE}: {@code (scsi|sata|nvme|ide)(\d{1,3}):(\d{1,3})\.present}
 *   <li>{@link Kind#NIC}: {@code ethernet(\d{1,3})\.present}
 *   <li>{@link Kind#PERIPHERAL}: {@code (sound|usb|ehci|usb_xhci|floppy\d{1,2}|serial\d{1,2}|parallel\d{1,2})\.present}
 * </ul>
 *
 * <p>{@code VmxPresentKeyTest} compares this class with those patterns over generated keys.
 *
 * @param kind the kind of device; {@link Kind#NONE} when the key matches none of the patterns
 * @param name the first group: the bus ({@code scsi}, {@code sata}, {@code nvme}, {@code ide}) of a controller or
 *     device, the whole peripheral name ({@code floppy0}, {@code usb}), {@code ethernet} for a NIC; empty for NONE
 * @param number the digits after the bus or after {@code ethernet}, as written (1 to 3); empty for peripherals and
 *     NONE
 * @param unit the digits after the colon of a {@link Kind#DEVICE} (1 to 3), as written; empty for the other kinds
 */
record VmxPresentKey(Kind kind, String name, String number, String unit) {
  /** The device kinds a {@code .present} key can name. */
  enum Kind {
    CONTROLLER,
    DEVICE,
    NIC,
    PERIPHERAL,
    /** Not a device this reader maps. */
    NONE
  }

  private static final String PRESENT = ".present";
  private static final VmxPresentKey NONE = new VmxPresentKey(Kind.NONE, "", "", "");
  private static final String[] BUSES = {"scsi", "sata", "nvme", "ide"};
  private static final String[] FIXED_PERIPHERALS = {"sound", "usb", "ehci", "usb_xhci"};
  private static final String[] NUMBERED_PERIPHERALS = {"floppy", "serial", "parallel"};

  /**
   * Reads {@code key}, which must already be in lower case (lower-casing is the caller's: the document keeps each
   * key's lower-case form).
   */
  static VmxPresentKey of(String key) {
    if (!key.endsWith(PRESENT)) {
      return NONE;
    }
    int end = key.length() - PRESENT.length();
    String bus = bus(key);
    if (bus != null) {
      int digits = digitsEnd(key, bus.length(), end);
      int n = digits - bus.length();
      if (n < 1 || n > 3) {
        return NONE;
      }
      if (digits == end) {
        return bus.equals("ide") ? NONE : new VmxPresentKey(Kind.CONTROLLER, bus, key.substring(bus.length(), end), "");
      }
      if (key.charAt(digits) != ':') {
        return NONE;
      }
      int unitEnd = digitsEnd(key, digits + 1, end);
      int u = unitEnd - digits - 1;
      if (unitEnd != end || u < 1 || u > 3) {
        return NONE;
      }
      return new VmxPresentKey(Kind.DEVICE, bus, key.substring(bus.length(), digits), key.substring(digits + 1, end));
    }
    if (key.startsWith("ethernet")) {
      int digits = digitsEnd(key, 8, end);
      int n = digits - 8;
      return digits == end && n >= 1 && n <= 3
          ? new VmxPresentKey(Kind.NIC, "ethernet", key.substring(8, end), "")
          : NONE;
    }
    return peripheral(key, end);
  }

  private static String bus(String key) {
    for (String bus : BUSES) {
      if (key.startsWith(bus)) {
        return bus;
      }
    }
    return null;
  }

  private static VmxPresentKey peripheral(String key, int end) {
    // compared in place: most .present keys of a file are not peripherals, and need no substring
    for (String fixed : FIXED_PERIPHERALS) {
      if (end == fixed.length() && key.startsWith(fixed)) {
        return new VmxPresentKey(Kind.PERIPHERAL, fixed, "", "");
      }
    }
    for (String numbered : NUMBERED_PERIPHERALS) {
      if (key.startsWith(numbered)) {
        int digits = digitsEnd(key, numbered.length(), end);
        int n = digits - numbered.length();
        return digits == end && n >= 1 && n <= 2
            ? new VmxPresentKey(Kind.PERIPHERAL, key.substring(0, end), "", "")
            : NONE;
      }
    }
    return NONE;
  }

  /** The index of the first char at or after {@code from} (before {@code end}) that is not an ASCII digit. */
  private static int digitsEnd(String s, int from, int end) {
    int i = from;
    while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
