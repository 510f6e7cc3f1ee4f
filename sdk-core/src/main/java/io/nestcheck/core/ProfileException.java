package io.nestcheck.core;

import java.util.List;

/**
 * One or more guest profiles are invalid. Carries every problem found, not only the first.
 *
 * @since 0.1
 */
public final class ProfileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ProfileProblem> problems;

  /** Creates the exception from a non-empty list of problems. */
  public ProfileException(List<ProfileProblem> problems) {
    super(render(problems));
    this.problems = List.copyOf(problems);
  }

  private static String render(List<ProfileProblem> problems) {
    StringBuilder sb = new StringBuilder(problems.size() == 1 ? "invalid profile: " : "invalid profiles (" + problems.size() + " problems):");
    if (problems.size() == 1) {
      sb.append(problems.get(0));
    } else {
      for (ProfileProblem p : problems) {
        sb.append("\n  ").append(p);
      }
    }
    return sb.toString();
  }

  /** Every problem found; never empty. */
  public List<ProfileProblem> problems() {
    return problems;
  }
}
