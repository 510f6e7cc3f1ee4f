package io.nestcheck.core.diagnose;

import java.util.Objects;

/**
 * A symptom found in the text (or in the guest's evidence).
 *
 * @param symptomId the symptom's id; never {@code null}
 * @param title the symptom's title; never {@code null}
 * @param context where it shows up; never {@code null}
 * @param matched the line that matched, or a description of the evidence; never {@code null}
 * @since 0.1
 */
public record SymptomMatch(String symptomId, String title, SymptomContext context, String matched) {
  /** Validates. */
  public SymptomMatch {
    Objects.requireNonNull(symptomId, "symptomId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(matched, "matched");
  }
}
