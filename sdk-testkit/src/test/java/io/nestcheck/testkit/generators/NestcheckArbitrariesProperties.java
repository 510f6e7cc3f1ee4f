package io.nestcheck.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Json;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.fix.FixApplier;
import io.nestcheck.testkit.NestcheckArbitraries;
import io.nestcheck.testkit.ProfileFamily;
import io.nestcheck.testkit.VmOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;

/** The generators make what they promise: realistic, valid, consistent values. */
class NestcheckArbitrariesProperties {

  @Provide
  Arbitrary<VmConfiguration> vmxVms() {
    return NestcheckArbitraries.vmConfigurations(VmOrigin.VMX);
  }

  /** A reader of the generated .vmx file (first occurrence wins) would read the generated model. */
  @Property(tries = 300)
  void vmxSettingsAgreeWithTheTypedFields(@ForAll("vmxVms") VmConfiguration vm) {
    assertThat(vm.source()).endsWith(".vmx");
    assertThat(vm.setting("memsize")).contains(String.valueOf(vm.memoryMiB()));
    assertThat(vm.setting("numvcpus").orElse("1")).isEqualTo(String.valueOf(vm.vcpus()));
    assertThat(vm.setting("cpuid.coresPerSocket").orElse("1")).isEqualTo(String.valueOf(vm.coresPerSocket()));
    assertThat(vm.setting("vhv.enable").map(v -> TriState.of(v.equalsIgnoreCase("TRUE"))).orElse(TriState.UNKNOWN))
        .isEqualTo(vm.nestedHv());
    assertThat(vm.setting("firmware").map(f -> Firmware.valueOf(f.toUpperCase())).orElse(Firmware.BIOS))
        .isEqualTo(vm.firmware());
    assertThat(vm.setting("virtualHW.version").map(Integer::parseInt)).isEqualTo(vm.hardwareVersion().isPresent()
        ? Optional.of(vm.hardwareVersion().getAsInt()) : Optional.empty());
    assertThat(vm.setting("sched.mem.min").map(Long::parseLong).orElse(0L)).isEqualTo(vm.memoryReservationMiB());
    assertThat(vm.setting("guestOS")).isEqualTo(vm.guestOs().map(g -> g.vmxForm()));
    for (Nic n : vm.nics()) {
      assertThat(vm.setting(n.id() + ".present")).contains("TRUE");
      assertThat(vm.setting(n.id() + ".virtualDev").isPresent()).as(n.id()).isEqualTo(n.type() != NicType.UNSPECIFIED);
    }
    for (StorageController c : vm.controllers()) {
      assertThat(vm.setting(c.id() + ".present")).contains("TRUE");
    }
    assertThat(vm.disks()).allSatisfy(d -> assertThat(d.capacityMiB()).as("a .vmx states no capacity").isEmpty());
    for (int i = 0; i < vm.settings().size(); i++) {
      assertThat(vm.settings().get(i).line()).as("lines are numbered").isPositive();
    }
  }

