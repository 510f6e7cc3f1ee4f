package io.nestcheck.core.rules.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class BusLogicWith64BitGuestTest {
  private static final StorageController BUSLOGIC = StorageController.builder().id("scsi0")
      .type(ControllerType.BUSLOGIC).rawType("buslogic").build();

  @Test
  void sixtyFourBitGuestIdWithBusLogicIsAWarningReplacedByLsiLogic() {
    Finding f = RuleCheck.of(new BusLogicWith64BitGuest())
        .vm(TestVms.baseWithDisks().guestOs(GuestOsId.of("other3xlinux-64")).addControllers(BUSLOGIC)
            .addSettings(Setting.of("scsi0.virtualDev", "buslogic", 21)).build())
        .expectOne("NV-STO-003");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.subject()).isEqualTo(Subject.device("scsi0"));
    assertThat(f.fixes()).containsExactly(ReplaceControllerType.of("scsi0", ControllerType.LSI_LOGIC));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 21));
  }

  @Test
  void vmkernelIdAndProfileFlagCountAsSixtyFourBit() {
    RuleCheck.of(new BusLogicWith64BitGuest())
        .vm(TestVms.baseWithDisks().guestOs(GuestOsId.of("vmkernel7")).addControllers(BUSLOGIC).build())
        .expectOne("NV-STO-003");
    Finding f = RuleCheck.of(new BusLogicWith64BitGuest())
        .requirements(r -> r.guest64Bit(true).recommendedController(ControllerType.PVSCSI))
        .vm(TestVms.baseWithDisks().addControllers(BUSLOGIC).build())
        .expectOne("NV-STO-003");
    assertThat(f.fixes()).containsExactly(ReplaceControllerType.of("scsi0", ControllerType.PVSCSI));
  }

  @Test
  void leftToTheSupportedListRuleWhenTheProfileExcludesBusLogic() {
    RuleCheck.of(new BusLogicWith64BitGuest())
        .requirements(r -> r.guest64Bit(true).addSupportedControllers(ControllerType.PVSCSI))
        .vm(TestVms.baseWithDisks().addControllers(BUSLOGIC).build())
        .expectNone();
  }

  @Test
  void thirtyTwoBitOrUnknownGuestPasses() {
    RuleCheck.of(new BusLogicWith64BitGuest())
        .vm(TestVms.baseWithDisks().guestOs(GuestOsId.of("otherlinux")).addControllers(BUSLOGIC).build()).expectNone();
    RuleCheck.of(new BusLogicWith64BitGuest()).vm(TestVms.baseWithDisks().addControllers(BUSLOGIC).build()).expectNone();
  }
}
