package io.nestcheck.api.spi;

import java.util.List;

/**
 * A set of rules shipped together, found with {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.nestcheck.api.spi.RulePack}) or registered explicitly.
 *
 * <p>Rule ids must be unique across all packs; the registry refuses a pack whose ids collide with rules already
 * registered.
 *
 * @since 0.1
 */
public interface RulePack {

  /** A stable id for the pack, for example {@code builtin}. Never {@code null}. */
  String id();

  /** The rules, in a stable order. Never {@code null}. */
  List<Rule> rules();
}
