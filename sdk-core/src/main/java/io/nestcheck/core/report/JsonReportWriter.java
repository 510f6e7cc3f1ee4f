package io.nestcheck.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.ScanReport;
import io.nestcheck.api.Severity;
import io.nestcheck.core.Json;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the JSON report ({@code docs/report.schema.json}, version {@value ScanReport#SCHEMA_VERSION}) as the scan
 * streams: the header, then every evaluation result as it arrives, then the errors, the summary and the partial
 * flag. The document has the shape of {@link ScanReport} plus a {@code summary} object.
 *
 * @since 0.1
 */
public final class JsonReportWriter implements ReportWriter {
  private final ReportContext context;
  private final OutputStream out;
  private final ObjectMapper mapper = Json.mapper();
  /**
   * Writes values into the open generator without flushing it: the mapper's default flushes the stream after every
   * value, which for a fleet means one write call per VM.
   */
  private final ObjectWriter values = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  private final ObjectWriter results =
      mapper.writerFor(EvaluationResult.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  private final List<ScanError> errors = new ArrayList<>();
  private JsonGenerator gen;

  /** A writer to {@code out}; the stream is closed by {@link #close()}. */
  public JsonReportWriter(ReportContext context, OutputStream out) {
    this.context = context;
    this.out = out;
  }

  @Override
  public String format() {
    return "json";
  }

  @Override
  public void started(int targets) {
    try {
      gen = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
      gen.useDefaultPrettyPrinter();
      gen.writeStartObject();
      gen.writeStringField("schemaVersion", ScanReport.SCHEMA_VERSION);
      gen.writeStringField("toolVersion", context.toolVersion());
      gen.writeStringField("startedAt", context.fixedTime().orElseGet(Instant::now).toString());
      gen.writeStringField("profile", context.profile());
      gen.writeFieldName("host");
      values.writeValue(gen, context.host());
      gen.writeArrayFieldStart("results");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void accept(FileResult result) {
    result.error().ifPresent(errors::add);
    try {
      for (EvaluationResult r : result.results()) {
        results.writeValue(gen, r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finished(ScanSummary summary) {
    try {
      gen.writeEndArray();
      gen.writeFieldName("errors");
      values.writeValue(gen, errors);
      gen.writeFieldName("scanFindings");
      values.writeValue(gen, summary.scanFindings());
      gen.writeBooleanField("partial", summary.partial());
      gen.writeObjectFieldStart("summary");
      gen.writeNumberField("targets", summary.targets());
      gen.writeNumberField("vms", summary.vms());
      gen.writeNumberField("errors", summary.errors());
      gen.writeObjectFieldStart("findings");
      for (Severity s : Severity.values()) {
        gen.writeNumberField(s.name(), summary.findings().get(s));
      }
      gen.writeEndObject();
      gen.writeNumberField("suppressed", summary.suppressed());
      gen.writeEndObject();
      gen.writeEndObject();
      gen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (gen != null) {
      gen.close();
    }
    out.close();
  }
}
