package io.nestcheck.testkit;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.InlineSuppression;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates VMs from independent, shrinkable choices ({@link Shape}) and renders each shape into the model a reader
 * of its {@link VmOrigin} would produce. Shrinking works on the choices, so a counterexample shrinks towards an
 * inventory VM named {@code vm1} with 1 vCPU, 4096 MiB, nothing else stated and no devices.
 */
final class VmGenerator {
  private VmGenerator() {}

  static final long MEMORY_SHRINK_TARGET = 4096;

  static final List<String> NAMES = List.of("vm1", "esxi8-lab", "cna01", "hv-01", "pve", "ce-node1",
      "Nested ESXi (8.0)", "虚拟机-1");

  static final List<String> GUESTS = List.of("vmkernel8Guest", "vmkernel7Guest", "vmkernel65Guest", "vmkernel6Guest",
      "vmkernel9Guest", "otherLinux64Guest", "other4xLinux64Guest", "other3xLinux64Guest", "centos7_64Guest",
      "rhel8_64Guest", "ubuntu64Guest", "windows2019srv_64Guest", "windows9Server64Guest", "windows9_64Guest",
      "otherGuest", "otherGuest64", "winXPProGuest", "euleros-64");

  static final List<String> NETWORKS = List.of("VM Network", "Nested-Trunk", "lab-pg");
  static final List<String> BRIDGES = List.of("br0", "virbr0", "default");

  // -------------------------------------------------------------------------------------------- device catalogues

  /** A controller slot: an id and the types that occur on it for one family of origins, simplest first. */
  record Slot(String id, int bus, List<ControllerType> types) {}

  static final List<ControllerType> SCSI = List.of(ControllerType.LSI_LOGIC, ControllerType.PVSCSI,
      ControllerType.LSI_LOGIC_SAS, ControllerType.BUSLOGIC, ControllerType.UNSPECIFIED, ControllerType.OTHER);

  static final List<Slot> VMWARE_SLOTS = List.of(
      new Slot("scsi0", 0, SCSI),
      new Slot("sata0", 0, List.of(ControllerType.SATA_AHCI)),
      new Slot("nvme0", 0, List.of(ControllerType.NVME)),
      new Slot("ide0", 0, List.of(ControllerType.IDE)),
      new Slot("scsi1", 1, SCSI));

  static final List<Slot> LIBVIRT_SLOTS = List.of(
      new Slot("virtio", 0, List.of(ControllerType.VIRTIO_BLK)),
      new Slot("scsi0", 0, List.of(ControllerType.VIRTIO_SCSI, ControllerType.LSI_LOGIC, ControllerType.OTHER)),
      new Slot("sata0", 0, List.of(ControllerType.SATA_AHCI)),
      new Slot("ide0", 0, List.of(ControllerType.IDE)));

  static final List<NicType> VMWARE_NICS = List.of(NicType.VMXNET3, NicType.E1000, NicType.E1000E, NicType.VLANCE,
      NicType.VMXNET2, NicType.VMXNET, NicType.UNSPECIFIED, NicType.OTHER);
  static final List<NicType> LIBVIRT_NICS = List.of(NicType.VIRTIO, NicType.E1000, NicType.E1000E, NicType.RTL8139,
      NicType.VMXNET3, NicType.OTHER);

  static final List<Peripheral> VMWARE_PERIPHERALS = List.of(Peripheral.of("sound", PeripheralKind.SOUND),
      Peripheral.of("usb", PeripheralKind.USB), Peripheral.of("floppy0", PeripheralKind.FLOPPY),
      Peripheral.of("serial0", PeripheralKind.SERIAL), Peripheral.of("parallel0", PeripheralKind.PARALLEL),
      Peripheral.of("ide1:0", PeripheralKind.CDROM));
  static final List<Peripheral> LIBVIRT_PERIPHERALS = List.of(Peripheral.of("sound0", PeripheralKind.SOUND),
      Peripheral.of("usb", PeripheralKind.USB), Peripheral.of("serial0", PeripheralKind.SERIAL),
      Peripheral.of("sdc", PeripheralKind.CDROM));

  static final List<CpuMode> LIBVIRT_MODES = List.of(CpuMode.HOST_PASSTHROUGH, CpuMode.HOST_MODEL, CpuMode.CUSTOM,
      CpuMode.MAXIMUM, CpuMode.UNSPECIFIED);

  /** CPUID masks as they occur: hiding VMX or SVM, passing the host's value, hiding the hypervisor bit, noise. */
  static final List<CpuidMask> MASKS = List.of(
      CpuidMask.of(1, CpuidMask.Register.ECX, mask(5, '0')),
      CpuidMask.of(0x80000001L, CpuidMask.Register.ECX, mask(2, '0')),
      CpuidMask.of(1, CpuidMask.Register.ECX, mask(5, 'H')),
      CpuidMask.of(1, CpuidMask.Register.ECX, mask(31, '0')),
      CpuidMask.of(1, CpuidMask.Register.ECX, mask(5, 'F')),
      CpuidMask.of(0x80000001L, CpuidMask.Register.ECX, mask(2, 'R')),
      CpuidMask.of(7, CpuidMask.Register.EBX, mask(16, '0')));

