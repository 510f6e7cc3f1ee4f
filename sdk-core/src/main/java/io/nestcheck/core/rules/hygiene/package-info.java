/**
 * Advice that is not a cause of failure: unneeded devices, time sync (NV-HYG).
 */
@NullMarked
package io.nestcheck.core.rules.hygiene;

import org.jspecify.annotations.NullMarked;
