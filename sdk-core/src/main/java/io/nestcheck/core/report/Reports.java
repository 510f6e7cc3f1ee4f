package io.nestcheck.core.report;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.Severity;
import io.nestcheck.core.RuleDescriptor;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Small helpers shared by the report writers. Not API. */
final class Reports {
  /** Severities from the most to the least severe. */
  static final List<Severity> DESCENDING = List.of(Severity.ERROR, Severity.WARNING, Severity.INFO);

  private Reports() {}

  /** Unsuppressed findings of {@code r} with severity {@code s}. */
  static int count(EvaluationResult r, Severity s) {
    int n = 0;
    for (Finding f : r.findings()) {
      if (f.severity() == s && !f.isSuppressed()) {
        n++;
      }
    }
    return n;
  }

  /** Unsuppressed findings of {@code r} by severity (every severity present). */
  static Map<Severity, Integer> counts(EvaluationResult r) {
    Map<Severity, Integer> m = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      m.put(s, count(r, s));
    }
    return m;
  }

  /** Suppressed findings of {@code r}. */
  static int suppressed(EvaluationResult r) {
    int n = 0;
    for (Finding f : r.findings()) {
      if (f.isSuppressed()) {
        n++;
      }
    }
    return n;
  }

  /**
   * One fix for people: {@code describe()} plus {@code (power off first)} where needed; a manual step reads
   * {@code manual: <title> — <instructions>}.
   */
  static String describe(FixAction a) {
    String text = a instanceof ManualStep m
        ? "manual: " + m.title() + (m.instructions().isBlank() ? "" : " — " + m.instructions())
        : a.describe();
    return text + (a.requiresPowerOff() ? " (power off first)" : "");
  }

  /** All fixes of {@code f}, described and joined with {@code "; "}; empty when it has none. */
  static String describeFixes(Finding f) {
    StringBuilder sb = new StringBuilder();
    for (FixAction a : f.fixes()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(describe(a));
    }
    return sb.toString();
  }

  /** The severity as people write it: {@code error}, {@code warning}, {@code info}. */
  static String lower(Severity s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** The report time: the fixed time when set, else {@code fallback}, truncated to seconds. */
  static Instant time(ReportContext context, Instant fallback) {
    return context.fixedTime().orElse(fallback).truncatedTo(ChronoUnit.SECONDS);
  }

  /** {@code 2025-01-31T12:00:00Z}. */
  static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** {@code 2025-01-31 12:00 UTC}. */
  static String human(Instant t) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC).format(t);
  }

  /** The rule's summary, when the catalog knows the rule. */
  static Optional<String> summary(ReportContext context, String ruleId) {
    return context.rules().find(ruleId).map(RuleDescriptor::summary);
  }

  /** {@code n noun} with a plural {@code s} when {@code n != 1}. */
  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * The first {@code max} code points of {@code s} plus an ellipsis when it is longer; whole surrogate pairs only.
   */
  static String abbreviate(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }
}
