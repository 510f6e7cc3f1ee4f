/**
 * Diagnosing symptoms: {@link io.nestcheck.core.diagnose.Diagnoser} matches the text a user sees against the
 * {@link io.nestcheck.core.diagnose.SymptomCatalog} (data: {@code symptoms.yaml}) and ranks the likely causes,
 * confirming or ruling them out with the rules run on the VM's configuration and with the guest's own
 * {@code /proc/cpuinfo}.
 */
@NullMarked
package io.nestcheck.core.diagnose;

import org.jspecify.annotations.NullMarked;
