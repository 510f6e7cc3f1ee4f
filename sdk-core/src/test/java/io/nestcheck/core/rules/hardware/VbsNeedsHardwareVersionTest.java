package io.nestcheck.core.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.Finding;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Severity;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class VbsNeedsHardwareVersionTest {

  @Test
  void intelNeedsFourteen() {
    Finding f = RuleCheck.of(new VbsNeedsHardwareVersion()).host(TestHosts.esxi8Intel().build())
        .vm(TestVms.base().vbs(true).hardwareVersion(13).build())
        .expectOne("NV-HW-004");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(UpgradeHardwareVersion.of(14));
  }

  @Test
  void amdNeedsNineteen() {
    Finding f = RuleCheck.of(new VbsNeedsHardwareVersion())
        .host(HostCapabilities.builder().cpuVendor(CpuVendor.AMD).build())
        .vm(TestVms.base().vbs(true).hardwareVersion(17).build())
        .expectOne("NV-HW-004");
    assertThat(f.fixes()).containsExactly(UpgradeHardwareVersion.of(19));
    assertThat(f.evidence()).containsEntry("required", "19");
  }

  @Test
  void unknownVendorAssumesFourteenAndSaysSo() {
    Finding f = RuleCheck.of(new VbsNeedsHardwareVersion())
        .vm(TestVms.base().vbs(true).hardwareVersion(13).build())
        .expectOne("NV-HW-004");
    assertThat(f.fixes()).containsExactly(UpgradeHardwareVersion.of(14));
    assertThat(f.message()).contains("assumed").contains("vmx-19");
    RuleCheck.of(new VbsNeedsHardwareVersion()).vm(TestVms.base().vbs(true).hardwareVersion(14).build()).expectNone();
  }

  @Test
  void noVbsOrVbsThatMustGoPasses() {
    RuleCheck.of(new VbsNeedsHardwareVersion()).vm(TestVms.base().hardwareVersion(9).build()).expectNone();
    RuleCheck.of(new VbsNeedsHardwareVersion()).requirements(r -> r.addAllowedFirmware(io.nestcheck.api.Firmware.BIOS))
        .vm(TestVms.base().vbs(true).hardwareVersion(9).build()).expectNone();
  }
}
