package io.nestcheck.core;

import java.util.Objects;

/**
 * One problem found while loading or validating a guest profile: where (a file, and a JSON pointer into it) and
 * what.
 *
 * @param source the file or resource the profile came from; never {@code null}
 * @param pointer a JSON pointer into the profile ({@code /requirements/minMemoryMiB}), or empty; never {@code null}
 * @param message what is wrong; never {@code null}
 * @since 0.1
 */
public record ProfileProblem(String source, String pointer, String message) {

  /** Validates that no component is {@code null}. */
  public ProfileProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return source + (pointer.isEmpty() ? "" : "#" + pointer) + ": " + message;
  }
}
