package io.nestcheck.core.rules.guestos;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuMode;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.SetGuestOs;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import org.junit.jupiter.api.Test;

class GuestOsIdMismatchTest {

  @Test
  void esxi8LeftAtVmkernel65IsAWarning() {
    Finding f = RuleCheck.of(new GuestOsIdMismatch())
        .requirements(r -> r.addGuestOsIds(GuestOsId.of("vmkernel8Guest")))
        .vm(TestVms.base().guestOs(GuestOsId.of("vmkernel65")).addSettings(Setting.of("guestOS", "vmkernel65", 4)).build())
        .expectOne("NV-GOS-001");
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.fixes()).containsExactly(SetGuestOs.of(GuestOsId.of("vmkernel8Guest")));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 4));
    assertThat(f.evidence()).containsEntry("guestOS", "vmkernel65Guest");
  }

  @Test
  void absentIdIsReportedForVmwareButNotForLibvirt() {
    Finding f = RuleCheck.of(new GuestOsIdMismatch())
        .requirements(r -> r.addGuestOsIds(GuestOsId.of("otherLinux64Guest"), GuestOsId.of("other3xLinux64Guest")))
        .vm(TestVms.base().build()).expectOne("NV-GOS-001");
    assertThat(f.fixes()).containsExactly(SetGuestOs.of(GuestOsId.of("otherLinux64Guest")));
    RuleCheck.of(new GuestOsIdMismatch()).requirements(r -> r.addGuestOsIds(GuestOsId.of("otherLinux64Guest")))
        .vm(TestVms.base().cpuMode(CpuMode.HOST_PASSTHROUGH).build()).expectNone();
  }

  @Test
  void listedIdInEitherFormPasses() {
    RuleCheck.of(new GuestOsIdMismatch())
        .requirements(r -> r.addGuestOsIds(GuestOsId.of("otherLinux64Guest"), GuestOsId.of("other3xLinux64Guest")))
        .vm(TestVms.base().guestOs(GuestOsId.of("other3xlinux-64")).build()).expectNone();
    RuleCheck.of(new GuestOsIdMismatch()).vm(TestVms.base().build()).expectNone();
  }
}
