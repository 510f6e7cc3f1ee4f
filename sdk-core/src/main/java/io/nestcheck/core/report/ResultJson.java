package io.nestcheck.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.api.Suppression;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes an {@link EvaluationResult} with {@link JsonGenerator} calls, giving the same text as the shared mapper's
 * databind serializer ({@code io.nestcheck.core.Json#mapper()}: properties in declaration order, empty
 * {@code Optional}s left out, empty lists and maps written) at a fraction of its cost: databind walks the Immutables
 * classes through reflective getters and {@code Optional} handlers for every value, which was most of the JSON
 * report's time in a fleet scan (benchmarks/README.md, (3)).
 *
 * <p>Fix actions are the one open-ended part of a result (fifteen types, each with its own properties), so they stay
 * databind's: each distinct fix is rendered once by databind, at the nesting it has inside a result, and copied into
 * later results as raw text. Rules build the same few fixes for many VMs, so the cache stays small; it stops growing
 * at {@link #MAX_CACHED_FIXES} and then further fixes are written by databind directly. A {@link ManualStep} is
 * cached too (a lookup is as dear as writing its long text unless the rule shares the instance, whose strings'
 * hashes are then cached and which the map finds by identity, as the port-group rules do), but only while the cache
 * is less than half full; after that it is written here.
 *
 * <p>{@code ResultJsonProperties} (generated results, and the built-in rules' results) and {@code
 * JsonReportWriterTest} compare this writer's output with databind's, byte for byte. Thread-safe: one instance serves
 * all scanner workers.
 */
final class ResultJson {
  /** The pretty printer's object nesting of a fix object inside a result: result, finding, fix. */
  private static final int FIX_NESTING_IN_RESULT = 2;

  /** How many distinct fixes the cache keeps (a few hundred bytes each); later ones go through databind. */
  static final int MAX_CACHED_FIXES = 4096;

  private static final SerializedString VM_NAME = new SerializedString("vmName");
  private static final SerializedString SOURCE = new SerializedString("source");
  private static final SerializedString PROFILE_ID = new SerializedString("profileId");
  private static final SerializedString PROFILE_REASON = new SerializedString("profileReason");
  private static final SerializedString FINDINGS = new SerializedString("findings");
  private static final SerializedString RULE_ID = new SerializedString("ruleId");
  private static final SerializedString SEVERITY = new SerializedString("severity");
  private static final SerializedString SUBJECT = new SerializedString("subject");
  private static final SerializedString KIND = new SerializedString("kind");
  private static final SerializedString ID = new SerializedString("id");
  private static final SerializedString MESSAGE = new SerializedString("message");
  private static final SerializedString EVIDENCE = new SerializedString("evidence");
  private static final SerializedString LOCATION = new SerializedString("location");
  private static final SerializedString FILE = new SerializedString("file");
  private static final SerializedString LINE = new SerializedString("line");
  private static final SerializedString COLUMN = new SerializedString("column");
  private static final SerializedString POINTER = new SerializedString("pointer");
  private static final SerializedString FIXES = new SerializedString("fixes");
  private static final SerializedString LAYER = new SerializedString("layer");
  private static final SerializedString SUPPRESSION = new SerializedString("suppression");
  private static final SerializedString ORIGIN = new SerializedString("origin");
  private static final SerializedString REASON = new SerializedString("reason");
  private static final SerializedString EXPIRES = new SerializedString("expires");
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString MANUAL_STEP = new SerializedString("manual-step");
  private static final SerializedString TITLE = new SerializedString("title");
  private static final SerializedString INSTRUCTIONS = new SerializedString("instructions");

  /** Enum constants by ordinal, quoted once: their names are ASCII letters and underscores, which need no escape. */
  private static final SerializedString[] SEVERITIES = quoted(Severity.values());
  private static final SerializedString[] SUBJECT_KINDS = quoted(Subject.Kind.values());

  private final ObjectWriter fixWriter;
  private final ObjectWriter detachedFixWriter;
  private final Map<FixAction, SerializableString> fixes = new ConcurrentHashMap<>();

  /**
   * @param fixWriter databind's writer for {@link FixAction} values inside an open generator
   * @param detachedFixWriter the same, with a pretty printer that starts at the nesting a fix has in the document
   */
  ResultJson(ObjectWriter fixWriter, ObjectWriter detachedFixWriter) {
    this.fixWriter = fixWriter;
    this.detachedFixWriter = detachedFixWriter;
  }

  /** How many fixes the cache holds (for tests). */
  int cachedFixes() {
    return fixes.size();
  }

  /** The nesting {@code detachedFixWriter}'s pretty printer must start at, for results at {@code resultNesting}. */
  static int fixNesting(int resultNesting) {
    return resultNesting + FIX_NESTING_IN_RESULT;
  }

  /**
   * A thread's scratch space for {@link #write}: strings go to the generator as characters. Jackson's {@code
   * writeString(String)} reads its argument with {@code charAt}, a call per character in the CLI's C1-compiled code
   * (~6% of a CLI scan's CPU); its {@code char[]} overload writes the same text from an array.
   */
  static final class Scratch {
    private char[] chars = new char[256];
    /** The result's source quoted once, when a {@link SerializedString} writes it as the generator does. */
    private SerializedString quotedSource;
    /** The same for the result's VM name, which most findings' subjects repeat. */
    private SerializedString quotedVmName;
  }

  private static SerializedString[] quoted(Enum<?>[] constants) {
    SerializedString[] out = new SerializedString[constants.length];
    for (Enum<?> c : constants) {
      out[c.ordinal()] = new SerializedString(c.name());
    }
    return out;
  }

  /**
   * Whether the quoted UTF-8 a {@link SerializedString} makes of {@code s} is exactly what the generator writes for
   * it: when {@code s} has no surrogate. Jackson writes every other character the same way both ways, escapes
   * included ({@code ResultJsonProperties} checks each one); a surrogate pair differs, as the generator escapes it
   * as two backslash-u sequences and {@code SerializedString} writes it as 4-byte UTF-8.
   */
  static boolean quotesAsTheGeneratorWrites(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} quoted once for repeated use, or {@code null} when it must be written by {@link #str} each time. */
  private static SerializedString quotedOnce(String s) {
    return quotesAsTheGeneratorWrites(s) ? new SerializedString(s) : null;
  }

  /** Writes {@code s} as {@link #str} does, from {@code quoted} when that holds the same text. */
  private static void str(JsonGenerator g, String s, SerializedString quoted, Scratch sc) throws IOException {
    if (quoted != null && s.equals(quoted.getValue())) {
      g.writeString(quoted);
    } else {
      str(g, s, sc);
    }
  }

  /** Writes {@code s} as a JSON string: the same text as {@code g.writeString(s)}. */
  private static void str(JsonGenerator g, String s, Scratch sc) throws IOException {
    int n = s.length();
    char[] c = sc.chars;
    if (c.length < n) {
      c = new char[Math.max(n, 2 * c.length)];
      sc.chars = c;
    }
    s.getChars(0, n, c, 0);
    g.writeString(c, 0, n);
  }

  /** Writes {@code r} as the next value of {@code g}, with the calling thread's {@code sc}. */
  void write(JsonGenerator g, EvaluationResult r, Scratch sc) throws IOException {
    // the findings' locations name the same file again, and their subjects the same VM: quoted once per result
    // instead of escaped each time
    sc.quotedSource = quotedOnce(r.source());
    sc.quotedVmName = quotedOnce(r.vmName());
    g.writeStartObject();
    g.writeFieldName(VM_NAME);
    str(g, r.vmName(), sc.quotedVmName, sc);
    g.writeFieldName(SOURCE);
    str(g, r.source(), sc.quotedSource, sc);
    g.writeFieldName(PROFILE_ID);
    str(g, r.profileId(), sc);
    if (r.profileReason().isPresent()) {
      g.writeFieldName(PROFILE_REASON);
      str(g, r.profileReason().get(), sc);
    }
    g.writeFieldName(FINDINGS);
    List<Finding> findings = r.findings();
    g.writeStartArray();
    for (int i = 0, n = findings.size(); i < n; i++) {
      finding(g, findings.get(i), sc);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void finding(JsonGenerator g, Finding f, Scratch sc) throws IOException {
    g.writeStartObject();
    g.writeFieldName(RULE_ID);
    str(g, f.ruleId(), sc);
    g.writeFieldName(SEVERITY);
    g.writeString(SEVERITIES[f.severity().ordinal()]);
    g.writeFieldName(SUBJECT);
    g.writeStartObject();
    g.writeFieldName(KIND);
    g.writeString(SUBJECT_KINDS[f.subject().kind().ordinal()]);
    g.writeFieldName(ID);
    str(g, f.subject().id(), sc.quotedVmName, sc);
    g.writeEndObject();
    g.writeFieldName(MESSAGE);
    str(g, f.message(), sc);
    g.writeFieldName(EVIDENCE);
    g.writeStartObject();
    for (Map.Entry<String, String> e : f.evidence().entrySet()) {
      g.writeFieldName(e.getKey());
      str(g, e.getValue(), sc);
    }
    g.writeEndObject();
    if (f.location().isPresent()) {
      g.writeFieldName(LOCATION);
      location(g, f.location().get(), sc);
    }
    g.writeFieldName(FIXES);
    List<FixAction> actions = f.fixes();
    g.writeStartArray();
    for (int i = 0, n = actions.size(); i < n; i++) {
      fix(g, actions.get(i), sc);
    }
    g.writeEndArray();
    if (f.layer().isPresent()) {
      g.writeFieldName(LAYER);
      str(g, f.layer().get(), sc);
    }
    if (f.suppression().isPresent()) {
      Suppression s = f.suppression().get();
      g.writeFieldName(SUPPRESSION);
      g.writeStartObject();
      g.writeFieldName(ORIGIN);
      str(g, s.origin().name(), sc);
      g.writeFieldName(REASON);
      str(g, s.reason(), sc);
      if (s.expires().isPresent()) {
        g.writeFieldName(EXPIRES);
        str(g, DateTimeFormatter.ISO_LOCAL_DATE.format(s.expires().get()), sc);
      }
      if (s.location().isPresent()) {
        g.writeFieldName(LOCATION);
        location(g, s.location().get(), sc);
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void location(JsonGenerator g, SourceLocation l, Scratch sc) throws IOException {
    g.writeStartObject();
    g.writeFieldName(FILE);
    str(g, l.file(), sc.quotedSource, sc);
    g.writeFieldName(LINE);
    g.writeNumber(l.line());
    g.writeFieldName(COLUMN);
    g.writeNumber(l.column());
    if (l.pointer().isPresent()) {
      g.writeFieldName(POINTER);
      str(g, l.pointer().get(), sc);
    }
    g.writeEndObject();
  }

  private void fix(JsonGenerator g, FixAction fix, Scratch sc) throws IOException {
    SerializableString raw = fixes.get(fix);
    if (raw == null) {
      if (fix instanceof ManualStep step) {
        // at most half the cache: a rule that words a step for each VM must not crowd out the other fixes
        if (fixes.size() >= MAX_CACHED_FIXES / 2) {
          manualStep(g, step, sc);
          return;
        }
      } else if (fixes.size() >= MAX_CACHED_FIXES) {
        fixWriter.writeValue(g, fix);
        return;
      }
      // a race renders the same fix twice, with the same text; either copy serves
      raw = new JsonReportWriter.RawJson(detachedFixWriter.writeValueAsBytes(fix));
      fixes.putIfAbsent(fix, raw);
    }
    g.writeRawValue(raw);
  }

  /** A manual step as databind writes it, for steps the cache does not take (their text is most of their cost). */
  private static void manualStep(JsonGenerator g, ManualStep step, Scratch sc) throws IOException {
    g.writeStartObject();
    g.writeFieldName(TYPE);
    g.writeString(MANUAL_STEP);
    g.writeFieldName(TITLE);
    str(g, step.title(), sc);
    g.writeFieldName(INSTRUCTIONS);
    str(g, step.instructions(), sc);
    g.writeEndObject();
  }
}
