package io.nestcheck.cli;

/** The documented exit codes of the {@code nestcheck} command. */
final class ExitCodes {
  /** No finding at or above the threshold, every input read. */
  static final int OK = 0;
  /** At least one unsuppressed finding at or above {@code --fail-on}. */
  static final int FINDINGS = 1;
  /** A usage error, or an input that could not be read. */
  static final int USAGE = 2;
  /** The scan was cancelled; the report is partial. */
  static final int PARTIAL = 3;

  private ExitCodes() {}
}
