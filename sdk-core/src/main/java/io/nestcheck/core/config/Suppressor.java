package io.nestcheck.core.config;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.InlineSuppression;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Suppression;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.scan.FileResult;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Marks findings as suppressed: by inline comments in the VM's file, by the project configuration's suppression
 * rules, and by a baseline. Suppressed findings stay in the results (reports show them as suppressed); they do not
 * count towards the exit code.
 *
 * <p>An expired suppression (its {@code until} date is past) no longer suppresses; the finding gets the evidence
 * {@code suppression} = {@code expired on <date>: <reason>} so the report says why it is back. Matching: inline
 * suppressions apply to their own VM; a configuration rule applies when the rule id matches and its path glob
 * (relative to the configuration file's folder, or the path as given) and VM name, when set, match.
 *
 * @since 0.1
 */
public final class Suppressor implements UnaryOperator<FileResult> {
  private final List<ProjectConfig.SuppressionRule> rules;
  private final List<PathMatcher> matchers;
  private final Path baseDir;
  private final Optional<Baseline> baseline;
  private final Clock clock;

  /**
   * A suppressor.
   *
   * @param rules configuration rules
   * @param baseDir the folder globs are relative to
   * @param baseline an optional baseline
   * @param clock the clock that decides expiry
   */
  public Suppressor(List<ProjectConfig.SuppressionRule> rules, Path baseDir, Optional<Baseline> baseline, Clock clock) {
    this.rules = List.copyOf(rules);
    this.matchers = new ArrayList<>();
    for (ProjectConfig.SuppressionRule r : this.rules) {
      matchers.add(r.path().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).orElse(null));
    }
    this.baseDir = baseDir.toAbsolutePath().normalize();
    this.baseline = baseline;
    this.clock = clock;
  }

  @Override
  public FileResult apply(FileResult result) {
    if (result.results().isEmpty()) {
      return result;
    }
    LocalDate today = LocalDate.now(clock);
    List<EvaluationResult> out = new ArrayList<>(result.results().size());
    for (int i = 0; i < result.results().size(); i++) {
      EvaluationResult r = result.results().get(i);
      VmConfiguration vm = i < result.vms().size() ? result.vms().get(i) : null;
      List<Finding> findings = new ArrayList<>(r.findings().size());
      boolean changed = false;
      for (Finding f : r.findings()) {
        Finding g = suppress(result.target(), r, vm, f, today);
        changed |= g != f;
        findings.add(g);
      }
      out.add(changed ? r.withFindings(findings) : r);
    }
    return new FileResult(result.target(), result.vms(), out, result.error());
  }

  private Finding suppress(String target, EvaluationResult r, VmConfiguration vm, Finding f, LocalDate today) {
    if (f.isSuppressed()) {
      return f;
    }
    String expired = null;
    if (vm != null) {
      for (InlineSuppression s : vm.inlineSuppressions()) {
        if (s.ruleIds().contains(f.ruleId())) {
          Suppression sup = Suppression.builder().origin(Suppression.Origin.INLINE).reason(s.reason()).expires(s.expires())
              .location(s.line() > 0 ? Optional.of(SourceLocation.of(vm.source(), s.line())) : Optional.empty()).build();
          if (s.expires().isPresent() && s.expires().get().isBefore(today)) {
            expired = "expired on " + s.expires().get() + ": " + s.reason();
          } else {
            return f.withSuppression(sup);
          }
        }
      }
    }
    for (int i = 0; i < rules.size(); i++) {
      ProjectConfig.SuppressionRule rule = rules.get(i);
      if (!rule.rule().equals(f.ruleId())) {
        continue;
      }
      if (rule.vm().isPresent() && !rule.vm().get().equals(r.vmName())) {
        continue;
      }
      if (matchers.get(i) != null && !pathMatches(matchers.get(i), target)) {
        continue;
      }
      if (rule.until().isPresent() && rule.until().get().isBefore(today)) {
        expired = "expired on " + rule.until().get() + ": " + rule.reason();
        continue;
      }
      return f.withSuppression(Suppression.builder().origin(Suppression.Origin.FILE).reason(rule.reason())
          .expires(rule.until()).build());
    }
    if (baseline.isPresent() && baseline.get().contains(r, f)) {
      return f.withSuppression(Suppression.builder().origin(Suppression.Origin.BASELINE).reason("in the baseline").build());
    }
    if (expired != null) {
      return f.withEvidence(with(f, "suppression", expired));
    }
    return f;
  }

  private static java.util.Map<String, String> with(Finding f, String k, String v) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>(f.evidence());
    m.put(k, v);
    return m;
  }

  private boolean pathMatches(PathMatcher m, String target) {
    Path p = Path.of(target);
    if (m.matches(p)) {
      return true;
    }
    Path abs = p.toAbsolutePath().normalize();
    if (abs.startsWith(baseDir) && m.matches(baseDir.relativize(abs))) {
      return true;
    }
    Path name = p.getFileName();
    return name != null && m.matches(name);
  }
}
