package io.nestcheck.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.core.Nestcheck;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ScanSink#prepare} runs on the workers, once per result, before that result's {@code accept}. */
class ScannerPrepareTest {

  /** The once-per-scan rule that fires when the host is unknown (every file target of a default scan). */
  private static final String HOST_UNKNOWN = "NV-HOST-007";

  /** {@code n} generated .vmx targets, as ScannerCancelTest makes them. */
  private static List<ScanTarget> targets(int n) {
    List<ScanTarget> targets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      targets.add(ScannerCancelTest.target(i));
    }
    return targets;
  }

  @Test
  void everyResultIsPreparedOnAWorkerBeforeItIsAcceptedWithOncePerScanFindingsAlreadyTakenOut() {
    Scanner scanner = Scanner.of(Nestcheck.create(), ScanOptions.builder().profile("esxi-8").threads(2).build());
    List<ScanTarget> targets = targets(200);
    Map<FileResult, String> preparedOn = Collections.synchronizedMap(new IdentityHashMap<>());
    List<String> accepted = new ArrayList<>();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    ScanSummary summary = scanner.scan(targets, List.of(), new ScanSink() {
      @Override
      public void prepare(FileResult r) {
        if (preparedOn.put(r, Thread.currentThread().getName()) != null) {
          problems.add("prepared twice: " + r.target());
        }
        for (Finding f : r.results().get(0).findings()) {
          if (f.ruleId().equals(HOST_UNKNOWN)) {
            problems.add("once-per-scan finding still in the prepared result of " + r.target());
          }
        }
      }

      @Override
      public void accept(FileResult r) {
        String thread = preparedOn.remove(r);
        if (thread == null) {
          problems.add("accepted before it was prepared: " + r.target());
        } else if (!thread.startsWith("nestcheck-scan-")) {
          problems.add("prepared on " + thread);
        }
        accepted.add(r.target());
      }
    });
    assertThat(problems).isEmpty();
    assertThat(accepted).hasSize(200).isSorted();
    assertThat(preparedOn).isEmpty();
    assertThat(summary.scanFindings()).extracting(Finding::ruleId).containsExactly(HOST_UNKNOWN);
  }

  @Test
  void batchesAreOneTargetForSmallScansAndAtMostSixteen() {
    assertThat(Scanner.batchSize(0, 2)).isEqualTo(1);
    assertThat(Scanner.batchSize(200, 2)).isEqualTo(1);
    assertThat(Scanner.batchSize(500, 2)).isEqualTo(3);
    assertThat(Scanner.batchSize(10_000, 2)).isEqualTo(16);
    assertThat(Scanner.batchSize(10_000, 64)).isEqualTo(2);
  }

  @Test
  void aLargeScanInBatchesDeliversEveryTargetOnceInOrder() {
    Scanner scanner = Scanner.of(Nestcheck.create(), ScanOptions.builder().profile("esxi-8").threads(3).build());
    List<ScanTarget> targets = targets(5_000);
    List<String> accepted = new ArrayList<>();
    ScanSummary summary = scanner.scan(targets, List.of(), new ScanSink() {
      @Override
      public void accept(FileResult r) {
        accepted.add(r.target());
      }
    });
    assertThat(Scanner.batchSize(5_000, 3)).isEqualTo(16);
    assertThat(accepted).containsExactlyElementsOf(targets.stream().map(ScanTarget::name).toList());
    assertThat(summary.targets()).isEqualTo(5_000);
    assertThat(summary.vms()).isEqualTo(5_000);
    assertThat(summary.partial()).isFalse();
  }
}
