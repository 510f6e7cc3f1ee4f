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
  public abstract String vmName();

  /** The VM's source (file path or inventory reference). */
  public abstract String source();

  /** The id of the profile the VM was checked against. */
  public abstract String profileId();

  /** When the profile was selected automatically ({@code --profile auto}), the reason. */
  public abstract Optional<String> profileReason();

  /** The findings, suppressed ones included. */
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

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link EvaluationResult} values. */
  public static final class Builder extends ImmutableEvaluationResult.Builder {}
}
