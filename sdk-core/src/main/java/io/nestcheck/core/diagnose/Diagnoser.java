package io.nestcheck.core.diagnose;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Severity;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.host.CpuInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Explains a symptom: given the error text a user sees (a kernel message, an installer screen, a stop code, a
 * {@code vmware.log} line, a FusionCompute message), and optionally the VM's configuration, the guest profile and
 * the guest's own {@code /proc/cpuinfo}, ranks the likely causes and gives the fixes.
 *
 * {@snippet :
 * Diagnosis d = Diagnoser.builtIn().diagnose("[    0.91] kvm: no hardware support", Optional.of(vm),
 *     Optional.of(ProfileRegistry.builtIn().resolve("fusioncompute-cna-8")), Optional.empty(), host);
 * d.top().ifPresent(c -> System.out.println(c.status() + " " + c.title() + " " + c.fixes()));
 * }
 *
 * <p>How causes are ranked:
 * <ol>
 *   <li>Every {@linkplain SymptomCatalog symptom} whose pattern matches the text contributes its causes, weighted
 *       by their catalog rank (100 for the first, 50 for the second, 33 for the third, ...); a cause pointed at by
 *       several symptoms adds up.
 *   <li>When a VM is given, it is checked with the {@link Evaluator} against the profile (the given one, else the
 *       one {@link ProfileRegistry#autoSelect} picks by guest OS, else a generic "guest hypervisor" profile that
 *       only requires nested virtualization). A cause whose rules report a WARNING or ERROR finding is
 *       {@linkplain CauseStatus#CONFIRMED confirmed by your configuration} and carries those findings and their
 *       fixes; a cause whose rules all ran and passed is {@linkplain CauseStatus#NOT_SEEN not seen}; host rules
 *       count as run only when the host is known.
 *   <li>Guest evidence: a guest {@code /proc/cpuinfo} without {@code vmx} and {@code svm} proves that hardware
 *       virtualization does not reach the guest (the last check of the usual troubleshooting flow); the evidence
 *       symptom's cause is then confirmed, tied to NV-CPU-001 and the host rules. A guest {@code /proc/cpuinfo}
 *       <em>with</em> {@code vmx} or {@code svm} contradicts every "VT-x does not reach the guest" cause, which is
 *       then not seen (unless the configuration confirms it, which is reported as a contradiction).
 *   <li>A symptom that cannot come from the profile's guest (a Windows stop code with FusionCompute CNA, which is
 *       Linux/KVM based) makes its causes {@linkplain CauseStatus#NOT_APPLICABLE not applicable} and adds a note.
 *   <li>Order: status (confirmed, possible, not seen, not applicable); among confirmed causes the highest finding
 *       severity first; then score; then id.
 * </ol>
 * Without a VM but with a described host, only the host rules' findings are used (the rules run on a placeholder
 * VM whose own findings are dropped).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Diagnoser {
  /** The profile used when a VM is given without one and none is selected by guest OS. */
  static final GuestProfile GENERIC = GuestProfile.builder()
      .id("generic-guest-hypervisor")
      .displayName("A guest hypervisor (generic: only nested virtualization is required)")
      .requirements(ProfileRequirements.builder().nestedHv(true).build())
      .build();

  /** The VM host rules are run with when only the host is described; its own findings are dropped. */
  private static final VmConfiguration PLACEHOLDER = VmConfiguration.builder()
      .name("(no VM given)").source("(none)").memoryMiB(65536).vcpus(8).coresPerSocket(8)
      .nestedHv(io.nestcheck.api.TriState.YES).build();

  private final SymptomCatalog catalog;
  private final Evaluator evaluator;
  private final ProfileRegistry profiles;

  private Diagnoser(SymptomCatalog catalog, Evaluator evaluator, ProfileRegistry profiles) {
    this.catalog = catalog;
    this.evaluator = evaluator;
    this.profiles = profiles;
  }

  /** The built-in symptom catalog, rules and profiles. */
  public static Diagnoser builtIn() {
    return of(SymptomCatalog.builtIn(), Evaluator.of(RuleCatalog.builtIn()), ProfileRegistry.builtIn());
  }

  /**
   * A diagnoser over the given parts.
   *
   * @param catalog the symptoms; never {@code null}
   * @param evaluator the rules a VM is checked with; never {@code null}
   * @param profiles the profiles for automatic selection and resolution; never {@code null}
   */
  public static Diagnoser of(SymptomCatalog catalog, Evaluator evaluator, ProfileRegistry profiles) {
    return new Diagnoser(Objects.requireNonNull(catalog, "catalog"), Objects.requireNonNull(evaluator, "evaluator"),
        Objects.requireNonNull(profiles, "profiles"));
  }

  /** The symptom catalog. */
  public SymptomCatalog catalog() {
    return catalog;
  }

  /**
   * Diagnoses one symptom.
   *
   * @param symptomText the text the user sees, any length, several lines allowed; never {@code null}
   * @param vm the configuration of the VM that shows the symptom, when known; never {@code null}
   * @param profile the guest hypervisor's profile (resolved, or one of the registry's), when known; never {@code
   *     null}
   * @param guestCpuinfo the text of {@code /proc/cpuinfo} inside the guest, when available; never {@code null}
   * @param host the outer host, {@link HostCapabilities#unknown()} when unknown; never {@code null}
   * @return the diagnosis; never {@code null}; without matches when no known symptom and no evidence was found
   * @throws IllegalArgumentException if {@code profile} extends another profile the registry cannot resolve
   */
  public Diagnosis diagnose(String symptomText, Optional<VmConfiguration> vm, Optional<GuestProfile> profile,
      Optional<String> guestCpuinfo, HostCapabilities host) {
    Objects.requireNonNull(symptomText, "symptomText");
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(guestCpuinfo, "guestCpuinfo");
    Objects.requireNonNull(host, "host");
    List<String> notes = new ArrayList<>();

    // the profile and the VM's findings
    Optional<GuestProfile> used = profile.map(this::resolved);
    if (used.isEmpty() && vm.isPresent()) {
      Optional<ProfileRegistry.Selection> auto = profiles.autoSelect(vm.get());
      if (auto.isPresent()) {
        used = Optional.of(auto.get().profile());
        notes.add("Profile " + auto.get().profile().id() + " was selected: " + auto.get().reason() + ".");
      } else {
        used = Optional.of(GENERIC);
        notes.add("No profile was given or matched the VM's guest OS, so the VM was checked against a generic guest "
            + "hypervisor profile that only requires nested virtualization.");
      }
    }
    List<Finding> findings = new ArrayList<>();
    Checked checked;
    if (vm.isPresent()) {
      for (Finding f : evaluator.check(host, vm.get(), used.get(), Optional.empty())) {
        if (!f.isSuppressed()) {
          findings.add(f);
        }
      }
      checked = Checked.VM;
    } else if (!host.isUnknown()) {
      // no VM, but a described host: run the rules on a placeholder VM and keep only the host's findings
      GuestProfile p = used.orElse(GENERIC);
      for (Finding f : evaluator.check(host, PLACEHOLDER, p, Optional.empty())) {
        if (!f.isSuppressed() && f.subject().kind() == io.nestcheck.api.Subject.Kind.HOST) {
          findings.add(f);
        }
      }
      used = Optional.of(p);
      checked = Checked.HOST;
      notes.add("No VM configuration was given: only the host's capabilities were checked; give the VM's file to "
          + "confirm or rule out the causes in the VM.");
    } else {
      checked = Checked.NOTHING;
      notes.add("No VM configuration was given, so the causes are ranked by the symptom catalog alone; give the "
          + "VM's file to confirm or rule them out.");
    }

    // the guest's evidence
    TriState guestHv = TriState.UNKNOWN;
    String guestWhat = "";
    if (guestCpuinfo.isPresent()) {
      try {
        HostCapabilities g = CpuInfo.parse(guestCpuinfo.get());
        TriState vmx = g.feature(CpuFeature.VMX);
        TriState svm = g.feature(CpuFeature.SVM);
        if (vmx.isYes() || svm.isYes()) {
          guestHv = TriState.YES;
          guestWhat = "the guest's /proc/cpuinfo lists " + (vmx.isYes() ? "vmx" : "svm")
              + ", so hardware virtualization reaches the guest";
        } else if (vmx.isNo() && svm.isNo()) {
          guestHv = TriState.NO;
          guestWhat = "the guest's /proc/cpuinfo lists neither vmx nor svm"
              + (g.feature(CpuFeature.HYPERVISOR).isYes() ? " (it does list the hypervisor flag: it is a VM)" : "")
              + ", so hardware virtualization does not reach the guest";
        } else {
          notes.add("The guest's /proc/cpuinfo has no flags line, so it says nothing about vmx/svm.");
        }
      } catch (IllegalArgumentException e) {
        notes.add("The guest cpuinfo could not be read: " + e.getMessage());
      }
    }

    // symptoms and their causes
    List<SymptomMatch> matches = new ArrayList<>();
    Map<String, Acc> accs = new LinkedHashMap<>();
    for (Symptom s : catalog.symptoms()) {
      Optional<String> line;
      boolean evidence = s.context() == SymptomContext.GUEST_CPUINFO;
      if (evidence) {
        line = guestHv == TriState.NO ? Optional.of(guestWhat) : Optional.empty();
      } else {
        line = s.firstMatch(symptomText);
      }
      if (line.isEmpty()) {
        continue;
      }
      matches.add(new SymptomMatch(s.id(), s.title(), s.context(), line.get()));
      Optional<String> na = used.flatMap(p -> s.notApplicableTo(p.id()));
      na.ifPresent(n -> {
        if (!notes.contains(n)) {
          notes.add(n);
        }
      });
      for (int r = 0; r < s.causes().size(); r++) {
        SymptomCause c = s.causes().get(r);
        Acc acc = accs.computeIfAbsent(c.id(), k -> new Acc(c));
        acc.score += 100 / (r + 1);
        acc.symptoms.add(s.id());
        acc.applicable |= na.isEmpty();
        acc.proven |= evidence;
      }
    }
    if (matches.isEmpty()) {
      notes.add("No known symptom was recognized in the text" + (guestCpuinfo.isPresent() ? " or the guest's cpuinfo" : "")
          + "; the catalog has " + catalog.symptoms().size() + " symptoms.");
    }

    List<LikelyCause> causes = new ArrayList<>();
    for (Acc acc : accs.values()) {
      causes.add(rate(acc, checked, used, findings, host, guestHv, guestWhat));
    }
    causes.sort(Comparator.comparing(LikelyCause::status)
        .thenComparing(c -> -maxSeverity(c.findings()))
        .thenComparing(c -> -c.score())
        .thenComparing(LikelyCause::id));
    if (host.isUnknown() && causes.stream().anyMatch(c -> c.ruleIds().stream().anyMatch(Diagnoser::hostRule))) {
      notes.add("The host's capabilities are unknown, so causes on the host (VT-x disabled in the firmware, no EPT, "
          + "the platform refusing nested virtualization) could not be checked; describe the host to check them.");
    }
    return new Diagnosis(matches, causes, notes, vm.isPresent() ? used.map(GuestProfile::id) : Optional.empty());
  }

  private GuestProfile resolved(GuestProfile p) {
    if (p.parent().isEmpty()) {
      return p;
    }
    if (profiles.find(p.id()).map(p::equals).orElse(false)) {
      return profiles.resolve(p.id());
    }
    throw new IllegalArgumentException("profile " + p.id() + " extends " + p.parent().get()
        + " and is not in the registry; resolve it with ProfileRegistry first");
  }

  private LikelyCause rate(Acc acc, Checked checked, Optional<GuestProfile> profile, List<Finding> all,
      HostCapabilities host, TriState guestHv, String guestWhat) {
    SymptomCause c = acc.cause;
    List<Finding> tied = new ArrayList<>();
    for (Finding f : all) {
      if (c.ruleIds().contains(f.ruleId())) {
        tied.add(f);
      }
    }
    List<String> evidence = new ArrayList<>();
    CauseStatus status = CauseStatus.POSSIBLE;
    boolean confirmedByConfig = false;
    for (Finding f : tied) {
      if (f.severity().atLeast(Severity.WARNING)) {
        confirmedByConfig = true;
        evidence.add("Confirmed by your configuration: " + f.ruleId() + " " + f.message());
      } else {
        evidence.add("Possibly: " + f.ruleId() + " " + f.message());
      }
    }
    if (confirmedByConfig) {
      status = CauseStatus.CONFIRMED;
    }
    if (acc.proven) {
      status = CauseStatus.CONFIRMED;
      evidence.add(0, "Proven by the guest's evidence: " + guestWhat + ".");
    } else if (c.hvExposure() && guestHv == TriState.NO) {
      evidence.add("Consistent with the guest's evidence: " + guestWhat + ".");
    } else if (c.hvExposure() && guestHv == TriState.YES) {
      if (status == CauseStatus.CONFIRMED) {
        evidence.add("Contradiction: " + guestWhat + "; the configuration checked is not the one the guest runs "
            + "with, or the change has not been applied (power the VM off and on).");
      } else {
        status = CauseStatus.NOT_SEEN;
        evidence.add("Ruled out by the guest's evidence: " + guestWhat + ".");
      }
    }
    if (status == CauseStatus.POSSIBLE && tied.isEmpty() && checked != Checked.NOTHING
        && ran(c, checked, profile.get(), host)) {
      status = CauseStatus.NOT_SEEN;
      evidence.add("Not seen in your " + (checked == Checked.VM ? "configuration" : "host's capabilities") + ": "
          + String.join(", ", c.ruleIds()) + " passed for profile " + profile.get().id() + ".");
    }
    if (!acc.applicable && status != CauseStatus.CONFIRMED) {
      status = CauseStatus.NOT_APPLICABLE;
    }
    Set<FixAction> fixes = new LinkedHashSet<>();
    if (status == CauseStatus.CONFIRMED) {
      for (Finding f : tied) {
        if (f.severity().atLeast(Severity.WARNING)) {
          fixes.addAll(f.fixes());
        }
      }
    }
    return new LikelyCause(c.id(), c.title(), status, acc.score, List.copyOf(acc.symptoms), c.ruleIds(),
        c.explanation(), evidence, tied, List.copyOf(fixes));
  }

  /**
   * Whether at least one of the cause's rules ran meaningfully: registered and enabled; a host rule only when the
   * host is known; a VM rule only when a VM was checked.
   */
  private boolean ran(SymptomCause c, Checked checked, GuestProfile profile, HostCapabilities host) {
    for (String id : c.ruleIds()) {
      if (!evaluator.catalog().contains(id) || profile.disabledRules().contains(id)) {
        continue;
      }
      if (hostRule(id) ? !host.isUnknown() : checked == Checked.VM) {
        return true;
      }
    }
    return false;
  }

  /** What was checked with the rules. */
  private enum Checked {
    VM,
    HOST,
    NOTHING
  }

  private static boolean hostRule(String ruleId) {
    return ruleId.startsWith("NV-HOST-");
  }

  private static int maxSeverity(List<Finding> findings) {
    int max = -1;
    for (Finding f : findings) {
      if (f.severity().atLeast(Severity.WARNING)) {
        max = Math.max(max, f.severity().ordinal());
      }
    }
    return max;
  }

  /** The running total of one cause. */
  private static final class Acc {
    final SymptomCause cause;
    int score;
    final Set<String> symptoms = new LinkedHashSet<>();
    boolean applicable;
    boolean proven;

    Acc(SymptomCause cause) {
      this.cause = cause;
    }
  }
}
