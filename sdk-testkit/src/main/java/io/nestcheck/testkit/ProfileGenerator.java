package io.nestcheck.testkit;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.NicType;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Severity;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.RuleDescriptor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * Generates valid guest profiles: every value within the published schema's ranges and every cross-field rule of
 * {@link ProfileRegistry#validate} kept by construction (minimum &lt;= recommended, recommendations among the
 * allowed values, no NIC both supported and needing a driver). Requirements that belong together (a minimum and
 * its recommendation, a set and its recommendation) are generated, and in a child overridden, as one unit, so
 * that inheritance cannot break them either.
 */
final class ProfileGenerator {
  private ProfileGenerator() {}

  static final List<String> RULE_IDS = RuleCatalog.builtIn().rules().stream().map(RuleDescriptor::id).toList();

  static final List<NicType> REAL_NICS = List.of(NicType.VMXNET3, NicType.E1000, NicType.E1000E, NicType.VIRTIO,
      NicType.VLANCE, NicType.VMXNET2, NicType.VMXNET, NicType.RTL8139);
  static final List<ControllerType> REAL_CONTROLLERS = List.of(ControllerType.PVSCSI, ControllerType.LSI_LOGIC_SAS,
      ControllerType.LSI_LOGIC, ControllerType.SATA_AHCI, ControllerType.NVME, ControllerType.VIRTIO_BLK,
      ControllerType.VIRTIO_SCSI, ControllerType.IDE, ControllerType.BUSLOGIC);
  static final List<CpuMode> REAL_MODES = List.of(CpuMode.HOST_PASSTHROUGH, CpuMode.HOST_MODEL, CpuMode.MAXIMUM,
      CpuMode.CUSTOM);

  static final Map<String, String> REQUIRED_SETTINGS = new LinkedHashMap<>();

  static {
    REQUIRED_SETTINGS.put("disk.EnableUUID", "TRUE");
    REQUIRED_SETTINGS.put("tools.syncTimeWithHost", "FALSE");
    REQUIRED_SETTINGS.put("hypervisor.cpuid.v0", "FALSE");
    REQUIRED_SETTINGS.put("isolation.tools.copy.disable", "TRUE");
  }

  /** Display names and texts that are hard for JSON and YAML: quotes, YAML keywords, non-ASCII, line breaks. */
  static final List<String> TEXTS = List.of("Generated guest", "Gäst «nested» \"quoted\"", "虚拟化 CNA 8", "yes",
      "null", "TRUE", "- dash: colon", "# hash", "two\nlines", "  padded  ", "~", "0x1F", "1e3");

  static final List<String> PRODUCTS = List.of("VMware ESXi", "Huawei FusionCompute CNA", "Proxmox VE", "Hyper-V");

  // -------------------------------------------------------------------------------------------- requirements

  /** Requirements as groups; each group is absent (no requirement / inherit) or set as a whole. */
  record Groups(Optional<Boolean> nestedHv, Optional<int[]> vcpus, Optional<long[]> memory,
      Optional<Boolean> fullReservation, Optional<Integer> minHardware, Optional<FirmwareGroup> firmware,
      List<GuestOsId> guests, Optional<NicGroup> nics, Optional<ControllerGroup> controllers, Set<CpuMode> modes,
      Optional<Long> bootDiskGiB, Optional<Integer> minDisks, Map<String, String> settings,
      Optional<Boolean> promiscuous, Optional<Boolean> forged, Optional<Boolean> macChanges, Optional<Boolean> ntp,
      Optional<Boolean> hyperV, Optional<Boolean> bits64) {

    ProfileRequirements build() {
      ProfileRequirements.Builder b = ProfileRequirements.builder();
      b.nestedHv(nestedHv);
      vcpus.ifPresent(v -> {
        b.minVcpus(v[0]);
        if (v[1] >= 0) {
          b.recommendedVcpus(v[0] + v[1]);
        }
      });
      memory.ifPresent(m -> {
        b.minMemoryMiB(m[0]);
        if (m[1] >= 0) {
          b.recommendedMemoryMiB(m[0] + m[1]);
        }
      });
      b.fullMemoryReservation(fullReservation);
      minHardware.ifPresent(b::minHardwareVersion);
      firmware.ifPresent(f -> b.allowedFirmware(f.allowed()).recommendedFirmware(f.recommended()));
      b.guestOsIds(guests);
      nics.ifPresent(n -> b.supportedNics(n.supported()).driverInjectionNics(n.injection()).recommendedNic(n.recommended()));
      controllers.ifPresent(c -> b.supportedControllers(c.supported()).recommendedController(c.recommended()));
      b.allowedCpuModes(modes);
      bootDiskGiB.ifPresent(b::minBootDiskGiB);
      minDisks.ifPresent(b::minDisks);
      b.requiredSettings(settings);
      b.promiscuousMode(promiscuous).forgedTransmits(forged).macChanges(macChanges).guestRunsNtp(ntp).hyperV(hyperV)
          .guest64Bit(bits64);
      return b.build();
    }
  }

