package io.nestcheck.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The indexed setting lookups of {@link VmConfiguration} ({@code setting}, {@code settingEntry}, {@code hasSetting},
 * {@code settingEquals}, {@code lineOf}, {@code duplicateSettings}) agree with a plain first-wins, case-insensitive
 * scan of {@link VmConfiguration#settings()}, whatever the keys.
 */
class SettingsLookupProperties {

  @Property(tries = 300)
  void lookupsAgreeWithALinearScan(@ForAll("settings") @Size(max = 60) List<Setting> settings,
      @ForAll("keys") String probe) {
    VmConfiguration vm = vm(settings);
    List<String> probes = new ArrayList<>();
    probes.add(probe);
    probes.add(probe.toUpperCase(Locale.ROOT));
    for (Setting s : settings) {
      probes.add(s.key());
      probes.add(s.key().toUpperCase(Locale.ROOT));
      probes.add(s.key().toLowerCase(Locale.ROOT));
    }
    for (String key : probes) {
      Optional<Setting> expected = settings.stream().filter(s -> s.key().equalsIgnoreCase(key)).findFirst();
      assertThat(vm.settingEntry(key)).as(key).isEqualTo(expected);
      assertThat(vm.setting(key)).as(key).isEqualTo(expected.map(Setting::value));
      assertThat(vm.hasSetting(key)).as(key).isEqualTo(expected.isPresent());
      assertThat(vm.lineOf(key)).as(key).isEqualTo(expected.map(Setting::line).orElse(0));
      for (String value : List.of("TRUE", expected.map(s -> s.value().trim().toUpperCase(Locale.ROOT)).orElse("x"))) {
        assertThat(vm.settingEquals(key, value)).as(key + " = " + value)
            .isEqualTo(expected.map(s -> s.value().trim().equalsIgnoreCase(value)).orElse(false));
      }
    }
  }

  @Property(tries = 300)
  void duplicatesAreTheGroupsOfEqualKeys(@ForAll("settings") @Size(max = 60) List<Setting> settings) {
    Map<String, List<Setting>> byKey = new LinkedHashMap<>();
    for (Setting s : settings) {
      byKey.computeIfAbsent(s.key().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(s);
    }
    List<List<Setting>> expected = byKey.values().stream().filter(g -> g.size() > 1).toList();
    assertThat(vm(settings).duplicateSettings()).isEqualTo(expected);
  }

  @Test
  void foldsCaseLikeEqualsIgnoreCaseBeyondAscii() {
    VmConfiguration vm = vm(List.of(Setting.of("ÉTAT.Ünïcode", "x", 3), Setting.of("scsi0:0.present", "TRUE", 4)));
    assertThat(vm.settingEntry("état.üNÏCODE")).map(Setting::line).hasValue(3);
    assertThat(vm.lineOf("SCSI0:0.PRESENT")).isEqualTo(4);
    assertThat(vm.hasSetting("scsi0:0.presen")).isFalse();
    assertThat(vm.settingEquals("scsi0:0.present", "true")).isTrue();
    assertThat(vm.settingEquals("scsi0:0.present", "FALSE")).isFalse();
    assertThat(vm.settingEquals("absent", "TRUE")).isFalse();
    assertThat(vm.duplicateSettings()).isEmpty();
  }

  @Property(tries = 300)
  void theHashOfALowerCaseAsciiKeyIsTheHashOfAnyOfItsSpellings(@ForAll("asciiKeys") String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    // the lower-case ASCII path (String.hashCode) and the folding loop give the same hash
    assertThat(SettingsIndex.foldedHash(lower)).isEqualTo(SettingsIndex.foldedHash(key))
        .isEqualTo(SettingsIndex.foldedHash(key.toUpperCase(Locale.ROOT)));
  }

  @Property(tries = 200)
  void aKeyHashedBeforeHashesTheSameAsAFreshCopy(@ForAll("keyHistories") List<String> keys) {
    // the table of recent keys: the same objects again, equal copies, and keys whose slots collide all agree
    SettingsIndex.Folded[] recent = new SettingsIndex.Folded[1024];
    List<Integer> first = new ArrayList<>();
    for (String k : keys) {
      first.add(SettingsIndex.foldedHash(k, recent));
    }
    for (int i = 0; i < keys.size(); i++) {
      String k = keys.get(i);
      String copy = new String(k.toCharArray());
      assertThat(SettingsIndex.foldedHash(k, recent)).isEqualTo(first.get(i)).isEqualTo(SettingsIndex.foldedHash(k))
          .isEqualTo(SettingsIndex.foldedHash(copy, recent))
          .isEqualTo(SettingsIndex.foldedHash(copy.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), recent));
    }
  }

  @Provide
  Arbitrary<List<String>> keyHistories() {
    return Arbitraries.strings().withChars("aAzZ09.:éÉ").ofMinLength(0).ofMaxLength(12).list().ofMaxSize(3000);
  }

  @Provide
  Arbitrary<String> asciiKeys() {
    return Arbitraries.strings().withChars("aAzZmM09.:_-").ofMinLength(0).ofMaxLength(30);
  }

  @Test
  void noSettingsAtAll() {
    VmConfiguration vm = vm(List.of());
    assertThat(vm.setting("vhv.enable")).isEmpty();
    assertThat(vm.lineOf("")).isZero();
    assertThat(vm.duplicateSettings()).isEmpty();
  }

  @Test
  void theIndexIsNotPartOfTheValue() {
    VmConfiguration a = vm(List.of(Setting.of("a", "1"), Setting.of("A", "2")));
    VmConfiguration b = vm(List.of(Setting.of("a", "1"), Setting.of("A", "2")));
    assertThat(a.duplicateSettings()).hasSize(1); // builds a's index only
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.withName("other").duplicateSettings().get(0)).extracting(Setting::value).containsExactly("1", "2");
  }

  @Test
  void optionalFreeAccessorsMatchTheirOptionals() {
    PortSecurityPolicy policy = PortSecurityPolicy.builder().switchKind(SwitchKind.STANDARD).build();
    Nic known = Nic.builder().id("ethernet0").type(NicType.VMXNET3).portSecurity(policy).build();
    Nic unknown = Nic.builder().id("ethernet1").type(NicType.E1000).build();
    assertThat(known.portSecurityOrElse(null)).isSameAs(known.portSecurity().orElseThrow());
    assertThat(unknown.portSecurityOrElse(null)).isNull();
    GuestOsId esxi = GuestOsId.of("vmkernel8Guest");
    assertThat(vm(List.of()).withGuestOs(esxi).guestOsOrElse(null)).isEqualTo(esxi);
    assertThat(vm(List.of()).guestOsOrElse(esxi)).isEqualTo(esxi);
  }

  @Test
  void requirementFlagsMirrorTheirOptionals() {
    ProfileRequirements none = ProfileRequirements.none();
    assertThat(List.of(none.requiresNestedHv(), none.requiresFullMemoryReservation(), none.requiresPromiscuousMode(),
        none.requiresForgedTransmits(), none.requiresMacChanges(), none.isGuestRunningNtp(), none.isHyperV(),
        none.isGuest64Bit())).containsOnly(false);
    ProfileRequirements some = ProfileRequirements.builder().nestedHv(true).forgedTransmits(true).macChanges(false)
        .guest64Bit(true).build();
    assertThat(some.requiresNestedHv()).isTrue();
    assertThat(some.requiresForgedTransmits()).isTrue();
    assertThat(some.isGuest64Bit()).isTrue();
    assertThat(some.requiresMacChanges()).isFalse();
    assertThat(some.requiresPromiscuousMode()).isFalse();
    assertThat(some.isHyperV()).isFalse();
    ProfileRequirements all = some.withPromiscuousMode(true).withMacChanges(true).withFullMemoryReservation(true)
        .withGuestRunsNtp(true).withHyperV(true);
    assertThat(List.of(all.requiresNestedHv(), all.requiresFullMemoryReservation(), all.requiresPromiscuousMode(),
        all.requiresForgedTransmits(), all.requiresMacChanges(), all.isGuestRunningNtp(), all.isHyperV(),
        all.isGuest64Bit())).containsOnly(true);
  }

  @Test
  void theTableHasAPowerOfTwoSlotsAtMostTwoThirdsFull() {
    for (int n = 1; n <= 10_000; n++) {
      int c = SettingsIndex.capacity(n);
      assertThat(Integer.bitCount(c)).as("capacity(%d) = %d", n, c).isEqualTo(1);
      assertThat(2L * c).as("capacity(%d) = %d", n, c).isGreaterThanOrEqualTo(3L * n);
      assertThat(c == 2 || c < 3 * n).as("capacity(%d) = %d is the smallest", n, c).isTrue();
    }
    assertThat(SettingsIndex.capacity(81)).isEqualTo(128); // a vSphere-written file's settings
    assertThat(SettingsIndex.capacity(86)).isEqualTo(256);
  }

  private static VmConfiguration vm(List<Setting> settings) {
    return VmConfiguration.builder().name("vm").source("vm.vmx").memoryMiB(1024).settings(settings).build();
  }

  @Provide
  Arbitrary<String> keys() {
    // a small alphabet with case variants, so that equal-ignoring-case keys and hash collisions are common
    return Arbitraries.strings().withChars("aAbBéÉ.:0_").ofMinLength(0).ofMaxLength(4);
  }

  @Provide
  Arbitrary<List<Setting>> settings() {
    Arbitrary<Setting> setting = Combinators.combine(keys(), Arbitraries.strings().withChars("tTrRuUeE ").ofMaxLength(6),
        Arbitraries.integers().between(0, 500)).as(Setting::of);
    return setting.list();
  }
}
