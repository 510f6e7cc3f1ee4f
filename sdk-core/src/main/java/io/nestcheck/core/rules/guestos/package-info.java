/**
 * Rules about the VM's guest OS id (NV-GOS).
 */
@NullMarked
package io.nestcheck.core.rules.guestos;

import org.jspecify.annotations.NullMarked;