  record FirmwareGroup(Set<Firmware> allowed, Optional<Firmware> recommended) {}

  record NicGroup(Set<NicType> supported, Set<NicType> injection, Optional<NicType> recommended) {}

  record ControllerGroup(Set<ControllerType> supported, Optional<ControllerType> recommended) {}

  private static Arbitrary<FirmwareGroup> firmwareGroups(boolean nonEmpty) {
    return Combinators.combine(Arbitraries.of(Firmware.class).set().ofMinSize(nonEmpty ? 1 : 0),
            Arbitraries.integers().between(0, 1).optional(0.7))
        .as((allowed, pick) -> {
          List<Firmware> from = allowed.isEmpty() ? List.of(Firmware.values()) : new ArrayList<>(sorted(allowed));
          return new FirmwareGroup(allowed, pick.or(() -> nonEmpty ? Optional.of(0) : Optional.empty())
              .map(i -> from.get(i % from.size())));
        });
  }

  private static Arbitrary<NicGroup> nicGroups(boolean nonEmpty) {
    return Combinators.combine(Arbitraries.of(REAL_NICS).set().ofMinSize(nonEmpty ? 1 : 0).ofMaxSize(3),
            Arbitraries.of(REAL_NICS).set().ofMinSize(nonEmpty ? 1 : 0).ofMaxSize(2),
            Arbitraries.integers().between(0, 7).optional(0.7))
        .as((supported, injection, pick) -> {
          Set<NicType> inj = EnumSet.noneOf(NicType.class);
          inj.addAll(injection);
          inj.removeAll(supported);
          if (nonEmpty && inj.isEmpty()) {
            for (NicType t : REAL_NICS) {
              if (!supported.contains(t)) {
                inj.add(t);
                break;
              }
            }
          }
          List<NicType> from = supported.isEmpty() ? REAL_NICS : new ArrayList<>(sorted(supported));
          return new NicGroup(supported, inj, pick.or(() -> nonEmpty ? Optional.of(0) : Optional.empty())
              .map(i -> from.get(i % from.size())));
        });
  }

  private static Arbitrary<ControllerGroup> controllerGroups(boolean nonEmpty) {
    return Combinators.combine(Arbitraries.of(REAL_CONTROLLERS).set().ofMinSize(nonEmpty ? 1 : 0).ofMaxSize(4),
            Arbitraries.integers().between(0, 8).optional(0.7))
        .as((supported, pick) -> {
          List<ControllerType> from = supported.isEmpty() ? REAL_CONTROLLERS : new ArrayList<>(sorted(supported));
          return new ControllerGroup(supported, pick.or(() -> nonEmpty ? Optional.of(0) : Optional.empty())
              .map(i -> from.get(i % from.size())));
        });
  }

  private static <T extends Comparable<T>> List<T> sorted(Set<T> set) {
    List<T> l = new ArrayList<>(set);
    l.sort(null);
    return l;
  }

