/**
 * Rules about storage controllers and disks (NV-STO).
 */
@NullMarked
package io.nestcheck.core.rules.storage;

import org.jspecify.annotations.NullMarked;
