package io.nestcheck.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PlatformAdapterContractTest} may expect of the fixture behind an adapter: its id, the VMs it holds,
 * how many objects it skips, and which VMs to use for the apply tests. Every expectation is optional; without
 * one, the suite checks only what holds for every adapter.
 *
 * {@snippet :
 * @Override
 * protected AdapterExpectations expectations() {
 *   return AdapterExpectations.builder().id("vsphere").vmNames(List.of("cna01", "esxi8-lab"))
 *       .skippedObjects(1).applyVm("esxi8-lab").build();
 * }
 * }
 *
 * <p>Instances are immutable.
 *
 * @since 0.1
 */
public final class AdapterExpectations {
  private static final AdapterExpectations NONE = builder().build();

  private final Optional<String> id;
  private final Optional<List<String>> vmNames;
  private final int skippedObjects;
  private final Optional<String> applyVm;
  private final Optional<String> runningVm;
  private final String profileId;

  private AdapterExpectations(Builder b) {
    this.id = b.id;
    this.vmNames = b.vmNames;
    this.skippedObjects = b.skippedObjects;
    this.applyVm = b.applyVm;
    this.runningVm = b.runningVm;
    this.profileId = b.profileId;
  }

  /** No expectation beyond the contract; a shared instance. */
  public static AdapterExpectations none() {
    return NONE;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The adapter's {@link io.nestcheck.api.spi.PlatformAdapter#id()}, when it is to be checked. */
  public Optional<String> id() {
    return id;
  }

  /** The names of the VMs {@code inventory()} returns, in its order, when they are to be checked. */
  public Optional<List<String>> vmNames() {
    return vmNames;
  }

  /** The least number of notes {@code inventory()} returns (one per skipped object); 0 by default. */
  public int skippedObjects() {
    return skippedObjects;
  }

  /** The VM the dry-run and empty-plan tests use; by default the first VM of the inventory. */
  public Optional<String> applyVm() {
    return applyVm;
  }

  /** A powered-on VM for the power-off refusal test; by default the first powered-on VM, if any. */
  public Optional<String> runningVm() {
    return runningVm;
  }

  /** The built-in profile whose fix plan the dry-run test applies; {@code esxi-8} by default. */
  public String profileId() {
    return profileId;
  }

  /** Builds {@link AdapterExpectations}. */
  public static final class Builder {
    private Optional<String> id = Optional.empty();
    private Optional<List<String>> vmNames = Optional.empty();
    private int skippedObjects;
    private Optional<String> applyVm = Optional.empty();
    private Optional<String> runningVm = Optional.empty();
    private String profileId = "esxi-8";

    private Builder() {}

    /** Expects this adapter id. */
    public Builder id(String id) {
      this.id = Optional.of(Objects.requireNonNull(id, "id"));
      return this;
    }

    /** Expects exactly these VM names, in this order (sorted by name, as the contract requires). */
    public Builder vmNames(List<String> vmNames) {
      this.vmNames = Optional.of(List.copyOf(vmNames));
      return this;
    }

    /** Expects at least this many notes for skipped objects. */
    public Builder skippedObjects(int skippedObjects) {
      if (skippedObjects < 0) {
        throw new IllegalArgumentException("skippedObjects must be >= 0");
      }
      this.skippedObjects = skippedObjects;
      return this;
    }

    /** Uses the VM named {@code vmName} for the dry-run and empty-plan tests. */
    public Builder applyVm(String vmName) {
      this.applyVm = Optional.of(Objects.requireNonNull(vmName, "vmName"));
      return this;
    }

    /** Uses the powered-on VM named {@code vmName} for the power-off refusal test. */
    public Builder runningVm(String vmName) {
      this.runningVm = Optional.of(Objects.requireNonNull(vmName, "vmName"));
      return this;
    }

    /** Applies the fix plan of this built-in profile in the dry-run test. */
    public Builder profileId(String profileId) {
      this.profileId = Objects.requireNonNull(profileId, "profileId");
      return this;
    }

    /** Builds the expectations. */
    public AdapterExpectations build() {
      return new AdapterExpectations(this);
    }
  }
}
