package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A VMware guest OS identifier in one canonical form.
 *
 * <p>{@code .vmx} files write {@code guestOS = "vmkernel7"} while the vSphere API and OVF write {@code
 * vmkernel7Guest}. {@link #of(String)} accepts both, case-insensitively, and stores the API form ({@code
 * vmkernel7Guest}) for the ids it knows. An id it does not know is kept as given and {@link #recognized()} is
 * {@code false}. Equality and hashing use the canonical form, so {@code of("vmkernel8").equals(of("VMKERNEL8GUEST"))}.
 *
 * <p>JSON: a plain string, the canonical form.
 *
 * @since 0.1
 */
public final class GuestOsId {
  // canonical API id -> .vmx id; 64-bit ids are marked in BITS64.
  private static final String[][] KNOWN = {
    {"vmkernelGuest", "vmkernel"},
    {"vmkernel5Guest", "vmkernel5"},
    {"vmkernel6Guest", "vmkernel6"},
    {"vmkernel65Guest", "vmkernel65"},
    {"vmkernel7Guest", "vmkernel7"},
    {"vmkernel8Guest", "vmkernel8"},
    {"vmkernel9Guest", "vmkernel9"},
    {"otherGuest", "other"},
    {"otherGuest64", "other-64"},
    {"otherLinuxGuest", "otherlinux"},
    {"otherLinux64Guest", "otherlinux-64"},
    {"other24xLinuxGuest", "other24xlinux"},
    {"other24xLinux64Guest", "other24xlinux-64"},
    {"other26xLinuxGuest", "other26xlinux"},
    {"other26xLinux64Guest", "other26xlinux-64"},
    {"other3xLinuxGuest", "other3xlinux"},
    {"other3xLinux64Guest", "other3xlinux-64"},
    {"other4xLinuxGuest", "other4xlinux"},
    {"other4xLinux64Guest", "other4xlinux-64"},
    {"other5xLinuxGuest", "other5xlinux"},
    {"other5xLinux64Guest", "other5xlinux-64"},
    {"other6xLinuxGuest", "other6xlinux"},
    {"other6xLinux64Guest", "other6xlinux-64"},
    {"centosGuest", "centos"},
    {"centos64Guest", "centos-64"},
    {"centos6Guest", "centos6"},
    {"centos6_64Guest", "centos6-64"},
    {"centos7_64Guest", "centos7-64"},
    {"centos8_64Guest", "centos8-64"},
    {"centos9_64Guest", "centos9-64"},
    {"rhel5Guest", "rhel5"},
    {"rhel5_64Guest", "rhel5-64"},
    {"rhel6Guest", "rhel6"},
    {"rhel6_64Guest", "rhel6-64"},
    {"rhel7_64Guest", "rhel7-64"},
    {"rhel8_64Guest", "rhel8-64"},
    {"rhel9_64Guest", "rhel9-64"},
    {"ubuntuGuest", "ubuntu"},
    {"ubuntu64Guest", "ubuntu-64"},
    {"debian10_64Guest", "debian10-64"},
    {"debian11_64Guest", "debian11-64"},
    {"debian12_64Guest", "debian12-64"},
    {"sles12_64Guest", "sles12-64"},
    {"sles15_64Guest", "sles15-64"},
    {"oracleLinux64Guest", "oraclelinux-64"},
    {"oracleLinux7_64Guest", "oraclelinux7-64"},
    {"oracleLinux8_64Guest", "oraclelinux8-64"},
    {"vmwarePhoton64Guest", "vmware-photon-64"},
    {"winXPProGuest", "winxppro"},
    {"winXPPro64Guest", "winxppro-64"},
    {"windows7Guest", "windows7"},
    {"windows7_64Guest", "windows7-64"},
    {"windows8_64Guest", "windows8-64"},
    {"windows9Guest", "windows9"},
    {"windows9_64Guest", "windows9-64"},
    {"windows11_64Guest", "windows11-64"},
    {"windows12_64Guest", "windows12-64"},
    {"windows8Server64Guest", "windows8srv-64"},
    {"windows9Server64Guest", "windows9srv-64"},
    {"windows2019srv_64Guest", "windows2019srv-64"},
    {"windows2019srvNext_64Guest", "windows2019srvnext-64"},
    {"windows2022srvNext_64Guest", "windows2022srvnext-64"},
    {"freebsd64Guest", "freebsd-64"},
    {"freebsd13_64Guest", "freebsd13-64"},
  };
  private static final Map<String, String> CANONICAL = new HashMap<>();
  private static final Map<String, String> VMX_FORM = new HashMap<>();

  static {
    for (String[] pair : KNOWN) {
      CANONICAL.put(pair[0].toLowerCase(Locale.ROOT), pair[0]);
      CANONICAL.put(pair[1], pair[0]);
      VMX_FORM.put(pair[0], pair[1]);
    }
  }

  private final String canonical;
  private final boolean recognized;

  private GuestOsId(String canonical, boolean recognized) {
    this.canonical = canonical;
    this.recognized = recognized;
  }

  /**
   * Parses a guest id in {@code .vmx} or API form.
   *
   * @param raw the id as written; never {@code null}, not blank
   * @return the id in canonical form; never {@code null}
   * @throws IllegalArgumentException if {@code raw} is blank
   */
  @JsonCreator
  public static GuestOsId of(String raw) {
    Objects.requireNonNull(raw, "raw");
    String trimmed = raw.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("guest OS id must not be blank");
    }
    String known = CANONICAL.get(trimmed.toLowerCase(Locale.ROOT));
    return known != null ? new GuestOsId(known, true) : new GuestOsId(trimmed, false);
  }

  /** The canonical (API) form, for example {@code vmkernel8Guest}; never {@code null}. */
  @JsonValue
  public String canonical() {
    return canonical;
  }

  /** The {@code .vmx} form, for example {@code vmkernel8}; for an unrecognized id, the id as given. */
  public String vmxForm() {
    String vmx = VMX_FORM.get(canonical);
    return vmx != null ? vmx : canonical;
  }

  /** Whether the id is one of the known VMware ids. */
  public boolean recognized() {
    return recognized;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GuestOsId && ((GuestOsId) o).canonical.equalsIgnoreCase(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.toLowerCase(Locale.ROOT).hashCode();
  }

  @Override
  public String toString() {
    return canonical;
  }
}
