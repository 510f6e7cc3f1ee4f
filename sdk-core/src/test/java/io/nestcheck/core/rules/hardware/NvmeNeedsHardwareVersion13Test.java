package io.nestcheck.core.rules.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Severity;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.Subject;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class NvmeNeedsHardwareVersion13Test {

  @Test
  void nvmeOnOldHardwareIsAnErrorOnTheController() {
    Finding f = RuleCheck.of(new NvmeNeedsHardwareVersion13())
        .vm(TestVms.base().hardwareVersion(11).addControllers(StorageController.of("nvme0", ControllerType.NVME)).build())
        .expectOne("NV-HW-003");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.device("nvme0"));
    assertThat(f.fixes()).containsExactly(UpgradeHardwareVersion.of(13));
  }

  @Test
  void nvmeOnThirteenOrNoNvmePasses() {
    RuleCheck.of(new NvmeNeedsHardwareVersion13())
        .vm(TestVms.base().hardwareVersion(13).addControllers(StorageController.of("nvme0", ControllerType.NVME)).build())
        .expectNone();
    RuleCheck.of(new NvmeNeedsHardwareVersion13())
        .vm(TestVms.base().hardwareVersion(8).addControllers(StorageController.of("scsi0", ControllerType.PVSCSI)).build())
        .expectNone();
  }
}
