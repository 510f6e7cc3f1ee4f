package io.nestcheck.core.scan;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.VmConfiguration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link ScanTarget}: the evaluation of each VM it held (with the VM as read), or the error
 * that stopped it from being read.
 *
 * @param target the target's name; never {@code null}
 * @param vms the VMs read, in document order; empty when {@code error} is present
 * @param results one evaluation per VM, in the same order
 * @param error the problem, when the target could not be read or evaluated
 * @since 0.1
 */
public record FileResult(String target, List<VmConfiguration> vms, List<EvaluationResult> results, Optional<ScanError> error) {

  /** Copies the lists and checks the invariants. */
  public FileResult {
    Objects.requireNonNull(target, "target");
    vms = List.copyOf(vms);
    results = List.copyOf(results);
    Objects.requireNonNull(error, "error");
  }

  /** A target that could not be read. */
  public static FileResult failed(String target, ScanError error) {
    return new FileResult(target, List.of(), List.of(), Optional.of(error));
  }
}
