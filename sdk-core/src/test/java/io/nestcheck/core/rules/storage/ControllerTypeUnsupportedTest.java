package io.nestcheck.core.rules.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuMode;
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

class ControllerTypeUnsupportedTest {

  @Test
  void unsupportedControllerIsAnErrorReplacedByTheRecommendation() {
    Finding f = RuleCheck.of(new ControllerTypeUnsupported())
        .requirements(r -> r.addSupportedControllers(ControllerType.PVSCSI, ControllerType.NVME)
            .recommendedController(ControllerType.PVSCSI))
        .vm(TestVms.baseWithDisks()
            .addControllers(StorageController.builder().id("scsi0").type(ControllerType.LSI_LOGIC_SAS)
                .rawType("lsisas1068").build())
            .addSettings(Setting.of("scsi0.virtualDev", "lsisas1068", 20)).build())
        .expectOne("NV-STO-001");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.device("scsi0"));
    assertThat(f.fixes()).containsExactly(ReplaceControllerType.of("scsi0", ControllerType.PVSCSI));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 20));
    assertThat(f.message()).contains("lsisas1068");
  }

  @Test
  void libvirtVmGetsAVirtioReplacementAndVmwareNever() {
    Finding kvm = RuleCheck.of(new ControllerTypeUnsupported())
        .requirements(r -> r.addSupportedControllers(ControllerType.LSI_LOGIC_SAS, ControllerType.VIRTIO_BLK)
            .recommendedController(ControllerType.LSI_LOGIC_SAS))
        .vm(TestVms.baseWithDisks().cpuMode(CpuMode.HOST_PASSTHROUGH)
            .addControllers(StorageController.of("ide0", ControllerType.IDE)).build())
        .expectOne("NV-STO-001");
    assertThat(kvm.fixes()).containsExactly(ReplaceControllerType.of("ide0", ControllerType.VIRTIO_BLK));
    Finding vmware = RuleCheck.of(new ControllerTypeUnsupported())
        .requirements(r -> r.addSupportedControllers(ControllerType.VIRTIO_BLK, ControllerType.SATA_AHCI)
            .recommendedController(ControllerType.VIRTIO_BLK))
        .vm(TestVms.baseWithDisks().hardwareVersion(19).addControllers(StorageController.of("ide0", ControllerType.IDE)).build())
        .expectOne("NV-STO-001");
    assertThat(vmware.fixes()).containsExactly(ReplaceControllerType.of("ide0", ControllerType.SATA_AHCI));
  }

  @Test
  void supportedOrUnspecifiedOrNoListPasses() {
    RuleCheck.of(new ControllerTypeUnsupported()).requirements(r -> r.addSupportedControllers(ControllerType.PVSCSI))
        .vm(TestVms.healthyEsxi8().build()).expectNone();
    RuleCheck.of(new ControllerTypeUnsupported()).requirements(r -> r.addSupportedControllers(ControllerType.PVSCSI))
        .vm(TestVms.baseWithDisks().addControllers(StorageController.of("scsi0", ControllerType.UNSPECIFIED)).build())
        .expectNone();
    RuleCheck.of(new ControllerTypeUnsupported())
        .vm(TestVms.baseWithDisks().addControllers(StorageController.of("scsi0", ControllerType.BUSLOGIC)).build())
        .expectNone();
  }

  @Test
  void aControllerWithoutDisksIsIgnored() {
    // every vSphere VM has two IDE controllers holding at most a CD-ROM
    RuleCheck.of(new ControllerTypeUnsupported()).builtInProfile("esxi-8")
        .vm(TestVms.base().addControllers(StorageController.of("200", ControllerType.IDE)).build())
        .expectNone();
  }
}
