/**
 * Fix planning and in-memory application: {@link io.nestcheck.core.fix.FixPlanner} merges the fixes of a VM's
 * findings into one ordered, conflict-checked {@link io.nestcheck.api.FixPlan};
 * {@link io.nestcheck.core.fix.FixApplier} applies a plan to the model so it can be previewed and re-evaluated.
 * Writing files and reconfiguring live VMs is done elsewhere, from the same plan.
 */
@NullMarked
package io.nestcheck.core.fix;

import org.jspecify.annotations.NullMarked;
