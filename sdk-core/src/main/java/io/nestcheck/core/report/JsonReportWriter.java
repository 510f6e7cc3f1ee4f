package io.nestcheck.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.ScanReport;
import io.nestcheck.api.Severity;
import io.nestcheck.core.Json;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSink;
import io.nestcheck.core.scan.ScanSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
   * document (same text; see {@link ResultJson}), into a generator whose pretty printer starts at the nesting of
   * the {@code results} array's elements.
   */
  private final ResultJson resultJson = new ResultJson(
      mapper.writerFor(FixAction.class).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE),
      mapper.writerFor(FixAction.class).with(new NestedPrettyPrinter(ResultJson.fixNesting(RESULT_NESTING))));
  /**
   * Each thread's generator for {@link #prepare}, kept open and reused result after result: creating a generator
   * and a pretty printer per result was a third of the report's time in a fleet scan. Results are written as
   * root-level values without a separator (see {@link NestedPrettyPrinter}) and taken out of the byte buffer after
   * each one. Per writer, not static, so that a renderer belongs to its writer rather than to a pooled application
   * thread for the life of the application (the scanner's own worker threads end with the scan anyway).
   */
  private final ThreadLocal<Renderer> renderers = ThreadLocal.withInitial(Renderer::new);
  /** Results rendered by {@link #prepare}, by identity, until {@link #accept} copies them out. */
  private final Map<FileResult, RawJson[]> prepared = Collections.synchronizedMap(new IdentityHashMap<>());
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
      gen.setPrettyPrinter(new NestedPrettyPrinter(0));
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
    RawJson[] texts = new RawJson[result.results().size()];
    try {
      for (int i = 0; i < texts.length; i++) {
        // through Jackson's UTF-8 generator, as in accept (it escapes what the char-based one would not, surrogate
        // pairs), and kept as bytes: accept copies them into the document without decoding and encoding again
        texts[i] = new RawJson(render(result.results().get(i)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    prepared.put(result, texts);
  }

  /** How many fixes the result writer's cache holds (for tests). */
  int cachedFixes() {
    return resultJson.cachedFixes();
  }

  /** One result as {@link #prepare} renders it, with the calling thread's {@link Renderer}. */
  byte[] render(EvaluationResult r) throws IOException {
    Renderer renderer = renderers.get();
    try {
      byte[] out = renderer.render(resultJson, r);
      if (out.length > Renderer.KEPT_BUFFER) {
        renderers.remove(); // its buffer grew for one huge result: do not keep that much for every later one
      }
      return out;
    } catch (IOException | RuntimeException e) {
      renderers.remove(); // its generator may be left inside the result: start the next one afresh
      throw e;
    }
  }

  private static final class Renderer {
    /** The largest buffer a renderer keeps after a result. */
    static final int KEPT_BUFFER = 256 * 1024;

    /**
     * One buffer kept for every result. Jackson's {@code ByteArrayBuilder} kept the last block it added: after one
     * result longer than its first 8 KiB block, a 4 KiB one, and then new blocks for every result longer than that
     * (a typical result is 3-5 KB).
     */
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16_384);
    private final ResultJson.Scratch scratch = new ResultJson.Scratch();
    private final JsonGenerator gen;

    Renderer() {
      try {
        gen = Json.mapper().getFactory().createGenerator(bytes, JsonEncoding.UTF8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      gen.setPrettyPrinter(new NestedPrettyPrinter(RESULT_NESTING));
    }

    byte[] render(ResultJson json, EvaluationResult r) throws IOException {
      json.write(gen, r, scratch);
      gen.flush();
      byte[] out = bytes.toByteArray();
      bytes.reset();
      return out;
    }
  }

  @Override
  public void accept(FileResult result) {
    result.error().ifPresent(errors::add);
    RawJson[] texts = prepared.remove(result);
    try {
      if (texts != null) {
        for (RawJson t : texts) {
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

  /**
   * Jackson's default pretty printer, starting at a given object nesting, with its line breaks, indentation and
   * {@code " : "} copied into the UTF-8 generator's buffer as prepared bytes: the default indenter hands the
   * generator characters, which it encodes one by one (a sixth of a result's rendering time under C1, the CLI's
   * compiler). The text is the same ({@code ResultJsonProperties} compares it with the default printer's), except
   * that root-level values get no separator.
   */
  static final class NestedPrettyPrinter extends DefaultPrettyPrinter {
    private static final long serialVersionUID = 1L;
    private static final SerializedString FIELD_VALUE_SEPARATOR = new SerializedString(" : ");
    private final int start;

    NestedPrettyPrinter(int start) {
      this.start = start;
      _nesting = start;
      _objectIndenter = LineIndenter.INSTANCE;
      _rootSeparator = null; // a detached result or fix is the only root value (or one of a Renderer's, back to back)
    }

    /** A copy at the start nesting: the fields as they are, without the default constructor's separator setup. */
    private NestedPrettyPrinter(NestedPrettyPrinter base) {
      super(base);
      this.start = base.start;
      _nesting = base.start;
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new NestedPrettyPrinter(this);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(FIELD_VALUE_SEPARATOR);
    }
  }

  /** {@link DefaultIndenter#SYSTEM_LINEFEED_INSTANCE}'s text (line feed, two spaces a level) as prepared strings. */
  static final class LineIndenter implements DefaultPrettyPrinter.Indenter, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final LineIndenter INSTANCE = new LineIndenter();
    private static final SerializedString[] LEVELS = new SerializedString[32];

    static {
      for (int i = 0; i < LEVELS.length; i++) {
        LEVELS[i] = new SerializedString(DefaultIndenter.SYS_LF + "  ".repeat(i));
      }
    }

    @Override
    public void writeIndentation(JsonGenerator g, int level) throws IOException {
      if (level < LEVELS.length) {
        g.writeRaw(LEVELS[level]);
      } else {
        DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.writeIndentation(g, level);
      }
    }

    @Override
    public boolean isInline() {
      return false;
    }
  }

  /**
   * A JSON value already rendered to UTF-8, for {@link JsonGenerator#writeRawValue(SerializableString)}: the UTF-8
   * generator copies the bytes as they are; the text forms are decoded only if another kind of generator asks.
   */
  static final class RawJson implements SerializableString {
    private final byte[] utf8;
    private String text;

    RawJson(byte[] utf8) {
      this.utf8 = utf8;
    }

    @Override
    public String getValue() {
      if (text == null) {
        text = new String(utf8, StandardCharsets.UTF_8);
      }
      return text;
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
      return JsonStringEncoder.getInstance().quoteAsString(getValue());
    }

    /**
     * The bytes themselves, not a copy, as Jackson's own {@code SerializedString} does: the generator calls this for
     * a result that does not fit in the rest of its output buffer (about every other one) and only reads the array.
     */
    @Override
    public byte[] asUnquotedUTF8() {
      return utf8;
    }

    @Override
    public byte[] asQuotedUTF8() {
      return JsonStringEncoder.getInstance().quoteAsUTF8(getValue());
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      return copy(asQuotedUTF8(), buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      char[] q = asQuotedChars();
      if (offset + q.length > buffer.length) {
        return -1;
      }
      System.arraycopy(q, 0, buffer, offset, q.length);
      return q.length;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
      return copy(utf8, buffer, offset);
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
      String v = getValue();
      if (offset + v.length() > buffer.length) {
        return -1;
      }
      v.getChars(0, v.length(), buffer, offset);
      return v.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
      byte[] q = asQuotedUTF8();
      out.write(q);
      return q.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(utf8);
      return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      return put(asQuotedUTF8(), buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
      return put(utf8, buffer);
    }

    private static int copy(byte[] from, byte[] buffer, int offset) {
      if (offset + from.length > buffer.length) {
        return -1;
      }
      System.arraycopy(from, 0, buffer, offset, from.length);
      return from.length;
    }

    private static int put(byte[] from, ByteBuffer buffer) {
      if (from.length > buffer.remaining()) {
        return -1;
      }
      buffer.put(from);
      return from.length;
    }

    @Override
    public String toString() {
      return getValue();
    }
  }
}
