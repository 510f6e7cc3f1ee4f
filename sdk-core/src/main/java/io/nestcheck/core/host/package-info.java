/**
 * Describing the outer host: {@link io.nestcheck.core.host.CpuInfo} reads Linux {@code /proc/cpuinfo};
 * {@link io.nestcheck.core.host.HostFiles} loads a host description from JSON, YAML or cpuinfo files.
 */
@NullMarked
package io.nestcheck.core.host;

import org.jspecify.annotations.NullMarked;
