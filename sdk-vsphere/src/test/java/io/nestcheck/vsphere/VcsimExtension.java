package io.nestcheck.vsphere;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link Launch}-annotated {@link Vcsim} parameters. Launchers live in the root store, so one launcher
 * per distinct {@link Launch} serves all test classes, and JUnit closes them (stdin closed, process exits) when
 * the run ends.
 */
final class VcsimExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(VcsimExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return pc.getParameter().getType() == Vcsim.class && pc.isAnnotated(Launch.class);
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    Optional<Launch> l = pc.findAnnotation(Launch.class);
    if (l.isEmpty()) {
      throw new ParameterResolutionException("@Launch is required");
    }
    Launch launch = l.get();
    String key = launch.vms() + " " + String.join(" ", launch.args()) + " #" + launch.instance();
    return ec.getRoot().getStore(NS).getOrComputeIfAbsent(key,
        k -> Vcsim.start(launch.vms(), Arrays.copyOf(launch.args(), launch.args().length)), Vcsim.class);
  }
}