  static String mask(int bit, char c) {
    char[] m = "--------------------------------".toCharArray();
    m[31 - bit] = c;
    return new String(m);
  }

  /** Raw settings that no typed field mirrors, as readers record them. */
  static final List<Setting> EXTRAS = List.of(
      Setting.of("disk.EnableUUID", "TRUE"),
      Setting.of("tools.syncTimeWithHost", "TRUE"),
      Setting.of("tools.syncTimeWithHost", "FALSE"),
      Setting.of("hypervisor.cpuid.v0", "FALSE"),
      Setting.of("hypervisor.cpuid.v0", "TRUE"),
      Setting.of("disk.EnableUUID", "false"),
      Setting.of("guestinfo.note", ""),
      Setting.of("msg.autoAnswer", "TRUE"),
      Setting.of("ethernet0.filter4.name", "dvfilter-maclearn"),
      Setting.of("featMask.vm.cpuid.VMX", "Val:0"),
      Setting.of("annotation", "lab VM | owner: ops"));

  /** Values a duplicate takes; the first occurrence keeps its value (first wins), the duplicate disagrees. */
  static final List<String> DUPLICATE_VALUES = List.of("FALSE", "TRUE", "0", "");

  // -------------------------------------------------------------------------------------------- choices

  /** One NIC's choices. */
  record NicChoice(int index, int type, Optional<Integer> network, boolean mac, int addressType) {}

  /** One disk's choices. */
  record DiskChoice(int controller, int unit, Optional<Long> capacityMiB) {}

  /** One duplicate: the index of the setting it repeats and the value it gives. */
  record Duplicate(int of, int value) {}

  /** Every independent choice behind one VM. */
  static final class Shape {
    VmOrigin origin = VmOrigin.INVENTORY;
    int name;
    int number;
    boolean uuid;
    Optional<Integer> hardwareVersion = Optional.empty();
    Optional<GuestOsId> guestOs = Optional.empty();
    Firmware firmware = Firmware.BIOS;
    boolean secureBoot;
    int sockets = 1;
    int cores = 1;
    int oddVcpus;
    int cpuMode;
    TriState customNested = TriState.UNKNOWN;
    long memory = MEMORY_SHRINK_TARGET;
    int reservation;
    long someReservation;
    boolean locked;
    TriState nestedHv = TriState.UNKNOWN;
    boolean iommu;
    boolean pmc;
    boolean vbs;
    List<Integer> masks = List.of();
    List<int[]> controllers = List.of();
    List<DiskChoice> disks = List.of();
    List<NicChoice> nics = List.of();
    List<Optional<PortSecurityPolicy>> policies = List.of();
    List<Integer> peripherals = List.of();
    int power;
    Optional<Integer> hostRef = Optional.empty();
    Optional<Integer> changeVersion = Optional.empty();
    boolean header;
    boolean omitDefaults = true;
    List<Setting> extras = List.of();
    List<Duplicate> duplicates = List.of();
    boolean suppression;
  }

  // -------------------------------------------------------------------------------------------- bias

  /** What the generator is pulled towards: plain values, or the boundaries of one profile. */
  static final class Bias {
    final List<Long> memory;
    final List<Integer> vcpus;
    final List<Integer> hardwareVersions;
    final List<GuestOsId> guests;
    final List<NicType> vmwareNics;
    final List<NicType> libvirtNics;
    final List<ControllerType> scsiTypes;
    final List<CpuMode> modes;
    final List<Long> diskMiB;
    final int maxDisks;
    final List<Setting> extras;
    final boolean fullReservation;

    private Bias(List<Long> memory, List<Integer> vcpus, List<Integer> hardwareVersions, List<GuestOsId> guests,
        List<NicType> vmwareNics, List<NicType> libvirtNics, List<ControllerType> scsiTypes, List<CpuMode> modes,
        List<Long> diskMiB, int maxDisks, List<Setting> extras, boolean fullReservation) {
      this.memory = memory;
      this.vcpus = vcpus;
      this.hardwareVersions = hardwareVersions;
      this.guests = guests;
      this.vmwareNics = vmwareNics;
      this.libvirtNics = libvirtNics;
      this.scsiTypes = scsiTypes;
      this.modes = modes;
      this.diskMiB = diskMiB;
      this.maxDisks = maxDisks;
      this.extras = extras;
      this.fullReservation = fullReservation;
    }

