package io.nestcheck.core.rules.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Finding;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestHosts;
import io.nestcheck.core.rules.TestVms;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuidMaskHidesVirtualizationTest {
  // bit 5 (VMX) forced to 0: index 31-5 = 26 of the 32-character mask
  private static final String VMX_OFF_RAW = "----:----:----:----:----:----:--0-:----";
  private static final String VMX_OFF = VMX_OFF_RAW.replace(":", "");
  // bit 2 (SVM) = 'R': index 29
  private static final String SVM_R_RAW = "----:----:----:----:----:----:----:-R--";

  @Test
  void leaf1MaskForcingVmxOffIsAnErrorRemovingThatKey() {
    Finding f = RuleCheck.of(new CpuidMaskHidesVirtualization())
        .requirements(r -> r.nestedHv(true))
        .host(TestHosts.esxi8Intel().build())
        .vm(TestVms.healthyEsxi8()
            .addCpuidMasks(CpuidMask.of(1, CpuidMask.Register.ECX, VMX_OFF))
            .addSettings(Setting.of("cpuid.1.ecx", VMX_OFF_RAW, 9))
            .build())
        .expectOne("NV-CPU-002");
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.subject()).isEqualTo(Subject.vm("esxi8"));
    assertThat(f.fixes()).containsExactly(RemoveSetting.of("cpuid.1.ecx"));
    assertThat(f.location()).contains(SourceLocation.of("esxi8.vmx", 9));
    assertThat(f.evidence()).containsEntry("bit", "VMX = '0'");
  }

  @Test
  void svmMaskMattersOnAmdOnly() {
    CpuidMask svm = CpuidMask.of(0x80000001L, CpuidMask.Register.ECX, SVM_R_RAW.replace(":", ""));
    Finding f = RuleCheck.of(new CpuidMaskHidesVirtualization())
        .requirements(r -> r.nestedHv(true))
        .host(HostCapabilities.builder().cpuVendor(CpuVendor.AMD).build())
        .vm(TestVms.base().addCpuidMasks(svm).addSettings(Setting.of("cpuid.80000001.ecx.amd", SVM_R_RAW, 4)).build())
        .expectOne("NV-CPU-002");
    assertThat(f.fixes()).containsExactly(RemoveSetting.of("cpuid.80000001.ecx.amd"));
    RuleCheck.of(new CpuidMaskHidesVirtualization())
        .requirements(r -> r.nestedHv(true))
        .host(TestHosts.esxi8Intel().build())
        .vm(TestVms.base().addCpuidMasks(svm).build())
        .expectNone();
  }

  @Test
  void featMaskValZeroIsReported() {
    Finding f = RuleCheck.of(new CpuidMaskHidesVirtualization())
        .requirements(r -> r.nestedHv(true))
        .vm(TestVms.base().addSettings(Setting.of("featMask.vm.cpuid.VMX", "Val:0", 12)).build())
        .expectOne("NV-CPU-002");
    assertThat(f.fixes()).containsExactly(RemoveSetting.of("featMask.vm.cpuid.VMX"));
    assertThat(f.location()).contains(SourceLocation.of("vm1.vmx", 12));
  }

  @Test
  void passThroughCharactersPass() {
    for (String c : List.of("1", "T", "H", "-", "x")) {
      String mask = "--------------------------" + c + "-----";
      RuleCheck.of(new CpuidMaskHidesVirtualization())
          .requirements(r -> r.nestedHv(true))
          .vm(TestVms.base().addCpuidMasks(CpuidMask.of(1, CpuidMask.Register.ECX, mask)).build())
          .expectNone();
    }
  }

  @Test
  void profileWithoutNestedHvPasses() {
    RuleCheck.of(new CpuidMaskHidesVirtualization())
        .vm(TestVms.base().addCpuidMasks(CpuidMask.of(1, CpuidMask.Register.ECX, VMX_OFF)).build())
        .expectNone();
  }
}
