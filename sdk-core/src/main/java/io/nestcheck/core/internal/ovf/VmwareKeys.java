package io.nestcheck.core.internal.ovf;

import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Firmware;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Interprets VMware values shared by the OVF and govc readers: booleans, firmware names, virtual hardware version
 * strings and CPUID mask settings.
 *
 * <p>Contract: pure functions, no state; every method returns empty for values it does not recognise and never
 * throws for any string input.
 */
public final class VmwareKeys {
  /** The most virtual hardware version accepted; larger numbers are treated as garbage. */
  private static final int MAX_HARDWARE_VERSION = 1000;

  private VmwareKeys() {}

  /**
   * A VMware boolean: {@code true}/{@code false} (API and OVF {@code vmw:Config}) and the {@code .vmx} spellings
   * {@code TRUE}, {@code yes}/{@code no}, {@code 1}/{@code 0}, {@code on}/{@code off}; case and surrounding spaces
   * ignored.
   */
  public static Optional<Boolean> parseBoolean(String value) {
    if (value == null) {
      return Optional.empty();
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "1":
      case "on":
        return Optional.of(Boolean.TRUE);
      case "false":
      case "no":
      case "0":
      case "off":
        return Optional.of(Boolean.FALSE);
      default:
        return Optional.empty();
    }
  }

  /** {@code efi} or {@code bios}, case ignored. */
  public static Optional<Firmware> parseFirmware(String value) {
    if (value == null) {
      return Optional.empty();
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "efi":
        return Optional.of(Firmware.EFI);
      case "bios":
        return Optional.of(Firmware.BIOS);
      default:
        return Optional.empty();
    }
  }

  /**
   * The hardware version named by a {@code VirtualSystemType} or {@code config.version}: {@code vmx-13},
   * zero-padded {@code vmx-08}, or a list such as {@code vmx-13 vmx-11 vmx-10} or {@code vmx-10,vmx-11}, in which
   * case the highest is taken (the list names the families the package supports; the VM gets the newest one the
   * host can run, and the highest is what a current host deploys). Tokens that are not {@code vmx-N} (for example
   * {@code virtualbox-2.2}, {@code xen-3}) are ignored; empty when no token is a version.
   */
  public static OptionalInt hardwareVersion(String virtualSystemType) {
    if (virtualSystemType == null) {
      return OptionalInt.empty();
    }
    int best = -1;
    for (String token : virtualSystemType.split("[\\s,;]+")) {
      String t = token.toLowerCase(Locale.ROOT);
      if (!t.startsWith("vmx-")) {
        continue;
      }
      String digits = t.substring(4);
      if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        continue;
      }
      int v = Integer.parseInt(digits);
      if (v >= 1 && v <= MAX_HARDWARE_VERSION && v > best) {
        best = v;
      }
    }
    return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
  }

  /** Whether {@code key} names a CPUID mask: {@code cpuid.<hex leaf>.<eax|ebx|ecx|edx>}, case ignored. */
  public static boolean isCpuidMaskKey(String key) {
    return parseMaskKey(key) != null;
  }

  /**
   * A CPUID mask from a {@code cpuid.<leaf>.<register>} setting (the {@code .vmx} form, leaf in hex, for example
   * {@code cpuid.1.ecx} or {@code cpuid.80000001.edx}); the value has 32 mask characters ({@code 0 1 - x R H T
   * F}, case ignored) with optional {@code :} separators. Empty when the key is not a mask key or the value is not
   * a mask.
   */
  public static Optional<CpuidMask> cpuidMask(String key, String value) {
    MaskKey parsed = parseMaskKey(key);
    if (parsed == null || value == null) {
      return Optional.empty();
    }
    String mask = value.strip().replace(":", "");
    if (mask.length() != 32) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      char c = mask.charAt(i);
      switch (c) {
        case '0':
        case '1':
        case '-':
          sb.append(c);
          break;
        case 'x':
        case 'X':
          sb.append('x');
          break;
        case 'r':
        case 'R':
        case 'h':
        case 'H':
        case 't':
        case 'T':
        case 'f':
        case 'F':
          sb.append(Character.toUpperCase(c));
          break;
        default:
          return Optional.empty();
      }
    }
    return Optional.of(CpuidMask.of(parsed.leaf(), parsed.register(), sb.toString()));
  }

  private record MaskKey(long leaf, CpuidMask.Register register) {}

  private static MaskKey parseMaskKey(String key) {
    if (key == null) {
      return null;
    }
    String[] parts = key.strip().toLowerCase(Locale.ROOT).split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals("cpuid")) {
      return null;
    }
    String leaf = parts[1].startsWith("0x") ? parts[1].substring(2) : parts[1];
    if (leaf.isEmpty() || leaf.length() > 8 || !leaf.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return null;
    }
    CpuidMask.Register reg;
    switch (parts[2]) {
      case "eax":
        reg = CpuidMask.Register.EAX;
        break;
      case "ebx":
        reg = CpuidMask.Register.EBX;
        break;
      case "ecx":
        reg = CpuidMask.Register.ECX;
        break;
      case "edx":
        reg = CpuidMask.Register.EDX;
        break;
      default:
        return null;
    }
    return new MaskKey(Long.parseLong(leaf, 16), reg);
  }

  /** A MAC address in lower case with colons, from {@code 00:50:56:aa:bb:cc} or {@code 00-50-56-AA-BB-CC}. */
  public static Optional<String> normalizeMac(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip().toLowerCase(Locale.ROOT).replace('-', ':');
    if (v.length() != 17) {
      return Optional.empty();
    }
    for (int i = 0; i < 17; i++) {
      char c = v.charAt(i);
      boolean sep = i % 3 == 2;
      if (sep ? c != ':' : Character.digit(c, 16) < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(v);
  }
}
