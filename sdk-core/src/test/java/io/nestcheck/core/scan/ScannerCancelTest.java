package io.nestcheck.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Nestcheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cancellation stops the scan, delivers the completed prefix in order and marks the summary partial. */
class ScannerCancelTest {

  static ScanTarget target(int i) {
    return new ScanTarget() {
      @Override
      public String name() {
        return String.format("vm-%03d.vmx", i);
      }

      @Override
      public List<VmConfiguration> load() {
        return List.of(VmConfiguration.builder().name("vm" + i).source(name()).memoryMiB(16384).build());
      }

      @Override
      public HostCapabilities host(VmConfiguration vm) {
        return HostCapabilities.unknown();
      }
    };
  }

  @Test
  void cancelDeliversACompletedPrefixInOrderAndMarksThePartialScan() {
    Scanner scanner = Scanner.of(Nestcheck.create(), ScanOptions.builder().profile("esxi-8").threads(2).build());
    List<ScanTarget> targets = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      targets.add(target(i));
    }
    List<String> seen = new ArrayList<>();
    ScanSummary[] finished = new ScanSummary[1];
    ScanSummary summary = scanner.scan(targets, List.of(), new ScanSink() {
      @Override
      public void accept(FileResult r) {
        seen.add(r.target());
        if (seen.size() == 5) {
          scanner.cancel();
        }
      }

      @Override
      public void finished(ScanSummary s) {
        finished[0] = s;
      }
    });
    assertThat(summary.partial()).isTrue();
    assertThat(finished[0]).isSameAs(summary);
    assertThat(seen).hasSizeBetween(5, 500 - 1).isSorted();
    assertThat(seen.get(0)).isEqualTo("vm-000.vmx");
    assertThat(summary.targets()).isEqualTo(seen.size());
  }

  @Test
  void anUncancelledScanIsComplete() {
    Scanner scanner = Scanner.of(Nestcheck.create(), ScanOptions.builder().profile("esxi-8").threads(2).build());
    List<ScanTarget> targets = List.of(target(0), target(1), target(2));
    ScanSummary summary = scanner.scan(targets, List.of(), r -> {});
    assertThat(summary.partial()).isFalse();
    assertThat(summary.targets()).isEqualTo(3);
    assertThat(summary.vms()).isEqualTo(3);
  }
}
