package io.nestcheck.core.profiles;

import io.nestcheck.api.Finding;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import java.util.List;
import java.util.Optional;

/** Runs the built-in catalog against a built-in profile, as a scan would. */
final class ProfileRun {
  private static final Evaluator EVALUATOR = Evaluator.of(RuleCatalog.builtIn());

  private ProfileRun() {}

  static List<Finding> run(String profileId, HostCapabilities host, VmConfiguration vm) {
    return EVALUATOR.evaluate(host, vm, ProfileRegistry.builtIn().resolve(profileId)).findings();
  }

  /** The rule ids of {@code findings}, in report order (duplicates kept). */
  static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).toList();
  }

  static Finding only(List<Finding> findings, String ruleId) {
    List<Finding> matching = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    if (matching.size() != 1) {
      throw new AssertionError("expected one " + ruleId + " finding, got " + matching.size() + ": " + findings);
    }
    return matching.get(0);
  }

  static Optional<Severity> severityOf(List<Finding> findings, String ruleId) {
    return findings.stream().filter(f -> f.ruleId().equals(ruleId)).map(Finding::severity).findFirst();
  }
}
