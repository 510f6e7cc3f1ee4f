package io.nestcheck.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every model value survives JSON serialization and deserialization unchanged. */
class JsonRoundTripProperties {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .findAndAddModules()
      .serializationInclusion(JsonInclude.Include.NON_ABSENT)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  private static <T> T roundTrip(T value, Class<T> type) throws Exception {
    String json = JSON.writeValueAsString(value);
    return JSON.readValue(json, type);
  }

  @Property(tries = 300)
  void hostCapabilities(@ForAll("hosts") HostCapabilities host) throws Exception {
    assertThat(roundTrip(host, HostCapabilities.class)).isEqualTo(host);
  }

  @Property(tries = 300)
  void vmConfiguration(@ForAll("vms") VmConfiguration vm) throws Exception {
    assertThat(roundTrip(vm, VmConfiguration.class)).isEqualTo(vm);
  }

  @Property(tries = 300)
  void findings(@ForAll("findings") Finding finding) throws Exception {
    assertThat(roundTrip(finding, Finding.class)).isEqualTo(finding);
  }

  @Property(tries = 300)
  void fixActions(@ForAll("fixActions") FixAction action) throws Exception {
    String json = JSON.writeValueAsString(action);
    assertThat(json).contains("\"type\":\"");
    assertThat(JSON.readValue(json, FixAction.class)).isEqualTo(action);
  }

  @Property(tries = 200)
  void profiles(@ForAll("profiles") GuestProfile profile) throws Exception {
    assertThat(roundTrip(profile, GuestProfile.class)).isEqualTo(profile);
  }

  @Property(tries = 100)
  void reports(@ForAll("findings") Finding finding, @ForAll("hosts") HostCapabilities host) throws Exception {
    ScanReport report = ScanReport.builder()
        .toolVersion("0.1.0")
        .startedAt(Instant.parse("2026-11-25T10:00:00Z"))
        .host(host)
        .addResults(EvaluationResult.builder().vmName("vm").source("a.vmx").profileId("esxi-8")
            .addFindings(finding).build())
        .addErrors(ScanError.builder().location(SourceLocation.of("b.vmx", 3, 9))
            .kind(io.nestcheck.api.spi.ExportParseException.Kind.SYNTAX).reason("unterminated quoted value").build())
        .build();
    assertThat(roundTrip(report, ScanReport.class)).isEqualTo(report);
  }

  @Provide
  Arbitrary<HostCapabilities> hosts() {
    return ModelArbitraries.hosts();
  }

  @Provide
  Arbitrary<VmConfiguration> vms() {
    return ModelArbitraries.vms();
  }

  @Provide
  Arbitrary<Finding> findings() {
    return ModelArbitraries.findings();
  }

  @Provide
  Arbitrary<FixAction> fixActions() {
    return ModelArbitraries.fixActions();
  }

  @Provide
  Arbitrary<GuestProfile> profiles() {
    return ModelArbitraries.profiles();
  }
}
