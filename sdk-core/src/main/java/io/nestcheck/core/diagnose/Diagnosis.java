package io.nestcheck.core.diagnose;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link Diagnoser#diagnose}: the symptoms recognized and the likely causes, ranked.
 *
 * @param matches the symptoms found, in catalog order; never {@code null}
 * @param causes the likely causes, most likely first (confirmed, then possible, then not seen, then not
 *     applicable; within a status by score, then id); never {@code null}
 * @param notes remarks for people: which profile was used, why a symptom does not apply, what was not checked;
 *     never {@code null}
 * @param profileId the profile the VM was checked against, when a VM was checked; never {@code null}
 * @since 0.1
 */
public record Diagnosis(List<SymptomMatch> matches, List<LikelyCause> causes, List<String> notes,
    Optional<String> profileId) {
  /** Validates and copies. */
  public Diagnosis {
    matches = List.copyOf(matches);
    causes = List.copyOf(causes);
    notes = List.copyOf(notes);
    Objects.requireNonNull(profileId, "profileId");
  }

  /** The most likely cause, if any symptom was recognized. */
  public Optional<LikelyCause> top() {
    return causes.isEmpty() ? Optional.empty() : Optional.of(causes.get(0));
  }

  /** The cause with {@code id}, if it is among the causes. */
  public Optional<LikelyCause> cause(String id) {
    return causes.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
