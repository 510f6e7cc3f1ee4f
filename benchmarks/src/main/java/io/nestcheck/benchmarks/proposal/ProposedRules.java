package io.nestcheck.benchmarks.proposal;

import io.nestcheck.api.Nic;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.api.spi.RulePack;
import io.nestcheck.core.rules.BuiltInRules;
import io.nestcheck.core.rules.common.Targets;
import io.nestcheck.core.rules.cpu.CpuidMaskHidesVirtualization;
import io.nestcheck.core.rules.format.DuplicateSetting;
import io.nestcheck.core.rules.network.PortGroupBlocksNestedTraffic;
import io.nestcheck.core.rules.network.PortGroupPolicyUnknown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PROTOTYPE (benchmarks only): the built-in rules with the four that allocate on a passing VM (JFR, README
 * "Findings") wrapped in an allocation-free guard. Each guard decides, without allocating, whether the original
 * rule can report anything; only then does it run the original, so the findings are exactly the original ones (the
 * benchmark checks that at set-up on the example fleet, the CNA seed VM and generated fleet files).
 *
 * <ul>
 *   <li>NV-FMT-001 (duplicate keys): the original builds a {@code LinkedHashMap} of lower-cased keys with an
 *       {@code ArrayList} per key on every evaluation. Guard: case-insensitive hashes of the keys in a per-thread
 *       scratch array, sorted; the original runs only when two hashes are equal.
 *   <li>NV-CPU-002 (CPUID masks): the original concatenates {@code "featMask.vm.cpuid." + flag} once per setting
 *       and allocates a set and lists up front. Guard: no ECX mask and no {@code featMask.vm.cpuid.VMX/SVM} key.
 *   <li>NV-NET-004 / NV-NET-006 (port-group policy): the originals allocate a {@code HashSet} /
 *       {@code LinkedHashSet} before knowing whether any NIC is affected. Guard: the same per-NIC test first.
 * </ul>
 */
public final class ProposedRules implements RulePack {
  private final List<Rule> rules;

  public ProposedRules() {
    Map<Class<?>, Rule> replace = Map.of(
        DuplicateSetting.class, new DuplicateSettingGuard(),
        CpuidMaskHidesVirtualization.class, new CpuidMaskGuard(),
        PortGroupBlocksNestedTraffic.class, new PortGroupBlocksGuard(),
        PortGroupPolicyUnknown.class, new PortGroupUnknownGuard());
    List<Rule> list = new ArrayList<>();
    for (Rule r : new BuiltInRules().rules()) {
      list.add(replace.getOrDefault(r.getClass(), r));
    }
    this.rules = List.copyOf(list);
  }

  @Override
  public String id() {
    return "proposal";
  }

  @Override
  public List<Rule> rules() {
    return rules;
  }

  @RuleInfo(id = "NV-FMT-001", summary = "A setting key occurs more than once (keys compare ignoring case)",
      severity = Severity.WARNING, tags = {"format", "vmx"}, links = {"https://github.com/libvirt/libvirt/blob/master/src/vmx/vmx.c"})
  static final class DuplicateSettingGuard implements Rule {
    private static final Rule ORIGINAL = new DuplicateSetting();
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[512]);

    @Override
    public void check(RuleContext ctx) {
      List<Setting> settings = ctx.vm().settings();
      int n = settings.size();
      if (n < 2) {
        return;
      }
      int[] h = SCRATCH.get();
      if (h.length < n) {
        h = new int[Math.max(n, 2 * h.length)];
        SCRATCH.set(h);
      }
      for (int i = 0; i < n; i++) {
        h[i] = hashIgnoreCase(settings.get(i).key());
      }
      Arrays.sort(h, 0, n);
      for (int i = 1; i < n; i++) {
        if (h[i] == h[i - 1]) {
          ORIGINAL.check(ctx); // a real duplicate (or a hash collision): the original decides
          return;
        }
      }
    }

