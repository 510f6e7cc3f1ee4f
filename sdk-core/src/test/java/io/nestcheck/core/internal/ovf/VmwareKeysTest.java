package io.nestcheck.core.internal.ovf;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Firmware;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VmwareKeysTest {

  @Test
  void hardwareVersions() {
    assertThat(VmwareKeys.hardwareVersion("vmx-13")).isEqualTo(OptionalInt.of(13));
    assertThat(VmwareKeys.hardwareVersion("vmx-08")).isEqualTo(OptionalInt.of(8));
    assertThat(VmwareKeys.hardwareVersion("VMX-20")).isEqualTo(OptionalInt.of(20));
    assertThat(VmwareKeys.hardwareVersion("vmx-13 vmx-11 vmx-10")).isEqualTo(OptionalInt.of(13));
    assertThat(VmwareKeys.hardwareVersion("vmx-10,vmx-11")).isEqualTo(OptionalInt.of(11));
    assertThat(VmwareKeys.hardwareVersion("vmx-04 xen-3")).isEqualTo(OptionalInt.of(4));
    assertThat(VmwareKeys.hardwareVersion(" vmx-99 ")).isEqualTo(OptionalInt.of(99));
    assertThat(VmwareKeys.hardwareVersion("virtualbox-2.2")).isEmpty();
    assertThat(VmwareKeys.hardwareVersion("vmx-")).isEmpty();
    assertThat(VmwareKeys.hardwareVersion("vmx-0")).isEmpty();
    assertThat(VmwareKeys.hardwareVersion("vmx-abc")).isEmpty();
    assertThat(VmwareKeys.hardwareVersion("vmx-99999999999")).isEmpty();
    assertThat(VmwareKeys.hardwareVersion("13")).isEmpty();
    assertThat(VmwareKeys.hardwareVersion("")).isEmpty();
    assertThat(VmwareKeys.hardwareVersion(null)).isEmpty();
  }

  @Test
  void booleans() {
    for (String t : new String[] {"true", "TRUE", " True ", "yes", "1", "on"}) {
      assertThat(VmwareKeys.parseBoolean(t)).as(t).contains(true);
    }
    for (String f : new String[] {"false", "FALSE", "no", "0", "off"}) {
      assertThat(VmwareKeys.parseBoolean(f)).as(f).contains(false);
    }
    assertThat(VmwareKeys.parseBoolean("maybe")).isEmpty();
    assertThat(VmwareKeys.parseBoolean("")).isEmpty();
    assertThat(VmwareKeys.parseBoolean(null)).isEmpty();
  }

  @Test
  void firmware() {
    assertThat(VmwareKeys.parseFirmware("efi")).contains(Firmware.EFI);
    assertThat(VmwareKeys.parseFirmware("EFI")).contains(Firmware.EFI);
    assertThat(VmwareKeys.parseFirmware("bios")).contains(Firmware.BIOS);
    assertThat(VmwareKeys.parseFirmware("uefi")).isEmpty();
  }

  @Test
  void cpuidMasks() {
    CpuidMask m = VmwareKeys.cpuidMask("cpuid.1.ecx", "----:----:----:----:----:----:--0-:----").orElseThrow();
    assertThat(m.leaf()).isEqualTo(1);
    assertThat(m.register()).isEqualTo(CpuidMask.Register.ECX);
    assertThat(m.bitChar(5)).isEqualTo('0');
    CpuidMask amd = VmwareKeys.cpuidMask("cpuid.80000001.ECX", "RRRRHHHHttttffffXXXX--------0101").orElseThrow();
    assertThat(amd.leaf()).isEqualTo(0x80000001L);
    assertThat(amd.mask()).isEqualTo("RRRRHHHHTTTTFFFFxxxx--------0101");
    assertThat(VmwareKeys.isCpuidMaskKey("cpuid.coresPerSocket")).isFalse();
    assertThat(VmwareKeys.isCpuidMaskKey("cpuid.1.ecx.amd")).isFalse();
    assertThat(VmwareKeys.isCpuidMaskKey("cpuid.0x1.edx")).isTrue();
    assertThat(VmwareKeys.cpuidMask("cpuid.1.ecx", "too short")).isEmpty();
    assertThat(VmwareKeys.cpuidMask("cpuid.1.ecx", "----:----:----:----:----:----:--Z-:----")).isEmpty();
    assertThat(VmwareKeys.cpuidMask("cpuid.1.exx", "--------------------------------")).isEmpty();
    assertThat(VmwareKeys.cpuidMask("cpuid.123456789.ecx", "--------------------------------")).isEmpty();
  }

  @Test
  void macAddresses() {
    assertThat(VmwareKeys.normalizeMac("00:50:56:AA:bb:CC")).contains("00:50:56:aa:bb:cc");
    assertThat(VmwareKeys.normalizeMac("00-16-8B-DB-00-5E")).contains("00:16:8b:db:00:5e");
    assertThat(VmwareKeys.normalizeMac("0050.56aa.bbcc")).isEmpty();
    assertThat(VmwareKeys.normalizeMac("0")).isEmpty();
    assertThat(VmwareKeys.normalizeMac("00:50:56:aa:bb:cg")).isEmpty();
  }
}
