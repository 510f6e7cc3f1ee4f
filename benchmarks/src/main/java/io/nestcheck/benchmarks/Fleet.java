package io.nestcheck.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A deterministic generator of varied, realistic {@code .vmx} fleets for the scan benchmarks and scripts.
 *
 * <p>File {@code i} depends only on {@code (seed, i)}: the same arguments always give byte-identical files. The
 * files are laid out as {@code ds-NN/<name>.vmx} (20 "datastores") and vary the way real exports do: guest OS
 * (nested ESXi 6.5/7/8 and Windows Server 2019 with Hyper-V, so {@code --profile auto} picks a profile for every
 * VM), hardware version 8-21, 1-16 vCPUs and cores per socket, 2-64 GiB, EFI/BIOS and secure boot, {@code
 * vhv.enable} TRUE/FALSE/absent, 0-4 NICs (vmxnet3, e1000e, e1000, vlance, none given) on named port groups,
 * SCSI (pvscsi, lsilogic, lsisas1068, buslogic), SATA and NVMe controllers with disks and CD-ROMs, peripherals,
 * UUIDs, MACs, PCI slots, comments, {@code nestcheck:ignore} suppressions, an occasional duplicated key, CRLF line
 * ends (about a third of the files), {@code memsize} spelled both ways, and UTF-8 display names (Chinese,
 * German, Japanese) and a few UTF-8 file names. Every file is valid: a scan reports no errors.
 *
 * <p>A marker file {@code .nestcheck-fleet} records {@code version count seed}; {@link #ensure} regenerates only
 * when it does not match.
 *
 * <p>Command line: {@code java -cp benchmarks.jar io.nestcheck.benchmarks.Fleet DIR COUNT [SEED]}.
 */
public final class Fleet {
  /** Bumped whenever the generated content changes. */
  public static final int VERSION = 1;
  /** The seed used unless another is given. */
  public static final long DEFAULT_SEED = 20261125L;
  /** The number of {@code ds-NN} folders. */
  public static final int FOLDERS = 20;

  private static final String MARKER = ".nestcheck-fleet";

  private Fleet() {}

  /**
   * Makes sure {@code dir} holds exactly the fleet {@code (count, seed)}; generates it (after deleting the old
   * {@code .vmx} files) when the marker does not match.
   *
   * @return {@code dir}
   */
  public static Path ensure(Path dir, int count, long seed) {
    String want = VERSION + " " + count + " " + seed;
    Path marker = dir.resolve(MARKER);
    try {
      if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(want)) {
        return dir;
      }
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.walk(dir)) {
          s.filter(p -> p.getFileName().toString().endsWith(".vmx")).forEach(p -> {
            try {
              Files.delete(p);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
      }
      Files.deleteIfExists(marker);
      for (int f = 0; f < FOLDERS; f++) {
        Files.createDirectories(dir.resolve(folder(f)));
      }
      for (int i = 0; i < count; i++) {
        Files.write(dir.resolve(relativePath(i, seed)), bytes(i, seed));
      }
      Files.writeString(marker, want + "\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String folder(int f) {
    return String.format(Locale.ROOT, "ds-%02d", f);
  }

  /** The path of file {@code i} below the fleet folder. */
  public static String relativePath(int i, long seed) {
    String name = (i % 97 == 41) ? String.format(Locale.ROOT, "vm-%06d-实验室.vmx", i) : String.format(Locale.ROOT, "vm-%06d.vmx", i);
    return folder(i % FOLDERS) + "/" + name;
  }

  /** The bytes of file {@code i}. */
  public static byte[] bytes(int i, long seed) {
    return vmx(i, seed).getBytes(StandardCharsets.UTF_8);
  }

  private static final String[] GUESTS = {"vmkernel8", "vmkernel8", "vmkernel8", "vmkernel8", "vmkernel8", "vmkernel7",
      "vmkernel7", "vmkernel7", "vmkernel65", "windows2019srv-64"};
  private static final int[] HW = {8, 11, 13, 14, 15, 17, 19, 19, 20, 20, 20, 21};
  private static final int[] VCPUS = {1, 2, 2, 4, 4, 4, 8, 8, 16};
  private static final int[] MEM = {2048, 4096, 8192, 8192, 12288, 16384, 16384, 24576, 32768, 65536};
  private static final String[] NICS = {"vmxnet3", "vmxnet3", "vmxnet3", "vmxnet3", "e1000e", "e1000e", "e1000", "vlance", null};
  private static final String[] SCSI = {"pvscsi", "pvscsi", "pvscsi", "lsilogic", "lsisas1068", "buslogic"};
  private static final String[] PORT_GROUPS = {"VM Network", "Nested Trunk", "Lab-VLAN-100", "nested-pg-01", "Management",
      "DMZ 实验网", "Prüfnetz"};
  private static final String[] NAME_STEMS = {"esxi-lab", "nested-esxi", "vsan-node", "hv-host", "edge-esxi"};
  private static final String[] UTF8_STEMS = {"实验室-esxi", "Prüfstand-esxi", "テスト-esxi", "Überlauf-hv"};
  private static final String[] HEADER_COMMENTS = {"# Exported from vCenter by the lab automation", "#!/usr/bin/vmware",
      "# nested lab host — do not power on in production", "# managed by terraform-provider-vsphere"};

  /** The text of file {@code i}. */
  public static String vmx(int i, long seed) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1);
    String nl = r.nextInt(3) == 0 ? "\r\n" : "\n";
    StringBuilder b = new StringBuilder(4096);
    Line line = (k, v) -> b.append(k).append(" = \"").append(v).append('"').append(nl);

    String guest = GUESTS[r.nextInt(GUESTS.length)];
    boolean windows = guest.startsWith("windows");
    boolean utf8 = r.nextInt(12) == 0;
    String stem = windows ? "hv-host" : utf8 ? UTF8_STEMS[r.nextInt(UTF8_STEMS.length)] : NAME_STEMS[r.nextInt(NAME_STEMS.length)];
    String name = String.format(Locale.ROOT, "%s-%05d", stem, i);
    int hw = HW[r.nextInt(HW.length)];

    if (r.nextInt(4) == 0) {
      b.append(HEADER_COMMENTS[r.nextInt(HEADER_COMMENTS.length)]).append(nl);
    }
    line.put(".encoding", "UTF-8");
    line.put("config.version", "8");
    line.put("virtualHW.version", hw);
    line.put("vmci0.present", "TRUE");
    line.put("floppy0.present", r.nextInt(5) == 0 ? "TRUE" : "FALSE");
    line.put("svga.vramSize", 8388608);
    line.put("tools.upgrade.policy", r.nextBoolean() ? "manual" : "upgradeAtPowerCycle");
    if (hw >= 13) {
      line.put("pciBridge0.present", "TRUE");
      for (int p = 4; p <= 7; p++) {
        line.put("pciBridge" + p + ".present", "TRUE");
        line.put("pciBridge" + p + ".virtualDev", "pcieRootPort");
        line.put("pciBridge" + p + ".functions", 8);
      }
    }
    line.put("hpet0.present", "TRUE");
    line.put("nvram", name + ".nvram");
    line.put("virtualHW.productCompatibility", "hosted");
    line.put("powerType.powerOff", "soft");
    line.put("powerType.suspend", "hard");
    line.put("powerType.reset", "soft");
    line.put("displayName", name);
    if (r.nextInt(10) == 0) {
      b.append("# nestcheck:ignore NV-HYG-001 lab image keeps its sound card").append(nl);
    }
    line.put("guestOS", guest);
    boolean efi = windows || hw >= 14 ? r.nextInt(5) != 0 : r.nextInt(3) == 0;
    if (efi) {
      line.put("firmware", "efi");
      if (r.nextInt(4) == 0) {
        line.put("uefi.secureBoot.enabled", r.nextBoolean() ? "TRUE" : "FALSE");
      }
    } else if (r.nextBoolean()) {
      line.put("firmware", "bios");
    }
    int vcpus = VCPUS[r.nextInt(VCPUS.length)];
    line.put("numvcpus", vcpus);
    if (r.nextInt(4) != 0) {
      int cores = r.nextInt(3) == 0 ? 1 : Math.max(1, vcpus / (1 + r.nextInt(2)));
      line.put("cpuid.coresPerSocket", cores);
    }
    int mem = MEM[r.nextInt(MEM.length)];
    line.put(r.nextBoolean() ? "memSize" : "memsize", mem);
    if (r.nextInt(5) == 0) {
      line.put("sched.mem.min", r.nextBoolean() ? mem : mem / 2);
      if (r.nextBoolean()) {
        line.put("sched.mem.pin", "TRUE");
      }
    }
    int vhv = r.nextInt(10); // 0-6 TRUE, 7-8 FALSE, 9 absent
    if (vhv <= 6) {
      line.put("vhv.enable", "TRUE");
    } else if (vhv <= 8) {
      line.put("vhv.enable", "FALSE");
    }
    if (vhv <= 8 && r.nextInt(40) == 0) {
      line.put("vhv.enable", vhv <= 6 ? "TRUE" : "FALSE"); // duplicated key (NV-FMT-001)
    }
    if (r.nextInt(8) == 0) {
      line.put("vpmc.enable", "TRUE");
    }
    if (windows && r.nextBoolean()) {
      line.put("vvtd.enable", "TRUE");
    }
    line.put("sched.cpu.units", "mhz");
    line.put("sched.cpu.shares", "normal");
    line.put("sched.mem.shares", "normal");

    // storage
    int bus = r.nextInt(10); // 0-6 SCSI, 7-8 NVMe, 9 SATA
    if (bus <= 6) {
      line.put("scsi0.present", "TRUE");
      if (r.nextInt(12) != 0) {
        line.put("scsi0.virtualDev", SCSI[r.nextInt(SCSI.length)]);
      }
      line.put("scsi0.pciSlotNumber", 160);
      disk(line, "scsi0:0", name, r);
      if (r.nextInt(3) == 0) {
        disk(line, "scsi0:1", name + "_1", r);
      }
    } else if (bus <= 8) {
      line.put("nvme0.present", "TRUE");
      line.put("nvme0.pciSlotNumber", 224);
      disk(line, "nvme0:0", name, r);
    } else {
      line.put("sata0.present", "TRUE");
      disk(line, "sata0:0", name, r);
    }
    if (r.nextInt(3) != 0) {
      line.put("sata0.present", "TRUE");
      line.put("sata0:1.present", "TRUE");
      line.put("sata0:1.deviceType", "cdrom-image");
      line.put("sata0:1.fileName", "/vmfs/volumes/datastore1/iso/VMware-VMvisor-Installer-8.0U2-22380479.x86_64.iso");
      line.put("sata0:1.startConnected", r.nextBoolean() ? "TRUE" : "FALSE");
    }

    // network
    int nics = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(r.nextInt(4) == 0 ? 4 : 2);
    for (int n = 0; n < nics; n++) {
      String e = "ethernet" + n;
      line.put(e + ".present", "TRUE");
      String type = NICS[r.nextInt(NICS.length)];
      if (type != null) {
        line.put(e + ".virtualDev", type);
      }
      line.put(e + ".networkName", PORT_GROUPS[r.nextInt(PORT_GROUPS.length)]);
      int addr = r.nextInt(10);
      if (addr == 0) {
        line.put(e + ".addressType", "static");
        line.put(e + ".address", mac("00:50:56:", r));
      } else {
        line.put(e + ".addressType", addr == 1 ? "vpx" : "generated");
        line.put(e + ".generatedAddress", mac("00:0c:29:", r));
        line.put(e + ".generatedAddressOffset", n * 10);
      }
      line.put(e + ".pciSlotNumber", 192 + 32 * n);
      line.put(e + ".uptCompatibility", "TRUE");
    }

    // peripherals
    if (r.nextInt(6) == 0) {
      line.put("sound.present", "TRUE");
      line.put("sound.virtualDev", "hdaudio");
      line.put("sound.autoDetect", "TRUE");
    }
    if (r.nextInt(4) == 0) {
      line.put("usb.present", "TRUE");
      line.put("ehci.present", "TRUE");
    }
    if (r.nextInt(5) == 0) {
      line.put("usb_xhci.present", "TRUE");
    }
    if (r.nextInt(15) == 0) {
      line.put("serial0.present", "TRUE");
      line.put("serial0.fileType", "network");
      line.put("serial0.fileName", "telnet://:" + (7000 + r.nextInt(1000)));
    }
    line.put("tools.syncTimeWithHost", r.nextInt(4) == 0 ? "TRUE" : "FALSE");
    line.put("toolScripts.afterPowerOn", "TRUE");
    line.put("toolScripts.afterResume", "TRUE");
    line.put("toolScripts.beforeSuspend", "TRUE");
    line.put("toolScripts.beforePowerOff", "TRUE");
    line.put("uuid.bios", uuid(r));
    line.put("uuid.location", uuid(r));
    line.put("vc.uuid", uuid(r));
    line.put("migrate.hostLog", name + "-" + Long.toHexString(r.nextLong() & 0xffffffffL) + ".hlog");
    line.put("sched.swap.derivedName", "/vmfs/volumes/" + uuidCompact(r) + "/" + name + "/" + name + "-" + Long.toHexString(r.nextLong() & 0xffffffffL) + ".vswp");
    line.put("cleanShutdown", r.nextBoolean() ? "TRUE" : "FALSE");
    line.put("softPowerOff", "FALSE");
    line.put("monitor.phys_bits_used", 45);
    line.put("numa.autosize.cookie", vcpus * 10001);
    line.put("numa.autosize.vcpu.maxPerVirtualNode", vcpus);
    if (r.nextInt(7) == 0) {
      b.append("# keep the guestinfo below for the lab's first-boot script").append(nl);
      line.put("guestinfo.hostname", name.toLowerCase(Locale.ROOT) + ".lab.example");
      line.put("guestinfo.ipaddress", "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254)));
    }
    return b.toString();
  }

  private static void disk(Line line, String id, String file, SplittableRandom r) {
    line.put(id + ".present", "TRUE");
    line.put(id + ".fileName", file + ".vmdk");
    line.put(id + ".deviceType", id.startsWith("scsi") ? "scsi-hardDisk" : "disk");
    if (r.nextBoolean()) {
      line.put(id + ".mode", "persistent");
    }
    line.put(id + ".redo", "");
  }

  private static String mac(String prefix, SplittableRandom r) {
    return String.format(Locale.ROOT, "%s%02x:%02x:%02x", prefix, r.nextInt(256), r.nextInt(256), r.nextInt(256));
  }

  private static String uuid(SplittableRandom r) {
    StringBuilder s = new StringBuilder(47);
    for (int k = 0; k < 16; k++) {
      if (k > 0) {
        s.append(k == 8 ? '-' : ' ');
      }
      s.append(String.format(Locale.ROOT, "%02x", r.nextInt(256)));
    }
    return s.toString();
  }

  private static String uuidCompact(SplittableRandom r) {
    return String.format(Locale.ROOT, "%08x-%08x-%04x-%012x", r.nextInt() , r.nextInt(), r.nextInt(65536), r.nextLong() & 0xffffffffffffL);
  }

  @FunctionalInterface
  private interface Line {
    void put(String key, Object value);
  }

  /** {@code Fleet DIR COUNT [SEED]}: generates (or keeps) the fleet and prints its folder and size. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: Fleet DIR COUNT [SEED]");
      System.exit(64);
    }
    Path dir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long seed = args.length == 3 ? Long.parseLong(args[2]) : DEFAULT_SEED;
    long t0 = System.nanoTime();
    ensure(dir, count, seed);
    long bytes;
    try (Stream<Path> s = Files.walk(dir)) {
      bytes = s.filter(p -> p.toString().endsWith(".vmx")).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(Locale.ROOT, "%s: %d files, %.1f MiB, seed %d (%.1f s)%n", dir, count, bytes / 1048576.0, seed,
        (System.nanoTime() - t0) / 1e9);
  }
}
