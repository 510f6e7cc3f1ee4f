package io.nestcheck.core.fix;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.Platform;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.internal.vmx.VmxDevices;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * Generators of realistic and not-so-realistic VM configurations and hosts, for the fix, chain and diagnose
 * properties.
 *
 * <p>VMs come in three flavours, as the readers produce them: {@code .vmx} files (raw settings mirror the typed
 * fields, first occurrence wins, plus extra keys and duplicates), libvirt XML (a CPU mode and a {@code cpu.mode}
 * setting) and inventory VMs (no raw settings beyond a few extraConfig keys).
 */
public final class VmArbitraries {
  private VmArbitraries() {}

  /** The flavour of a generated VM. */
  public enum Flavour {
    VMX,
    LIBVIRT,
    INVENTORY
  }

  static final List<String> GUESTS = List.of("vmkernel6", "vmkernel65", "vmkernel7", "vmkernel8", "vmkernel9",
      "vmkernel8Guest", "otherlinux-64", "other4xlinux-64", "other3xlinux-64", "centos7-64", "rhel8-64",
      "ubuntu-64", "windows2019srv-64", "windows9-64", "windows9srv-64", "other", "other-64", "winxppro",
      "euleros-64");
  static final List<String> NETWORKS = List.of("VM Network", "Nested-Trunk", "lab-pg", "br0");
  static final List<String> CONTROLLER_IDS = List.of("scsi0", "scsi1", "scsi2", "sata0", "nvme0", "ide0");

  /** Any VM. */
  public static Arbitrary<VmConfiguration> vms() {
    return Arbitraries.of(Flavour.class).flatMap(VmArbitraries::vms);
  }

