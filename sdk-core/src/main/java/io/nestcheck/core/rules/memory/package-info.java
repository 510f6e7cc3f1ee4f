/**
 * Rules about memory size and reservation (NV-MEM).
 */
@NullMarked
package io.nestcheck.core.rules.memory;

import org.jspecify.annotations.NullMarked;
