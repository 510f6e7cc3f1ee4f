package io.nestcheck.vsphere;

import com.vmware.vim25.HostCpuIdInfo;
import com.vmware.vim25.HostFeatureCapability;
import com.vmware.vim25.HostNetworkPolicy;
import com.vmware.vim25.HostNetworkSecurityPolicy;
import com.vmware.vim25.HostPortGroup;
import com.vmware.vim25.HostVirtualSwitch;
import com.vmware.vim25.ManagedObjectReference;
import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps a {@code HostSystem}'s properties to {@link HostCapabilities} and its standard port groups. */
final class HostMapper {
  private HostMapper() {}

  /** {@code config.featureCapability} keys per feature, compared case-insensitively; advisory only. */
  private static final Map<String, CpuFeature> FEATURE_KEYS = Map.of(
      "cpuid.vmx", CpuFeature.VMX,
      "cpuid.svm", CpuFeature.SVM,
      "cpuid.svm_npt", CpuFeature.NPT);

  static HostCapabilities map(Props p, Map<String, String> clusterEvc) {
    HostCapabilities.Builder b = HostCapabilities.builder().platform(Platform.ESXI);
    String name = p.string("name");
    b.name(name != null ? VmMapper.unescapeName(name) : p.id());
    str(p, "config.product.version").ifPresent(b::productVersion);
    str(p, "config.product.build").ifPresent(b::productBuild);
    Boolean nested = p.bool("capability.nestedHVSupported");
    if (nested != null) {
      b.nestedHvSupported(TriState.of(nested));
    }
    String model = p.string("summary.hardware.cpuModel");
    if (model != null && !model.isBlank()) {
      b.cpuModel(model.strip());
    }
    List<HostCpuIdInfo> leaves = p.list("hardware.cpuFeature", HostCpuIdInfo.class);
    CpuVendor vendor = Cpuid.vendorOfModel(model);
    if (vendor == CpuVendor.UNKNOWN) {
      vendor = Cpuid.vendorOfLeaf0(leaves);
    }
    b.cpuVendor(vendor);

    Map<CpuFeature, TriState> advisory = new HashMap<>();
    for (HostFeatureCapability fc : p.list("config.featureCapability", HostFeatureCapability.class)) {
      if (fc.getKey() == null) {
        continue;
      }
      CpuFeature f = FEATURE_KEYS.get(fc.getKey().toLowerCase(Locale.ROOT));
      if (f != null && fc.getValue() != null) {
        String v = fc.getValue().strip();
        advisory.put(f, v.equals("1") || v.equalsIgnoreCase("true") ? TriState.YES
            : v.equals("0") || v.equalsIgnoreCase("false") ? TriState.NO : TriState.UNKNOWN);
      }
    }
    for (CpuFeature f : Cpuid.decodable()) {
      TriState t = Cpuid.feature(leaves, f);
      if (t == TriState.UNKNOWN) {
        t = advisory.getOrDefault(f, TriState.UNKNOWN);
      }
      if (t == TriState.YES) {
        b.addCpuFeatures(f);
      } else if (t == TriState.NO) {
        b.addAbsentCpuFeatures(f);
      }
    }
    // NPT has no bit in the vectors vSphere returns; only the advisory key can tell.
    TriState npt = advisory.getOrDefault(CpuFeature.NPT, TriState.UNKNOWN);
    if (npt == TriState.YES) {
      b.addCpuFeatures(CpuFeature.NPT);
    } else if (npt == TriState.NO) {
      b.addAbsentCpuFeatures(CpuFeature.NPT);
    }

    String evc = p.string("summary.currentEVCModeKey");
    if ((evc == null || evc.isBlank())) {
      ManagedObjectReference parent = p.mor("parent"); // its type is lost (see Props#mor(String, String))
      if (parent != null) {
        evc = clusterEvc.get(parent.getVal());
      }
    }
    if (evc != null && !evc.isBlank()) {
      b.evcMode(evc);
    }
    Long cores = p.number("hardware.cpuInfo.numCpuCores");
    if (cores != null && cores > 0) {
      b.cores((int) Math.min(Integer.MAX_VALUE, cores));
    }
    Long bytes = p.number("hardware.memorySize");
    if (bytes != null && bytes >= (1 << 20)) {
      b.memoryMiB(bytes >> 20);
    }
    return b.build();
  }

  private static java.util.Optional<String> str(Props p, String path) {
    String s = p.string(path);
    return s == null || s.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(s.strip());
  }

  /** The standard port groups of a host by name. */
  static Map<String, HostPortGroup> portGroups(Props p) {
    Map<String, HostPortGroup> out = new HashMap<>();
    for (HostPortGroup pg : p.list("config.network.portgroup", HostPortGroup.class)) {
      if (pg.getSpec() != null && pg.getSpec().getName() != null) {
        out.put(pg.getSpec().getName(), pg);
      }
    }
    return out;
  }

  /**
   * The effective security of a standard port group: {@code computedPolicy.security}, else the port group's own
   * {@code spec.policy.security} over its vSwitch's (a null field inherits).
   */
  static PortSecurityPolicy policy(HostPortGroup pg, List<HostVirtualSwitch> vswitches) {
    HostNetworkSecurityPolicy sec = pg.getComputedPolicy() != null ? pg.getComputedPolicy().getSecurity() : null;
    if (sec == null) {
      HostNetworkSecurityPolicy own = security(pg.getSpec() != null ? pg.getSpec().getPolicy() : null);
      HostNetworkSecurityPolicy sw = null;
      for (HostVirtualSwitch vs : vswitches) {
        if (vs.getKey() != null && vs.getKey().equals(pg.getVswitch()) && vs.getSpec() != null) {
          sw = security(vs.getSpec().getPolicy());
        }
      }
      sec = new HostNetworkSecurityPolicy();
      sec.setAllowPromiscuous(pick(own == null ? null : own.getAllowPromiscuous(),
          sw == null ? null : sw.getAllowPromiscuous()));
      sec.setMacChanges(pick(own == null ? null : own.getMacChanges(), sw == null ? null : sw.getMacChanges()));
      sec.setForgedTransmits(pick(own == null ? null : own.getForgedTransmits(),
          sw == null ? null : sw.getForgedTransmits()));
    }
    return PortSecurityPolicy.builder()
        .switchKind(SwitchKind.STANDARD)
        .allowPromiscuous(tri(sec.getAllowPromiscuous()))
        .macChanges(tri(sec.getMacChanges()))
        .forgedTransmits(tri(sec.getForgedTransmits()))
        .macLearning(TriState.NO) // a standard switch has no MAC learning
        .build();
  }

  private static HostNetworkSecurityPolicy security(HostNetworkPolicy p) {
    return p == null ? null : p.getSecurity();
  }

  private static Boolean pick(Boolean own, Boolean inherited) {
    return own != null ? own : inherited;
  }

  static TriState tri(Boolean b) {
    return b == null ? TriState.UNKNOWN : TriState.of(b);
  }
}
