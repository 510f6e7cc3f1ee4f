package io.nestcheck.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.TriState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFilesTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsJson() throws IOException {
    HostCapabilities h = HostFiles.load(write("esx01.json", "{\"platform\":\"ESXI\",\"productVersion\":\"8.0.2\","
        + "\"cpuVendor\":\"INTEL\",\"cpuFeatures\":[\"VMX\",\"EPT\"],\"nestedHvSupported\":\"YES\",\"maxHardwareVersion\":21}"));
    assertThat(h.platform()).isEqualTo(Platform.ESXI);
    assertThat(h.cpuFeatures()).containsExactlyInAnyOrder(CpuFeature.VMX, CpuFeature.EPT);
    assertThat(h.nestedHvSupported()).isEqualTo(TriState.YES);
    assertThat(h.maxHardwareVersion()).hasValue(21);
  }

  @Test
  void readsYaml() throws IOException {
    HostCapabilities h = HostFiles.load(write("kvm01.yaml", "platform: KVM\ncpuVendor: AMD\ncpuFeatures: [SVM, NPT]\n"
        + "absentCpuFeatures: [VMX]\nvirtualizationEnabledInFirmware: YES\nmemoryMiB: 262144\n"));
    assertThat(h.platform()).isEqualTo(Platform.KVM);
    assertThat(h.cpuVendor()).isEqualTo(CpuVendor.AMD);
    assertThat(h.feature(CpuFeature.VMX)).isEqualTo(TriState.NO);
    assertThat(h.memoryMiB()).hasValue(262144);
  }

  @Test
  void readsCpuinfoByName() throws IOException {
    HostCapabilities h = HostFiles.load(write("cpuinfo", CpuInfoSamples.AMD_EPYC_HOST));
    assertThat(h.feature(CpuFeature.SVM)).isEqualTo(TriState.YES);
    assertThatThrownBy(() -> HostFiles.load(write("bad.cpuinfo", "hello world\n")))
        .isInstanceOf(HostFileException.class)
        .hasMessageStartingWith(dir.resolve("bad.cpuinfo").toString() + ": not /proc/cpuinfo text");
  }

  @Test
  void aWrongEnumValueNamesTheFieldAndTheAllowedValues() throws IOException {
    Path f = write("host.yaml", "platform: ESXI\ncpuFeatures:\n  - VMX\n  - VTX\n");
    assertThatThrownBy(() -> HostFiles.load(f))
        .isInstanceOfSatisfying(HostFileException.class, e -> {
          assertThat(e.file()).isEqualTo(f.toString());
          assertThat(e.field()).contains("cpuFeatures[1]");
          assertThat(e.line()).isEqualTo(4);
        })
        .hasMessageContaining("cpuFeatures[1]: 'VTX' is not a valid CpuFeature; expected one of VMX, SVM, EPT");
  }

  @Test
  void anUnknownFieldIsAnErrorNamingIt() throws IOException {
    Path f = write("host.json", "{\"platform\":\"ESXI\",\"cpuFeature\":[\"VMX\"]}");
    assertThatThrownBy(() -> HostFiles.load(f))
        .isInstanceOf(HostFileException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("cpuFeature: unknown field 'cpuFeature'")
        .hasMessageContaining("cpuFeatures");
  }

  @Test
  void triStatesAcceptWordsInAnyCaseAndBooleans() {
    assertThat(HostFiles.parse("nestedHvSupported: 'no'\niommu: Unknown\n", "h.yaml").nestedHvSupported())
        .isEqualTo(TriState.NO);
    assertThat(HostFiles.parse("{\"iommu\": true}", "h.json").iommu()).isEqualTo(TriState.YES);
    assertThatThrownBy(() -> HostFiles.parse("iommu: maybe\n", "h.yaml"))
        .isInstanceOfSatisfying(HostFileException.class, e -> assertThat(e.field()).contains("iommu"))
        .hasMessageContaining("'maybe' is not a valid TriState");
  }

  @Test
  void aWrongPlatformNamesTheField() {
    assertThatThrownBy(() -> HostFiles.parse("platform: VSPHERE\n", "h.yml"))
        .isInstanceOfSatisfying(HostFileException.class, e -> assertThat(e.field()).contains("platform"))
        .hasMessageContaining("'VSPHERE' is not a valid Platform");
  }

  @Test
  void inconsistentValuesAreReportedWithTheModelsMessage() {
    assertThatThrownBy(() -> HostFiles.parse("{\"cpuFeatures\":[\"VMX\"],\"absentCpuFeatures\":[\"VMX\"]}", "h.json"))
        .isInstanceOf(HostFileException.class)
        .hasMessageContaining("h.json")
        .hasMessageContaining("VMX is listed both present and absent");
  }

  @Test
  void syntaxErrorsCarryTheLine() {
    assertThatThrownBy(() -> HostFiles.parse("{\n  \"platform\": \"ESXI\",\n  oops\n}", "h.json"))
        .isInstanceOfSatisfying(HostFileException.class, e -> assertThat(e.line()).isEqualTo(3))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> HostFiles.parse("", "h.yaml")).isInstanceOf(HostFileException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void aMissingFileIsNamed() {
    Path f = dir.resolve("nope.json");
    assertThatThrownBy(() -> HostFiles.load(f)).isInstanceOf(HostFileException.class)
        .hasMessage(f + ": no such file");
  }
}
