package io.nestcheck.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.RemoveDevice;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.vmx.VmxReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden tests on the shipped examples: the exact diff for the seed's CNA VM, byte-exactness for a GBK/CRLF file. */
class FileFixerGoldenTest {
  static final Path EXAMPLES = Paths.get(System.getProperty("nestcheck.examples", "../examples/fleet"));
  private static final Charset GBK = Charset.forName("GBK");

  @TempDir Path dir;

  private Path copy(String name) throws Exception {
    Path source = EXAMPLES.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(source), source + " is missing");
    Path target = dir.resolve(name);
    Files.copy(source, target);
    return target;
  }

  @Test
  void fixingTheSeedCnaVmGivesExactlyThisDiff() throws Exception {
    Path vmx = copy("cna01-seed.vmx");
    byte[] original = Files.readAllBytes(vmx);
    FixPlan plan = FixPlan.builder().vmName("cna01").source("examples/fleet/cna01-seed.vmx")
        .addActions(ExposeNestedHv.enable(), SetMemory.of(8192), ReplaceNicType.of("ethernet0", NicType.E1000),
            ReplaceControllerType.of("scsi0", ControllerType.LSI_LOGIC))
        .build();
    String p = FileFixer.displayPath(vmx);
    String expected = "--- a/" + p + "\n"
        + "+++ b/" + p + "\n"
        + "@@ -7,14 +7,14 @@\n"
        + " firmware = \"efi\"\n"
        + " numvcpus = \"4\"\n"
        + " cpuid.coresPerSocket = \"4\"\n"
        + "-memsize = \"4096\"\n"
        + "-vhv.enable = \"FALSE\"\n"
        + "+memsize = \"8192\"\n"
        + "+vhv.enable = \"TRUE\"\n"
        + " scsi0.present = \"TRUE\"\n"
        + "-scsi0.virtualDev = \"buslogic\"\n"
        + "+scsi0.virtualDev = \"lsilogic\"\n"
        + " scsi0:0.present = \"TRUE\"\n"
        + " scsi0:0.fileName = \"cna01.vmdk\"\n"
        + " scsi0:0.deviceType = \"scsi-hardDisk\"\n"
        + " ethernet0.present = \"TRUE\"\n"
        + "-ethernet0.virtualDev = \"vmxnet3\"\n"
        + "+ethernet0.virtualDev = \"e1000\"\n"
        + " ethernet0.networkName = \"FC-Management\"\n"
        + " ethernet0.addressType = \"generated\"\n";

    FixOutcome preview = new FileFixer().preview(vmx, plan);
    assertThat(preview.diff()).isEqualTo(expected);
    assertThat(preview.applied()).containsExactlyElementsOf(plan.actions());
    assertThat(preview.skipped()).isEmpty();
    assertThat(Files.readAllBytes(vmx)).isEqualTo(original);

    FixOutcome applied = new FileFixer().apply(vmx, plan, false);
    assertThat(applied.diff()).isEqualTo(expected);
    assertThat(applied.written()).isTrue();
    String after = new String(original, java.nio.charset.StandardCharsets.UTF_8)
        .replace("memsize = \"4096\"", "memsize = \"8192\"")
        .replace("vhv.enable = \"FALSE\"", "vhv.enable = \"TRUE\"")
        .replace("\"buslogic\"", "\"lsilogic\"")
        .replace("\"vmxnet3\"", "\"e1000\"");
    assertThat(Files.readString(vmx)).isEqualTo(after);
    assertThat(Files.readAllBytes(applied.backup().orElseThrow())).isEqualTo(original);

    VmConfiguration fixed = new VmxReader().read(ExportSource.of(vmx)).get(0);
    assertThat(fixed.nestedHv()).isEqualTo(TriState.YES);
    assertThat(fixed.memoryMiB()).isEqualTo(8192);
    assertThat(fixed.nics().get(0).type()).isEqualTo(NicType.E1000);
    assertThat(fixed.controllers().get(0).type()).isEqualTo(ControllerType.LSI_LOGIC);
  }

  @Test
  void aGbkCrlfFileStaysByteExactOutsideTheTouchedLines() throws Exception {
    Path vmx = copy("cna03-gbk.vmx");
    byte[] original = Files.readAllBytes(vmx);
    String name = "\u8ba1\u7b97\u8282\u70b903"; // the displayName, 计算节点03
    FixPlan plan = FixPlan.builder().vmName(name).source("examples/fleet/cna03-gbk.vmx")
        .addActions(ExposeNestedHv.enable(), SetMemory.of(8192), ReplaceNicType.of("ethernet0", NicType.VMXNET3),
            ReplaceControllerType.of("scsi0", ControllerType.PVSCSI), RemoveDevice.of("sound", PeripheralKind.SOUND),
            SetSetting.of("annotation", "\u8ba1\u7b97\u8282\u70b9 fixed"))
        .build();
    FixOutcome o = new FileFixer().apply(vmx, plan, false);
    assertThat(o.skipped()).isEmpty();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    String text = new String(original, GBK)
        .replace("vhv.enable = \"FALSE\"\r\n", "") // the duplicate goes; the first one already says TRUE
        .replace("memsize = \"6144\"", "memsize = \"8192\"")
        .replace("ethernet0.virtualDev = \"e1000\"", "ethernet0.virtualDev = \"vmxnet3\"")
        .replace("sound.present = \"TRUE\"", "sound.present = \"FALSE\"");
    expected.writeBytes(text.getBytes(GBK));
    expected.writeBytes(("scsi0.virtualDev = \"pvscsi\"\r\nannotation = \"" + name.substring(0, 4) + " fixed\"\r\n")
        .getBytes(GBK));
    byte[] written = Files.readAllBytes(vmx);
    assertThat(written).isEqualTo(expected.toByteArray());
    // the GBK displayName bytes are untouched: BC C6 CB E3 BD DA B5 E3 = 计算节点
    assertThat(indexOf(written, new byte[] {(byte) 0xBC, (byte) 0xC6, (byte) 0xCB, (byte) 0xE3, (byte) 0xBD,
        (byte) 0xDA, (byte) 0xB5, (byte) 0xE3, '0', '3'})).isGreaterThan(0);
    assertThat(Files.readAllBytes(o.backup().orElseThrow())).isEqualTo(original);

    // the diff is decoded in GBK, with the inline suppression and the new annotation readable
    assertThat(o.diff()).contains(" # nestcheck:ignore NV-HYG-001 lab VM, sound card kept for the training videos\n")
        .contains("-vhv.enable = \"FALSE\"\n")
        .contains("+annotation = \"" + name.substring(0, 4) + " fixed\"\n")
        .doesNotContain("\r");

    VmConfiguration fixed = new VmxReader().read(ExportSource.of(vmx)).get(0);
    assertThat(fixed.name()).isEqualTo(name);
    assertThat(fixed.inlineSuppressions()).hasSize(1);
    assertThat(fixed.peripherals()).isEmpty();
    assertThat(fixed.setting("annotation")).hasValue(name.substring(0, 4) + " fixed");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
