package io.nestcheck.cli;

import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSink;
import io.nestcheck.core.scan.ScanSummary;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error (files done / total, rate, ETA) while a scan runs: only on an interactive
 * terminal, never in CI ({@code CI} set) or when standard error is redirected.
 */
final class Progress implements ScanSink {
  private final ProgressBar bar;

  Progress(int total) {
    this.bar = new ProgressBarBuilder()
        .setTaskName("Scanning")
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUnit(" inputs", 1)
        .showSpeed()
        .setUpdateIntervalMillis(200)
        .setMaxRenderedLength(100)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setEtaFunction(state -> java.util.Optional.<Duration>empty())
        .build();
  }

  /** Whether a progress bar makes sense: a terminal, not CI, and not when the report itself goes to the terminal as JSON. */
  static boolean wanted(boolean jsonOnStdout) {
    return System.console() != null && System.getenv("CI") == null && !jsonOnStdout && System.getenv("TERM") != null
        && !"dumb".equals(System.getenv("TERM"));
  }

  @Override
  public void accept(FileResult result) {
    bar.step();
  }

  @Override
  public void finished(ScanSummary summary) {
    bar.close();
  }
}
