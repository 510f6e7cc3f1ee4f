/**
 * Support posture and layering evidence (NV-SUP).
 */
@NullMarked
package io.nestcheck.core.rules.support;

import org.jspecify.annotations.NullMarked;
