package io.nestcheck.core.diagnose;

/**
 * How much a diagnosis knows about one likely cause, from strongest to weakest; causes are ranked in this order
 * first.
 *
 * @since 0.1
 */
public enum CauseStatus {
  /** The VM's configuration (a rule tied to the cause fired) or the guest's evidence shows the cause is there. */
  CONFIRMED,
  /** Nothing confirms or rules out the cause: no VM was given, the cause has no rule, or its facts are unknown. */
  POSSIBLE,
  /** The VM was checked and the rules tied to the cause passed, or the guest's evidence contradicts it. */
  NOT_SEEN,
  /** The symptom cannot come from the given guest hypervisor (for example a Windows stop code and FusionCompute CNA). */
  NOT_APPLICABLE
}
