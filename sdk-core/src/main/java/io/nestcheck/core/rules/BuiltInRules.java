package io.nestcheck.core.rules;

import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RulePack;
import java.util.List;

/**
 * The built-in rule catalog: every rule shipped with nestcheck, listed explicitly and kept sorted by id.
 *
 * @since 0.1
 */
public final class BuiltInRules implements RulePack {
  private static final List<Rule> RULES = List.of(
      // keep-sorted start
      new io.nestcheck.core.rules.cpu.NestedHvNotExposed()
      // keep-sorted end
      );

  /** The id of this pack: {@code builtin}. */
  @Override
  public String id() {
    return "builtin";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }
}
