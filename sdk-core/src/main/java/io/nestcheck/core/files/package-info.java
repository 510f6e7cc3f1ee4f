/**
 * Writing fixes back to VM export files: {@link io.nestcheck.core.files.FileFixer} previews a
 * {@link io.nestcheck.api.FixPlan} as a unified diff and applies it atomically (temporary file, fsync, rename,
 * backup kept), changing only the lines the plan touches. Results are {@link io.nestcheck.core.files.FixOutcome}
 * values; refusals and failures are {@link io.nestcheck.core.files.FileFixException}s with a kind.
 *
 * <p>Supported formats: {@code .vmx}, OVF descriptors (with their manifest) and OVA archives (written anew as
 * {@code <name>.fixed.ova}). Other formats (libvirt XML, govc JSON) give an outcome that says they are not
 * supported yet, with every action listed as skipped.
 */
@NullMarked
package io.nestcheck.core.files;

import org.jspecify.annotations.NullMarked;
