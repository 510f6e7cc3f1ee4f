package io.nestcheck.core.scan;

/**
 * Receives scan results as they are produced, in a deterministic order (the order of the targets), so reports
 * can be streamed without holding the whole fleet in memory.
 *
 * <p>Calls come from one thread at a time; {@link #started} first, then one {@link #accept} per target, then
 * {@link #finished} exactly once (also after cancellation, with a partial summary).
 *
 * @since 0.1
 */
public interface ScanSink {

  /** The scan starts; {@code targets} is the number of targets, {@code -1} if not known yet. */
  default void started(int targets) {}

  /** One target's outcome. */
  void accept(FileResult result);

  /** The scan ended (completely, or cut short when {@link ScanSummary#partial()} is set). */
  default void finished(ScanSummary summary) {}
}
