package io.nestcheck.core.chain;

import io.nestcheck.api.Finding;
import io.nestcheck.api.Severity;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link ChainEvaluator#evaluate}: each layer with its findings, and all findings in layer order.
 *
 * @param layers the layers, outermost first; never {@code null}
 * @param findings every layer's findings, L1's first; never {@code null}
 * @since 0.1
 */
public record ChainResult(List<ChainLayer> layers, List<Finding> findings) {
  /** Copies. */
  public ChainResult {
    layers = List.copyOf(layers);
    findings = List.copyOf(findings);
  }

  /** The layer with 1-based {@code index}. */
  public ChainLayer layer(int index) {
    return layers.get(index - 1);
  }

  /** The highest severity among unsuppressed findings, if any. */
  public Optional<Severity> maxSeverity() {
    Severity max = null;
    for (Finding f : findings) {
      if (!f.isSuppressed() && (max == null || f.severity().compareTo(max) > 0)) {
        max = f.severity();
      }
    }
    return Optional.ofNullable(max);
  }
}
