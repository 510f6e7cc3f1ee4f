package io.nestcheck.testkit.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.testkit.GuestProfileContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in non-abstract profile has a {@code <Name>ProfileContractTest} in this package that extends {@link
 * GuestProfileContract} and returns that profile; a new built-in profile without one fails here.
 */
class EveryBuiltInProfileHasAContractTest {

  @Test
  void everyConcreteBuiltInProfileIsCovered() throws Exception {
    List<String> missing = new ArrayList<>();
    for (GuestProfile p : ProfileRegistry.builtIn().all()) {
      if (p.isAbstract()) {
        continue;
      }
      String name = getClass().getPackageName() + "." + className(p.id());
      try {
        Class<?> c = Class.forName(name);
        assertThat(GuestProfileContract.class).as(name).isAssignableFrom(c);
        var ctor = c.getDeclaredConstructor();
        ctor.setAccessible(true);
        var profile = c.getDeclaredMethod("profile");
        profile.setAccessible(true);
        assertThat(profile.invoke(ctor.newInstance())).as("%s.profile()", name).isEqualTo(p);
      } catch (ClassNotFoundException e) {
        missing.add(p.id() + " -> " + name);
      }
    }
    assertThat(missing).as("built-in profiles without a contract test").isEmpty();
  }

  /** {@code fusioncompute-cna-6.5} becomes {@code FusionComputeCna65ProfileContractTest}. */
  static String className(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("[-.]")) {
      if (part.equals("fusioncompute")) {
        sb.append("FusionCompute");
      } else if (part.equals("ve")) {
        sb.append("Ve");
      } else if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb + "ProfileContractTest";
  }
}
