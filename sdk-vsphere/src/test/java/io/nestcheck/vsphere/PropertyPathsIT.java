package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.ObjectContent;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of every PropertyCollector path the adapter requests (notes §1.1): each path alone, through a
 * ContainerView, parsed by yavijava. A path whose reply contains a field yavijava 6.0.05 cannot map (or that the
 * server does not know) fails here, by name, instead of breaking a whole inventory read.
 */
class PropertyPathsIT {

  private static Session session(VsphereAdapter a) throws Exception {
    Field f = VsphereAdapter.class.getDeclaredField("session");
    f.setAccessible(true);
    return (Session) f.get(a);
  }

  @Test
  void everyPathParses(@Launch(vms = 40) Vcsim v) throws Exception {
    Map<String, List<String>> all = new LinkedHashMap<>();
    all.put(Paths.VM, Paths.VM_PATHS);
    all.put(Paths.HOST, Paths.HOST_PATHS);
    all.put(Paths.DVPG, Paths.DVPG_PATHS);
    all.put(Paths.CLUSTER, Paths.CLUSTER_PATHS);
    List<String> failures = new ArrayList<>();
    List<String> neverSet = new ArrayList<>();
    int checked = 0;
    try (VsphereAdapter a = v.connect()) {
      Session s = session(a);
      for (Map.Entry<String, List<String>> e : all.entrySet()) {
        for (String path : e.getValue()) {
          checked++;
          check(s, null, e.getKey(), path, failures, neverSet);
        }
      }
      for (String path : Paths.VM_PATHS_65) {
        checked++;
        check(s, "6.5", Paths.VM, path, failures, neverSet);
      }
      // vcsim reports API 6.5: the 6.7 paths are not read from it (see InventoryReader#versionedVmRead)
      assertThat(s.apiVersion()).isEqualTo("6.5");
    }
    System.out.println(checked + " paths parsed; never set in vcsim: " + neverSet);
    assertThat(failures).isEmpty();
    // paths vcsim leaves unset on every object of the launcher (absent = null for the adapter)
    assertThat(neverSet).containsExactlyInAnyOrder("config.cpuFeatureMask",
        "config.bootOptions.efiSecureBootEnabled", "config.vPMCEnabled", "config.configVersion");
  }

  private static void check(Session s, String version, String type, String path, List<String> failures,
      List<String> neverSet) {
    try {
      List<ObjectContent> objs = Vim.readView(s, version, Map.of(type, List.of(path)), 500);
      boolean set = false;
      for (ObjectContent oc : objs) {
        Props p = Props.of(oc);
        if (!p.missing().isEmpty()) {
          failures.add(type + " " + path + ": missing " + p.missing());
        }
        set |= p.has(path);
      }
      if (objs.isEmpty()) {
        failures.add(type + " " + path + ": no object");
      } else if (!set) {
        neverSet.add(path);
      }
    } catch (Exception e) {
      failures.add(type + " " + path + ": " + Faults.describe(e));
    }
  }
}
