package io.nestcheck.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.FixAction;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.testkit.NestcheckDomain;
import io.nestcheck.testkit.ProfileFamily;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;

/** {@code @ForAll} works with the kit's domain. */
@Domain(NestcheckDomain.class)
class DomainTest {

  @Property(tries = 20)
  void theDomainProvidesTheModel(@ForAll VmConfiguration vm, @ForAll HostCapabilities host, @ForAll FixAction action) {
    assertThat(vm.name()).isNotEmpty();
    assertThat(host).isNotNull();
    assertThat(action.target()).isNotEmpty();
  }

  @Property(tries = 5)
  void theDomainProvidesProfileFamilies(@ForAll ProfileFamily family) {
    assertThat(family.child().parent()).contains(family.parent().id());
  }
}
