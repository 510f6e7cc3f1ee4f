package io.nestcheck.core.scan;

/**
 * Receives scan results as they are produced, in a deterministic order (the order of the targets), so reports
 * can be streamed without holding the whole fleet in memory.
 *
 * <p>Calls come from one thread at a time; {@link #started} first, then one {@link #accept} per target, then
 * {@link #finished} exactly once (also after cancellation, with a partial summary). The exception is {@link
 * #prepare}, which the {@link Scanner} calls on its worker threads.
 *
 * @since 0.1
 */
public interface ScanSink {

  /** The scan starts; {@code targets} is the number of targets, {@code -1} if not known yet. */
  default void started(int targets) {}

  /**
   * Work on one result that can be done before its turn, off the thread that delivers results in order: a
   * report writer renders the result here so that {@link #accept} only has to copy it out. Rendering on the
   * workers lets a fleet scan use every core; rendering in {@link #accept} makes the single ordered thread the
   * bottleneck.
   *
   * <p>Contract: the {@link Scanner} calls this on its worker threads, concurrently and in no particular order,
   * at most once per result and before {@link #accept} of that same result instance; a result prepared may still
   * never be accepted (the scan was cancelled). An implementation must therefore be thread-safe, must not depend
   * on other results or on their order, must not write output, and must give the same output from {@link
   * #accept} whether or not the result was prepared (other drivers call only {@link #accept}). The default does
   * nothing.
   *
   * @param result the outcome as it will be passed to {@link #accept}
   * @since 0.1
   */
  default void prepare(FileResult result) {}

  /** One target's outcome. */
  void accept(FileResult result);

  /** The scan ended (completely, or cut short when {@link ScanSummary#partial()} is set). */
  default void finished(ScanSummary summary) {}
}
