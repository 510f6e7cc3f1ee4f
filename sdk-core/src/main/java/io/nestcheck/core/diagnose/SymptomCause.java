package io.nestcheck.core.diagnose;

import java.util.List;
import java.util.Objects;

/**
 * One cause in the symptom catalog: what is wrong, the rules that detect it in a VM's configuration, and an
 * explanation with the remedy for people.
 *
 * @param id the stable id, for example {@code nested-hv-not-exposed}; never {@code null}
 * @param title one line; never {@code null}
 * @param ruleIds the rules that detect the cause, possibly none; never {@code null}
 * @param explanation why the cause produces its symptoms and what fixes it; never {@code null}
 * @param hvExposure whether the cause is about VT-x/AMD-V not reaching the guest (guest {@code /proc/cpuinfo}
 *     evidence confirms or contradicts such causes)
 * @since 0.1
 */
public record SymptomCause(String id, String title, List<String> ruleIds, String explanation, boolean hvExposure) {
  /** Validates and copies. */
  public SymptomCause {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    ruleIds = List.copyOf(ruleIds);
    Objects.requireNonNull(explanation, "explanation");
  }
}
