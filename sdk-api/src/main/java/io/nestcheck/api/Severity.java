package io.nestcheck.api;

/**
 * How bad a finding is, ordered from least to most severe ({@link #compareTo} follows that order).
 *
 * @since 0.1
 */
public enum Severity {
  /** Context or advice: nothing is broken, but a person should know it (support posture, hygiene, unknown facts). */
  INFO,
  /** Likely to cause trouble, or required only by an unverified source: the VM may still work. */
  WARNING,
  /** The guest hypervisor will not work as configured (it panics, hangs, finds no driver or no VT-x). */
  ERROR;

  /** {@code true} when this severity is at least {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return compareTo(threshold) >= 0;
  }
}
