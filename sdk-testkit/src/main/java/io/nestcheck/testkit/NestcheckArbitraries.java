package io.nestcheck.testkit;

import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.VmConfiguration;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik generators for the nestcheck model: hosts, VMs, guest profiles, fix actions and plans, inventories.
 *
 * <p>Values are realistic (a VM looks like what a reader of its {@link VmOrigin} produces; an Intel host has VT-x
 * and EPT, not SVM) and cover the edges that break code: facts left unknown, {@code UNSPECIFIED} device types,
 * duplicate and unknown raw settings, boundary sizes, inconsistent CPU topologies, text that is hard for JSON and
 * YAML.
 *
 * <p><b>Shrinking.</b> Every value is built from independent, shrinkable choices (jqwik {@code Builders} and
 * {@code Combinators}, no filtering on the hot path), so a failing property reports a small counterexample: VMs
 * shrink towards an inventory VM named {@code vm1} with 1 vCPU, 4096 MiB, no devices, no raw settings and every
 * fact unknown; hosts shrink towards {@link HostCapabilities#unknown()}; lists towards empty. A memory-size bug at
 * 4 GiB therefore shrinks to exactly {@code 4095} or {@code 4096} MiB.
 *
 * <p>The generators are also registered as jqwik default providers (so {@code @ForAll VmConfiguration vm} works
 * without wiring) and collected in {@link NestcheckDomain} for {@code @Domain(NestcheckDomain.class)}.
 *
 * {@snippet :
 * @Property
 * void everyVmEvaluates(@ForAll("vms") VmConfiguration vm) {
 *   Evaluator.of(RuleCatalog.builtIn()).evaluate(HostCapabilities.unknown(), vm, profile);
 * }
 *
 * @Provide
 * Arbitrary<VmConfiguration> vms() {
 *   return NestcheckArbitraries.vmConfigurationsFor(profile);
 * }
 * }
 *
 * <p>The class is stateless and thread-safe; every method returns a new arbitrary.
 *
 * @since 0.1
 */
public final class NestcheckArbitraries {
  private NestcheckArbitraries() {}

  /**
   * Hosts from "nothing known" to fully described ones: platform and release (with the newest hardware version the
   * release runs), CPU vendor with the vendor's own features (Intel: VMX, EPT; AMD and Hygon: SVM, NPT) present,
   * absent or unknown, the other vendor's features known absent, firmware/IOMMU/nested-HV verdicts, EVC modes.
   *
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<HostCapabilities> hostCapabilities() {
    return HostGenerator.hosts();
  }

  /**
   * Pairs of a host and a host with at least its capabilities: the same host plus more present CPU features
   * (each removed from the absent ones), firmware, IOMMU and nested-HV verdicts raised to {@code YES}, and a higher
   * newest hardware version where one is stated; everything else (platform, vendor, EVC mode, names) is equal.
   * Shrinks towards the pair of two equal hosts.
   *
   * @return the arbitrary of (weaker, stronger) pairs; never {@code null}
   */
  public static Arbitrary<Tuple2<HostCapabilities, HostCapabilities>> hostUpgrades() {
    return HostGenerator.upgrades();
  }

  /**
   * VMs of every {@link VmOrigin}.
   *
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<VmConfiguration> vmConfigurations() {
    return VmGenerator.vms(VmGenerator.Bias.NONE, List.of(VmOrigin.values()));
  }

  /**
   * VMs that imitate one origin.
   *
   * @param origin the origin; never {@code null}
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<VmConfiguration> vmConfigurations(VmOrigin origin) {
    Objects.requireNonNull(origin, "origin");
    return VmGenerator.vms(VmGenerator.Bias.NONE, List.of(origin));
  }

  /**
   * VMs of every origin, biased towards the boundaries of {@code profile}: memory and vCPUs at, just below and just
   * above its minimums and recommendations, hardware versions around its minimum (and around 9, 13, 14 and 19,
   * where nested HV, vNVMe and VBS start), its guest OS ids, supported and unsupported NIC and controller types
   * (supported ones first, so counterexamples use them unless the failure needs another), boot disks one MiB short
   * of its minimum, its required settings present, absent, in other case and with other values, reservations one
   * MiB short of full.
   *
   * @param profile a resolved profile (no {@code extends}); never {@code null}
   * @return the arbitrary; never {@code null}
   * @throws IllegalArgumentException if {@code profile} is not resolved
   */
  public static Arbitrary<VmConfiguration> vmConfigurationsFor(GuestProfile profile) {
    Objects.requireNonNull(profile, "profile");
    if (profile.parent().isPresent()) {
      throw new IllegalArgumentException("profile " + profile.id() + " extends " + profile.parent().get()
          + "; pass the resolved profile (ProfileRegistry.resolve)");
    }
    return VmGenerator.vms(VmGenerator.Bias.of(profile), List.of(VmOrigin.values()));
  }

  /**
   * Valid root guest profiles (no {@code extends}, not abstract): every value within the published schema, and
   * every check of {@link io.nestcheck.core.ProfileRegistry#validate} passed against the built-in rule catalog.
   * Display names and texts include YAML keywords, quotes, non-ASCII characters and line breaks. A root profile is
   * its own resolved form, so it can be evaluated directly.
   *
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<GuestProfile> guestProfiles() {
    return ProfileGenerator.roots();
  }

  /**
   * Valid (parent, child) profile pairs with a registry that resolves both. Parents are roots or extend a built-in
   * profile and may be abstract; children override any subset of the parent's requirements (related requirements
   * as a unit, so the resolved child stays valid), and sometimes nothing at all.
   *
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<ProfileFamily> profileFamilies() {
    return ProfileGenerator.families();
  }

  /**
   * Fix actions of every type, {@link io.nestcheck.api.ManualStep}s included, naming devices such as {@code
   * ethernet0} and {@code scsi0}.
   *
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<FixAction> fixActions() {
    return PlanGenerator.fixActions();
  }

  /**
   * Free-standing fix plans shaped as a planner makes them: automatable actions with distinct targets in the
   * planner's phase order, manual steps, and sometimes a conflict.
   *
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<FixPlan> fixPlans() {
    return PlanGenerator.plans();
  }

  /**
   * Fix plans for {@code vm}: actions with distinct targets that name only devices, port groups and peripherals
   * {@code vm} has, in the planner's phase order, and sometimes a manual step. Applying one with
   * {@link io.nestcheck.core.fix.FixApplier} never fails for an unknown device.
   *
   * @param vm the VM; never {@code null}
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<FixPlan> fixPlansFor(VmConfiguration vm) {
    Objects.requireNonNull(vm, "vm");
    return PlanGenerator.plansFor(vm);
  }

  /**
   * Live inventories as a platform adapter returns them: up to three hosts ({@code host-1}, ...), up to four
   * {@link VmOrigin#INVENTORY} VMs with distinct sources, sorted by name then source, whose host references
   * resolve or are absent, and notes for skipped objects.
   *
   * @return the arbitrary; never {@code null}
   */
  public static Arbitrary<Inventory> inventories() {
    return PlanGenerator.inventories();
  }
}
