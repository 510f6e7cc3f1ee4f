/**
 * Rules about the source file itself, such as duplicate keys (NV-FMT).
 */
@NullMarked
package io.nestcheck.core.rules.format;

import org.jspecify.annotations.NullMarked;
