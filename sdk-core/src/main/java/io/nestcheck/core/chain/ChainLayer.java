package io.nestcheck.core.chain;

import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import java.util.List;
import java.util.Objects;

/**
 * One layer of a checked chain.
 *
 * @param index the 1-based position, 1 for the outermost VM
 * @param label the layer label findings carry, for example {@code L1 esxi-host.vmx}; never {@code null}
 * @param vm the layer's VM; never {@code null}
 * @param host the host the layer runs on: the given outer host for L1, derived from the previous layer otherwise;
 *     never {@code null}
 * @param profile the profile the layer was checked against (the synthetic hypervisor-host profile for every layer
 *     but the last); never {@code null}
 * @param findings the layer's findings, sorted by rule id, subject and message; never {@code null}
 * @since 0.1
 */
public record ChainLayer(int index, String label, VmConfiguration vm, HostCapabilities host, GuestProfile profile,
    List<Finding> findings) {
  /** Validates and copies. */
  public ChainLayer {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(profile, "profile");
    findings = List.copyOf(findings);
  }
}
