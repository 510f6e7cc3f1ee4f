package io.nestcheck.core.rules.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.NicType;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class VmsTest {

  @Test
  void mibMatchesTheFormattedFigureItReplaced() {
    for (long mib = 1; mib <= 300_000; mib++) {
      String expected = mib % 1024 == 0 ? mib + " MiB (" + (mib / 1024) + " GiB)"
          : String.format(Locale.ROOT, "%d MiB (%.1f GiB)", mib, mib / 1024.0);
      if (!Vms.mib(mib).equals(expected)) {
        assertThat(Vms.mib(mib)).as("mib %d", mib).isEqualTo(expected);
      }
    }
    assertThat(Vms.mib(7168)).isEqualTo("7168 MiB (7 GiB)");
    assertThat(Vms.mib(7000)).isEqualTo("7000 MiB (6.8 GiB)");
    assertThat(Vms.mib(1536)).isEqualTo("1536 MiB (1.5 GiB)");
  }

  @Test
  void lowerIsTheDashedLowerCaseName() {
    assertThat(Vms.lower(ControllerType.LSI_LOGIC_SAS)).isEqualTo("lsi-logic-sas");
    assertThat(Vms.lower(NicType.VMXNET3)).isEqualTo("vmxnet3");
    for (NicType t : NicType.values()) {
      assertThat(Vms.lower(t)).isEqualTo(t.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
  }
}
