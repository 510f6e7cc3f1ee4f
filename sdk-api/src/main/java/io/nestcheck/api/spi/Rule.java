package io.nestcheck.api.spi;

/**
 * One check. A rule reads the host, the VM and the resolved profile from the {@link RuleContext} and reports zero
 * or more findings through it.
 *
 * <p>Contract:
 * <ul>
 *   <li>The class carries a {@link RuleInfo} annotation; its id is the rule's identity.
 *   <li>{@link #check} is pure: the same context gives the same findings in the same order, and it never mutates
 *       shared state. Instances are shared between threads.
 *   <li>A rule that passes reports nothing and should allocate nothing.
 *   <li>A rule never throws for unusual input: a fact it cannot check is either skipped (the profile has no
 *       requirement) or reported as unknown.
 *   <li>Every finding of an automatable problem carries the exact {@link io.nestcheck.api.FixAction}s that fix
 *       it.
 * </ul>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Rule {

  /**
   * Checks one VM.
   *
   * @param context the host, VM, profile and the sink for findings; never {@code null}
   */
  void check(RuleContext context);
}
