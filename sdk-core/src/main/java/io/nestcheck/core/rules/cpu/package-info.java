/**
 * Rules about the virtual CPU: nested hardware virtualization, CPUID masks, vCPU counts and libvirt CPU modes (NV-CPU).
 */
@NullMarked
package io.nestcheck.core.rules.cpu;

import org.jspecify.annotations.NullMarked;
