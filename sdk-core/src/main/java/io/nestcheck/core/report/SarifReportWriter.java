package io.nestcheck.core.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.api.Suppression;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.RuleDescriptor;
import io.nestcheck.core.Version;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format) for code-scanning tools such as
 * GitHub code scanning, Azure DevOps and VS Code's SARIF viewer.
 *
 * <p>Contract:
 * <ul>
 *   <li>One run. {@code tool.driver} names nestcheck with its version ({@code semanticVersion} only when the
 *       version is a SemVer string), {@code informationUri} and <b>every rule of the catalog</b>, sorted by id
 *       (id, PascalCase name, short and full description, help text and Markdown with the sources, {@code helpUri}
 *       = the first http(s) source, else the rule's section of {@code docs/rules.md}, default level, tags), so each
 *       result's {@code ruleIndex} is known while streaming. {@code tool.driver.notifications} describes the input
 *       errors, one per {@link ExportParseException.Kind}.
 *   <li>One result per finding, suppressed ones included, in scan order: level ERROR&rarr;{@code error},
 *       WARNING&rarr;{@code warning}, INFO&rarr;{@code note}; the message; a physical location (the finding's
 *       file, else the VM's source; {@code region.startLine} and {@code startColumn} when known, else
 *       {@code startLine} 1: a finding about the whole file, such as a missing key, is shown at its top, because
 *       GitHub code scanning and the SARIF validator require a region) plus logical locations for the VM and, when
 *       it is not the VM itself, the subject; a stable
 *       {@code partialFingerprints["nestcheck/v1"]}; {@code properties} with the VM, source, profile, subject,
 *       evidence, layer and every fix described ({@code description}, {@code automatable},
 *       {@code requiresPowerOff}).
 *   <li>Suppressed findings carry {@code suppressions}: kind {@code inSource} for inline comments,
 *       {@code external} for suppression files and baselines; status {@code accepted}; the reason as
 *       {@code justification}; its location and expiry when known.
 *   <li>{@code fixes}: only for findings of a {@code .vmx} file whose every action is a {@link SetSetting} or
 *       {@link RemoveSetting} that can be placed on known lines. An existing key's first line is replaced by
 *       {@code key = "value"} (deleted region = that line without its line break), later duplicates and removed
 *       keys have their line's text deleted (the empty line stays; {@code .vmx} readers ignore it). A new key is
 *       inserted as {@code key = "value"\n} at an insertion point (a zero-length region at column 1) before the
 *       last known setting line the fix does not touch, never before {@code .encoding}. When that is not possible
 *       the result has no {@code fixes}; the actions are still in {@code properties.fixes}.
 *   <li>Unreadable inputs become {@code invocations[0].toolExecutionNotifications} (level {@code error}, the
 *       reason, the location); {@code executionSuccessful} is false only for a partial (cancelled) scan.
 *       Findings about the scan itself ({@link ScanSummary#scanFindings()}, for example "nothing is known about
 *       the host") concern how the scan was set up, not a file, so they become
 *       {@code invocations[0].toolConfigurationNotifications} with the rule as {@code associatedRule}.
 *   <li>Paths: a relative path, or an absolute one below the current directory, becomes a relative URI with
 *       {@code uriBaseId} {@code SRCROOT} (the directory the scan ran in, described in {@code originalUriBaseIds});
 *       any other absolute path becomes a {@code file:} URI, and the invocation then names its
 *       {@code workingDirectory} (GitHub needs it to place absolute paths).
 *   <li>Deterministic: the same scan with a {@linkplain ReportContext#fixedTime() fixed time} gives the same
 *       bytes (the end time is then left out).
 * </ul>
 *
 * <p>Memory: the rules come from the catalog and results are written as they arrive; only the unreadable inputs
 * are kept until the end (for the invocation).
 *
 * @since 0.1
 */
public final class SarifReportWriter implements ReportWriter {
  /** The schema URI written into {@code $schema}. */
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  /** The uriBaseId of relative paths. */
  public static final String SRCROOT = "SRCROOT";

  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
  private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:[\\\\/].*");

  private final ReportContext context;
  private final OutputStream out;
  private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();
  private final List<ScanError> errors = new ArrayList<>();
  private final String workingDirectory;
  private boolean absoluteUris;
  private JsonGenerator gen;

  /**
   * A writer to {@code out}; the stream is closed by {@link #close()}. Absolute paths below the current directory
   * are written relative to it.
   */
  public SarifReportWriter(ReportContext context, OutputStream out) {
    this(context, out, Path.of("").toAbsolutePath().toString());
  }

  /** A writer that takes {@code workingDirectory} (an absolute path) as the directory the scan ran in. */
  SarifReportWriter(ReportContext context, OutputStream out, String workingDirectory) {
    this.context = context;
    this.out = out;
    String wd = workingDirectory.replace('\\', '/');
    this.workingDirectory = wd.endsWith("/") ? wd : wd + "/";
    int i = 0;
    for (RuleDescriptor d : context.rules().rules()) {
      ruleIndex.put(d.id(), i++);
    }
  }

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public void started(int targets) {
    try {
      gen = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
      gen.setPrettyPrinter(new DefaultPrettyPrinter()
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));
      gen.writeStartObject();
      gen.writeStringField("$schema", SCHEMA);
      gen.writeStringField("version", "2.1.0");
      gen.writeArrayFieldStart("runs");
      gen.writeStartObject();
      writeTool();
      gen.writeObjectFieldStart("originalUriBaseIds");
      gen.writeObjectFieldStart(SRCROOT);
      text("description", "The directory nestcheck ran in; relative input paths are relative to it.");
      gen.writeEndObject();
      gen.writeEndObject();
      gen.writeStringField("columnKind", "utf16CodeUnits");
      gen.writeArrayFieldStart("results");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeTool() throws IOException {
    String version = context.toolVersion();
    gen.writeObjectFieldStart("tool");
    gen.writeObjectFieldStart("driver");
    gen.writeStringField("name", "nestcheck");
    gen.writeStringField("fullName", "nestcheck " + version);
    gen.writeStringField("version", version);
    if (SEMVER.matcher(version).matches()) {
      gen.writeStringField("semanticVersion", version);
    }
    gen.writeStringField("informationUri", Version.homepage());
    gen.writeArrayFieldStart("rules");
    for (RuleDescriptor d : context.rules().rules()) {
      writeRule(d);
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("notifications");
    for (ExportParseException.Kind k : ExportParseException.Kind.values()) {
      gen.writeStartObject();
      gen.writeStringField("id", notificationId(k));
      gen.writeStringField("name", pascal(k.name().toLowerCase(Locale.ROOT).replace('_', ' ')) + "InputError");
      text("shortDescription", kindText(k));
      text("fullDescription", kindText(k) + " The input is reported and skipped; the rest of the scan goes on.");
      gen.writeObjectFieldStart("help");
      gen.writeStringField("text", kindText(k) + " Fix the input or exclude it (--exclude), then scan again.");
      gen.writeEndObject();
      gen.writeStringField("helpUri", Version.homepage() + "/blob/main/docs/reports.md#unreadable-inputs");
      gen.writeObjectFieldStart("defaultConfiguration");
      gen.writeStringField("level", "error");
      gen.writeEndObject();
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeEndObject();
  }

  private void writeRule(RuleDescriptor d) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("id", d.id());
    gen.writeStringField("name", ruleName(d));
    text("shortDescription", sentence(d.summary()));
    text("fullDescription", d.explanation().isBlank() ? sentence(d.summary()) : sentence(d.explanation()));
    gen.writeObjectFieldStart("help");
    StringBuilder plain = new StringBuilder(sentence(d.summary()));
    StringBuilder md = new StringBuilder("**").append(markdownText(sentence(d.summary()))).append("**");
    if (!d.explanation().isBlank()) {
      plain.append("\n\n").append(d.explanation().strip());
      md.append("\n\n").append(markdownText(d.explanation().strip()));
    }
    if (!d.links().isEmpty()) {
      plain.append("\n\nSources:");
      md.append("\n\nSources:\n");
      for (String link : d.links()) {
        plain.append("\n- ").append(link);
        md.append("\n- ").append(isHttp(link) ? "<" + link + ">" : "`" + link.replace("`", "'") + "`");
      }
    }
    gen.writeStringField("text", plain.toString());
    gen.writeStringField("markdown", md.toString());
    gen.writeEndObject();
    gen.writeStringField("helpUri", helpUri(d));
    gen.writeObjectFieldStart("defaultConfiguration");
    gen.writeStringField("level", level(d.severity()));
    gen.writeEndObject();
    gen.writeObjectFieldStart("properties");
    gen.writeArrayFieldStart("tags");
    for (String t : d.tags()) {
      gen.writeString(t);
    }
    gen.writeEndArray();
    gen.writeStringField("topic", d.topic());
    gen.writeStringField("pack", d.pack());
    gen.writeEndObject();
    gen.writeEndObject();
  }

  @Override
  public void accept(FileResult result) {
    if (gen == null) {
      started(-1);
    }
    result.error().ifPresent(errors::add);
    try {
      for (int i = 0; i < result.results().size(); i++) {
        EvaluationResult r = result.results().get(i);
        Optional<VmConfiguration> vm = i < result.vms().size() ? Optional.of(result.vms().get(i)) : Optional.empty();
        for (Finding f : r.findings()) {
          writeResult(r, vm, f);
        }
      }
      gen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeResult(EvaluationResult r, Optional<VmConfiguration> vm, Finding f) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("ruleId", f.ruleId());
    Integer index = ruleIndex.get(f.ruleId());
    if (index != null) {
      gen.writeNumberField("ruleIndex", index);
    }
    gen.writeStringField("level", level(f.severity()));
    text("message", f.message());
    gen.writeArrayFieldStart("locations");
    gen.writeStartObject();
    SourceLocation loc = f.location().orElse(SourceLocation.ofFile(r.source()));
    physicalLocation(loc);
    gen.writeArrayFieldStart("logicalLocations");
    gen.writeStartObject();
    gen.writeStringField("name", r.vmName());
    gen.writeStringField("fullyQualifiedName", r.vmName());
    gen.writeStringField("kind", "module");
    gen.writeEndObject();
    Subject s = f.subject();
    if (!(s.kind() == Subject.Kind.VM && s.id().equals(r.vmName()))) {
      gen.writeStartObject();
      gen.writeStringField("name", s.id());
      gen.writeStringField("fullyQualifiedName", r.vmName() + "/" + s);
      gen.writeStringField("kind", "resource");
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeEndArray();
    gen.writeObjectFieldStart("partialFingerprints");
    gen.writeStringField("nestcheck/v1", fingerprint(f.ruleId(), r.source(), r.vmName(), s.toString()));
    gen.writeEndObject();
    if (f.suppression().isPresent()) {
      writeSuppression(f.suppression().get());
    }
    Optional<List<Edit>> edits = vm.flatMap(v -> vmxEdits(v, f));
    if (edits.isPresent()) {
      writeFix(r.source(), f, edits.get());
    }
    writeProperties(r, f);
    gen.writeEndObject();
  }

  private void writeSuppression(Suppression sup) throws IOException {
    gen.writeArrayFieldStart("suppressions");
    gen.writeStartObject();
    gen.writeStringField("kind", sup.origin() == Suppression.Origin.INLINE ? "inSource" : "external");
    gen.writeStringField("status", "accepted");
    gen.writeStringField("justification", sup.reason());
    if (sup.location().isPresent()) {
      gen.writeObjectFieldStart("location");
      physicalLocation(sup.location().get());
      gen.writeEndObject();
    }
    gen.writeObjectFieldStart("properties");
    gen.writeStringField("origin", sup.origin().name());
    if (sup.expires().isPresent()) {
      gen.writeStringField("expires", sup.expires().get().toString());
    }
    gen.writeEndObject();
    gen.writeEndObject();
    gen.writeEndArray();
  }

  private void writeFix(String source, Finding f, List<Edit> edits) throws IOException {
    gen.writeArrayFieldStart("fixes");
    gen.writeStartObject();
    text("description", sentence(capitalize(Reports.describeFixes(f))));
    gen.writeArrayFieldStart("artifactChanges");
    gen.writeStartObject();
    artifactLocation(source);
    gen.writeArrayFieldStart("replacements");
    for (Edit e : edits) {
      gen.writeStartObject();
      gen.writeObjectFieldStart("deletedRegion");
      gen.writeNumberField("startLine", e.line);
      if (e.insertion) {
        gen.writeNumberField("startColumn", 1);
        gen.writeNumberField("endLine", e.line);
        gen.writeNumberField("endColumn", 1);
      }
      gen.writeEndObject();
      if (!e.text.isEmpty()) {
        gen.writeObjectFieldStart("insertedContent");
        gen.writeStringField("text", e.text);
        gen.writeEndObject();
      }
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeEndArray();
    gen.writeEndObject();
    gen.writeEndArray();
  }

  private void writeProperties(EvaluationResult r, Finding f) throws IOException {
    gen.writeObjectFieldStart("properties");
    gen.writeStringField("vm", r.vmName());
    gen.writeStringField("source", r.source());
    gen.writeStringField("profile", r.profileId());
    gen.writeStringField("subject", f.subject().toString());
    if (f.location().isPresent() && f.location().get().pointer().isPresent()) {
      gen.writeStringField("pointer", f.location().get().pointer().get());
    }
    if (f.layer().isPresent()) {
      gen.writeStringField("layer", f.layer().get());
    }
    if (!f.evidence().isEmpty()) {
      gen.writeObjectFieldStart("evidence");
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        gen.writeStringField(e.getKey(), e.getValue());
      }
      gen.writeEndObject();
    }
    if (!f.fixes().isEmpty()) {
      gen.writeArrayFieldStart("fixes");
      for (FixAction a : f.fixes()) {
        gen.writeStartObject();
        gen.writeStringField("description", a.describe());
        if (a instanceof ManualStep m) {
          gen.writeStringField("instructions", m.instructions());
        }
        gen.writeBooleanField("automatable", a.automatable());
        gen.writeBooleanField("requiresPowerOff", a.requiresPowerOff());
        gen.writeEndObject();
      }
      gen.writeEndArray();
    }
    gen.writeEndObject();
  }

  @Override
  public void finished(ScanSummary summary) {
    if (gen == null) {
      started(-1);
    }
    try {
      gen.writeEndArray(); // results
      gen.writeArrayFieldStart("invocations");
      gen.writeStartObject();
      gen.writeBooleanField("executionSuccessful", !summary.partial());
      Instant start = Reports.time(context, summary.startedAt());
      gen.writeStringField("startTimeUtc", Reports.iso(start));
      if (context.fixedTime().isEmpty()) {
        gen.writeStringField("endTimeUtc", Reports.iso(summary.startedAt().plus(summary.duration())));
      }
      if (absoluteUris) {
        gen.writeObjectFieldStart("workingDirectory");
        gen.writeStringField("uri", fileUri(workingDirectory));
        gen.writeEndObject();
      }
      if (!summary.scanFindings().isEmpty()) {
        gen.writeArrayFieldStart("toolConfigurationNotifications");
        for (Finding f : summary.scanFindings()) {
          gen.writeStartObject();
          gen.writeStringField("level", level(f.severity()));
          text("message", f.message());
          if (f.location().isPresent()) {
            gen.writeArrayFieldStart("locations");
            gen.writeStartObject();
            physicalLocation(f.location().get());
            gen.writeEndObject();
            gen.writeEndArray();
          }
          gen.writeObjectFieldStart("associatedRule");
          gen.writeStringField("id", f.ruleId());
          Integer index = ruleIndex.get(f.ruleId());
          if (index != null) {
            gen.writeNumberField("index", index);
          }
          gen.writeEndObject();
          gen.writeObjectFieldStart("properties");
          gen.writeStringField("subject", f.subject().toString());
          gen.writeBooleanField("suppressed", f.isSuppressed());
          gen.writeEndObject();
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      if (!errors.isEmpty()) {
        gen.writeArrayFieldStart("toolExecutionNotifications");
        for (ScanError e : errors) {
          gen.writeStartObject();
          gen.writeStringField("level", "error");
          text("message", sentence(capitalize(e.reason())));
          gen.writeArrayFieldStart("locations");
          gen.writeStartObject();
          physicalLocation(e.location());
          gen.writeEndObject();
          gen.writeEndArray();
          gen.writeObjectFieldStart("descriptor");
          gen.writeStringField("id", notificationId(e.kind()));
          gen.writeNumberField("index", e.kind().ordinal());
          gen.writeEndObject();
          gen.writeObjectFieldStart("properties");
          gen.writeStringField("kind", e.kind().name());
          if (e.location().pointer().isPresent()) {
            gen.writeStringField("pointer", e.location().pointer().get());
          }
          gen.writeEndObject();
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      gen.writeObjectFieldStart("properties");
      gen.writeStringField("profile", context.profile());
      gen.writeArrayFieldStart("inputs");
      for (String input : context.inputs()) {
        gen.writeString(input);
      }
      gen.writeEndArray();
      gen.writeEndObject();
      gen.writeEndObject();
      gen.writeEndArray(); // invocations
      gen.writeObjectFieldStart("properties");
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
      gen.writeBooleanField("partial", summary.partial());
      gen.writeEndObject();
      gen.writeEndObject();
      gen.writeEndObject(); // run
      gen.writeEndArray(); // runs
      gen.writeEndObject();
      gen.writeRaw('\n');
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

  // ---------------------------------------------------------------------------------------------------------
  // .vmx fixes

  /** One replacement: a line's text replaced (or deleted when {@code text} is empty), or an insertion point. */
  record Edit(int line, boolean insertion, String text) {}

  /** The edits of the finding's fix, when it can be expressed on the VM's .vmx file. */
  static Optional<List<Edit>> vmxEdits(VmConfiguration vm, Finding f) {
    if (f.fixes().isEmpty() || !vm.source().toLowerCase(Locale.ROOT).endsWith(".vmx")) {
      return Optional.empty();
    }
    TreeMap<Integer, Edit> byLine = new TreeMap<>();
    List<SetSetting> added = new ArrayList<>();
    for (FixAction a : f.fixes()) {
      String key;
      if (a instanceof SetSetting set) {
        key = set.key();
      } else if (a instanceof RemoveSetting remove) {
        key = remove.key();
      } else {
        return Optional.empty();
      }
      List<Setting> occurrences = vm.settings().stream().filter(s -> s.key().equalsIgnoreCase(key)).toList();
      if (occurrences.stream().anyMatch(s -> s.line() <= 0)) {
        return Optional.empty();
      }
      if (a instanceof SetSetting set && occurrences.isEmpty()) {
        added.add(set);
        continue;
      }
      for (int i = 0; i < occurrences.size(); i++) {
        Setting s = occurrences.get(i);
        String text = a instanceof SetSetting set && i == 0 ? vmxLine(s.key(), set.value()) : "";
        if (byLine.put(s.line(), new Edit(s.line(), false, text)) != null) {
          return Optional.empty(); // two actions on one line: conflicting
        }
      }
    }
    if (!added.isEmpty()) {
      int anchor = 0;
      for (Setting s : vm.settings()) {
        if (s.line() > anchor && !byLine.containsKey(s.line()) && !s.key().equalsIgnoreCase(".encoding")) {
          anchor = s.line();
        }
      }
      if (anchor == 0) {
        return Optional.empty();
      }
      StringBuilder text = new StringBuilder();
      for (SetSetting set : added) {
        text.append(vmxLine(set.key(), set.value())).append('\n');
      }
      byLine.put(anchor, new Edit(anchor, true, text.toString()));
    }
    return Optional.of(List.copyOf(byLine.values()));
  }

  /** {@code key = "value"} with the value escaped as {@code .vmx} files escape it ({@code |XX} hex). */
  static String vmxLine(String key, String value) {
    StringBuilder sb = new StringBuilder(key).append(" = \"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '|' || c < 0x20 || c == 0x7f) {
        sb.append('|').append(String.format(Locale.ROOT, "%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  // ---------------------------------------------------------------------------------------------------------
  // helpers

  private void physicalLocation(SourceLocation loc) throws IOException {
    gen.writeObjectFieldStart("physicalLocation");
    artifactLocation(loc.file());
    gen.writeObjectFieldStart("region");
    gen.writeNumberField("startLine", Math.max(1, loc.line()));
    if (loc.line() > 0 && loc.column() > 0) {
      gen.writeNumberField("startColumn", loc.column());
    }
    gen.writeEndObject();
    gen.writeEndObject();
  }

  private void artifactLocation(String path) throws IOException {
    gen.writeObjectFieldStart("artifactLocation");
    String p = path.replace('\\', '/');
    boolean absolute = p.startsWith("/") || WINDOWS_ABSOLUTE.matcher(path).matches();
    if (absolute && p.startsWith(workingDirectory) && p.length() > workingDirectory.length()) {
      p = p.substring(workingDirectory.length());
      absolute = false;
    }
    if (absolute) {
      absoluteUris = true;
      gen.writeStringField("uri", fileUri(p));
    } else {
      while (p.startsWith("./")) {
        p = p.substring(2);
      }
      gen.writeStringField("uri", encodePath(p, false));
      gen.writeStringField("uriBaseId", SRCROOT);
    }
    gen.writeEndObject();
  }

  private static String fileUri(String absolutePath) {
    return "file://" + (absolutePath.startsWith("/") ? "" : "/") + encodePath(absolutePath, true);
  }

  /**
   * Percent-encodes a path for a URI: every byte outside the RFC 3986 unreserved set, {@code /}, and the
   * sub-delimiters that are safe in paths; {@code :} only in an absolute path (a colon in the first segment of a
   * relative reference would read as a scheme).
   */
  static String encodePath(String path, boolean absolute) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~/!$&'()*+,;=@".indexOf(c) >= 0 || (absolute && c == ':');
      if (keep) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return sb.toString();
  }

  private void text(String field, String text) throws IOException {
    gen.writeObjectFieldStart(field);
    gen.writeStringField("text", text);
    gen.writeEndObject();
  }

  static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  private static String notificationId(ExportParseException.Kind k) {
    return "INPUT-" + k.name().replace('_', '-');
  }

  private static String kindText(ExportParseException.Kind k) {
    return switch (k) {
      case SYNTAX -> "The input breaks the grammar of its format.";
      case ENCODING -> "The input cannot be decoded in its declared or detected character set, or is binary.";
      case INVALID_VALUE -> "The input is well-formed but holds an impossible value.";
      case UNSUPPORTED_FORMAT -> "No reader recognises the input, or it has no VM in it.";
      case TOO_LARGE -> "The input is larger than the documented limit and was not loaded.";
      case INSECURE_XML -> "The XML input declares a DTD or an external entity, which are refused.";
      case IO -> "The input could not be read.";
    };
  }

  /** The rule's PascalCase name: its class's simple name, else the summary in PascalCase. */
  static String ruleName(RuleDescriptor d) {
    String simple = d.rule().getClass().getSimpleName();
    if (!simple.isEmpty() && simple.matches("[A-Z][A-Za-z0-9]*")) {
      return simple;
    }
    String fromSummary = pascal(d.summary());
    return fromSummary.isEmpty() ? d.id().replace("-", "") : fromSummary;
  }

  /** {@code "the VM has fewer vCPUs"} becomes {@code TheVmHasFewerVcpus}: letters and digits only. */
  static String pascal(String words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words.split("[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    String s = sb.toString();
    return !s.isEmpty() && Character.isDigit(s.charAt(0)) ? "Rule" + s : s;
  }

  /** Ends {@code s} with a period unless it already ends with sentence punctuation. */
  static String sentence(String s) {
    String t = s.strip();
    if (t.isEmpty() || t.endsWith(".") || t.endsWith("!") || t.endsWith("?") || t.endsWith("。")) {
      return t;
    }
    return t + ".";
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The first http(s) source of the rule, else the rule's section of {@code docs/rules.md} on the home page. */
  static String helpUri(RuleDescriptor d) {
    return d.links().stream().filter(SarifReportWriter::isHttp).findFirst()
        .orElse(Version.homepage() + "/blob/main/docs/rules.md#" + d.id().toLowerCase(Locale.ROOT));
  }

  private static boolean isHttp(String link) {
    return link.startsWith("https://") || link.startsWith("http://");
  }

  /** Escapes the characters Markdown would read as markup in running text. */
  private static String markdownText(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\`*_[]<>|#".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static String fingerprint(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(p.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
