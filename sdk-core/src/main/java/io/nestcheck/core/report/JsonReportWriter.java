package io.nestcheck.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.ScanReport;
import io.nestcheck.api.Severity;
import io.nestcheck.core.Json;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSink;
import io.nestcheck.core.scan.ScanSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
  /**
   * Renders one result on a worker ({@link #prepare}) exactly as {@link #results} renders it inside the open
   * document: same pretty printer, started at the nesting of the {@code results} array's elements.
   */
  private final ObjectWriter detached = mapper.writerFor(EvaluationResult.class)
      .with(new NestedPrettyPrinter(RESULT_NESTING));
  /** Results rendered by {@link #prepare}, by identity, until {@link #accept} copies them out. */
  private final Map<FileResult, String[]> prepared = Collections.synchronizedMap(new IdentityHashMap<>());
  private final List<ScanError> errors = new ArrayList<>();
  private JsonGenerator gen;

  /** The pretty printer's nesting inside {@code results}: one object level (arrays are inline). */
  private static final int RESULT_NESTING = 1;

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

  /** Renders the result's evaluations to JSON text on the calling (worker) thread; see {@link ScanSink#prepare}. */
  @Override
  public void prepare(FileResult result) {
    if (result.results().isEmpty()) {
      return;
    }
    String[] texts = new String[result.results().size()];
    try {
      for (int i = 0; i < texts.length; i++) {
        // through Jackson's UTF-8 generator, as in accept: it escapes what the char-based one would not
        // (surrogate pairs), so the bytes come out the same
        texts[i] = new String(detached.writeValueAsBytes(result.results().get(i)), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    prepared.put(result, texts);
  }

  @Override
  public void accept(FileResult result) {
    result.error().ifPresent(errors::add);
    String[] texts = prepared.remove(result);
    try {
      if (texts != null) {
        for (String t : texts) {
          gen.writeRawValue(t);
        }
      } else {
        for (EvaluationResult r : result.results()) {
          results.writeValue(gen, r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void finished(ScanSummary summary) {
    prepared.clear(); // results prepared but never accepted (a cancelled scan)
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

  /** Jackson's default pretty printer, starting at a given object nesting. */
  static final class NestedPrettyPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;
    private final int start;

    NestedPrettyPrinter(int start) {
      this.start = start;
      _nesting = start;
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new NestedPrettyPrinter(start);
    }
  }
}
