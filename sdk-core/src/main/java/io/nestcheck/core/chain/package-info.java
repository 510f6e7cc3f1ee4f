/**
 * Nesting chains: {@link io.nestcheck.core.chain.ChainEvaluator} checks L1 .. Ln (for example VMware Workstation
 * running a Linux VM with KVM running a FusionCompute CNA VM): each layer must expose hardware virtualization to,
 * and be big enough for, the next, and the innermost must suit its guest profile.
 */
@NullMarked
package io.nestcheck.core.chain;

import org.jspecify.annotations.NullMarked;