    /** Consistent with {@code toLowerCase(Locale.ROOT)} for keys that lower-case char by char (all .vmx keys). */
    static int hashIgnoreCase(String s) {
      int h = 0;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          c = (char) (c + 32);
        } else if (c >= 0x80) {
          c = Character.toLowerCase(c);
        }
        h = 31 * h + c;
      }
      return h;
    }
  }

  @RuleInfo(id = "NV-CPU-002", summary = "A CPUID mask hides VT-x/AMD-V from the guest hypervisor",
      severity = Severity.ERROR, tags = {"cpu", "nested-hv", "cpuid"}, links = {"https://communities.vmware.com/docs/DOC-8970"})
  static final class CpuidMaskGuard implements Rule {
    private static final Rule ORIGINAL = new CpuidMaskHidesVirtualization();

    @Override
    public void check(RuleContext ctx) {
      VmConfiguration vm = ctx.vm();
      if (vm.cpuidMasks().isEmpty()) {
        List<Setting> s = vm.settings();
        boolean feature = false;
        for (int i = 0; i < s.size() && !feature; i++) {
          String k = s.get(i).key();
          feature = k.equalsIgnoreCase("featMask.vm.cpuid.VMX") || k.equalsIgnoreCase("featMask.vm.cpuid.SVM");
        }
        if (!feature) {
          return;
        }
      }
      ORIGINAL.check(ctx);
    }
  }

  @RuleInfo(id = "NV-NET-004",
      summary = "The port group drops the nested guests' frames (promiscuous mode or forged transmits rejected)",
      severity = Severity.ERROR, tags = {"network", "port-group", "security-policy"}, links = {"https://williamlam.com/tag/virtual-switch"})
  static final class PortGroupBlocksGuard implements Rule {
    private static final Rule ORIGINAL = new PortGroupBlocksNestedTraffic();

    @Override
    public void check(RuleContext ctx) {
      ProfileRequirements req = ctx.requirements();
      List<Nic> nics = ctx.vm().nics();
      for (int i = 0; i < nics.size(); i++) {
        Optional<PortSecurityPolicy> p = nics.get(i).portSecurity();
        if (p.isPresent() && p.get().switchKind() != SwitchKind.OTHER && Targets.blocksNestedFrames(req, p.get())) {
          ORIGINAL.check(ctx);
          return;
        }
      }
    }
  }

  @RuleInfo(id = "NV-NET-006", summary = "The port-group security policy is unknown; make sure nested guests' frames can pass",
      severity = Severity.INFO, tags = {"network", "port-group", "unknown"}, links = {"https://williamlam.com/tag/virtual-switch"})
  static final class PortGroupUnknownGuard implements Rule {
    private static final Rule ORIGINAL = new PortGroupPolicyUnknown();

    @Override
    public void check(RuleContext ctx) {
      ProfileRequirements req = ctx.requirements();
      List<Nic> nics = ctx.vm().nics();
      for (int i = 0; i < nics.size(); i++) {
        if (unknown(req, nics.get(i))) {
          ORIGINAL.check(ctx);
          return;
        }
      }
    }

    /** PortGroupPolicyUnknown.unknown, verbatim. */
    private static boolean unknown(ProfileRequirements req, Nic nic) {
      if (nic.portSecurity().isEmpty()) {
        return true;
      }
      PortSecurityPolicy p = nic.portSecurity().get();
      if (p.switchKind() == SwitchKind.OTHER) {
        return false;
      }
      boolean learning = p.switchKind() == SwitchKind.DISTRIBUTED && p.macLearning().isYes();
      if (!learning) {
        if (req.promiscuousMode().orElse(false) && p.allowPromiscuous() == TriState.UNKNOWN) {
          return true;
        }
        if (req.forgedTransmits().orElse(false) && p.forgedTransmits() == TriState.UNKNOWN) {
          return true;
        }
      }
      return req.macChanges().orElse(false) && p.macChanges() == TriState.UNKNOWN;
    }
  }
}