    static final Bias NONE = new Bias(
        List.of(512L, 1024L, 2048L, 4095L, 6144L, 7168L, 8192L, 12288L, 16384L, 32768L, 65536L),
        List.of(1, 2, 3, 4, 8, 16),
        List.of(4, 8, 9, 10, 11, 13, 14, 15, 17, 19, 20, 21, 22),
        GUESTS.stream().map(GuestOsId::of).toList(),
        VMWARE_NICS, LIBVIRT_NICS, SCSI, LIBVIRT_MODES,
        List.of(0L, 16L * 1024, 32L * 1024, 40L * 1024, 200L * 1024, 600L * 1024),
        3, EXTRAS, false);

    /** Boundaries of {@code profile}'s requirements, its values first so that counterexamples use them. */
    static Bias of(GuestProfile profile) {
      ProfileRequirements r = profile.requirements();
      Set<Long> memory = new TreeSet<>();
      r.minMemoryMiB().ifPresent(m -> addAround(memory, m));
      r.recommendedMemoryMiB().ifPresent(m -> addAround(memory, m));
      r.minMemoryMiB().ifPresent(m -> memory.add(Math.max(1, m / 2)));
      memory.addAll(NONE.memory);
      Set<Integer> vcpus = new TreeSet<>();
      r.minVcpus().ifPresent(v -> addAround(vcpus, v));
      r.recommendedVcpus().ifPresent(v -> addAround(vcpus, v));
      vcpus.addAll(NONE.vcpus);
      Set<Integer> hw = new TreeSet<>();
      r.minHardwareVersion().ifPresent(v -> addAround(hw, v));
      addAround(hw, 9); // nested HV
      addAround(hw, 13); // vNVMe
      addAround(hw, 14); // VBS on Intel
      addAround(hw, 19); // VBS on AMD
      hw.addAll(NONE.hardwareVersions);
      hw.removeIf(v -> v < 1);
      List<GuestOsId> guests = new ArrayList<>(r.guestOsIds());
      for (GuestOsId g : NONE.guests) {
        if (!guests.contains(g)) {
          guests.add(g);
        }
      }
      List<Long> disks = new ArrayList<>();
      r.minBootDiskGiB().ifPresent(g -> {
        disks.add(g * 1024);
        disks.add(g * 1024 - 1);
        disks.add(g * 1024 / 2);
      });
      for (Long d : NONE.diskMiB) {
        if (!disks.contains(d)) {
          disks.add(d);
        }
      }
      disks.removeIf(d -> d < 0);
      List<Setting> extras = new ArrayList<>();
      for (Map.Entry<String, String> e : r.requiredSettings().entrySet()) {
        extras.add(Setting.of(e.getKey(), e.getValue()));
        extras.add(Setting.of(e.getKey(), e.getValue().toLowerCase(Locale.ROOT)));
        extras.add(Setting.of(e.getKey().toUpperCase(Locale.ROOT), e.getValue()));
        extras.add(Setting.of(e.getKey(), e.getValue().isEmpty() ? "x" : ""));
      }
      extras.addAll(NONE.extras);
      int maxDisks = Math.max(NONE.maxDisks, r.minDisks().orElse(0) + 1);
      return new Bias(List.copyOf(memory), List.copyOf(vcpus), List.copyOf(hw), guests,
          preferred(r.supportedNics(), r.recommendedNic(), VMWARE_NICS),
          preferred(r.supportedNics(), r.recommendedNic(), LIBVIRT_NICS),
          preferred(r.supportedControllers(), r.recommendedController(), SCSI),
          preferred(r.allowedCpuModes(), Optional.empty(), LIBVIRT_MODES),
          disks, Math.min(maxDisks, 6), extras, r.fullMemoryReservation().orElse(false));
    }

    private static void addAround(Set<Long> set, long v) {
      set.add(Math.max(1, v - 1));
      set.add(v);
      set.add(v + 1);
    }

    private static void addAround(Set<Integer> set, int v) {
      set.add(Math.max(1, v - 1));
      set.add(v);
      set.add(v + 1);
    }

    /** {@code all}, reordered so that the recommended and then the supported values come first. */
    private static <T> List<T> preferred(Set<T> supported, Optional<T> recommended, List<T> all) {
      LinkedHashSet<T> out = new LinkedHashSet<>();
      recommended.filter(all::contains).ifPresent(out::add);
      for (T t : all) {
        if (supported.contains(t)) {
          out.add(t);
        }
      }
      out.addAll(all);
      return List.copyOf(out);
    }
  }

  // -------------------------------------------------------------------------------------------- arbitraries

  static Arbitrary<VmConfiguration> vms(Bias bias, List<VmOrigin> origins) {
    return shapes(bias, origins).map(s -> render(s, bias));
  }

