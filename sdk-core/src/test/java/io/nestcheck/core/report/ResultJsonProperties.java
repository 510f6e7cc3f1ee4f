package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.api.Suppression;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Json;
import io.nestcheck.core.fix.FixProperties;
import io.nestcheck.core.fix.VmArbitraries;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.junit.jupiter.api.Test;

/**
 * {@link ResultJson}, the JSON report's hand-written result serializer, with the report's byte-level pretty printer,
 * against the shared mapper's databind serializer with Jackson's default pretty printer, which they replace on the
 * scanner's workers: the same bytes for any result, whether its fixes come from the writer's cache or not.
 */
class ResultJsonProperties {
  /** One writer for every try, so that later tries meet fixes cached by earlier ones. */
  private static final JsonReportWriter SHARED = new JsonReportWriter(SyntheticScan.context(), new ByteArrayOutputStream());

  /** A writer whose fix cache is full, so that every fix of a try is written past the cache's bound. */
  private static final JsonReportWriter FULL = new JsonReportWriter(SyntheticScan.context(), new ByteArrayOutputStream());

  static {
    List<FixAction> distinct = new java.util.ArrayList<>();
    for (int i = 0; i < ResultJson.MAX_CACHED_FIXES; i++) {
      distinct.add(SetSetting.of("filler.key" + i, "v"));
    }
    try {
      FULL.render(EvaluationResult.builder().vmName("filler").source("filler.vmx").profileId("esxi-8")
          .addFindings(Finding.builder().ruleId("X-1").severity(Severity.INFO).subject(Subject.host("h"))
              .message("m").fixes(distinct).build())
          .build());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Jackson's own default pretty printer, at the nesting of a result in the report. */
  private static final class DefaultAtResultNesting extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;

    DefaultAtResultNesting() {
      _nesting = 1;
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new DefaultAtResultNesting();
    }
  }

  private static String databind(EvaluationResult r) throws Exception {
    byte[] bytes = Json.mapper().writerFor(EvaluationResult.class)
        .with(new DefaultAtResultNesting()).writeValueAsBytes(r);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String handWritten(JsonReportWriter writer, EvaluationResult r) throws Exception {
    return new String(writer.render(r), StandardCharsets.UTF_8);
  }

  @Property(tries = 300)
  void anyResultIsWrittenAsDatabindWritesIt(@ForAll("results") EvaluationResult r) throws Exception {
    String expected = databind(r);
    JsonReportWriter fresh = new JsonReportWriter(SyntheticScan.context(), new ByteArrayOutputStream());
    assertThat(handWritten(fresh, r)).isEqualTo(expected);
    assertThat(handWritten(fresh, r)).as("with every fix cached").isEqualTo(expected);
    assertThat(handWritten(SHARED, r)).isEqualTo(expected);
    assertThat(handWritten(FULL, r)).as("past the cache's bound").isEqualTo(expected);
    assertThat(FULL.cachedFixes()).isEqualTo(ResultJson.MAX_CACHED_FIXES);
  }

  @Test
  void manualStepsTakeAtMostHalfTheFixCache() throws Exception {
    JsonReportWriter writer = new JsonReportWriter(SyntheticScan.context(), new ByteArrayOutputStream());
    List<FixAction> steps = new java.util.ArrayList<>();
    for (int i = 0; i < ResultJson.MAX_CACHED_FIXES; i++) {
      steps.add(ManualStep.of("Step " + i, "Do " + i + ".\nThen \"check\"."));
    }
    EvaluationResult manySteps = result(steps);
    assertThat(handWritten(writer, manySteps)).isEqualTo(databind(manySteps));
    assertThat(writer.cachedFixes()).isEqualTo(ResultJson.MAX_CACHED_FIXES / 2);

    EvaluationResult other = result(List.of(SetSetting.of("vhv.enable", "TRUE"), ManualStep.of("One more", "Do it.")));
    assertThat(handWritten(writer, other)).isEqualTo(databind(other));
    assertThat(writer.cachedFixes()).as("the other fix cached, the step not").isEqualTo(ResultJson.MAX_CACHED_FIXES / 2 + 1);
    assertThat(handWritten(writer, other)).isEqualTo(databind(other));
  }

  private static EvaluationResult result(List<FixAction> fixes) {
    return EvaluationResult.builder().vmName("vm").source("vm.vmx").profileId("esxi-8")
        .addFindings(Finding.builder().ruleId("X-1").severity(Severity.INFO).subject(Subject.vm("vm")).message("m")
            .fixes(fixes).build())
        .build();
  }

  /**
   * The writer quotes the result's source and VM name once and reuses them for locations in that file and for
   * subjects naming that VM: any text, either way.
   */
  @Property(tries = 300)
  void locationsInTheResultsOwnFileAndItsVmAsSubjectAreWrittenAsDatabindWritesThem(
      @ForAll("results") EvaluationResult r, @ForAll boolean sameObject) throws Exception {
    List<Finding> findings = new java.util.ArrayList<>();
    for (Finding f : r.findings()) {
      String file = sameObject ? r.source() : new String(r.source().toCharArray()); // equal, or the same string
      String vm = sameObject ? r.vmName() : new String(r.vmName().toCharArray());
      Finding.Builder b = Finding.builder().from(f).subject(Subject.vm(vm));
      findings.add((file.isEmpty() ? b
          : b.location(SourceLocation.builder().file(file).line(7).column(1).build())).build());
    }
    EvaluationResult located = EvaluationResult.builder().from(r).findings(findings).build();
    assertThat(handWritten(SHARED, located)).isEqualTo(databind(located));
  }

  /**
   * What {@link ResultJson#quotesAsTheGeneratorWrites} relies on: for every character but a surrogate, the quoted
   * UTF-8 of a {@link SerializedString} is what the report's generator writes for the same text.
   */
  @Test
  void aSerializedStringIsWrittenAsTheGeneratorWritesEveryCharacterButSurrogates() throws Exception {
    StringBuilder all = new StringBuilder();
    for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
      if (!Character.isSurrogate((char) c)) {
        all.append((char) c);
      }
    }
    // in pieces, so that a difference names its characters
    for (int from = 0; from < all.length(); from += 256) {
      String text = "a" + all.substring(from, Math.min(all.length(), from + 256)) + "z";
      assertThat(ResultJson.quotesAsTheGeneratorWrites(text)).isTrue();
      ByteArrayOutputStream viaGenerator = new ByteArrayOutputStream();
      try (com.fasterxml.jackson.core.JsonGenerator g =
          Json.mapper().getFactory().createGenerator(viaGenerator, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
        g.writeString(text);
      }
      ByteArrayOutputStream viaSerialized = new ByteArrayOutputStream();
      try (com.fasterxml.jackson.core.JsonGenerator g =
          Json.mapper().getFactory().createGenerator(viaSerialized, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
        g.writeString(new SerializedString(text));
      }
      assertThat(viaSerialized.toString(StandardCharsets.UTF_8)).as("characters from U+%04X", (int) all.charAt(from))
          .isEqualTo(viaGenerator.toString(StandardCharsets.UTF_8));
    }
    for (String s : List.of("\uD83E\uDDEA", "lone \uD800", "lone \uDFFF end")) {
      assertThat(ResultJson.quotesAsTheGeneratorWrites(s)).as(s).isFalse();
    }
    assertThat(ResultJson.quotesAsTheGeneratorWrites("/fleet/ds-01/控制 \"1\".vmx")).isTrue();
  }

  @Property(tries = 100)
  void resultsOfTheBuiltInRulesAreWrittenAsDatabindWritesThem(
      @ForAll("vmsOnHosts") Tuple2<VmConfiguration, HostCapabilities> vmOnHost) throws Exception {
    for (GuestProfile profile : FixProperties.PROFILES) {
      EvaluationResult r = FixProperties.EVALUATOR.evaluate(vmOnHost.get2(), vmOnHost.get1(), profile);
      assertThat(handWritten(SHARED, r)).isEqualTo(databind(r));
    }
  }

  @Provide
  Arbitrary<Tuple2<VmConfiguration, HostCapabilities>> vmsOnHosts() {
    return Combinators.combine(VmArbitraries.vms(), VmArbitraries.hosts()).as(Tuple::of);
  }

  @Provide
  Arbitrary<EvaluationResult> results() {
    return VmArbitraries.vms().flatMap(vm -> Combinators.combine(
            text(), text(), text().optional(), findings(vm).list().ofMaxSize(6))
        .as((name, source, reason, findings) -> EvaluationResult.builder().vmName(name).source(source)
            .profileId("esxi-8").profileReason(reason).findings(findings).build()));
  }

  /** Any text: ASCII, control characters, quotes and backslashes, Latin-1, CJK, surrogate pairs (and lone ones). */
  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.strings().withChars("\"\\/\t\n\r\u0000\u001f\u007f\u2028ü漢\uD83E\uDDEA").ofMaxLength(12),
        Arbitraries.of("vhv.enable", "/fleet/ds-01/Prüfstand.vmx", "控制-节点"));
  }

  private static Arbitrary<Finding> findings(VmConfiguration vm) {
    Arbitrary<FixAction> fix = Arbitraries.oneOf(FixProperties.actions(vm),
        Combinators.combine(text().filter(t -> !t.isEmpty()), text().filter(t -> !t.isEmpty()))
            .as(ManualStep::of));
    Arbitrary<Subject> subject = Combinators.combine(Arbitraries.of(Subject.Kind.class), text()).as(Subject::of);
    Arbitrary<String> nonEmpty = text().filter(t -> !t.isEmpty());
    return Combinators.combine(
            Arbitraries.of("NV-CPU-001", "NV-SUP-001", "X-1"), Arbitraries.of(Severity.class), subject, nonEmpty,
            Arbitraries.maps(text(), text()).ofMaxSize(4), locations().optional(), fix.list().ofMaxSize(4),
            Combinators.combine(text().optional(), suppressions().optional()).as(List::of))
        .as((rule, severity, subj, message, evidence, location, fixes, rest) -> {
          @SuppressWarnings("unchecked")
          Optional<String> layer = (Optional<String>) rest.get(0);
          @SuppressWarnings("unchecked")
          Optional<Suppression> suppression = (Optional<Suppression>) rest.get(1);
          return Finding.builder().ruleId(rule).severity(severity).subject(subj).message(message)
              .evidence(evidence).location(location).fixes(fixes).layer(layer).suppression(suppression).build();
        });
  }

  private static Arbitrary<SourceLocation> locations() {
    return Combinators.combine(text().filter(t -> !t.isEmpty()), Arbitraries.integers().between(0, 100_000),
            Arbitraries.integers().between(0, 200), text().optional())
        .as((file, line, column, pointer) -> SourceLocation.builder().file(file).line(line).column(column)
            .pointer(pointer).build());
  }

  private static Arbitrary<Suppression> suppressions() {
    Arbitrary<LocalDate> dates = Arbitraries.of(LocalDate.of(2026, 11, 25), LocalDate.of(1999, 1, 1),
        LocalDate.of(12026, 2, 28), LocalDate.of(-5, 6, 7));
    return Combinators.combine(Arbitraries.of(Suppression.Origin.class), text(), dates.optional(),
            locations().optional())
        .as((origin, reason, expires, location) -> Suppression.builder().origin(origin).reason(reason)
            .expires(expires).location(location).build());
  }
}
