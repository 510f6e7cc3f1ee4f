package io.nestcheck.api.spi;

import io.nestcheck.api.Severity;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The metadata of a {@link Rule}: every rule class carries exactly one. The rule registry validates it when the
 * rule is registered (id syntax, unique id, summary without a final period, at least one source link) and the
 * rule documentation ({@code docs/rules.md}) is generated from it.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {

  /** The stable id, {@code NV-<TOPIC>-<NNN>}, for example {@code NV-CPU-001}; never reused. */
  String id();

  /** One line: what the rule detects, without a final period. */
  String summary();

  /** The default severity; a profile may override it. */
  Severity severity();

  /** Topic tags, for example {@code cpu}, {@code network}. */
  String[] tags() default {};

  /** Sources for the fact the rule checks (URLs or repository paths). */
  String[] links() default {};

  /** A paragraph: why it matters, what the fix does, and which seed claim it corrects, if any. */
  String explanation() default "";

  /**
   * Whether the finding is about the scan rather than the VM (for example "nothing is known about the host"):
   * a scanner reports it once per scan instead of once per VM. Single evaluations still return it.
   */
  boolean oncePerScan() default false;
}
