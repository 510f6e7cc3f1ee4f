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

class HostLacksHardwareVirtualizationTest {

  @Test
  void intelHostWithoutVmxIsAnError() {
    HostCapabilities host = HostCapabilities.builder().name("old01").cpuVendor(CpuVendor.INTEL)
        .addAbsentCpuFeatures(CpuFeature.VMX).build();
    Finding f = RuleCheck.of(new HostLacksHardwareVirtualization())
        .requirements(r -> r.nestedHv(true)).host(host).expectOne("NV-HOST-001");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.host("old01"));
    assertThat(f.evidence()).containsEntry("VMX", "NO").containsEntry("SVM", "UNKNOWN");
    assertThat(f.fixes()).hasSize(1).first().isInstanceOf(ManualStep.class);
    assertThat(f.location()).isEmpty();
  }

  @Test
  void unknownVendorNeedsBothFlagsAbsent() {
    HostCapabilities onlyVmxAbsent = HostCapabilities.builder().addAbsentCpuFeatures(CpuFeature.VMX).build();
    RuleCheck.of(new HostLacksHardwareVirtualization()).requirements(r -> r.nestedHv(true)).host(onlyVmxAbsent)
        .expectNone();
    HostCapabilities both = HostCapabilities.builder().addAbsentCpuFeatures(CpuFeature.VMX, CpuFeature.SVM).build();
    Finding f = RuleCheck.of(new HostLacksHardwareVirtualization()).requirements(r -> r.nestedHv(true)).host(both)
        .expectOne("NV-HOST-001");
    assertThat(f.subject()).isEqualTo(Subject.host("host"));
  }

  @Test
  void amdHostIsJudgedBySvm() {
    HostCapabilities amd = HostCapabilities.builder().cpuVendor(CpuVendor.AMD).addCpuFeatures(CpuFeature.SVM)
        .addAbsentCpuFeatures(CpuFeature.VMX).build();
    RuleCheck.of(new HostLacksHardwareVirtualization()).requirements(r -> r.nestedHv(true)).host(amd).expectNone();
  }

  @Test
  void healthyOrUnknownHostPasses() {
    RuleCheck.of(new HostLacksHardwareVirtualization()).requirements(r -> r.nestedHv(true))
        .host(TestHosts.esxi8Intel().build()).expectNone();
    RuleCheck.of(new HostLacksHardwareVirtualization()).requirements(r -> r.nestedHv(true))
        .host(HostCapabilities.unknown()).expectNone();
  }

  @Test
  void profileWithoutNestedHvPasses() {
    HostCapabilities host = HostCapabilities.builder().cpuVendor(CpuVendor.INTEL)
        .addAbsentCpuFeatures(CpuFeature.VMX).build();
    RuleCheck.of(new HostLacksHardwareVirtualization()).host(host).expectNone();
  }
}
