package io.nestcheck.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * A guest hypervisor profile: what one guest (FusionCompute CNA 8, nested ESXi 8, Hyper-V, ...) needs from the VM
 * it runs in, and how the rules should treat it.
 *
 * <p>Profiles are data (JSON or YAML, see {@code docs/profile.schema.json}). A profile may {@code extends} a parent:
 * the resolved profile takes each requirement from the child when set and from the parent otherwise; severity
 * overrides and disabled rules are merged with the child winning.
 *
 * <p>Validation here covers a single profile's shape (id syntax, version range); references to other profiles and
 * to rule ids are validated by the profile registry, which reports every problem at once.
 *
 * @since 0.1
 */
@Value.Immutable(prehash = true)
@NestcheckStyle
@JsonSerialize(as = ImmutableGuestProfile.class)
@JsonDeserialize(as = ImmutableGuestProfile.class)
public abstract class GuestProfile implements WithGuestProfile {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");

  /** The stable id, lower case with dashes and dots, for example {@code fusioncompute-cna-8}. */
  public abstract String id();

  /** A name for people, for example {@code Huawei FusionCompute CNA 8.x}. */
  public abstract String displayName();

  /** A paragraph on what the profile is for and where its values come from. */
  public abstract Optional<String> description();

  /** The guest product, for example {@code VMware ESXi}. */
  public abstract Optional<String> product();

  /** The product versions the profile covers, for example {@code [8.0,9.0)}. */
  public abstract Optional<String> versions();

  /** The id of the parent profile. */
  @JsonProperty("extends")
  public abstract Optional<String> parent();

  /** The requirements; inherited field by field from the parent. */
  @Value.Default
  public ProfileRequirements requirements() {
    return ProfileRequirements.none();
  }

  /** Per-rule severity overrides, by rule id. */
  public abstract Map<String, Severity> severityOverrides();

  /** Rule ids that do not run for this profile. */
  public abstract Set<String> disabledRules();

  /** Guest OS ids (canonical) for which {@code --profile auto} picks this profile. */
  public abstract List<GuestOsId> autoSelectGuestOs();

  /** Sources (URLs or repository paths) for the requirements. */
  public abstract List<String> references();

  /** The vendor's support statement for running this guest nested, shown once per VM. */
  public abstract Optional<String> supportPosture();

  /** Whether the profile is abstract (a base to extend, never chosen on its own). */
  @Value.Default
  public boolean isAbstract() {
    return false;
  }

  @Value.Check
  void check() {
    if (!ID.matcher(id()).matches()) {
      throw new IllegalStateException("profile id '" + id() + "' must match " + ID.pattern());
    }
    if (displayName().isBlank()) {
      throw new IllegalStateException("profile " + id() + ": displayName must not be blank");
    }
    if (parent().isPresent() && parent().get().equals(id())) {
      throw new IllegalStateException("profile " + id() + " extends itself");
    }
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link GuestProfile} values. */
  public static final class Builder extends ImmutableGuestProfile.Builder {}
}
