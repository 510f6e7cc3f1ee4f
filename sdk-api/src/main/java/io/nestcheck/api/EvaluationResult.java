package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The outcome of evaluating one VM against one profile: the findings, in a deterministic order (rule id, then
 * subject), and why the profile was chosen when it was picked automatically.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableEvaluationResult.class)
@JsonDeserialize(as = ImmutableEvaluationResult.class)
public abstract class EvaluationResult implements WithEvaluationResult {

  /** The VM's name. */
  @Value.Parameter
  public abstract String vmName();

  /** The VM's source (file path or inventory reference). */
  @Value.Parameter
  public abstract String source();

  /** The id of the profile the VM was checked against. */
  @Value.Parameter
  public abstract String profileId();

  /** When the profile was selected automatically ({@code --profile auto}), the reason. */
  public abstract Optional<String> profileReason();

  /** The findings, suppressed ones included. */
  @Value.Parameter
  public abstract List<Finding> findings();

  /** The highest severity among unsuppressed findings, if any. */
  public final Optional<Severity> maxSeverity() {
    Severity max = null;
    for (Finding f : findings()) {
      if (!f.isSuppressed() && (max == null || f.severity().compareTo(max) > 0)) {
        max = f.severity();
      }
    }
    return Optional.ofNullable(max);
  }

  /**
   * A result without a profile reason; {@code findings} is copied (an empty list is shared, not copied).
   *
   * @throws NullPointerException if an argument or a finding is {@code null}
   */
  public static EvaluationResult of(String vmName, String source, String profileId, List<Finding> findings) {
    return ImmutableEvaluationResult.of(vmName, source, profileId, findings);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EvaluationResult} values. */
  public static final class Builder extends ImmutableEvaluationResult.Builder {}
}
