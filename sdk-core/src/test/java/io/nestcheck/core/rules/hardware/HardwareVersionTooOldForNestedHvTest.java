package io.nestcheck.core.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.Finding;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class HardwareVersionTooOldForNestedHvTest {

  @Test
  void belowNineIsAnErrorUpgradingToNine() {
    Finding f = RuleCheck.of(new HardwareVersionTooOldForNestedHv())
        .requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().hardwareVersion(8).addSettings(Setting.of("virtualHW.version", "8", 2)).build())
        .expectOne("NV-HW-001");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.fixes()).containsExactly(UpgradeHardwareVersion.of(9));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 2));
  }

  @Test
  void upgradeTargetIsTheHighestNeedSoFixesConverge() {
    Finding f = RuleCheck.of(new HardwareVersionTooOldForNestedHv())
        .requirements(r -> r.nestedHv(true).minHardwareVersion(11))
        .vm(TestVms.base().hardwareVersion(7).addControllers(StorageController.of("nvme0", ControllerType.NVME)).build())
        .expectOne("NV-HW-001");
    assertThat(f.fixes()).containsExactly(UpgradeHardwareVersion.of(13));
  }

  @Test
  void hostThatCannotRunTheTargetGetsAManualStep() {
    Finding f = RuleCheck.of(new HardwareVersionTooOldForNestedHv())
        .requirements(r -> r.nestedHv(true).minHardwareVersion(14))
        .host(TestHosts.esxi8Intel().maxHardwareVersion(13).build())
        .vm(TestVms.base().hardwareVersion(8).build())
        .expectOne("NV-HW-001");
    assertThat(f.fixes()).singleElement().isInstanceOf(ManualStep.class);
  }

  @Test
  void nineOrLaterOrUnknownPasses() {
    RuleCheck.of(new HardwareVersionTooOldForNestedHv()).requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().hardwareVersion(9).build()).expectNone();
    RuleCheck.of(new HardwareVersionTooOldForNestedHv()).requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().build()).expectNone();
    RuleCheck.of(new HardwareVersionTooOldForNestedHv()).vm(TestVms.base().hardwareVersion(4).build()).expectNone();
  }
}
