package io.nestcheck.api;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/** Generators for every model value, used by the JSON round-trip properties. */
final class ModelArbitraries {
  private ModelArbitraries() {}

  static Arbitrary<String> text() {
    return Arbitraries.strings().withCharRange(' ', '~').withChars("中文ÄéЖ|\"\\#").ofMinLength(1).ofMaxLength(20);
  }

  static Arbitrary<String> ident() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '.').ofMinLength(1).ofMaxLength(12)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
  }

  static Arbitrary<TriState> tri() {
    return Arbitraries.of(TriState.class);
  }

  static Arbitrary<HostCapabilities> hosts() {
    Arbitrary<java.util.Set<CpuFeature>> present = Arbitraries.of(CpuFeature.class).set().ofMaxSize(6);
    return Builders.withBuilder(HostCapabilities::builder)
        .use(Arbitraries.of(Platform.class)).in((b, v) -> b.platform(v))
        .use(text().optional()).in((b, v) -> b.name(v))
        .use(Arbitraries.of("6.7.0", "7.0.3", "8.0.2").optional()).in((b, v) -> b.productVersion(v))
        .use(Arbitraries.of(CpuVendor.class)).in((b, v) -> b.cpuVendor(v))
        .use(text().optional()).in((b, v) -> b.cpuModel(v))
        .use(present).in((b, v) -> b.cpuFeatures(v))
        .use(tri()).in((b, v) -> b.virtualizationEnabledInFirmware(v))
        .use(tri()).in((b, v) -> b.iommu(v))
        .use(tri()).in((b, v) -> b.nestedHvSupported(v))
        .use(Arbitraries.integers().between(4, 22).optional()).in((b, v) -> { v.ifPresent(b::maxHardwareVersion); return b; })
        .use(Arbitraries.of("intel-skylake", "amd-zen3").optional()).in((b, v) -> b.evcMode(v))
        .use(Arbitraries.integers().between(1, 256).optional()).in((b, v) -> { v.ifPresent(b::cores); return b; })
        .use(Arbitraries.longs().between(1, 4_194_304).optional()).in((b, v) -> { v.ifPresent(b::memoryMiB); return b; })
        .build(HostCapabilities.Builder::build);
  }

  static Arbitrary<GuestOsId> guestOs() {
    return Arbitraries.oneOf(
        Arbitraries.of("vmkernel8", "vmkernel7Guest", "otherlinux-64", "windows2019srv-64", "centos7_64Guest")
            .map(GuestOsId::of),
        ident().map(GuestOsId::of));
  }

  static Arbitrary<Setting> settings() {
    return Combinators.combine(ident(), text(), Arbitraries.integers().between(0, 5000))
        .as((k, v, l) -> Setting.of(k, v, l));
  }

  static Arbitrary<Nic> nics() {
    Arbitrary<PortSecurityPolicy> policy = Combinators.combine(Arbitraries.of(SwitchKind.class), tri(), tri(), tri(), tri())
        .as((k, p, f, m, l) -> PortSecurityPolicy.builder().switchKind(k).allowPromiscuous(p).forgedTransmits(f)
            .macChanges(m).macLearning(l).build());
    return Builders.withBuilder(Nic::builder)
        .use(Arbitraries.integers().between(0, 9).map(i -> "ethernet" + i)).in((b, v) -> b.id(v))
        .use(Arbitraries.of(NicType.class)).in((b, v) -> b.type(v))
        .use(text().optional()).in((b, v) -> b.network(v))
        .use(Arbitraries.of("00:50:56:01:02:03", "00:0c:29:aa:bb:cc").optional()).in((b, v) -> b.macAddress(v))
        .use(Arbitraries.of(MacAddressType.class)).in((b, v) -> b.addressType(v))
        .use(policy.optional()).in((b, v) -> b.portSecurity(v))
        .build(Nic.Builder::build);
  }

  static Arbitrary<VmConfiguration> vms() {
    Arbitrary<StorageController> controller = Combinators.combine(
            Arbitraries.integers().between(0, 3), Arbitraries.of(ControllerType.class), ident().optional())
        .as((i, t, raw) -> StorageController.builder().id("scsi" + i).type(t).busNumber(i).rawType(raw).build());
    Arbitrary<Disk> disk = Combinators.combine(Arbitraries.integers().between(0, 15),
            Arbitraries.longs().between(0, 1 << 22).optional())
        .as((u, cap) -> Disk.builder().id("scsi0:" + u).controllerId("scsi0").unit(u).capacityMiB(
            cap.isPresent() ? java.util.OptionalLong.of(cap.get()) : java.util.OptionalLong.empty()).build());
    Arbitrary<CpuidMask> mask = Combinators.combine(Arbitraries.of(1L, 0x80000001L),
            Arbitraries.of(CpuidMask.Register.class),
            Arbitraries.strings().withChars("01-RHTFx").ofLength(32))
        .as(CpuidMask::of);
    Arbitrary<Peripheral> peripheral = Combinators.combine(ident(), Arbitraries.of(PeripheralKind.class)).as(Peripheral::of);
    return Builders.withBuilder(VmConfiguration::builder)
        .use(text()).in((b, v) -> b.name(v))
        .use(text()).in((b, v) -> b.source(v))
        .use(ident().optional()).in((b, v) -> b.uuid(v))
        .use(Arbitraries.integers().between(4, 22).optional()).in((b, v) -> { v.ifPresent(b::hardwareVersion); return b; })
        .use(guestOs().optional()).in((b, v) -> b.guestOs(v))
        .use(Arbitraries.of(Firmware.class)).in((b, v) -> b.firmware(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.secureBoot(v))
        .use(Arbitraries.integers().between(1, 64)).in((b, v) -> b.vcpus(v))
        .use(Arbitraries.integers().between(1, 8)).in((b, v) -> b.coresPerSocket(v))
        .use(Arbitraries.of(CpuMode.class)).in((b, v) -> b.cpuMode(v))
        .use(Arbitraries.longs().between(1, 1 << 20)).in((b, v) -> b.memoryMiB(v))
        .use(Arbitraries.longs().between(0, 1 << 20)).in((b, v) -> b.memoryReservationMiB(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.memoryLockedToMax(v))
        .use(tri()).in((b, v) -> b.nestedHv(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.virtualIommu(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.vbs(v))
        .use(mask.list().ofMaxSize(2)).in((b, v) -> b.cpuidMasks(v))
        .use(controller.list().ofMaxSize(3)).in((b, v) -> b.controllers(v))
        .use(disk.list().ofMaxSize(3)).in((b, v) -> b.disks(v))
        .use(nics().list().ofMaxSize(3)).in((b, v) -> b.nics(v))
        .use(peripheral.list().ofMaxSize(3)).in((b, v) -> b.peripherals(v))
        .use(Arbitraries.of(PowerState.class)).in((b, v) -> b.powerState(v))
        .use(ident().optional()).in((b, v) -> b.hostRef(v))
        .use(settings().list().ofMaxSize(6)).in((b, v) -> b.settings(v))
        .use(Combinators.combine(Arbitraries.of("NV-HYG-001", "NV-CPU-001").list().ofMinSize(1).ofMaxSize(2), text().filter(s -> !s.isBlank()),
                Arbitraries.of(java.time.LocalDate.of(2027, 1, 31)).optional(), Arbitraries.integers().between(0, 99))
            .as((ids, r, e, l) -> InlineSuppression.builder().ruleIds(ids).reason(r).expires(e).line(l).build()).list().ofMaxSize(2))
        .in((b, v) -> b.inlineSuppressions(v))
        .build(VmConfiguration.Builder::build);
  }

  static Arbitrary<FixAction> fixActions() {
    return Arbitraries.oneOf(List.of(
        Combinators.combine(ident(), text()).as(SetSetting::of),
        ident().map(RemoveSetting::of),
        Arbitraries.just(ExposeNestedHv.enable()),
        Arbitraries.integers().between(1, 8).map(c -> SetCpu.of(c * 2, c)),
        Arbitraries.longs().between(1, 1 << 20).map(SetMemory::of),
        Combinators.combine(Arbitraries.longs().between(0, 1 << 20), Arbitraries.of(true, false)).as(SetMemoryReservation::of),
        Arbitraries.of(NicType.class).map(t -> ReplaceNicType.of("ethernet0", t)),
        Arbitraries.of(ControllerType.class).map(t -> ReplaceControllerType.of("scsi0", t)),
        Arbitraries.of(Firmware.class).map(SetFirmware::of),
        Combinators.combine(Arbitraries.of(SetVmFlag.Flag.class), Arbitraries.of(true, false)).as(SetVmFlag::of),
        Arbitraries.integers().between(9, 22).map(UpgradeHardwareVersion::of),
        guestOs().map(SetGuestOs::of),
        Arbitraries.of(PeripheralKind.class).map(k -> RemoveDevice.of("dev0", k)),
        Combinators.combine(text(), Arbitraries.of(true, false).optional(), Arbitraries.of(true, false).optional())
            .as((pg, p, f) -> SetPortGroupSecurity.builder().portGroup(pg).allowPromiscuous(p).forgedTransmits(f).build()),
        Combinators.combine(text(), text()).as(ManualStep::of)));
  }

  static Arbitrary<Finding> findings() {
    Arbitrary<SourceLocation> loc = Combinators.combine(text(), Arbitraries.integers().between(0, 999))
        .as(SourceLocation::of);
    Arbitrary<Suppression> sup = Combinators.combine(Arbitraries.of(Suppression.Origin.class), text(),
            Arbitraries.of(java.time.LocalDate.of(2027, 1, 31)).optional())
        .as((o, r, e) -> Suppression.builder().origin(o).reason(r).expires(e).build());
    return Builders.withBuilder(Finding::builder)
        .use(Arbitraries.of("NV-CPU-001", "NV-MEM-002")).in((b, v) -> b.ruleId(v))
        .use(Arbitraries.of(Severity.class)).in((b, v) -> b.severity(v))
        .use(Combinators.combine(Arbitraries.of(Subject.Kind.class), text()).as(Subject::of)).in((b, v) -> b.subject(v))
        .use(text()).in((b, v) -> b.message(v))
        .use(Arbitraries.maps(ident(), text()).ofMaxSize(3)).in((b, v) -> b.evidence(v))
        .use(loc.optional()).in((b, v) -> b.location(v))
        .use(fixActions().list().ofMaxSize(3)).in((b, v) -> b.fixes(v))
        .use(text().optional()).in((b, v) -> b.layer(v))
        .use(sup.optional()).in((b, v) -> b.suppression(v))
        .build(Finding.Builder::build);
  }

  static Arbitrary<GuestProfile> profiles() {
    Arbitrary<ProfileRequirements> req = Builders.withBuilder(ProfileRequirements::builder)
        .use(Arbitraries.of(true, false).optional()).in((b, v) -> b.nestedHv(v))
        .use(Arbitraries.integers().between(1, 16).optional()).in((b, v) -> { v.ifPresent(b::minVcpus); return b; })
        .use(Arbitraries.longs().between(1024, 65536).optional()).in((b, v) -> { v.ifPresent(b::minMemoryMiB); return b; })
        .use(Arbitraries.integers().between(9, 21).optional()).in((b, v) -> { v.ifPresent(b::minHardwareVersion); return b; })
        .use(Arbitraries.of(Firmware.class).set()).in((b, v) -> b.allowedFirmware(v))
        .use(guestOs().list().ofMaxSize(2)).in((b, v) -> b.guestOsIds(v))
        .use(Arbitraries.of(NicType.class).set().ofMaxSize(3)).in((b, v) -> b.supportedNics(v))
        .use(Arbitraries.of(ControllerType.class).optional()).in((b, v) -> b.recommendedController(v))
        .use(Arbitraries.of(CpuMode.class).set().ofMaxSize(2)).in((b, v) -> b.allowedCpuModes(v))
        .use(Arbitraries.maps(ident(), text()).ofMaxSize(2)).in((b, v) -> b.requiredSettings(v))
        .use(Arbitraries.of(true, false).optional()).in((b, v) -> b.promiscuousMode(v))
        .build(ProfileRequirements.Builder::build);
    return Builders.withBuilder(GuestProfile::builder)
        .use(ident()).in((b, v) -> b.id(v))
        .use(text().filter(s -> !s.isBlank())).in((b, v) -> b.displayName(v))
        .use(text().optional()).in((b, v) -> b.description(v))
        .use(Arbitraries.of("base", "parent-1").optional()).in((b, v) -> b.parent(v))
        .use(req).in((b, v) -> b.requirements(v))
        .use(Arbitraries.maps(Arbitraries.of("NV-CPU-001", "NV-NET-001"), Arbitraries.of(Severity.class)).ofMaxSize(2))
        .in((b, v) -> b.severityOverrides(v))
        .use(Arbitraries.of("NV-HYG-001", "NV-HYG-002").set()).in((b, v) -> b.disabledRules(v))
        .use(Arbitraries.of(true, false)).in((b, v) -> b.isAbstract(v))
        .build(b -> {
          GuestProfile p = b.build();
          return p.parent().isPresent() && p.parent().get().equals(p.id()) ? p.withParent(java.util.Optional.empty()) : p;
        });
  }
}
