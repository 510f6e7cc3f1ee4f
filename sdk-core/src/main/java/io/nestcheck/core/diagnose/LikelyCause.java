package io.nestcheck.core.diagnose;

import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import java.util.List;
import java.util.Objects;

/**
 * One ranked cause of a diagnosis.
 *
 * @param id the cause's id in the catalog; never {@code null}
 * @param title one line; never {@code null}
 * @param status how much is known; never {@code null}
 * @param score the catalog weight summed over the matched symptoms (100 for a first-ranked cause, 50 for a
 *     second, ...); higher is more likely among causes of the same status
 * @param symptomIds the matched symptoms that point at the cause, in match order; never {@code null}
 * @param ruleIds the rules tied to the cause; never {@code null}
 * @param explanation the catalog's explanation; never {@code null}
 * @param evidence why the status is what it is, one sentence each (for example "confirmed by your configuration:
 *     NV-CPU-001 ..."); never {@code null}
 * @param findings the VM's findings of the tied rules, when a VM was checked; never {@code null}
 * @param fixes the fixes of those findings, each once, in finding order; never {@code null}
 * @since 0.1
 */
public record LikelyCause(String id, String title, CauseStatus status, int score, List<String> symptomIds,
    List<String> ruleIds, String explanation, List<String> evidence, List<Finding> findings, List<FixAction> fixes) {
  /** Validates and copies. */
  public LikelyCause {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(status, "status");
    symptomIds = List.copyOf(symptomIds);
    ruleIds = List.copyOf(ruleIds);
    Objects.requireNonNull(explanation, "explanation");
    evidence = List.copyOf(evidence);
    findings = List.copyOf(findings);
    fixes = List.copyOf(fixes);
  }

  /** {@code true} when the VM's configuration or the guest's evidence confirms the cause. */
  public boolean confirmed() {
    return status == CauseStatus.CONFIRMED;
  }
}
