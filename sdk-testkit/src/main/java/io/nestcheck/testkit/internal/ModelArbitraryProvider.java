package io.nestcheck.testkit.internal;

import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.testkit.NestcheckArbitraries;
import io.nestcheck.testkit.ProfileFamily;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * Makes {@code @ForAll HostCapabilities}, {@code VmConfiguration}, {@code GuestProfile}, {@code ProfileFamily},
 * {@code FixAction}, {@code FixPlan} and {@code Inventory} parameters work without a {@code @Provide} method, with
 * the generators of {@link NestcheckArbitraries}. Registered through {@code
 * META-INF/services/net.jqwik.api.providers.ArbitraryProvider}. Not API.
 */
public final class ModelArbitraryProvider implements ArbitraryProvider {
  private static final Map<Class<?>, Supplier<Arbitrary<?>>> PROVIDERS = Map.of(
      HostCapabilities.class, NestcheckArbitraries::hostCapabilities,
      VmConfiguration.class, NestcheckArbitraries::vmConfigurations,
      GuestProfile.class, NestcheckArbitraries::guestProfiles,
      ProfileFamily.class, NestcheckArbitraries::profileFamilies,
      FixAction.class, NestcheckArbitraries::fixActions,
      FixPlan.class, NestcheckArbitraries::fixPlans,
      Inventory.class, NestcheckArbitraries::inventories);

  /** Creates the provider (called by jqwik). */
  public ModelArbitraryProvider() {}

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return PROVIDERS.containsKey(targetType.getRawType());
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    return Set.of(PROVIDERS.get(targetType.getRawType()).get());
  }
}