  /**
   * Requirement groups. {@code overlay} generates a child's overrides: each group is absent more often, and a
   * set-valued group is either absent or non-empty (an empty set in a child means "inherit").
   */
  static Arbitrary<Groups> groups(boolean overlay) {
    double p = overlay ? 0.25 : 0.6;
    Arbitrary<Optional<Boolean>> bool = Arbitraries.of(true, false).optional(p);
    return Builders.withBuilder(() -> new Object[19])
        .use(Arbitraries.of(true, false).optional(overlay ? p : 0.85)).in((a, v) -> put(a, 0, v))
        .use(Combinators.combine(Arbitraries.integers().between(1, 16), Arbitraries.integers().between(overlay ? 0 : -1, 8))
            .as((min, d) -> new int[] {min, d}).optional(p)).in((a, v) -> put(a, 1, v))
        .use(Combinators.combine(Arbitraries.oneOf(Arbitraries.of(4096L, 2048L, 7168L, 8192L, 16384L, 32768L),
                    Arbitraries.longs().between(512, 65536)), Arbitraries.longs().between(overlay ? 0 : -1, 16384))
            .as((min, d) -> new long[] {min, d}).optional(p)).in((a, v) -> put(a, 2, v))
        .use(Arbitraries.of(true, false).optional(overlay ? p : 0.3)).in((a, v) -> put(a, 3, v))
        .use(Arbitraries.integers().between(4, 21).optional(p)).in((a, v) -> put(a, 4, v))
        .use(firmwareGroups(overlay).optional(p)).in((a, v) -> put(a, 5, v))
        .use(Arbitraries.of(VmGenerator.GUESTS).map(GuestOsId::of).list().uniqueElements().ofMinSize(overlay ? 1 : 0)
            .ofMaxSize(2).optional(p).map(o -> o.orElse(List.of()))).in((a, v) -> put(a, 6, v))
        .use(nicGroups(overlay).optional(p)).in((a, v) -> put(a, 7, v))
        .use(controllerGroups(overlay).optional(p)).in((a, v) -> put(a, 8, v))
        .use(Arbitraries.of(REAL_MODES).set().ofMinSize(overlay ? 1 : 0).ofMaxSize(2).optional(p)
            .map(o -> o.orElse(Set.of()))).in((a, v) -> put(a, 9, v))
        .use(Arbitraries.longs().between(1, 500).optional(p)).in((a, v) -> put(a, 10, v))
        .use(Arbitraries.integers().between(1, 3).optional(overlay ? p : 0.3)).in((a, v) -> put(a, 11, v))
        .use(Arbitraries.of(List.copyOf(REQUIRED_SETTINGS.keySet())).set().ofMinSize(overlay ? 1 : 0).ofMaxSize(2)
            .optional(p).map(o -> o.orElse(Set.of()))).in((a, v) -> put(a, 12, v))
        .use(bool).in((a, v) -> put(a, 13, v))
        .use(bool).in((a, v) -> put(a, 14, v))
        .use(bool).in((a, v) -> put(a, 15, v))
        .use(bool).in((a, v) -> put(a, 16, v))
        .use(Arbitraries.of(true, false).optional(overlay ? p : 0.2)).in((a, v) -> put(a, 17, v))
        .use(bool).in((a, v) -> put(a, 18, v))
        .build(ProfileGenerator::groupsOf);
  }

