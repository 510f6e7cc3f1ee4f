package io.nestcheck.api.spi;

import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.VmConfiguration;

/**
 * What a {@link Rule} sees while it checks one VM, and where it reports.
 *
 * <p>The evaluator creates one context per rule and VM; it is not shared between threads.
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
