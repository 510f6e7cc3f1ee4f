package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One problem a rule found: which rule, how bad, about what, why (message and evidence), where in the source, and
 * how to fix it.
 *
 * <p>{@link #fixes()} lists the exact actions that resolve the finding; an empty list means the rule has no fix
 * to offer (context findings). A finding whose every fix is {@linkplain FixAction#automatable() automatable} can
 * be resolved by a fixer; manual steps are listed with instructions and never claimed as fixed.
 *
 * <p>JSON: {@code {"ruleId":"NV-CPU-001","severity":"ERROR","subject":{"kind":"VM","id":"cna01"},
 * "message":"...","evidence":{"vhv.enable":"absent"},"location":{"file":"cna01.vmx","line":12},
 * "fixes":[{"type":"expose-nested-hv"}]}}.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableFinding.class)
@JsonDeserialize(as = ImmutableFinding.class)
public abstract class Finding implements WithFinding {

  /** The stable id of the rule, for example {@code NV-CPU-001}. */
  public abstract String ruleId();

  /** The effective severity (after profile overrides). */
  public abstract Severity severity();

  /** What the finding is about. */
  public abstract Subject subject();

  /** One or two sentences for a person: what is wrong and why it matters. */
  public abstract String message();

  /** The facts the rule saw, in insertion order (for example {@code memsize -> 4096}). */
  public abstract Map<String, String> evidence();

  /** Where in the source the offending setting is, when known. */
  public abstract Optional<SourceLocation> location();

  /** The actions that fix the finding. */
  public abstract List<FixAction> fixes();

  /** For nesting chains: the layer the finding belongs to, for example {@code L1 esxi-host.vmx}. */
  public abstract Optional<String> layer();

  /** Set when a suppression or baseline matched the finding; suppressed findings do not fail a scan. */
  public abstract Optional<Suppression> suppression();

  /** {@code true} when the finding is suppressed. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public final boolean isSuppressed() {
    return suppression().isPresent();
  }

  /** {@code true} when the finding has fixes and all of them are automatable. */
  @com.fasterxml.jackson.annotation.JsonIgnore
  public final boolean isAutomatable() {
    if (fixes().isEmpty()) {
      return false;
    }
    for (FixAction f : fixes()) {
      if (!f.automatable()) {
        return false;
      }
    }
    return true;
  }

  @Value.Check
  void check() {
    if (ruleId().isEmpty() || message().isEmpty()) {
      throw new IllegalStateException("Finding.ruleId and message must not be empty");
    }
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Finding} values. */
  public static final class Builder extends ImmutableFinding.Builder {}
}
