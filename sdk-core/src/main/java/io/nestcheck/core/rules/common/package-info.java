/**
 * Helpers shared by the built-in rules; not API. {@link io.nestcheck.core.rules.common.Targets} computes the one
 * desired end state (hardware version, firmware, controller and NIC type, port-group policy) that every rule touching
 * the same thing fixes towards, so that the fixes of different findings never conflict.
 */
@NullMarked
package io.nestcheck.core.rules.common;

import org.jspecify.annotations.NullMarked;
