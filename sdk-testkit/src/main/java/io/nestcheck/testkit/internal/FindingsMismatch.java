package io.nestcheck.testkit.internal;

import io.nestcheck.api.Finding;
import java.util.List;

/**
 * An assertion failure of a contract property that compares two lists of findings (determinism, inheritance),
 * carrying both lists so that tooling can inspect them. Not API.
 */
public final class FindingsMismatch extends AssertionError {
  private static final long serialVersionUID = 1L;

  private final transient List<Finding> expected;
  private final transient List<Finding> actual;

  /** Creates the failure. */
  public FindingsMismatch(String message, List<Finding> expected, List<Finding> actual) {
    super(message);
    this.expected = List.copyOf(expected);
    this.actual = List.copyOf(actual);
  }

  /** The findings the property expected. */
  public List<Finding> expected() {
    return expected;
  }

  /** The findings it got. */
  public List<Finding> actual() {
    return actual;
  }
}