  static Arbitrary<Shape> shapes(Bias bias, List<VmOrigin> origins) {
    return Builders.withBuilder(Shape::new)
        .use(Arbitraries.of(origins)).in((s, v) -> set(s, () -> s.origin = v))
        .use(Arbitraries.integers().between(0, NAMES.size() - 1)).in((s, v) -> set(s, () -> s.name = v))
        .use(Arbitraries.integers().between(1, 999)).in((s, v) -> set(s, () -> s.number = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.uuid = v))
        .use(hardwareVersions(bias).optional(0.85)).in((s, v) -> set(s, () -> s.hardwareVersion = v))
        .use(Arbitraries.of(bias.guests).optional(0.8)).in((s, v) -> set(s, () -> s.guestOs = v))
        .use(Arbitraries.of(Firmware.class)).in((s, v) -> set(s, () -> s.firmware = v))
        .use(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))))
        .in((s, v) -> set(s, () -> s.secureBoot = v))
        .use(sockets(bias)).in((s, v) -> set(s, () -> s.sockets = v))
        .use(Arbitraries.of(1, 2, 4, 8, 3)).in((s, v) -> set(s, () -> s.cores = v))
        .use(Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 3))))
        .in((s, v) -> set(s, () -> s.oddVcpus = v))
        .use(Arbitraries.integers().between(0, bias.modes.size() - 1)).in((s, v) -> set(s, () -> s.cpuMode = v))
        .use(Arbitraries.of(TriState.YES, TriState.NO)).in((s, v) -> set(s, () -> s.customNested = v))
        .use(memory(bias)).in((s, v) -> set(s, () -> s.memory = v))
        .use(Arbitraries.integers().between(0, bias.fullReservation ? 4 : 3)).in((s, v) -> set(s, () -> s.reservation = v))
        .use(Arbitraries.longs().between(0, 1L << 17)).in((s, v) -> set(s, () -> s.someReservation = v))
        .use(Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))))
        .in((s, v) -> set(s, () -> s.locked = v))
        .use(Arbitraries.of(TriState.UNKNOWN, TriState.YES, TriState.NO)).in((s, v) -> set(s, () -> s.nestedHv = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.iommu = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.pmc = v))
        .use(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))))
        .in((s, v) -> set(s, () -> s.vbs = v))
        .use(Arbitraries.integers().between(0, MASKS.size() - 1).list().ofMaxSize(2).uniqueElements())
        .in((s, v) -> set(s, () -> s.masks = v))
        .use(controllers(bias)).in((s, v) -> set(s, () -> s.controllers = v))
        .use(disks(bias)).in((s, v) -> set(s, () -> s.disks = v))
        .use(nics(bias)).in((s, v) -> set(s, () -> s.nics = v))
        .use(policies().optional(0.7).list().ofSize(NETWORKS.size())).in((s, v) -> set(s, () -> s.policies = v))
        .use(Arbitraries.integers().between(0, VMWARE_PERIPHERALS.size() - 1).list().ofMaxSize(3).uniqueElements())
        .in((s, v) -> set(s, () -> s.peripherals = v))
        .use(Arbitraries.integers().between(0, 2)).in((s, v) -> set(s, () -> s.power = v))
        .use(Arbitraries.integers().between(1, 3).optional(0.7)).in((s, v) -> set(s, () -> s.hostRef = v))
        .use(Arbitraries.integers().between(1, 99).optional(0.5)).in((s, v) -> set(s, () -> s.changeVersion = v))
        .use(Arbitraries.of(false, true)).in((s, v) -> set(s, () -> s.header = v))
        .use(Arbitraries.of(true, false)).in((s, v) -> set(s, () -> s.omitDefaults = v))
        .use(Arbitraries.of(bias.extras).list().ofMaxSize(3)).in((s, v) -> set(s, () -> s.extras = v))
        .use(Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, DUPLICATE_VALUES.size() - 1))
            .as(Duplicate::new).list().ofMaxSize(2))
        .in((s, v) -> set(s, () -> s.duplicates = v))
        .use(Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))))
        .in((s, v) -> set(s, () -> s.suppression = v))
        .build(s -> s);
  }

  private static Shape set(Shape s, Runnable r) {
    r.run();
    return s;
  }

  /*
   * Boundary values are mixed in with frequencyOf, whose shrinking may move to the first (plain) alternative but
   * does not have to; within the list of boundaries a value shrinks towards the front. Each list is therefore
   * ordered by distance from the plain alternative's shrink target, so that a counterexample drawn from the list
   * shrinks to the failing boundary closest to that target (4095 MiB, not 512 MiB, for "memory < 4096").
   */

  private static Arbitrary<Long> memory(Bias bias) {
    Arbitrary<Long> any = Arbitraries.longs().between(1, 1L << 20).shrinkTowards(MEMORY_SHRINK_TARGET);
    return Arbitraries.frequencyOf(Tuple.of(2, any),
        Tuple.of(3, Arbitraries.of(byDistance(bias.memory, MEMORY_SHRINK_TARGET))));
  }

  private static Arbitrary<Integer> hardwareVersions(Bias bias) {
    return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(1, 30).shrinkTowards(20)),
        Tuple.of(4, Arbitraries.of(byDistance(bias.hardwareVersions, 20))));
  }

  /** Sockets; with the cores per socket and the odd extra vCPUs they make the vCPU count. */
  private static Arbitrary<Integer> sockets(Bias bias) {
    return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(1, 8)),
        Tuple.of(1, Arbitraries.of(byDistance(bias.vcpus, 1))));
  }

  static <T extends Number> List<T> byDistance(List<T> values, long target) {
    List<T> out = new ArrayList<>(values);
    out.sort(java.util.Comparator.<T>comparingLong(v -> Math.abs(v.longValue() - target)).thenComparingLong(Number::longValue));
    return out;
  }

  private static Arbitrary<List<int[]>> controllers(Bias bias) {
    return Combinators.combine(Arbitraries.integers().between(0, VMWARE_SLOTS.size() - 1),
            Arbitraries.integers().between(0, 31))
        .as((slot, type) -> new int[] {slot, type})
        .list().ofMaxSize(3).uniqueElements(c -> c[0]);
  }

  private static Arbitrary<List<DiskChoice>> disks(Bias bias) {
    Arbitrary<Long> capacity = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.longs().between(0, 4L << 20).shrinkTowards(40L * 1024)),
        Tuple.of(3, Arbitraries.of(byDistance(bias.diskMiB, 40L * 1024))));
    return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
            capacity.optional(0.9))
        .as(DiskChoice::new)
        .list().ofMaxSize(bias.maxDisks);
  }

  /** Port-group policies, one per network: every NIC on a port group sees the same policy. */
  private static Arbitrary<PortSecurityPolicy> policies() {
    return Combinators.combine(
            Arbitraries.of(SwitchKind.STANDARD, SwitchKind.DISTRIBUTED, SwitchKind.OTHER, SwitchKind.UNKNOWN),
            Arbitraries.of(TriState.YES, TriState.NO, TriState.UNKNOWN),
            Arbitraries.of(TriState.YES, TriState.NO, TriState.UNKNOWN),
            Arbitraries.of(TriState.YES, TriState.NO, TriState.UNKNOWN),
            Arbitraries.of(TriState.UNKNOWN, TriState.YES, TriState.NO))
        .as((k, p, f, m, l) -> PortSecurityPolicy.builder().switchKind(k).allowPromiscuous(p).forgedTransmits(f)
            .macChanges(m).macLearning(k == SwitchKind.DISTRIBUTED ? l : TriState.UNKNOWN).build());
  }

  private static Arbitrary<List<NicChoice>> nics(Bias bias) {
    return Builders.withBuilder(() -> new Object[5])
        .use(Arbitraries.integers().between(0, 3)).in((a, v) -> put(a, 0, v))
        .use(Arbitraries.integers().between(0, 31)).in((a, v) -> put(a, 1, v))
        .use(Arbitraries.integers().between(0, 2).optional(0.85)).in((a, v) -> put(a, 2, v))
        .use(Arbitraries.of(false, true)).in((a, v) -> put(a, 3, v))
        .use(Arbitraries.integers().between(0, 3)).in((a, v) -> put(a, 4, v))
        .build(VmGenerator::nicChoice)
        .list().ofMaxSize(3).uniqueElements(NicChoice::index);
  }

  private static Object[] put(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  @SuppressWarnings("unchecked")
  private static NicChoice nicChoice(Object[] a) {
    return new NicChoice((Integer) a[0], (Integer) a[1], (Optional<Integer>) a[2], (Boolean) a[3], (Integer) a[4]);
  }

  // -------------------------------------------------------------------------------------------- rendering

  static VmConfiguration render(Shape s) {
    return render(s, Bias.NONE);
  }

  static VmConfiguration render(Shape s, Bias bias) {
    VmOrigin o = s.origin;
    boolean libvirt = o == VmOrigin.LIBVIRT;
    String name = NAMES.get(s.name);
    VmConfiguration.Builder b = VmConfiguration.builder();
    b.name(name);
    b.source(source(o, name, s.number));
    if (s.uuid) {
      b.uuid(String.format(Locale.ROOT, "564d%04x-1234-5678-9abc-def012345678", s.number));
    }
    if (!libvirt) {
      s.hardwareVersion.ifPresent(b::hardwareVersion);
    }
    s.guestOs.ifPresent(b::guestOs);
    b.firmware(s.firmware);
    b.secureBoot(s.secureBoot);
    int vcpus = s.sockets * s.cores + s.oddVcpus;
    b.vcpus(vcpus).coresPerSocket(s.cores);
    CpuMode mode = libvirt ? bias.modes.get(s.cpuMode % bias.modes.size()) : CpuMode.UNSPECIFIED;
    b.cpuMode(mode);
    b.memoryMiB(s.memory);
    long reservation = reservation(s);
    b.memoryReservationMiB(reservation);
    b.memoryLockedToMax(s.locked);
    TriState nested;
    if (libvirt) {
      nested = switch (mode) {
        case HOST_PASSTHROUGH, HOST_MODEL, MAXIMUM -> TriState.YES;
        case CUSTOM -> s.customNested;
        default -> TriState.UNKNOWN;
      };
    } else {
      nested = s.nestedHv;
    }
    b.nestedHv(nested);
    b.virtualIommu(s.iommu);
    b.virtualPmc(s.pmc && !libvirt);
    b.vbs(s.vbs && !libvirt);
    List<CpuidMask> masks = new ArrayList<>();
    if (!libvirt) {
      for (int i : s.masks) {
        masks.add(MASKS.get(i));
      }
    }
    b.cpuidMasks(masks);

    List<Slot> slots = libvirt ? LIBVIRT_SLOTS : VMWARE_SLOTS;
    List<StorageController> controllers = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int[] c : s.controllers) {
      Slot slot = slots.get(c[0] % slots.size());
      if (!seen.add(slot.id())) {
        continue;
      }
      List<ControllerType> types = slot.types() == SCSI ? bias.scsiTypes : slot.types();
      if (o == VmOrigin.INVENTORY) {
        types = types.stream().filter(t -> t != ControllerType.UNSPECIFIED).toList();
      }
      ControllerType type = types.get(c[1] % types.size());
      StorageController.Builder cb = StorageController.builder().id(slot.id()).type(type).busNumber(slot.bus());
      rawController(type).ifPresent(cb::rawType);
      controllers.add(cb.build());
    }
    b.controllers(controllers);

    List<Disk> disks = new ArrayList<>();
    Set<String> diskIds = new HashSet<>();
    if (!controllers.isEmpty()) {
      for (DiskChoice d : s.disks) {
        StorageController c = controllers.get(d.controller() % controllers.size());
        String id = libvirt ? libvirtDiskId(c, d.unit()) : c.id() + ":" + d.unit();
        if (!diskIds.add(id)) {
          continue;
        }
        Disk.Builder db = Disk.builder().id(id).controllerId(c.id()).unit(d.unit());
        if (o != VmOrigin.VMX && d.capacityMiB().isPresent()) {
          db.capacityMiB(OptionalLong.of(d.capacityMiB().get()));
        }
        db.fileName(libvirt ? "/var/lib/libvirt/images/" + name + "-" + id + ".qcow2" : name + "_" + disks.size() + ".vmdk");
        disks.add(db.build());
      }
    }
    b.disks(disks);

    List<Nic> nics = new ArrayList<>();
    for (NicChoice n : s.nics) {
      List<NicType> types = libvirt ? bias.libvirtNics : bias.vmwareNics;
      if (o == VmOrigin.INVENTORY) {
        types = types.stream().filter(t -> t != NicType.UNSPECIFIED).toList();
      }
      NicType type = types.get(n.type() % types.size());
      Nic.Builder nb = Nic.builder().id((libvirt ? "net" : "ethernet") + n.index()).type(type);
      rawNic(type).ifPresent(nb::rawType);
      n.network().ifPresent(i -> nb.network((libvirt ? BRIDGES : NETWORKS).get(i)));
      if (n.mac()) {
        nb.macAddress(String.format(Locale.ROOT, "00:50:56:%02x:%02x:%02x", s.number % 256, n.index(), s.name));
      }
      if (!libvirt) {
        nb.addressType(MacAddressType.values()[n.addressType() % MacAddressType.values().length]);
      }
      if (o == VmOrigin.INVENTORY && n.network().isPresent() && !s.policies.isEmpty()) {
        nb.portSecurity(s.policies.get(n.network().get() % s.policies.size()));
      }
      nics.add(nb.build());
    }
    b.nics(nics);

    List<Peripheral> peripherals = new ArrayList<>();
    List<Peripheral> catalogue = libvirt ? LIBVIRT_PERIPHERALS : VMWARE_PERIPHERALS;
    Set<String> peripheralIds = new HashSet<>();
    for (int i : s.peripherals) {
      Peripheral p = catalogue.get(i % catalogue.size());
      if (peripheralIds.add(p.id())) {
        peripherals.add(p);
      }
    }
    b.peripherals(peripherals);

    if (o == VmOrigin.INVENTORY) {
      b.powerState(List.of(PowerState.POWERED_OFF, PowerState.POWERED_ON, PowerState.SUSPENDED).get(s.power));
      s.hostRef.ifPresent(h -> b.hostRef("host-" + h));
      s.changeVersion.ifPresent(v -> b.changeVersion("2026-11-25T10:00:" + String.format(Locale.ROOT, "%02d", v % 60) + "Z"));
    }
    if (o == VmOrigin.VMX && s.suppression) {
      b.addInlineSuppressions(InlineSuppression.builder().addRuleIds("NV-HYG-001")
          .reason("sound card kept for training videos").expires(LocalDate.of(2027, 1, 31)).line(1).build());
    }
    VmConfiguration typed = b.build();
    return typed.withSettings(settings(typed, s, bias));
  }

  private static String source(VmOrigin o, String name, int number) {
    String file = name.replace(' ', '_').replace('(', '_').replace(')', '_');
    return switch (o) {
      case INVENTORY -> "vm-" + number;
      case VMX -> file + ".vmx";
      case OVF -> file + ".ovf";
      case LIBVIRT -> file + ".xml";
    };
  }

  private static long reservation(Shape s) {
    return switch (s.reservation) {
      case 1 -> s.memory;
      case 2 -> s.memory / 2;
      case 3 -> Math.min(s.someReservation, s.memory + s.memory / 5);
      case 4 -> Math.max(0, s.memory - 1);
      default -> 0;
    };
  }

  private static String libvirtDiskId(StorageController c, int unit) {
    String prefix = switch (c.type()) {
      case VIRTIO_BLK -> "vd";
      case IDE -> "hd";
      default -> "sd";
    };
    return prefix + (char) ('a' + unit);
  }

  static Optional<String> rawController(ControllerType t) {
    return switch (t) {
      case LSI_LOGIC -> Optional.of("lsilogic");
      case LSI_LOGIC_SAS -> Optional.of("lsisas1068");
      case BUSLOGIC -> Optional.of("buslogic");
      case PVSCSI -> Optional.of("pvscsi");
      case SATA_AHCI -> Optional.of("ahci");
      case NVME -> Optional.of("nvme");
      case IDE -> Optional.of("ide");
      case VIRTIO_BLK -> Optional.of("virtio");
      case VIRTIO_SCSI -> Optional.of("virtio-scsi");
      case OTHER -> Optional.of("megaraid");
      default -> Optional.empty();
    };
  }

  static Optional<String> rawNic(NicType t) {
    return switch (t) {
      case E1000 -> Optional.of("e1000");
      case E1000E -> Optional.of("e1000e");
      case VMXNET3 -> Optional.of("vmxnet3");
      case VMXNET2, VMXNET -> Optional.of("vmxnet");
      case VLANCE -> Optional.of("vlance");
      case VIRTIO -> Optional.of("virtio");
      case RTL8139 -> Optional.of("rtl8139");
      case OTHER -> Optional.of("vmxnet4");
      default -> Optional.empty();
    };
  }

  /** The raw settings the origin's reader would have recorded for {@code vm}, then extras and duplicates. */
  private static List<Setting> settings(VmConfiguration vm, Shape s, Bias bias) {
    List<Setting> out = new ArrayList<>();
    switch (s.origin) {
      case VMX -> vmx(vm, s, out);
      case OVF -> {
        if (vm.nestedHv() != TriState.UNKNOWN) {
          out.add(Setting.of("nestedHVEnabled", vm.nestedHv().isYes() ? "true" : "false"));
        }
        if (vm.firmware() == Firmware.EFI) {
          out.add(Setting.of("firmware", "efi"));
        }
      }
      case LIBVIRT -> {
        out.add(Setting.of("domain.type", "kvm"));
        if (vm.cpuMode() != CpuMode.UNSPECIFIED) {
          out.add(Setting.of("cpu.mode", vm.cpuMode().name().toLowerCase(Locale.ROOT).replace('_', '-')));
          if (vm.cpuMode() == CpuMode.CUSTOM) {
            out.add(Setting.of("cpu.feature.vmx", vm.nestedHv().isYes() ? "require" : "disable"));
          }
        }
      }
      default -> {
        // a live inventory states typed facts in typed properties; its settings are extraConfig keys only
      }
    }
    if (s.origin != VmOrigin.LIBVIRT) {
      // an extra never is the first occurrence of a key that drives a typed field: a reader would read it
      Set<String> keys = new HashSet<>();
      out.forEach(x -> keys.add(x.key().toLowerCase(Locale.ROOT)));
      for (Setting e : s.extras) {
        String key = e.key().toLowerCase(Locale.ROOT);
        boolean duplicate = keys.contains(key);
        if (duplicate ? s.origin == VmOrigin.VMX || s.origin == VmOrigin.OVF : !drivesField(key)) {
          out.add(e);
          keys.add(key);
        }
      }
      // only files repeat keys; an inventory's extraConfig has each key once
      if (!out.isEmpty() && (s.origin == VmOrigin.VMX || s.origin == VmOrigin.OVF)) {
        for (Duplicate d : s.duplicates) {
          Setting of = out.get(d.of() % out.size());
          String value = DUPLICATE_VALUES.get(d.value());
          if (value.equals(of.value())) {
            value = of.value() + "1";
          }
          out.add(Setting.of(of.key(), value));
        }
      }
    }
    List<Setting> numbered = new ArrayList<>(out.size());
    int first = s.header ? 3 : 1;
    for (int i = 0; i < out.size(); i++) {
      int line = switch (s.origin) {
        case VMX -> first + i;
        case OVF -> 40 + 2 * i;
        case LIBVIRT -> 12 + i;
        default -> 0;
      };
      numbered.add(Setting.of(out.get(i).key(), out.get(i).value(), line));
    }
    return numbered;
  }

  private static final Set<String> TYPED_KEYS = Set.of("vhv.enable", "nestedhvenabled", "numvcpus",
      "cpuid.corespersocket", "memsize", "sched.mem.min", "sched.mem.minsize", "sched.mem.pin", "firmware",
      "uefi.secureboot.enabled", "vvtd.enable", "flags.vvtdenabled", "vpmc.enable", "flags.vbsenabled", "vbs.enable",
      "virtualhw.version", "guestos", "cpu.mode");

  /** Whether a reader derives a typed field from {@code key} (lower case). */
  static boolean drivesField(String key) {
    return TYPED_KEYS.contains(key) || key.startsWith("cpuid.") || key.endsWith(".virtualdev")
        || key.endsWith(".present") || key.startsWith("cpu.feature.");
  }

  private static void vmx(VmConfiguration vm, Shape s, List<Setting> out) {
    if (s.header) {
      out.add(Setting.of(".encoding", "UTF-8"));
      out.add(Setting.of("config.version", "8"));
    }
    vm.hardwareVersion().ifPresent(v -> out.add(Setting.of("virtualHW.version", String.valueOf(v))));
    vm.guestOs().ifPresent(g -> out.add(Setting.of("guestOS", g.vmxForm())));
    if (!(s.omitDefaults && vm.vcpus() == 1)) {
      out.add(Setting.of("numvcpus", String.valueOf(vm.vcpus())));
    }
    if (!(s.omitDefaults && vm.coresPerSocket() == 1)) {
      out.add(Setting.of("cpuid.coresPerSocket", String.valueOf(vm.coresPerSocket())));
    }
    out.add(Setting.of("memsize", String.valueOf(vm.memoryMiB())));
    if (vm.memoryReservationMiB() > 0) {
      out.add(Setting.of("sched.mem.min", String.valueOf(vm.memoryReservationMiB())));
    }
    if (vm.memoryLockedToMax()) {
      out.add(Setting.of("sched.mem.pin", "TRUE"));
    }
    if (vm.firmware() == Firmware.EFI) {
      out.add(Setting.of("firmware", "efi"));
    }
    if (vm.secureBoot()) {
      out.add(Setting.of("uefi.secureBoot.enabled", "TRUE"));
    }
    if (vm.nestedHv() != TriState.UNKNOWN) {
      out.add(Setting.of("vhv.enable", vm.nestedHv().isYes() ? "TRUE" : "FALSE"));
    }
    if (vm.virtualIommu()) {
      out.add(Setting.of("vvtd.enable", "TRUE"));
    }
    if (vm.virtualPmc()) {
      out.add(Setting.of("vpmc.enable", "TRUE"));
    }
    if (vm.vbs()) {
      out.add(Setting.of("vbs.enable", "TRUE"));
    }
    for (CpuidMask m : vm.cpuidMasks()) {
      String v = m.mask();
      String colons = v.substring(0, 4) + ":" + v.substring(4, 8) + ":" + v.substring(8, 12) + ":" + v.substring(12, 16)
          + ":" + v.substring(16, 20) + ":" + v.substring(20, 24) + ":" + v.substring(24, 28) + ":" + v.substring(28);
      out.add(Setting.of("cpuid." + Long.toHexString(m.leaf()) + "." + m.register().name().toLowerCase(Locale.ROOT),
          colons));
    }
    for (StorageController c : vm.controllers()) {
      out.add(Setting.of(c.id() + ".present", "TRUE"));
      if (c.id().startsWith("scsi") && c.type() != ControllerType.UNSPECIFIED) {
        c.rawType().ifPresent(r -> out.add(Setting.of(c.id() + ".virtualDev", r)));
      }
    }
    for (Disk d : vm.disks()) {
      out.add(Setting.of(d.id() + ".present", "TRUE"));
      d.fileName().ifPresent(f -> out.add(Setting.of(d.id() + ".fileName", f)));
    }
    for (Nic n : vm.nics()) {
      out.add(Setting.of(n.id() + ".present", "TRUE"));
      if (n.type() != NicType.UNSPECIFIED) {
        n.rawType().ifPresent(r -> out.add(Setting.of(n.id() + ".virtualDev", r)));
      }
      if (n.type() == NicType.VMXNET2) {
        out.add(Setting.of(n.id() + ".features", "15"));
      }
      n.network().ifPresent(net -> out.add(Setting.of(n.id() + ".networkName", net)));
      if (n.addressType() != MacAddressType.UNSPECIFIED) {
        out.add(Setting.of(n.id() + ".addressType", switch (n.addressType()) {
          case ASSIGNED -> "vpx";
          case STATIC -> "static";
          default -> "generated";
        }));
      }
      n.macAddress().ifPresent(m -> out.add(Setting.of(n.id() + (n.addressType() == MacAddressType.STATIC
          ? ".address" : ".generatedAddress"), m)));
    }
    for (Peripheral p : vm.peripherals()) {
      out.add(Setting.of(p.id() + ".present", "TRUE"));
    }
  }
}
