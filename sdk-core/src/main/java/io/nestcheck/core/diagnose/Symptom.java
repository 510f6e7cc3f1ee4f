package io.nestcheck.core.diagnose;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One symptom of the catalog: the text it shows (regular expressions, case-insensitive), where it shows up, its
 * likely causes ranked (most likely first), and the sources for the text and the causes.
 *
 * @param id the stable id, for example {@code kvm-no-hardware-support}; never {@code null}
 * @param title one line; never {@code null}
 * @param context where the symptom shows up; never {@code null}
 * @param patterns the regular expressions, compiled case-insensitive and multi-line; empty for evidence symptoms
 *     ({@link SymptomContext#GUEST_CPUINFO}); never {@code null}
 * @param causes the likely causes, most likely first; never {@code null}
 * @param sources where the text and the causes are documented; never {@code null}
 * @param notFor profile-id prefixes of guest hypervisors the symptom cannot come from, each with the note to show;
 *     never {@code null}
 * @since 0.1
 */
public record Symptom(String id, String title, SymptomContext context, List<Pattern> patterns,
    List<SymptomCause> causes, List<String> sources, Map<String, String> notFor) {
  /** Validates and copies. */
  public Symptom {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(context, "context");
    patterns = List.copyOf(patterns);
    causes = List.copyOf(causes);
    sources = List.copyOf(sources);
    notFor = Map.copyOf(notFor);
  }

  /** The first line of {@code text} one of the patterns matches, if any. */
  public Optional<String> firstMatch(String text) {
    for (Pattern p : patterns) {
      var m = p.matcher(text);
      if (m.find()) {
        int start = text.lastIndexOf('\n', m.start()) + 1;
        int end = text.indexOf('\n', m.end());
        return Optional.of(text.substring(start, end < 0 ? text.length() : end).strip());
      }
    }
    return Optional.empty();
  }

  /** The note for {@code profileId} when the symptom cannot come from that guest hypervisor. */
  public Optional<String> notApplicableTo(String profileId) {
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(notFor).entrySet()) {
      if (profileId.startsWith(e.getKey())) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
