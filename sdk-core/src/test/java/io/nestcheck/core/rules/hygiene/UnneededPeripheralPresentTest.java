package io.nestcheck.core.rules.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.RemoveDevice;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import io.nestcheck.core.rules.TestVms;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnneededPeripheralPresentTest {

  @Test
  void eachSoundUsbOrFloppyIsAnInfoRemovingIt() {
    List<Finding> findings = RuleCheck.of(new UnneededPeripheralPresent())
        .vm(TestVms.base().addPeripherals(Peripheral.of("sound", PeripheralKind.SOUND),
            Peripheral.of("usb", PeripheralKind.USB), Peripheral.of("floppy0", PeripheralKind.FLOPPY))
            .addSettings(Setting.of("sound.present", "TRUE", 33)).build())
        .findings();
    assertThat(findings).extracting(Finding::ruleId).containsOnly("NV-HYG-001");
    assertThat(findings).extracting(Finding::subject)
        .containsExactly(Subject.device("floppy0"), Subject.device("sound"), Subject.device("usb"));
    assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    Finding sound = findings.get(1);
    assertThat(sound.fixes()).containsExactly(RemoveDevice.of("sound", PeripheralKind.SOUND));
    assertThat(sound.location()).contains(SourceLocation.of("vm1.vmx", 33));
  }

  @Test
  void cdromAndSerialPass() {
    RuleCheck.of(new UnneededPeripheralPresent())
        .vm(TestVms.base().addPeripherals(Peripheral.of("sata0:1", PeripheralKind.CDROM),
            Peripheral.of("serial0", PeripheralKind.SERIAL)).build())
        .expectNone();
  }
}