  private static Object[] put(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  @SuppressWarnings("unchecked")
  private static Groups groupsOf(Object[] a) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String k : (Set<String>) a[12]) {
      settings.put(k, REQUIRED_SETTINGS.get(k));
    }
    return new Groups((Optional<Boolean>) a[0], (Optional<int[]>) a[1], (Optional<long[]>) a[2],
        (Optional<Boolean>) a[3], (Optional<Integer>) a[4], (Optional<FirmwareGroup>) a[5], (List<GuestOsId>) a[6],
        (Optional<NicGroup>) a[7], (Optional<ControllerGroup>) a[8], (Set<CpuMode>) a[9], (Optional<Long>) a[10],
        (Optional<Integer>) a[11], settings, (Optional<Boolean>) a[13], (Optional<Boolean>) a[14],
        (Optional<Boolean>) a[15], (Optional<Boolean>) a[16], (Optional<Boolean>) a[17], (Optional<Boolean>) a[18]);
  }

  // -------------------------------------------------------------------------------------------- profiles

  private static Arbitrary<String> ids(String prefix) {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8).map(s -> prefix + s);
  }

  /** The parts of a profile beyond its requirements. */
  record Meta(String id, String displayName, Optional<String> description, Optional<String> product,
      Map<String, Severity> overrides, Set<String> disabled, List<String> references, Optional<String> posture) {}

  private static Arbitrary<Meta> metas(String prefix, boolean overlay) {
    double p = overlay ? 0.2 : 0.5;
    return Combinators.combine(ids(prefix), Arbitraries.of(TEXTS), Arbitraries.of(TEXTS).optional(p),
            Arbitraries.of(PRODUCTS).optional(p),
            Arbitraries.maps(Arbitraries.of(RULE_IDS), Arbitraries.of(Severity.class)).ofMaxSize(overlay ? 1 : 2),
            Arbitraries.of(RULE_IDS).set().ofMaxSize(overlay ? 1 : 2),
            Arbitraries.of("https://example.com/guest-requirements", "docs/guests.md").list().uniqueElements()
                .ofMaxSize(overlay ? 0 : 2),
            Arbitraries.of(TEXTS).optional(p / 2))
        .as(Meta::new);
  }

  private static GuestProfile profile(Meta m, Groups g, Optional<String> parent, boolean isAbstract) {
    return GuestProfile.builder()
        .id(m.id())
        .displayName(m.displayName().isBlank() ? "Generated guest" : m.displayName())
        .description(m.description())
        .product(m.product())
        .parent(parent)
        .requirements(g.build())
        .severityOverrides(m.overrides())
        .disabledRules(m.disabled())
        .references(m.references())
        .supportPosture(m.posture())
        .isAbstract(isAbstract)
        .build();
  }

  /** Valid root profiles (no {@code extends}), which are their own resolved form. */
  static Arbitrary<GuestProfile> roots() {
    return Combinators.combine(metas("gen-", false), groups(false))
        .as((m, g) -> profile(m, g, Optional.empty(), false))
        .filter(p -> valid(ProfileRegistry.builtIn().with(p, "generated:" + p.id())));
  }

  /** Built-in profiles a generated parent may extend. */
  static final List<String> BUILT_IN_PARENTS = List.of("esxi", "fusioncompute-cna", "kvm", "esxi-8", "hyperv");

  static Arbitrary<ProfileFamily> families() {
    Arbitrary<Optional<String>> grandparent = Arbitraries.of(BUILT_IN_PARENTS).optional(0.3);
    return Combinators.combine(metas("gen-", false), grandparent, Arbitraries.of(false, true), metas("gen-", true),
            groups(true), Arbitraries.of(false, true), Arbitraries.of(false, true))
        .as((pm, gp, parentAbstract, cm, overlay, bareChild, childHasMeta) -> {
          // a parent that extends a built-in overrides like a child does
          GuestProfile parent = gp.isPresent()
              ? profile(withoutLists(pm), EMPTY_GROUPS, gp, parentAbstract)
              : profile(pm, EMPTY_GROUPS, Optional.empty(), parentAbstract);
          return new Object[] {parent, cm, overlay, bareChild, childHasMeta};
        })
        .flatMap(a -> {
          GuestProfile parent = (GuestProfile) a[0];
          Arbitrary<Groups> parentGroups = parent.parent().isPresent() ? groups(true) : groups(false);
          return parentGroups.map(pg -> {
            GuestProfile p = parent.withRequirements(pg.build());
            Meta cm = (Meta) a[1];
            String childId = p.id() + "-" + cm.id().substring("gen-".length());
            GuestProfile child;
            if ((Boolean) a[3]) {
              child = GuestProfile.builder().id(childId).displayName(cm.displayName().isBlank() ? "Generated guest"
                  : cm.displayName()).parent(p.id()).build();
            } else {
              Meta m = (Boolean) a[4] ? cm : withoutLists(cm);
              child = profile(new Meta(childId, m.displayName(), m.description(), m.product(), m.overrides(),
                  m.disabled(), m.references(), m.posture()), (Groups) a[2], Optional.of(p.id()), false);
            }
            return ProfileFamily.of(p, child);
          });
        })
        .filter(f -> valid(f.registry()));
  }

  private static Meta withoutLists(Meta m) {
    return new Meta(m.id(), m.displayName(), Optional.empty(), Optional.empty(), Map.of(), Set.of(), List.of(),
        Optional.empty());
  }

  static final Groups EMPTY_GROUPS = new Groups(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Set.of(),
      Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  private static final RuleCatalog CATALOG = RuleCatalog.builtIn();

  static boolean valid(ProfileRegistry registry) {
    return registry.validate(CATALOG).isEmpty();
  }
}
