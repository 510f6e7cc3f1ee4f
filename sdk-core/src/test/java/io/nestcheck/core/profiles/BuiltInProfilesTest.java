package io.nestcheck.core.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltInProfilesTest {
  private static final ProfileRegistry REGISTRY = ProfileRegistry.builtIn();

  @Test
  void everyBuiltInProfileIsListedAndValid() {
    assertThat(REGISTRY.ids()).containsExactly("esxi", "esxi-6.7", "esxi-7", "esxi-8", "fusioncompute-cna",
        "fusioncompute-cna-6.5", "fusioncompute-cna-8", "hyperv", "kvm", "proxmox-ve", "nutanix-ce");
    assertThat(REGISTRY.validate(RuleCatalog.builtIn())).isEmpty();
  }

  /**
   * The registry reads its own profiles without the schema (compiling it cost every CLI run a fifth of its
   * start-up): each one, loaded as a user's profile file is, satisfies the schema and reads as the same profile.
   */
  @Test
  void everyBuiltInProfileSatisfiesTheSchemaAsAFileWould(@TempDir Path dir) throws Exception {
    for (String id : REGISTRY.ids()) {
      Path file = dir.resolve(id + ".yaml");
      try (InputStream in = ProfileRegistry.class.getResourceAsStream("/io/nestcheck/core/profiles/" + id + ".yaml")) {
        Files.write(file, in.readAllBytes());
      }
      assertThat(ProfileRegistry.load(file)).as(id).isEqualTo(REGISTRY.find(id).orElseThrow());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"esxi-6.7", "esxi-7", "esxi-8", "fusioncompute-cna-6.5", "fusioncompute-cna-8", "hyperv",
      "kvm", "proxmox-ve", "nutanix-ce"})
  void concreteProfilesResolveWithReferencesAndSupportPosture(String id) {
    GuestProfile p = REGISTRY.resolve(id);
    assertThat(p.parent()).isEmpty();
    assertThat(p.isAbstract()).isFalse();
    assertThat(p.references()).isNotEmpty();
    assertThat(p.supportPosture()).isPresent();
    assertThat(p.requirements().nestedHv()).contains(true);
    assertThat(p.product()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"esxi", "fusioncompute-cna"})
  void basesAreAbstract(String id) {
    assertThat(REGISTRY.find(id)).get().extracting(GuestProfile::isAbstract).isEqualTo(true);
  }

  @ParameterizedTest
  @CsvSource({
    "vmkernel65, esxi-6.7",
    "vmkernel65Guest, esxi-6.7",
    "vmkernel7, esxi-7",
    "vmkernel8Guest, esxi-8",
    "windows2019srv-64, hyperv",
    "windows2019srvNext_64Guest, hyperv",
    "windows2022srvNext_64Guest, hyperv"
  })
  void autoSelectPicksTheProfileByGuestId(String guestId, String profile) {
    VmConfiguration vm = VmConfiguration.builder().name("x").source("x.vmx").memoryMiB(1024)
        .guestOs(GuestOsId.of(guestId)).build();
    assertThat(REGISTRY.autoSelect(vm)).map(s -> s.profile().id()).contains(profile);
  }

  @ParameterizedTest
  @ValueSource(strings = {"otherlinux-64", "other3xlinux-64", "centos8-64", "debian12-64"})
  void genericLinuxIdsSelectNothing(String guestId) {
    // CNA, Nutanix CE and Proxmox VE run generic Linux ids, which must not pick a guest-hypervisor profile.
    VmConfiguration vm = VmConfiguration.builder().name("x").source("x.vmx").memoryMiB(1024)
        .guestOs(GuestOsId.of(guestId)).build();
    assertThat(REGISTRY.autoSelect(vm)).isEmpty();
  }

  @Test
  void cnaRequiresNoMemoryReservationAndCapsUnverifiedValuesAtWarning() {
    for (String id : new String[] {"fusioncompute-cna-6.5", "fusioncompute-cna-8"}) {
      GuestProfile p = REGISTRY.resolve(id);
      assertThat(p.requirements().fullMemoryReservation()).isEqualTo(Optional.empty());
      assertThat(p.severityOverrides()).containsAllEntriesOf(Map.of(
          "NV-CPU-004", Severity.WARNING,
          "NV-MEM-001", Severity.WARNING,
          "NV-NET-001", Severity.WARNING,
          "NV-STO-001", Severity.WARNING,
          "NV-STO-004", Severity.WARNING,
          "NV-FW-001", Severity.WARNING));
    }
  }

  @Test
  void noBuiltInProfileRequiresAMemoryReservation() {
    for (String id : REGISTRY.ids()) {
      assertThat(REGISTRY.resolve(id).requirements().fullMemoryReservation()).as(id).isEmpty();
    }
  }

  @Test
  void childrenInheritFromTheirBase() {
    GuestProfile esxi7 = REGISTRY.resolve("esxi-7");
    assertThat(esxi7.requirements().minVcpus()).hasValue(2);
    assertThat(esxi7.severityOverrides()).containsEntry("NV-NET-001", Severity.WARNING);
    assertThat(esxi7.autoSelectGuestOs()).containsExactly(GuestOsId.of("vmkernel7Guest"));
    GuestProfile cna65 = REGISTRY.resolve("fusioncompute-cna-6.5");
    assertThat(cna65.requirements().minBootDiskGiB()).hasValue(180);
    assertThat(cna65.requirements().guestOsIds().get(0)).isEqualTo(GuestOsId.of("other3xLinux64Guest"));
    assertThat(REGISTRY.resolve("proxmox-ve").requirements().promiscuousMode()).contains(true);
  }
}
