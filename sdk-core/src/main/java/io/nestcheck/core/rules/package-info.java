/**
 * The built-in rule catalog ({@link io.nestcheck.core.rules.BuiltInRules}). Rules live in one subpackage per topic
 * (the middle part of their id): {@code host} (NV-HOST), {@code cpu} (NV-CPU), {@code hardware} (NV-HW), {@code guestos}
 * (NV-GOS), {@code memory} (NV-MEM), {@code firmware} (NV-FW), {@code storage} (NV-STO), {@code network} (NV-NET),
 * {@code hygiene} (NV-HYG), {@code support} (NV-SUP) and {@code format} (NV-FMT). Each rule is one final class whose
 * {@link io.nestcheck.api.spi.RuleInfo} carries its id, summary, severity, sources and explanation.
 */
@NullMarked
package io.nestcheck.core.rules;

import org.jspecify.annotations.NullMarked;
