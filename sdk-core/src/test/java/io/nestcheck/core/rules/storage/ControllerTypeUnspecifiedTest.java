package io.nestcheck.core.rules.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.Finding;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class ControllerTypeUnspecifiedTest {

  @Test
  void unstatedTypeIsAWarningThatWritesTheRecommendation() {
    Finding f = RuleCheck.of(new ControllerTypeUnspecified())
        .requirements(r -> r.addSupportedControllers(ControllerType.PVSCSI).recommendedController(ControllerType.PVSCSI))
        .vm(TestVms.baseWithDisks().addControllers(StorageController.of("scsi0", ControllerType.UNSPECIFIED))
            .addSettings(Setting.of("scsi0.present", "TRUE", 17)).build())
        .expectOne("NV-STO-002");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.subject()).isEqualTo(Subject.device("scsi0"));
    assertThat(f.fixes()).containsExactly(ReplaceControllerType.of("scsi0", ControllerType.PVSCSI));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 17));
  }

  @Test
  void statedTypeOrNoControllerRequirementPasses() {
    RuleCheck.of(new ControllerTypeUnspecified()).requirements(r -> r.recommendedController(ControllerType.PVSCSI))
        .vm(TestVms.healthyEsxi8().build()).expectNone();
    RuleCheck.of(new ControllerTypeUnspecified())
        .vm(TestVms.baseWithDisks().addControllers(StorageController.of("scsi0", ControllerType.UNSPECIFIED)).build())
        .expectNone();
  }
}
