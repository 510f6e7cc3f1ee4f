package io.nestcheck.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.core.RuleCatalog;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymptomCatalogTest {
  private final SymptomCatalog catalog = SymptomCatalog.builtIn();

  @Test
  void everyRuleIdOfTheCatalogExists() {
    assertThat(catalog.validate(RuleCatalog.builtIn())).isEmpty();
  }

  @Test
  void coversTheRequiredSymptoms() {
    assertThat(catalog.symptoms()).extracting(Symptom::id).contains(
        "kvm-no-hardware-support", "kvm-disabled-by-bios", "vfs-unable-to-mount-root",
        "esxi-hardware-virtualization-warning", "esxi-no-network-adapters", "esxi-cpu-not-supported",
        "windows-inaccessible-boot-device", "windows-kernel-security-check-failure",
        "workstation-nested-not-supported", "vmware-log-software-virtualization", "vmware-log-software-mmu",
        "cna-cannot-add-host", "cna-vm-power-on-failed", "cna-no-disk-found", "cna-vrm-no-compute-resources",
        "guest-cpuinfo-without-vt");
  }

  @Test
  void everyCauseIsUsedAndEverySymptomHasSources() {
    Set<String> used = new HashSet<>();
    for (Symptom s : catalog.symptoms()) {
      s.causes().forEach(c -> used.add(c.id()));
      assertThat(s.sources()).as(s.id()).isNotEmpty();
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(catalog.causes().keySet());
  }

  @Test
  void patternsMatchTheRealMessages() {
    assertMatches("kvm-no-hardware-support", "[    0.913593] kvm: no hardware support for 'kvm_intel'");
    assertMatches("kvm-disabled-by-bios", "[   14.309286] kvm: disabled by bios");
    assertMatches("kvm-disabled-by-bios", "kvm: support for 'kvm_amd' disabled by bios");
    assertMatches("vfs-unable-to-mount-root", "Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)");
    assertMatches("esxi-hardware-virtualization-warning",
        "<HARDWARE_VIRTUALIZATION WARNING: Hardware Virtualization is not a feature of the CPU, or is not enabled in the BIOS>");
    assertMatches("esxi-no-network-adapters", "No network adapters were detected. Either no network adapters are physically");
    assertMatches("esxi-cpu-not-supported", "<CPU_SUPPORT ERROR: The CPU in this host is not supported by ESXi 7.0.3.");
    assertMatches("workstation-nested-not-supported", "VMware Workstation does not support nested virtualization on this host.\nModule 'HV' power on failed.");
    assertMatches("workstation-nested-not-supported", "Virtualized Intel VT-x/EPT is not supported on this platform.");
    assertMatches("workstation-vt-disabled", "This host supports Intel VT-x, but Intel VT-x is disabled.");
    assertMatches("vmware-log-software-virtualization", "Aug 20 20:09:04.612: vmx| MONITOR MODE: allowed modes          : BT\n");
    assertMatches("vmware-log-software-virtualization", "vmx| HV Settings: virtual exec = 'software'; virtual mmu = 'software'");
    assertMatches("vmware-log-software-mmu", "vmxl I120: HV Settings: virtual exec = 'hardware'; virtual mmu = 'software'");
    assertMatches("cna-cannot-add-host", "部署VRM后无法添加主机");
    assertMatches("cna-vm-power-on-failed", "任务失败：虚拟机打开电源失败");
    assertMatches("cna-no-disk-found", "扫描不到硬盘，系统安装失败");
    assertMatches("cna-vrm-no-compute-resources", "VRM虚拟化部署失败、找不到计算资源");
    assertMatches("windows-inaccessible-boot-device", "Stop code: INACCESSIBLE_BOOT_DEVICE");
    assertThat(catalog.find("vmware-log-software-virtualization").get()
        .firstMatch("vmx| HV Settings: virtual exec = 'hardware'; virtual mmu = 'hardware'")).isEmpty();
  }

  private void assertMatches(String id, String text) {
    assertThat(catalog.find(id)).as(id).isPresent();
    assertThat(catalog.find(id).get().firstMatch(text)).as(id + " on " + text).isPresent();
  }

  @Test
  void everyProblemOfABadCatalogIsReportedWithItsPath() {
    String yaml = "causes:\n  c1:\n    title: t\n    rules: [NV-CPU-001]\n    explanation: e\n    colour: red\n"
        + "symptoms:\n  - id: s1\n    title: t\n    context: LINUX_KERNEL\n    patterns: ['(unclosed']\n"
        + "    causes: [c1, c2]\n    sources: [x]\n"
        + "  - id: s1\n    title: t\n    context: KERNEL\n    patterns: [ok]\n    causes: [c1]\n";
    assertThatThrownBy(() -> SymptomCatalog.parse(yaml, "test.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/causes/c1/colour: unknown key")
        .hasMessageContaining("/symptoms/0/patterns/0: not a regular expression")
        .hasMessageContaining("/symptoms/0/causes/1: unknown cause 'c2'")
        .hasMessageContaining("/symptoms/1/id: duplicate symptom id 's1'")
        .hasMessageContaining("/symptoms/1/context: 'KERNEL' is not one of")
        .hasMessageContaining("/symptoms/1/sources: a symptom needs at least one source");
  }

  @Test
  void unknownRuleIdsAreReportedByValidate() {
    SymptomCatalog c = SymptomCatalog.parse("causes:\n  c1:\n    title: t\n    rules: [NV-XYZ-999]\n    explanation: e\n"
        + "symptoms:\n  - {id: s, title: t, context: LINUX_KERNEL, patterns: [x], causes: [c1], sources: [y]}\n", "t");
    assertThat(c.validate(RuleCatalog.builtIn())).containsExactly("cause c1 names unknown rule NV-XYZ-999");
  }
}
