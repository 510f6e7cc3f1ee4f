package io.nestcheck.api;

/**
 * A fact that may be unknown: the input said yes, said no, or did not say.
 *
 * <p>Rules never treat {@link #UNKNOWN} as a pass: they report that the fact could not be checked.
 *
 * @since 0.1
 */
public enum TriState {
  /** The input states the fact is true. */
  YES,
  /** The input states the fact is false. */
  NO,
  /** The input does not state the fact. */
  UNKNOWN;

  /** {@code YES} for {@code true}, {@code NO} for {@code false}. */
  public static TriState of(boolean value) {
    return value ? YES : NO;
  }

  /** {@code true} only for {@link #YES}. */
  public boolean isYes() {
    return this == YES;
  }

  /** {@code true} only for {@link #NO}. */
  public boolean isNo() {
    return this == NO;
  }
}