  @Property(tries = 300)
  void everyVmSurvivesJson(@ForAll VmConfiguration vm) throws Exception {
    assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(vm), VmConfiguration.class)).isEqualTo(vm);
    assertThat(vm.disks()).allSatisfy(d -> assertThat(vm.controllers()).extracting(StorageController::id)
        .contains(d.controllerId()));
    Set<String> ids = new HashSet<>();
    vm.nics().forEach(n -> assertThat(ids.add(n.id())).as("NIC ids are unique").isTrue());
  }

  @Property(tries = 300)
  void hostsAreVendorConsistent(@ForAll HostCapabilities host) {
    if (host.cpuVendor() == CpuVendor.INTEL) {
      assertThat(host.cpuFeatures()).doesNotContain(CpuFeature.SVM, CpuFeature.NPT);
    }
    if (host.cpuVendor() == CpuVendor.AMD || host.cpuVendor() == CpuVendor.HYGON) {
      assertThat(host.cpuFeatures()).doesNotContain(CpuFeature.VMX, CpuFeature.EPT, CpuFeature.UNRESTRICTED_GUEST);
    }
    assertThat(host.evcMode().isEmpty() || host.cpuVendor() == CpuVendor.INTEL || host.cpuVendor() == CpuVendor.AMD)
        .isTrue();
  }

  @Provide
  Arbitrary<Tuple2<HostCapabilities, HostCapabilities>> upgrades() {
    return NestcheckArbitraries.hostUpgrades();
  }

  @Property(tries = 300)
  void anUpgradedHostHasAtLeastTheCapabilities(@ForAll("upgrades") Tuple2<HostCapabilities, HostCapabilities> t) {
    HostCapabilities weak = t.get1();
    HostCapabilities strong = t.get2();
    assertThat(strong.cpuFeatures()).containsAll(weak.cpuFeatures());
    assertThat(weak.absentCpuFeatures()).containsAll(strong.absentCpuFeatures());
    for (TriState[] pair : new TriState[][] {
        {weak.virtualizationEnabledInFirmware(), strong.virtualizationEnabledInFirmware()},
        {weak.iommu(), strong.iommu()}, {weak.nestedHvSupported(), strong.nestedHvSupported()}}) {
      assertThat(pair[1] == pair[0] || pair[1] == TriState.YES).isTrue();
    }
    assertThat(strong.maxHardwareVersion().isPresent()).isEqualTo(weak.maxHardwareVersion().isPresent());
    weak.maxHardwareVersion().ifPresent(w -> assertThat(strong.maxHardwareVersion().getAsInt()).isGreaterThanOrEqualTo(w));
    assertThat(strong.platform()).isEqualTo(weak.platform());
    assertThat(strong.cpuVendor()).isEqualTo(weak.cpuVendor());
  }

  /** Generated profiles pass the published schema (through a file) and the registry's validation. */
  @Property(tries = 60)
  void generatedProfilesLoadFromFilesAndValidate(@ForAll GuestProfile profile) throws Exception {
    Path dir = Files.createTempDirectory("nestcheck-profile");
    try {
      Path json = dir.resolve(profile.id() + ".json");
      Path yaml = dir.resolve(profile.id() + ".yaml");
      Files.writeString(json, Json.mapper().writeValueAsString(profile));
      Files.writeString(yaml, Json.yamlMapper().writeValueAsString(profile));
      assertThat(ProfileRegistry.load(json)).isEqualTo(profile);
      assertThat(ProfileRegistry.load(yaml)).isEqualTo(profile);
      assertThat(ProfileRegistry.builtIn().withFiles(java.util.List.of(json)).validate(RuleCatalog.builtIn())).isEmpty();
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  @Property(tries = 60)
  void familiesResolve(@ForAll ProfileFamily family) {
    assertThat(family.registry().validate(RuleCatalog.builtIn())).isEmpty();
    GuestProfile child = family.resolvedChild();
    assertThat(child.parent()).isEmpty();
    assertThat(child.isAbstract()).isFalse();
    if (family.childOverridesNothing()) {
      assertThat(child.requirements()).isEqualTo(family.resolvedParent().requirements());
    }
  }

  @Provide
  Arbitrary<Tuple2<VmConfiguration, FixPlan>> vmsAndPlans() {
    return NestcheckArbitraries.vmConfigurations()
        .flatMap(vm -> NestcheckArbitraries.fixPlansFor(vm).map(p -> net.jqwik.api.Tuple.of(vm, p)));
  }

  @Property(tries = 200)
  void plansForAVmApplyToItIdempotently(@ForAll("vmsAndPlans") Tuple2<VmConfiguration, FixPlan> t) {
    VmConfiguration vm = t.get1();
    FixPlan plan = t.get2();
    Set<String> targets = new HashSet<>();
    for (FixAction a : plan.actions()) {
      assertThat(targets.add(a.target())).as("targets are unique").isTrue();
      assertThat(a.automatable()).isTrue();
    }
    VmConfiguration once = FixApplier.apply(vm, plan);
    assertThat(FixApplier.apply(once, plan)).isEqualTo(once);
  }

  /** Fix plans, with every action type and its power-off flag, survive JSON and YAML with the strict mappers. */
  @Property(tries = 200)
  void fixPlansSurviveJsonAndYaml(@ForAll FixPlan plan) throws Exception {
    for (com.fasterxml.jackson.databind.ObjectMapper m : java.util.List.of(Json.mapper(), Json.yamlMapper())) {
      assertThat(m.readValue(m.writeValueAsString(plan), FixPlan.class)).isEqualTo(plan);
    }
  }

  @net.jqwik.api.Example
  void setSettingKeepsItsPowerOffFlagInJsonAndYaml() throws Exception {
    io.nestcheck.api.SetSetting needsOff = io.nestcheck.api.SetSetting.builder().key("vhv.enable").value("TRUE")
        .requiresPowerOff(true).build();
    String json = Json.mapper().writeValueAsString(needsOff);
    assertThat(json).contains("\"requiresPowerOff\" : true");
    assertThat(Json.mapper().readValue(json, FixAction.class).requiresPowerOff()).isTrue();
    String yaml = Json.yamlMapper().writeValueAsString(needsOff);
    assertThat(yaml).contains("type: set-setting").doesNotContain("!<");
    assertThat(Json.yamlMapper().readValue(yaml, FixAction.class)).isEqualTo(needsOff);
  }

  @Property(tries = 200)
  void inventoriesAreWhatAnAdapterReturns(@ForAll Inventory inventory) {
    Set<String> sources = new HashSet<>();
    VmConfiguration previous = null;
    for (VmConfiguration vm : inventory.vms()) {
      assertThat(sources.add(vm.source())).isTrue();
      vm.hostRef().ifPresent(r -> assertThat(inventory.hosts()).containsKey(r));
      if (previous != null) {
        int c = previous.name().compareTo(vm.name());
        assertThat(c < 0 || (c == 0 && previous.source().compareTo(vm.source()) < 0)).isTrue();
      }
      previous = vm;
    }
  }
}
