package io.nestcheck.benchmarks;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.Disk;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Nic;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.ProfileRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark (1): {@code Evaluator.evaluate(host, vm, profile)}.
 *
 * <ul>
 *   <li>{@code baseline_handCheck}: the same-run baseline, a hand-written check of the compliant VM against the
 *       esxi-8 requirements that reads the same facts the rules read (requirements taken from the profile object,
 *       not constants). It is the floor of "deciding that this VM passes".
 *   <li>{@code compliant_esxi8}: the compliant nested ESXi 8 VM (parameter {@code vmx}: the example file with
 *       20 settings, or the same VM with the 105 settings of a real vSphere-written file), profile esxi-8 as
 *       shipped. Its only finding is NV-SUP-001, the INFO support note every nested-ESXi report carries.
 *   <li>{@code compliant_esxi8_pass}: the same VM with NV-SUP-001 disabled in the profile: zero findings, the
 *       "passing evaluation" of the target (should allocate nothing).
 *   <li>{@code compliant_esxi8_pass_checkOnly}: {@code Evaluator.check} (the findings list only) for the same
 *       pass, which separates the cost of the {@link EvaluationResult} from the cost of running the rules.
 *   <li>{@code cnaSeed}: {@code examples/fleet/cna01-seed.vmx} on an unknown host (as {@code nestcheck scan}
 *       evaluates it) for every built-in profile.
 * </ul>
 *
 * <p>Targets: compliant ≤ 1 µs and ≤ 64 B/op; CNA ≤ 5 µs. Run with {@code -prof gc} for B/op.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvaluatorBenchmark {

  /** The evaluator, the compliant VM, its host and the esxi-8 profile (as shipped, and without NV-SUP-001). */
  @State(Scope.Benchmark)
  public static class Compliant {
    /**
     * {@code example}: examples/fleet/esxi8-healthy.vmx (20 settings); {@code realistic}: the same VM with the
     * ~85 neutral entries a vSphere-written .vmx carries (105 settings).
     */
    @Param({"example", "realistic"})
    public String vmx;

    Evaluator evaluator;
    HostCapabilities host;
    VmConfiguration vm;
    GuestProfile esxi8;
    GuestProfile esxi8Pass;
    ProfileRequirements req;

    @Setup(Level.Trial)
    public void setUp() {
      Nestcheck nc = Nestcheck.create();
      evaluator = nc.evaluator();
      host = Vms.esxi8Host();
      vm = vmx.equals("example") ? Vms.compliantEsxi8() : Vms.compliantEsxi8Realistic();
      esxi8 = nc.profiles().resolve("esxi-8");
      Set<String> disabled = new TreeSet<>(esxi8.disabledRules());
      disabled.add("NV-SUP-001");
      esxi8Pass = esxi8.withDisabledRules(disabled);
      req = esxi8.requirements();
      // the premise of the benchmark: fail loudly if the VM is not what it claims to be
      List<String> ids = evaluator.evaluate(host, vm, esxi8).findings().stream().map(Finding::ruleId).toList();
      if (!ids.equals(List.of("NV-SUP-001"))) {
        throw new IllegalStateException("the compliant VM has findings " + ids + " against esxi-8");
      }
      if (!evaluator.evaluate(host, vm, esxi8Pass).findings().isEmpty()) {
        throw new IllegalStateException("the passing evaluation has findings");
      }
      if (!HandCheck.passes(host, vm, req)) {
        throw new IllegalStateException("the hand-written check does not pass the compliant VM");
      }
    }
  }

  /** The CNA seed VM against one built-in profile. */
  @State(Scope.Benchmark)
  public static class Cna {
    /** Every built-in profile (checked against the registry at set-up). */
    @Param({"esxi", "esxi-6.7", "esxi-7", "esxi-8", "fusioncompute-cna", "fusioncompute-cna-6.5", "fusioncompute-cna-8",
        "hyperv", "kvm", "proxmox-ve", "nutanix-ce"})
    public String profile;

    Evaluator evaluator;
    HostCapabilities host;
    VmConfiguration vm;
    GuestProfile resolved;

    @Setup(Level.Trial)
    public void setUp() {
      Nestcheck nc = Nestcheck.create();
      Set<String> builtIn = ProfileRegistry.builtIn().ids();
      Set<String> listed = Set.of("esxi", "esxi-6.7", "esxi-7", "esxi-8", "fusioncompute-cna", "fusioncompute-cna-6.5",
          "fusioncompute-cna-8", "hyperv", "kvm", "proxmox-ve", "nutanix-ce");
      if (!builtIn.equals(listed)) {
        throw new IllegalStateException("the built-in profiles changed: " + builtIn + "; update @Param of Cna.profile");
      }
      evaluator = nc.evaluator();
      host = HostCapabilities.unknown();
      vm = Vms.cnaSeed();
      resolved = nc.profiles().resolve(profile);
      if (evaluator.evaluate(host, vm, resolved).findings().isEmpty()) {
        throw new IllegalStateException("the CNA seed VM passes " + profile + "; it should not");
      }
    }
  }

  @Benchmark
  public boolean baseline_handCheck(Compliant s) {
    return HandCheck.passes(s.host, s.vm, s.req);
  }

  @Benchmark
  public EvaluationResult compliant_esxi8(Compliant s) {
    return s.evaluator.evaluate(s.host, s.vm, s.esxi8);
  }

  @Benchmark
  public EvaluationResult compliant_esxi8_pass(Compliant s) {
    return s.evaluator.evaluate(s.host, s.vm, s.esxi8Pass);
  }

  @Benchmark
  public List<Finding> compliant_esxi8_pass_checkOnly(Compliant s) {
    return s.evaluator.check(s.host, s.vm, s.esxi8Pass, Optional.empty());
  }

  @Benchmark
  public EvaluationResult cnaSeed(Cna s) {
    return s.evaluator.evaluate(s.host, s.vm, s.resolved);
  }

  /** The hand-written check: what a single-purpose checker of these requirements would read. */
  static final class HandCheck {
    private HandCheck() {}

    static boolean passes(HostCapabilities host, VmConfiguration vm, ProfileRequirements req) {
      boolean ok = true;
      // CPU and nested HV
      ok &= !req.nestedHv().orElse(false) || vm.nestedHv() == TriState.YES;
      ok &= vm.vcpus() >= req.minVcpus().orElse(1);
      ok &= vm.vcpus() % vm.coresPerSocket() == 0;
      ok &= vm.cpuidMasks().isEmpty();
      // hardware version
      int hw = vm.hardwareVersion().orElse(0);
      ok &= hw >= req.minHardwareVersion().orElse(1) && hw >= 9;
      ok &= host.maxHardwareVersion().isEmpty() || hw <= host.maxHardwareVersion().getAsInt();
      // memory
      ok &= vm.memoryMiB() >= req.minMemoryMiB().orElse(0) && vm.memoryMiB() >= req.recommendedMemoryMiB().orElse(0);
      ok &= !req.fullMemoryReservation().orElse(false) || vm.memoryReservationMiB() >= vm.memoryMiB();
      // firmware and guest OS
      ok &= req.allowedFirmware().isEmpty() || req.allowedFirmware().contains(vm.firmware());
      ok &= !vm.secureBoot() || vm.firmware() == io.nestcheck.api.Firmware.EFI;
      ok &= req.guestOsIds().isEmpty() || (vm.guestOs().isPresent() && req.guestOsIds().contains(vm.guestOs().get()));
      // host
      ok &= host.feature(CpuFeature.VMX) == TriState.YES && host.feature(CpuFeature.EPT) == TriState.YES;
      ok &= host.virtualizationEnabledInFirmware() == TriState.YES && host.nestedHvSupported() == TriState.YES;
      ok &= host.evcMode().isEmpty();
      // network
      for (Nic n : vm.nics()) {
        ok &= req.supportedNics().contains(n.type());
        if (n.portSecurity().isPresent()) {
          PortSecurityPolicy p = n.portSecurity().get();
          ok &= !req.promiscuousMode().orElse(false) || p.allowPromiscuous() == TriState.YES;
          ok &= !req.forgedTransmits().orElse(false) || p.forgedTransmits() == TriState.YES;
          ok &= !req.macChanges().orElse(false) || p.macChanges() == TriState.YES;
        } else {
          ok = false;
        }
      }
      // storage
      for (StorageController c : vm.controllers()) {
        ok &= req.supportedControllers().contains(c.type());
      }
      long minBoot = req.minBootDiskGiB().orElse(0) * 1024;
      for (Disk d : vm.disks()) {
        ok &= d.capacityMiB().orElse(0) >= minBoot;
        break;
      }
      // hygiene and settings
      ok &= vm.peripherals().isEmpty();
      if (req.guestRunsNtp().orElse(false)) {
        boolean sync = false;
        for (Setting st : vm.settings()) {
          if (st.key().equalsIgnoreCase("tools.syncTimeWithHost")) {
            sync = st.value().equalsIgnoreCase("TRUE");
            break;
          }
        }
        ok &= !sync;
      }
      return ok;
    }
  }
}
