package io.nestcheck.core;

import io.nestcheck.api.NestcheckStyle;
import io.nestcheck.api.Severity;
import io.nestcheck.api.spi.Rule;
import java.util.List;
import org.immutables.value.Value;

/**
 * The validated metadata of one registered rule, taken from its {@link io.nestcheck.api.spi.RuleInfo}.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
public abstract class RuleDescriptor {

  /** The stable id, for example {@code NV-CPU-001}. */
  public abstract String id();

  /** One line, without a final period. */
  public abstract String summary();

  /** The default severity. */
  public abstract Severity severity();

  /** Topic tags. */
  public abstract List<String> tags();

  /** Sources. */
  public abstract List<String> links();

  /** The long explanation (may be empty). */
  public abstract String explanation();

  /** Whether a scanner reports the rule's findings once per scan instead of once per VM. */
  public abstract boolean oncePerScan();

  /** The id of the pack that registered the rule. */
  public abstract String pack();

  /** The topic: the middle part of the id ({@code CPU} in {@code NV-CPU-001}). */
  @Value.Derived
  public String topic() {
    String id = id();
    int first = id.indexOf('-');
    int last = id.lastIndexOf('-');
    return first >= 0 && last > first ? id.substring(first + 1, last) : id;
  }

  /** The rule instance. */
  @Value.Auxiliary
  public abstract Rule rule();

  static RuleDescriptor.Builder builder() {
    return new Builder();
  }

  static final class Builder extends ImmutableRuleDescriptor.Builder {}
}
