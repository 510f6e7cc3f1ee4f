package io.nestcheck.api.spi;

import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.VmConfiguration;

/**
 * What a {@link Rule} sees while it checks one VM, and where it reports.
 *
 * <p>A context is valid only while {@link Rule#check} runs: the evaluator reuses one context object per thread for
 * every rule and VM it evaluates, so a rule must not keep it, hand it to another thread, or use it after
 * {@code check} returns. It is never shared between threads while valid.
 *
 * @since 0.1
 */
public interface RuleContext {

  /** The outer host; {@link HostCapabilities#unknown()} when nothing is known. Never {@code null}. */
  HostCapabilities host();

  /** The VM. Never {@code null}. */
  VmConfiguration vm();

  /** The resolved profile (inheritance applied). Never {@code null}. */
  GuestProfile profile();

  /** The resolved requirements, the same as {@code profile().requirements()}. Never {@code null}. */
  ProfileRequirements requirements();

  /**
   * A new finding builder with the rule id, the effective severity, the VM as subject and the layer already set.
   * Never {@code null}.
   */
  Finding.Builder finding();

  /**
   * Reports a finding.
   *
   * @param finding the finding; never {@code null}
   */
  void report(Finding finding);
}
