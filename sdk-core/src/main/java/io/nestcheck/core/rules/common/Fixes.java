package io.nestcheck.core.rules.common;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.NicType;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.spi.RuleContext;
import java.util.Optional;

/** Fix actions that several rules build the same way. Not API. */
public final class Fixes {
  private Fixes() {}

  /** Replaces {@code c} with {@link Targets#controllerTarget}, or {@code fallback}, or a manual step. */
  public static FixAction replaceController(RuleContext ctx, StorageController c, Optional<ControllerType> fallback) {
    Optional<ControllerType> to = Targets.controllerTarget(ctx).or(() -> fallback);
    if (to.isPresent()) {
      return ReplaceControllerType.of(c.id(), to.get());
    }
    return ManualStep.of("Choose a supported controller type for " + c.id(),
        "1. Power the VM off.\n2. Change " + c.id() + " to a controller type the guest has an in-box driver for.\n"
            + "3. If the guest is already installed, install the new driver first or reinstall.");
  }

  /** Replaces NIC {@code nicId} with {@link Targets#nicTarget}, or a manual step. */
  public static FixAction replaceNic(RuleContext ctx, String nicId) {
    Optional<NicType> to = Targets.nicTarget(ctx);
    if (to.isPresent()) {
      return ReplaceNicType.of(nicId, to.get());
    }
    return ManualStep.of("Choose a supported NIC type for " + nicId,
        "1. Power the VM off.\n2. Change " + nicId + " to an adapter type the guest has an in-box driver for.");
  }
}