  /** VMs of one flavour. */
  public static Arbitrary<VmConfiguration> vms(Flavour flavour) {
    Arbitrary<VmConfiguration> typed = Builders.withBuilder(VmConfiguration::builder)
        .use(Arbitraries.of("cna01", "esxi8-lab", "hyperv-01", "pve")).in((b, v) -> b.name(v))
        .use(sources(flavour)).in((b, v) -> b.source(v))
        .use(Arbitraries.integers().between(4, 22).optional(0.85)).in((b, v) -> {
          v.ifPresent(b::hardwareVersion);
          return b;
        })
        .use(Arbitraries.of(GUESTS).map(GuestOsId::of).optional(0.85)).in((b, v) -> b.guestOs(v))
        .use(Arbitraries.of(Firmware.class)).in((b, v) -> b.firmware(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.secureBoot(v))
        .use(cpu()).in((b, v) -> b.vcpus(v[0]).coresPerSocket(v[1]))
        .use(memory()).in((b, v) -> b.memoryMiB(v[0]).memoryReservationMiB(v[1]))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.memoryLockedToMax(v))
        .use(Arbitraries.of(TriState.class)).in((b, v) -> b.nestedHv(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.virtualIommu(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.virtualPmc(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.vbs(v))
        .use(masks().list().ofMaxSize(2).uniqueElements(m -> m.leaf() + "/" + m.register())).in((b, v) -> b.cpuidMasks(v))
        .use(nics().list().ofMaxSize(3).uniqueElements(Nic::id)).in((b, v) -> b.nics(v))
        .use(peripherals()).in((b, v) -> b.peripherals(v))
        .use(Arbitraries.of(io.nestcheck.api.PowerState.class)).in((b, v) -> b.powerState(v))
        .build(VmConfiguration.Builder::build)
        .flatMap(vm -> storage().map(s -> vm.withControllers(s.controllers).withDisks(s.disks)));
    if (flavour == Flavour.LIBVIRT) {
      typed = typed.flatMap(vm -> Arbitraries.of(CpuMode.HOST_PASSTHROUGH, CpuMode.HOST_MODEL, CpuMode.CUSTOM,
              CpuMode.MAXIMUM)
          .flatMap(mode -> (mode == CpuMode.CUSTOM ? Arbitraries.of(TriState.YES, TriState.NO) : Arbitraries.just(TriState.YES))
              .map(hv -> vm.withCpuMode(mode).withNestedHv(hv))));
    }
    return typed.flatMap(vm -> extras(flavour).map(extra -> {
      VmConfiguration out = vm.withSettings(render(vm, flavour, extra));
      if (flavour == Flavour.VMX) {
        // an extra vhv.enable without a mirror before it is the first occurrence: a reader reads it
        Optional<String> vhv = out.setting("vhv.enable");
        if (vhv.isPresent()) {
          out = out.withNestedHv(FixApplier.bool(vhv.get()).map(TriState::of).orElse(TriState.UNKNOWN));
        }
      }
      return out;
    }));
  }

  private static Arbitrary<String> sources(Flavour flavour) {
    switch (flavour) {
      case VMX:
        return Arbitraries.of("lab/cna01.vmx", "esxi8.vmx", "C:\\VMs\\hv01\\hv01.vmx");
      case LIBVIRT:
        return Arbitraries.of("cna.xml", "/etc/libvirt/qemu/esxi.xml");
      default:
        return Arbitraries.of("vm-42", "fleet/esxi8.ovf", "govc/vm.json");
    }
  }

  /** vCPUs and cores per socket; cores mostly divide vCPUs. */
  private static Arbitrary<int[]> cpu() {
    return Arbitraries.integers().between(1, 16).flatMap(v -> Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.of(divisors(v))),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 8)))
        .map(c -> new int[] {v, c}));
  }

  private static List<Integer> divisors(int n) {
    List<Integer> d = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      if (n % i == 0) {
        d.add(i);
      }
    }
    return d;
  }

  /** Memory and reservation in MiB. */
  private static Arbitrary<long[]> memory() {
    Arbitrary<Long> mem = Arbitraries.oneOf(
        Arbitraries.of(512L, 1024L, 2048L, 4096L, 6144L, 7168L, 8192L, 12288L, 16384L, 32768L, 65536L),
        Arbitraries.longs().between(32, 70_000));
    return mem.flatMap(m -> Arbitraries.oneOf(
            Arbitraries.of(0L, m, m / 2),
            Arbitraries.longs().between(0, m + m / 5))
        .map(r -> new long[] {m, r}));
  }

  /** CPUID masks, some hiding VMX (leaf 1 ECX bit 5) or SVM (leaf 0x80000001 ECX bit 2). */
  static Arbitrary<CpuidMask> masks() {
    return Arbitraries.oneOf(
        Arbitraries.just(CpuidMask.of(1, CpuidMask.Register.ECX, mask(5, '0'))),
        Arbitraries.just(CpuidMask.of(0x80000001L, CpuidMask.Register.ECX, mask(2, '0'))),
        Arbitraries.just(CpuidMask.of(1, CpuidMask.Register.ECX, mask(5, 'H'))),
        Arbitraries.just(CpuidMask.of(1, CpuidMask.Register.ECX, mask(31, '0'))),
        Combinators.combine(Arbitraries.of(1L, 0x80000001L, 7L), Arbitraries.of(CpuidMask.Register.class),
                Arbitraries.strings().withChars("-01HRTFx").ofLength(32))
            .as(CpuidMask::of));
  }

  /** A mask of dashes with {@code c} at {@code bit}. */
  public static String mask(int bit, char c) {
    char[] m = "--------------------------------".toCharArray();
    m[31 - bit] = c;
    return new String(m);
  }

  static Arbitrary<Nic> nics() {
    Arbitrary<PortSecurityPolicy> policy = Combinators.combine(Arbitraries.of(SwitchKind.class),
            Arbitraries.of(TriState.class), Arbitraries.of(TriState.class), Arbitraries.of(TriState.class),
            Arbitraries.of(TriState.class))
        .as((k, p, f, m, l) -> PortSecurityPolicy.builder().switchKind(k).allowPromiscuous(p).forgedTransmits(f)
            .macChanges(m).macLearning(l).build());
    return Builders.withBuilder(Nic::builder)
        .use(Arbitraries.integers().between(0, 3).map(i -> "ethernet" + i)).in((b, v) -> b.id(v))
        .use(Arbitraries.of(NicType.class)).in((b, v) -> b.type(v))
        .use(Arbitraries.of(NETWORKS).optional(0.8)).in((b, v) -> b.network(v))
        .use(Arbitraries.of("00:50:56:01:02:03", "00:0c:29:aa:bb:cc").optional()).in((b, v) -> b.macAddress(v))
        .use(Arbitraries.of(MacAddressType.class)).in((b, v) -> b.addressType(v))
        .use(policy.optional(0.6)).in((b, v) -> b.portSecurity(v))
        .build(Nic.Builder::build);
  }

  static Arbitrary<List<Peripheral>> peripherals() {
    return Arbitraries.of(
            Peripheral.of("sound", PeripheralKind.SOUND), Peripheral.of("usb", PeripheralKind.USB),
            Peripheral.of("floppy0", PeripheralKind.FLOPPY), Peripheral.of("serial0", PeripheralKind.SERIAL),
            Peripheral.of("parallel0", PeripheralKind.PARALLEL), Peripheral.of("ide1:0", PeripheralKind.CDROM))
        .list().ofMaxSize(4).uniqueElements();
  }

  private record Storage(List<StorageController> controllers, List<Disk> disks) {}

  private static Arbitrary<Storage> storage() {
    Arbitrary<StorageController> controller = Combinators.combine(Arbitraries.of(CONTROLLER_IDS),
            Arbitraries.of(ControllerType.class))
        .as((id, t) -> StorageController.builder().id(id).type(t).busNumber(id.charAt(id.length() - 1) - '0').build());
    return controller.list().ofMaxSize(3).uniqueElements(StorageController::id).flatMap(cs -> {
      if (cs.isEmpty()) {
        return Arbitraries.just(new Storage(cs, List.of()));
      }
      Arbitrary<Disk> disk = Combinators.combine(Arbitraries.of(cs), Arbitraries.integers().between(0, 3),
              Arbitraries.longs().between(0, 600L * 1024).optional(0.8))
          .as((c, unit, cap) -> Disk.builder().id(c.id() + ":" + unit).controllerId(c.id()).unit(unit)
              .capacityMiB(cap.map(OptionalLong::of).orElse(OptionalLong.empty()))
              .fileName(c.id() + "-" + unit + ".vmdk").build());
      return disk.list().ofMaxSize(3).uniqueElements(Disk::id).map(ds -> new Storage(cs, ds));
    });
  }

  /** Settings with no typed field, duplicates included. */
  private static Arbitrary<List<Setting>> extras(Flavour flavour) {
    Arbitrary<Setting> extra = Arbitraries.oneOf(
        Arbitraries.of("TRUE", "FALSE", "true").map(v -> Setting.of("disk.EnableUUID", v)),
        Arbitraries.of("TRUE", "FALSE").map(v -> Setting.of("tools.syncTimeWithHost", v)),
        Arbitraries.of("FALSE", "TRUE").map(v -> Setting.of("hypervisor.cpuid.v0", v)),
        Arbitraries.of("TRUE", "FALSE").map(v -> Setting.of("vhv.enable", v)),
        Arbitraries.of("dvfilter-maclearn").map(v -> Setting.of("ethernet0.filter4.name", v)),
        Arbitraries.of("x", "").map(v -> Setting.of("guestinfo.note", v)),
        Arbitraries.of("TRUE", "FALSE").map(v -> Setting.of("msg.autoAnswer", v)));
    int max = flavour == Flavour.LIBVIRT ? 1 : 4;
    return extra.list().ofMaxSize(max);
  }

  /** The raw settings a reader would have seen for {@code vm}, then {@code extra} (later duplicates lose). */
  static List<Setting> render(VmConfiguration vm, Flavour flavour, List<Setting> extra) {
    List<Setting> s = new ArrayList<>();
    if (flavour == Flavour.VMX) {
      s.add(Setting.of(".encoding", "UTF-8"));
      s.add(Setting.of("config.version", "8"));
      vm.hardwareVersion().ifPresent(v -> s.add(Setting.of("virtualHW.version", String.valueOf(v))));
      vm.guestOs().ifPresent(g -> s.add(Setting.of("guestOS", g.vmxForm())));
      s.add(Setting.of("numvcpus", String.valueOf(vm.vcpus())));
      s.add(Setting.of("cpuid.coresPerSocket", String.valueOf(vm.coresPerSocket())));
      s.add(Setting.of("memsize", String.valueOf(vm.memoryMiB())));
      if (vm.memoryReservationMiB() > 0) {
        s.add(Setting.of("sched.mem.min", String.valueOf(vm.memoryReservationMiB())));
      }
      if (vm.memoryLockedToMax()) {
        s.add(Setting.of("sched.mem.pin", "TRUE"));
      }
      if (vm.firmware() == Firmware.EFI) {
        s.add(Setting.of("firmware", "efi"));
      }
      if (vm.secureBoot()) {
        s.add(Setting.of("uefi.secureBoot.enabled", "TRUE"));
      }
      if (vm.nestedHv() != TriState.UNKNOWN) {
        s.add(Setting.of("vhv.enable", vm.nestedHv().isYes() ? "TRUE" : "FALSE"));
      }
      if (vm.virtualIommu()) {
        s.add(Setting.of("vvtd.enable", "TRUE"));
      }
      if (vm.virtualPmc()) {
        s.add(Setting.of("vpmc.enable", "TRUE"));
      }
      for (CpuidMask m : vm.cpuidMasks()) {
        s.add(Setting.of("cpuid." + Long.toHexString(m.leaf()) + "." + m.register().name().toLowerCase(Locale.ROOT),
            m.mask()));
      }
      for (StorageController c : vm.controllers()) {
        s.add(Setting.of(c.id() + ".present", "TRUE"));
        if (c.id().startsWith("scsi")) {
          VmxDevices.scsiVirtualDev(c.type()).ifPresent(d -> s.add(Setting.of(c.id() + ".virtualDev", d)));
        }
      }
      for (Nic n : vm.nics()) {
        s.add(Setting.of(n.id() + ".present", "TRUE"));
        VmxDevices.nicVirtualDev(n.type()).ifPresent(d -> s.add(Setting.of(n.id() + ".virtualDev", d)));
        if (n.type() == NicType.VMXNET2) {
          s.add(Setting.of(n.id() + ".features", "15"));
        }
        n.network().ifPresent(net -> s.add(Setting.of(n.id() + ".networkName", net)));
      }
      for (Peripheral p : vm.peripherals()) {
        s.add(Setting.of(p.id() + ".present", "TRUE"));
      }
    } else if (flavour == Flavour.LIBVIRT) {
      s.add(Setting.of("cpu.mode", vm.cpuMode().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    } else if (vm.nestedHv() != TriState.UNKNOWN) {
      s.add(Setting.of("nestedHVEnabled", vm.nestedHv().isYes() ? "true" : "false"));
    }
    // extras: a key that a mirror already set keeps the mirror's value first (first occurrence wins)
    s.addAll(extra);
    List<Setting> numbered = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      numbered.add(Setting.of(s.get(i).key(), s.get(i).value(), flavour == Flavour.VMX ? i + 1 : 0));
    }
    return numbered;
  }

  /** Hosts from "nothing known" to fully described Intel and AMD hosts, capable or not. */
  public static Arbitrary<HostCapabilities> hosts() {
    Arbitrary<HostCapabilities> described = Combinators.combine(
            Arbitraries.of(Platform.ESXI, Platform.WORKSTATION, Platform.KVM, Platform.UNKNOWN),
            Arbitraries.of(CpuVendor.INTEL, CpuVendor.AMD, CpuVendor.HYGON, CpuVendor.UNKNOWN),
            Arbitraries.of(TriState.class), // hardware virtualization
            Arbitraries.of(TriState.class), // SLAT
            Arbitraries.of(TriState.class), // enabled in firmware
            Arbitraries.of(TriState.class), // nestedHvSupported
            Arbitraries.integers().between(10, 22).optional(0.5),
            Arbitraries.of(true, false)) // hypervisor bit
        .as((platform, vendor, hv, slat, fw, nested, maxHw, hypervisor) -> {
          Set<CpuFeature> present = EnumSet.of(CpuFeature.NX, CpuFeature.LM, CpuFeature.POPCNT);
          Set<CpuFeature> absent = EnumSet.noneOf(CpuFeature.class);
          boolean amd = vendor == CpuVendor.AMD || vendor == CpuVendor.HYGON;
          CpuFeature virt = amd ? CpuFeature.SVM : CpuFeature.VMX;
          CpuFeature other = amd ? CpuFeature.VMX : CpuFeature.SVM;
          CpuFeature sl = amd ? CpuFeature.NPT : CpuFeature.EPT;
          put(present, absent, virt, hv);
          put(present, absent, sl, slat);
          if (vendor != CpuVendor.UNKNOWN) {
            absent.add(other);
          }
          put(present, absent, CpuFeature.HYPERVISOR, TriState.of(hypervisor));
          HostCapabilities.Builder b = HostCapabilities.builder().platform(platform).cpuVendor(vendor)
              .cpuFeatures(present).absentCpuFeatures(absent).virtualizationEnabledInFirmware(fw)
              .nestedHvSupported(nested);
          maxHw.ifPresent(b::maxHardwareVersion);
          return b.build();
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(HostCapabilities.unknown())),
        net.jqwik.api.Tuple.of(4, described));
  }

  private static void put(Set<CpuFeature> present, Set<CpuFeature> absent, CpuFeature f, TriState state) {
    if (state == TriState.YES) {
      present.add(f);
    } else if (state == TriState.NO) {
      absent.add(f);
    }
  }
}
