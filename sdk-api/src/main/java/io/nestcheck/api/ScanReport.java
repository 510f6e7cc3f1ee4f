package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/**
 * The result of a scan: every VM's evaluation, in a deterministic order (by source, then VM name), every input
 * that could not be read, and whether the scan was cut short.
 *
 * <p>JSON: see {@code docs/report.schema.json}; {@link #schemaVersion()} changes when the shape changes
 * incompatibly.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableScanReport.class)
@JsonDeserialize(as = ImmutableScanReport.class)
public abstract class ScanReport implements WithScanReport {

  /** The current JSON schema version. */
  public static final String SCHEMA_VERSION = "1.0";

  /** The schema version of this report. */
  @Value.Default
  public String schemaVersion() {
    return SCHEMA_VERSION;
  }

  /** The nestcheck version that made the report. */
  public abstract String toolVersion();

  /** When the scan started. */
  public abstract Instant startedAt();

  /** The host capabilities the VMs were checked against (unknown when none were given). */
  @Value.Default
  public HostCapabilities host() {
    return HostCapabilities.unknown();
  }

  /** The evaluations. */
  public abstract List<EvaluationResult> results();

  /** Inputs that could not be read. */
  public abstract List<ScanError> errors();

  /** Findings about the scan itself (for example "host capabilities unknown"), reported once. */
  public abstract List<Finding> scanFindings();

  /** {@code true} when the scan was cancelled or cut short: the results are incomplete. */
  @Value.Default
  public boolean partial() {
    return false;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ScanReport} values. */
  public static final class Builder extends ImmutableScanReport.Builder {}
}
