package io.nestcheck.core.scan;

import io.nestcheck.api.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Totals of a scan.
 *
 * @param startedAt when the scan started
 * @param duration how long it took
 * @param targets targets processed
 * @param vms VMs evaluated
 * @param errors targets that could not be read
 * @param findings unsuppressed findings by severity (every severity present, zero when none)
 * @param suppressed suppressed findings
 * @param partial whether the scan was cancelled before every target was processed
 * @param scanFindings findings about the scan itself (rules with {@code oncePerScan}), each reported once
 * @since 0.1
 */
public record ScanSummary(Instant startedAt, Duration duration, int targets, int vms, int errors,
    Map<Severity, Integer> findings, int suppressed, boolean partial, java.util.List<io.nestcheck.api.Finding> scanFindings) {

  /** A summary without scan findings. */
  public ScanSummary(Instant startedAt, Duration duration, int targets, int vms, int errors,
      Map<Severity, Integer> findings, int suppressed, boolean partial) {
    this(startedAt, duration, targets, vms, errors, findings, suppressed, partial, java.util.List.of());
  }

  /** Copies the map and checks the invariants. */
  public ScanSummary {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    EnumMap<Severity, Integer> copy = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      copy.put(s, findings.getOrDefault(s, 0));
    }
    findings = java.util.Collections.unmodifiableMap(copy);
    scanFindings = java.util.List.copyOf(scanFindings);
  }

  /** Unsuppressed findings at or above {@code threshold}. */
  public int findingsAtLeast(Severity threshold) {
    int n = 0;
    for (Map.Entry<Severity, Integer> e : findings.entrySet()) {
      if (e.getKey().atLeast(threshold)) {
        n += e.getValue();
      }
    }
    return n;
  }
}
