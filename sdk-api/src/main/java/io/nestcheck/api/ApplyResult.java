package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What happened when a fix plan was applied to one VM: what was applied, what was skipped and why, and the fault
 * when it failed. A VM is never left half-changed silently: a failure names the fault.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableApplyResult.class)
@JsonDeserialize(as = ImmutableApplyResult.class)
public abstract class ApplyResult implements WithApplyResult {

  /** The outcome. */
  public enum Status {
    /** Dry run: nothing changed; {@link #changes()} lists what would. */
    DRY_RUN,
    /** Every automatable action was applied. */
    APPLIED,
    /** Some actions were applied, others skipped (see {@link #skipped()}). */
    PARTIAL,
    /** Nothing was applied (see {@link #skipped()}). */
    SKIPPED,
    /** The change failed; {@link #fault()} says why. */
    FAILED,
    /** There was nothing to do. */
    NOTHING_TO_DO
  }

  /** The VM's name. */
  public abstract String vmName();

  /** The outcome. */
  public abstract Status status();

  /** The actions applied (or, in a dry run, that would be). */
  public abstract List<FixAction> applied();

  /** Actions not applied, each with the reason. */
  public abstract List<String> skipped();

  /** Human-readable changes (a diff for files, spec lines for live VMs). */
  public abstract List<String> changes();

  /** The fault when {@link #status()} is {@link Status#FAILED}. */
  public abstract Optional<String> fault();

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ApplyResult} values. */
  public static final class Builder extends ImmutableApplyResult.Builder {}
}
