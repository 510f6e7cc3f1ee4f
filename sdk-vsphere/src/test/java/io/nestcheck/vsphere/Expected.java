package io.nestcheck.vsphere;

import io.nestcheck.api.Firmware;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.TriState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the launcher README says a VM is, computed from its name alone (the name encodes its configuration), plus
 * the rules that are not in the name (power state, template, disconnected, changeVersion).
 */
final class Expected {
  static final Pattern NAME = Pattern.compile("^nc-(\\d{4,})-(esxi8|esxi7|linux|win2019)-(hv1|hv0|hvna)-cpu(\\d+)"
      + "-mem(\\d+)-(e1000|vmxnet3)-(bios|efi)-vmx(\\d{2})-(lk0|lk1)-(vmnet|pg\\d{2,}|pgdef)-(c0|c1|c2|sa)(-tmpl)?"
      + "(-disc)?$");
  static final Map<String, String> GUEST_IDS = Map.of("esxi8", "vmkernel8Guest", "esxi7", "vmkernel7Guest",
      "linux", "otherLinux64Guest", "win2019", "windows2019srv_64Guest");
  static final Map<String, String> HOSTS = Map.of("c0", "DC0_C0_H0", "c1", "DC0_C0_H1", "c2", "DC0_C0_H2",
      "sa", "DC0_H0");
  private static final String[] PG_KIND = {"open", "reject", "forged"};
  private static final DateTimeFormatter CV = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  final String name;
  final int index;
  final String guest;
  final String hv;
  final int cpu;
  final long memoryMb;
  final String nic;
  final String firmware;
  final int vmx;
  final boolean locked;
  final String net;
  final String host;
  final boolean template;
  final boolean disconnected;

  private Expected(String name, Matcher m) {
    this.name = name;
    this.index = Integer.parseInt(m.group(1));
    this.guest = m.group(2);
    this.hv = m.group(3);
    this.cpu = Integer.parseInt(m.group(4));
    this.memoryMb = Long.parseLong(m.group(5));
    this.nic = m.group(6);
    this.firmware = m.group(7);
    this.vmx = Integer.parseInt(m.group(8));
    this.locked = m.group(9).equals("lk1");
    this.net = m.group(10);
    this.host = m.group(11);
    this.template = m.group(12) != null;
    this.disconnected = m.group(13) != null;
  }

  static Expected of(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new AssertionError("VM name does not follow the launcher's grammar: " + name);
    }
    return new Expected(name, m);
  }

  String guestId() {
    return GUEST_IDS.get(guest);
  }

  TriState nestedHv() {
    return hv.equals("hv1") ? TriState.YES : hv.equals("hv0") ? TriState.NO : TriState.UNKNOWN;
  }

  NicType nicType() {
    return nic.equals("e1000") ? NicType.E1000 : NicType.VMXNET3;
  }

  Firmware fw() {
    return firmware.equals("efi") ? Firmware.EFI : Firmware.BIOS;
  }

  String hostName() {
    return HOSTS.get(host);
  }

  /** The port group name (needs the DVPG names of the run). */
  String network() {
    if (net.equals("vmnet")) {
      return "VM Network";
    }
    if (net.equals("pgdef")) {
      return "DC0_DVPG0";
    }
    int p = Integer.parseInt(net.substring(2));
    return String.format("nc-dvpg-%02d-%s", p, PG_KIND[p % 3]);
  }

  /** open / reject / forged / vss / none. */
  String policyKind() {
    if (net.equals("vmnet")) {
      return "vss";
    }
    if (net.equals("pgdef")) {
      return "none";
    }
    return PG_KIND[Integer.parseInt(net.substring(2)) % 3];
  }

  PowerState power() {
    return template || index % 10 == 6 || index % 10 == 8 ? PowerState.POWERED_OFF : PowerState.POWERED_ON;
  }

  String changeVersion() {
    return CV.format(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(index));
  }

  // --- the generator of rows >= 12 (README "Generated rows") ---------------------------------------------------

  static long splitmix64(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static int pick(long seed, int i, int k, int n) {
    return (int) Long.remainderUnsigned(splitmix64((seed << 32) + ((long) i << 4) + k), n);
  }

  /** The name the launcher must give generated row {@code i} (&gt;= 12) for {@code seed} and K port groups. */
  static String generatedName(long seed, int i, int k) {
    List<String> guests = List.of("esxi8", "esxi7", "linux", "win2019");
    List<String> hvs = List.of("hv1", "hv0", "hvna");
    int[] cpus = {1, 2, 4};
    int[] mems = {4096, 8192, 16384};
    List<String> nics = List.of("e1000", "vmxnet3");
    List<String> fws = List.of("bios", "efi");
    int[] hws = {13, 19, 20};
    List<String> lks = List.of("lk0", "lk1");
    List<String> hosts = List.of("c0", "c1", "c2", "sa");
    int n = pick(seed, i, 8, k + 2);
    String net = n == 0 ? "vmnet" : n == k + 1 ? "pgdef" : String.format("pg%02d", n - 1);
    String name = String.format("nc-%04d-%s-%s-cpu%d-mem%d-%s-%s-vmx%02d-%s-%s-%s", i,
        guests.get(pick(seed, i, 0, 4)), hvs.get(pick(seed, i, 1, 3)), cpus[pick(seed, i, 2, 3)],
        mems[pick(seed, i, 3, 3)], nics.get(pick(seed, i, 4, 2)), fws.get(pick(seed, i, 5, 2)),
        hws[pick(seed, i, 6, 3)], lks.get(pick(seed, i, 7, 2)), net, hosts.get(pick(seed, i, 9, 4)));
    if (i % 50 == 7) {
      name += "-tmpl";
    }
    if (i == 3) {
      name += "-disc";
    }
    return name;
  }
}
