package io.nestcheck.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RulePack;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A small fluent helper for rule tests: runs ONE rule through the real evaluator (so metadata validation and
 * severity overrides apply) and asserts on its findings.
 *
 * <pre>{@code
 * Finding f = RuleCheck.of(new NestedHvNotExposed())
 *     .requirements(r -> r.nestedHv(true))
 *     .vm(vm)
 *     .expectOne("NV-CPU-001");
 * }</pre>
 */
public final class RuleCheck {
  private final Rule rule;
  private HostCapabilities host = HostCapabilities.unknown();
  private GuestProfile profile = GuestProfile.builder().id("test").displayName("test").build();
  private VmConfiguration vm = TestVms.base().build();
  private Optional<String> layer = Optional.empty();

  private RuleCheck(Rule rule) {
    this.rule = rule;
  }

  public static RuleCheck of(Rule rule) {
    return new RuleCheck(rule);
  }

  public RuleCheck host(HostCapabilities host) {
    this.host = host;
    return this;
  }

  public RuleCheck vm(VmConfiguration vm) {
    this.vm = vm;
    return this;
  }

  public RuleCheck profile(GuestProfile profile) {
    this.profile = profile;
    return this;
  }

  /** Uses the resolved built-in profile {@code id}. */
  public RuleCheck builtInProfile(String id) {
    this.profile = ProfileRegistry.builtIn().resolve(id);
    return this;
  }

  public RuleCheck requirements(UnaryOperator<ProfileRequirements.Builder> edit) {
    ProfileRequirements.Builder b = ProfileRequirements.builder();
    b.from(profile.requirements());
    this.profile = profile.withRequirements(edit.apply(b).build());
    return this;
  }

  public RuleCheck layer(String layer) {
    this.layer = Optional.of(layer);
    return this;
  }

  public List<Finding> findings() {
    RulePack pack = new RulePack() {
      @Override
      public String id() {
        return "test";
      }

      @Override
      public List<Rule> rules() {
        return List.of(rule);
      }
    };
    return Evaluator.of(RuleCatalog.of(List.of(pack))).check(host, vm, profile, layer);
  }

  /** Asserts exactly one finding, of rule {@code id}, and returns it. */
  public Finding expectOne(String id) {
    List<Finding> findings = findings();
    assertThat(findings).as("findings of %s", id).hasSize(1);
    assertThat(findings.get(0).ruleId()).isEqualTo(id);
    return findings.get(0);
  }

  /** Asserts no finding. */
  public void expectNone() {
    assertThat(findings()).as("findings").isEmpty();
  }
}
