package io.nestcheck.core.chain;

import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RulePack;
import java.util.List;

/** The rules only a nesting chain can check, because they compare a layer with the next one. */
final class ChainRules implements RulePack {
  private static final List<Rule> RULES = List.of(new LayerMemoryTooSmall(), new LayerHasFewerVcpus());

  @Override
  public String id() {
    return "chain";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }
}
