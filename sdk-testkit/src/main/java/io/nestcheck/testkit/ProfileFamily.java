package io.nestcheck.testkit;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.ProfileRegistry;
import java.util.Objects;

/**
 * A parent profile, a child profile that {@code extends} it, and a registry that holds both (plus the built-in
 * profiles, one of which the parent may itself extend), as {@link NestcheckArbitraries#profileFamilies()}
 * generates them.
 *
 * <p>Both profiles pass the registry's validation ({@link ProfileRegistry#validate}) against the built-in rule
 * catalog, and {@link #registry()} resolves both. Instances are immutable.
 *
 * @since 0.1
 */
public final class ProfileFamily {
  private final GuestProfile parent;
  private final GuestProfile child;
  private final ProfileRegistry registry;

  private ProfileFamily(GuestProfile parent, GuestProfile child, ProfileRegistry registry) {
    this.parent = parent;
    this.child = child;
    this.registry = registry;
  }

  /**
   * A family of {@code parent} and {@code child} over the built-in profiles.
   *
   * @param parent the parent as written; never {@code null}
   * @param child the child as written, whose {@code extends} names {@code parent}; never {@code null}
   * @return the family; never {@code null}
   * @throws IllegalArgumentException if {@code child} does not extend {@code parent}
   * @throws io.nestcheck.core.ProfileException if an id clashes with a built-in profile
   */
  public static ProfileFamily of(GuestProfile parent, GuestProfile child) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(child, "child");
    if (!child.parent().map(parent.id()::equals).orElse(false)) {
      throw new IllegalArgumentException("profile " + child.id() + " does not extend " + parent.id());
    }
    ProfileRegistry registry = ProfileRegistry.builtIn()
        .with(parent, "generated:" + parent.id())
        .with(child, "generated:" + child.id());
    return new ProfileFamily(parent, child, registry);
  }

  /** The parent as written; it may itself extend a built-in profile. Never {@code null}. */
  public GuestProfile parent() {
    return parent;
  }

  /** The child as written; its {@code extends} names {@link #parent()}. Never {@code null}. */
  public GuestProfile child() {
    return child;
  }

  /** The built-in profiles plus the parent and the child. Never {@code null}. */
  public ProfileRegistry registry() {
    return registry;
  }

  /** The parent with inheritance applied. Never {@code null}. */
  public GuestProfile resolvedParent() {
    return registry.resolve(parent.id());
  }

  /** The child with inheritance applied. Never {@code null}. */
  public GuestProfile resolvedChild() {
    return registry.resolve(child.id());
  }

  /**
   * Whether the child states nothing of its own beyond its id, display name and parent: no requirement, severity
   * override, disabled rule, description, product, reference or support posture. Such a child must evaluate
   * exactly like its parent.
   */
  public boolean childOverridesNothing() {
    GuestProfile bare = GuestProfile.builder().id(child.id()).displayName(child.displayName()).parent(child.parent())
        .build();
    return bare.equals(child);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProfileFamily f && f.parent.equals(parent) && f.child.equals(child);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parent, child);
  }

  @Override
  public String toString() {
    return "ProfileFamily{parent=" + parent + ", child=" + child + "}";
  }
}
