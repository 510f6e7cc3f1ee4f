package io.nestcheck.vsphere;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a running {@link Vcsim} launcher into a test or lifecycle method parameter. Launchers with the same
 * flags are shared by every test of the run and stopped at its end.
 */
@Target({ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(VcsimExtension.class)
@interface Launch {
  /** {@code -vms N}. */
  int vms() default 40;

  /** Further launcher flags, for example {@code "-seed", "7"}. */
  String[] args() default {};

  /** A name to get a separate launcher with otherwise equal flags. */
  String instance() default "";
}
