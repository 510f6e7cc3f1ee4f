/**
 * Rules about firmware, secure boot and VBS consistency (NV-FW).
 */
@NullMarked
package io.nestcheck.core.rules.firmware;

import org.jspecify.annotations.NullMarked;
