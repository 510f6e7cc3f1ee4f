package io.nestcheck.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.core.rules.RuleCheck;
import org.junit.jupiter.api.Test;

class NestedHypervisorUnsupportedTest {

  @Test
  void profileSupportPostureIsTheMessage() {
    Finding f = RuleCheck.of(new NestedHypervisorUnsupported())
        .profile(GuestProfile.builder().id("p").displayName("p").supportPosture("Not supported by X.").build())
        .expectOne("NV-SUP-001");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.subject()).isEqualTo(Subject.vm("vm1"));
    assertThat(f.message()).isEqualTo("Not supported by X.");
    assertThat(f.fixes()).isEmpty();
  }

  @Test
  void nestedProfileWithoutPostureGetsTheGenericNote() {
    Finding f = RuleCheck.of(new NestedHypervisorUnsupported()).requirements(r -> r.nestedHv(true))
        .expectOne("NV-SUP-001");
    assertThat(f.message()).contains("KB 2009916");
  }

  @Test
  void profileThatIsNoGuestHypervisorPasses() {
    RuleCheck.of(new NestedHypervisorUnsupported()).expectNone();
  }
}
