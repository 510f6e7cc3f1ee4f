package io.nestcheck.core.rules.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.Finding;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import org.junit.jupiter.api.Test;

class NoSecondLevelAddressTranslationTest {

  @Test
  void intelWithoutEptIsAWarning() {
    HostCapabilities host = HostCapabilities.builder().name("esx02").cpuVendor(CpuVendor.INTEL)
        .addCpuFeatures(CpuFeature.VMX).addAbsentCpuFeatures(CpuFeature.EPT).build();
    Finding f = RuleCheck.of(new NoSecondLevelAddressTranslation()).requirements(r -> r.nestedHv(true)).host(host)
        .expectOne("NV-HOST-002");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.subject()).isEqualTo(Subject.host("esx02"));
    assertThat(f.evidence()).containsEntry("EPT", "NO");
    assertThat(f.fixes()).singleElement().isInstanceOf(ManualStep.class);
  }

  @Test
  void amdWithoutNptIsAWarning() {
    HostCapabilities host = HostCapabilities.builder().cpuVendor(CpuVendor.AMD)
        .addAbsentCpuFeatures(CpuFeature.NPT).build();
    RuleCheck.of(new NoSecondLevelAddressTranslation()).requirements(r -> r.nestedHv(true)).host(host)
        .expectOne("NV-HOST-002");
  }

  @Test
  void unknownEptPasses() {
    // EPT is not visible in CPUID: unknown is the normal case and is not reported here.
    HostCapabilities host = HostCapabilities.builder().cpuVendor(CpuVendor.INTEL).addCpuFeatures(CpuFeature.VMX)
        .build();
    RuleCheck.of(new NoSecondLevelAddressTranslation()).requirements(r -> r.nestedHv(true)).host(host).expectNone();
    RuleCheck.of(new NoSecondLevelAddressTranslation()).requirements(r -> r.nestedHv(true))
        .host(TestHosts.esxi8Intel().build()).expectNone();
  }

  @Test
  void intelHostIgnoresMissingNpt() {
    HostCapabilities host = HostCapabilities.builder().cpuVendor(CpuVendor.INTEL)
        .addAbsentCpuFeatures(CpuFeature.NPT).build();
    RuleCheck.of(new NoSecondLevelAddressTranslation()).requirements(r -> r.nestedHv(true)).host(host).expectNone();
  }
}
