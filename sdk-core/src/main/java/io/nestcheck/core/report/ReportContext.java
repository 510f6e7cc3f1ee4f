package io.nestcheck.core.report;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.NestcheckStyle;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What every report writer needs besides the results: the rule catalog (for rule texts and links), the host the
 * scan assumed, the tool version, the profile option, and a fixed clock for reproducible output.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
public abstract class ReportContext {

  /** The rules, for summaries, help texts and links. */
  @Value.Auxiliary
  public abstract RuleCatalog rules();

  /** The host capabilities the scan used. */
  @Value.Default
  public HostCapabilities host() {
    return HostCapabilities.unknown();
  }

  /** The tool version written into reports. */
  @Value.Default
  public String toolVersion() {
    return Version.current();
  }

  /** A fixed start time for reproducible reports (golden files); the scan's start time when absent. */
  public abstract Optional<Instant> fixedTime();

  /** The profile option the scan ran with ({@code auto} or an id). */
  public abstract String profile();

  /** The paths the user asked to scan, as given. */
  public abstract List<String> inputs();

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ReportContext}. */
  public static final class Builder extends ImmutableReportContext.Builder {}
}
