package io.nestcheck.vsphere;

import com.vmware.vim25.ConcurrentAccess;
import com.vmware.vim25.HostPortGroup;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualEthernetCard;
import io.nestcheck.api.ApplyOptions;
import io.nestcheck.api.ApplyResult;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.AdapterException;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies one VM's fix plan: reads the VM, refuses power-off actions on a running VM unless allowed (then powers
 * it off first), upgrades the hardware version with {@code UpgradeVM_Task}, sends every other VM change in one
 * {@code ReconfigVM_Task} carrying the {@code changeVersion} just read (re-read and retried on {@code
 * ConcurrentAccess}), changes port groups, and reads the VM back.
 */
final class Fixer {
  private final Session s;
  private final String sourcePrefix;

  Fixer(Session s, String sourcePrefix) {
    this.s = s;
    this.sourcePrefix = sourcePrefix;
  }

  /** The VM paths read before a change: the inventory's, including the newer-API leaf paths. */
  private Props readVm(ManagedObjectReference ref) throws RemoteException, AdapterException {
    Props p = Vim.read(s, ref, Paths.VM, Paths.VM_PATHS);
    if (p == null) {
      return null;
    }
    Vim.Extra extra = InventoryReader.versionedVmRead(s);
    if (extra != null) {
      List<String> paths = extra.specs.get(Paths.VM);
      Props more = s.callAs(extra.version, () -> Vim.read(s, ref, Paths.VM, paths));
      p.merge(more);
    }
    return p;
  }

  private SpecBuilder.Net readNet(Props vm) throws RemoteException, AdapterException {
    Map<String, HostPortGroup> hostPgs = new HashMap<>();
    ManagedObjectReference netSys = null;
    ManagedObjectReference host = vm.mor("runtime.host", Paths.HOST);
    if (host != null) {
      Props h = Vim.read(s, host, Paths.HOST, List.of("configManager.networkSystem", "config.network.portgroup"));
      if (h != null) {
        hostPgs.putAll(HostMapper.portGroups(h));
        netSys = h.mor("configManager.networkSystem", "HostNetworkSystem");
      }
    }
    List<ManagedObjectReference> dvpgRefs = new ArrayList<>();
    for (ManagedObjectReference n : vm.list("network", ManagedObjectReference.class)) {
      if (Paths.DVPG.equals(n.getType())) {
        dvpgRefs.add(n);
      }
    }
    Map<String, VmMapper.Dvpg> dvpgs = new HashMap<>();
    for (Props p : Vim.read(s, dvpgRefs, Paths.DVPG, Paths.DVPG_PATHS)) {
      VmMapper.Dvpg d = VmMapper.Dvpg.of(p);
      dvpgs.put(d.key, d);
    }
    return new SpecBuilder.Net(netSys, hostPgs, dvpgs);
  }

  /** The VM's reference from its source ({@code vsphere://host[:port]/vm-42}), or {@code null}. */
  ManagedObjectReference vmRef(VmConfiguration vm) {
    String src = vm.source();
    if (!src.startsWith(sourcePrefix)) {
      return null;
    }
    String id = src.substring(sourcePrefix.length());
    return id.isEmpty() || id.contains("/") ? null : Session.mor(Paths.VM, id);
  }

  ApplyResult apply(VmConfiguration vm, FixPlan plan, ApplyOptions options) throws AdapterException {
    Run run = new Run(vm.name());
    for (ManualStep m : plan.manualSteps()) {
      run.skipped.add("manual step: " + m.title());
    }
    List<FixAction> auto = new ArrayList<>();
    for (FixAction a : plan.actions()) {
      if (a.automatable()) {
        auto.add(a);
      } else if (a instanceof ManualStep) {
        run.skipped.add("manual step: " + ((ManualStep) a).title());
      }
    }
    ManagedObjectReference ref = vmRef(vm);
    if (ref == null) {
      return run.failed("the VM's source " + vm.source() + " is not a VM of " + sourcePrefix
          + " (read it with this adapter's inventory())");
    }
    if (auto.isEmpty()) {
      return run.result(ApplyResult.Status.NOTHING_TO_DO);
    }
    try {
      return apply(run, ref, auto, options);
    } catch (RemoteException | RuntimeException e) {
      if (Faults.is(e, com.vmware.vim25.NotAuthenticated.class) || isTransport(e)) {
        throw s.unreachable("lost the connection to", e);
      }
      return run.failed(Faults.describe(e));
    }
  }

  private static boolean isTransport(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.io.IOException && !(c instanceof RemoteException)) {
        return true;
      }
    }
    return false;
  }

  private ApplyResult apply(Run run, ManagedObjectReference ref, List<FixAction> auto, ApplyOptions options)
      throws RemoteException, AdapterException {
    SpecBuilder.Api api = new SpecBuilder.Api(s.apiVersion());
    boolean needNet = auto.stream().anyMatch(a -> a instanceof io.nestcheck.api.SetPortGroupSecurity);
    String firstChangeVersion = null;
    Set<FixAction> upgraded = new LinkedHashSet<>();
    boolean poweredOff = false;
    int upgradedTo = 0;
    int attempt = 0; // ReconfigVM_Task attempts that met ConcurrentAccess
    while (true) {
      Props vm = readVm(ref);
      if (vm == null) {
        return run.failed("the VM " + ref.getVal() + " no longer exists");
      }
      if (firstChangeVersion == null) {
        firstChangeVersion = vm.string("config.changeVersion");
      }
      SpecBuilder.Net net = needNet ? readNet(vm) : SpecBuilder.Net.NONE;
      String power = vm.string("runtime.powerState");
      boolean off = "poweredOff".equals(power);

      // Power gate: refuse, or plan to power off.
      List<FixAction> refused = new ArrayList<>();
      SpecBuilder plan = SpecBuilder.build(vm, auto, refused, api, net);
      boolean powerOff = false;
      if (!off && plan.needsPowerOff) {
        if (options.allowPowerOff()) {
          powerOff = true;
        } else {
          for (FixAction a : plan.accepted) {
            if (a.requiresPowerOff() && !plan.alreadyInEffect.contains(a)) {
              refused.add(a);
            }
          }
          plan = SpecBuilder.build(vm, auto, refused, api, net);
        }
      }
      List<String> refusals = new ArrayList<>();
      for (FixAction a : refused) {
        refusals.add(a.describe() + ": needs the VM powered off (it is " + power + "); allow power-off to apply it");
      }

      if (options.dryRun()) {
        run.changes.addAll(plan.lines);
        if (powerOff) {
          run.changes.add(0, "power off the VM (it is " + power + ") before the changes; it stays off");
        }
        if (plan.hasSpec()) {
          run.changes.add("ReconfigVM_Task with changeVersion " + vm.string("config.changeVersion")
              + (plan.specVersion != null ? " (SOAPAction urn:vim25/" + plan.specVersion + ")" : ""));
        }
        run.applied.addAll(plan.accepted);
        run.skipped.addAll(refusals);
        run.skipped.addAll(plan.skipped);
        return run.result(ApplyResult.Status.DRY_RUN);
      }

      if (powerOff) {
        if (poweredOff) {
          return run.failed("the VM is still " + power + " after PowerOffVM_Task succeeded");
        }
        poweredOff = true;
        ManagedObjectReference task = s.call(v -> v.powerOffVM_Task(ref));
        Vim.TaskOutcome o = Vim.waitFor(s, task, options.taskTimeout());
        if (!o.ok()) {
          run.skipped.addAll(refusals);
          return run.failed("PowerOffVM_Task failed: " + o.fault);
        }
        run.changes.add("powered off the VM (it was " + power + ") to apply the changes; it was left powered off");
        continue; // re-read: the power state, changeVersion and devices may have changed
      }

      if (plan.upgradeTo > 0) {
        if (upgradedTo > 0) {
          run.applied.addAll(upgraded);
          return run.failed("UpgradeVM_Task to " + SpecBuilder.versionKey(upgradedTo) + " succeeded but the VM reports "
              + vm.string("config.version") + "; nothing else was changed");
        }
        upgradedTo = plan.upgradeTo;
        String version = SpecBuilder.versionKey(plan.upgradeTo);
        ManagedObjectReference task = s.call(v -> v.upgradeVM_Task(ref, version));
        Vim.TaskOutcome o = Vim.waitFor(s, task, options.taskTimeout());
        if (!o.ok()) {
          run.skipped.addAll(refusals);
          return run.failed("UpgradeVM_Task to " + version + " failed: " + o.fault);
        }
        run.changes.add("UpgradeVM_Task: " + vm.string("config.version") + " -> " + version);
        for (FixAction a : auto) {
          if (a instanceof UpgradeHardwareVersion) {
            upgraded.add(a);
          }
        }
        continue; // re-read before the reconfiguration
      }

      if (plan.hasSpec()) {
        String cv = vm.string("config.changeVersion");
        plan.spec.setChangeVersion(cv);
        String fault;
        boolean concurrent;
        try {
          com.vmware.vim25.VirtualMachineConfigSpec spec = plan.spec;
          ManagedObjectReference task = plan.specVersion == null
              ? s.call(v -> v.reconfigVM_Task(ref, spec))
              : s.callAs(plan.specVersion, () -> s.call(v -> v.reconfigVM_Task(ref, spec)));
          Vim.TaskOutcome o = Vim.waitFor(s, task, options.taskTimeout());
          fault = o.fault;
          concurrent = o.error != null && o.error.getFault() instanceof ConcurrentAccess;
        } catch (ConcurrentAccess e) {
          fault = Faults.describe(e);
          concurrent = true;
        }
        if (fault != null) {
          if (concurrent && attempt < options.maxRetries()) {
            attempt++;
            run.changes.add("ReconfigVM_Task attempt " + attempt + " with changeVersion " + cv + ": " + fault
                + " (the VM changed meanwhile); re-reading and retrying");
            continue;
          }
          run.skipped.addAll(refusals);
          run.applied.addAll(upgraded);
          String tries = concurrent ? " after " + (attempt + 1) + " attempt" + (attempt == 0 ? "" : "s") : "";
          return run.failed("ReconfigVM_Task failed" + tries + ": " + fault
              + (upgraded.isEmpty() ? "; nothing was changed" : "; the hardware upgrade was applied, the other VM "
                  + "changes were not"));
        }
        run.changes.add("ReconfigVM_Task (changeVersion " + cv + "): " + String.join("; ", specLines(plan)));
      }

      // Port groups (not part of the VM's spec).
      List<String> pgDone = new ArrayList<>();
      for (SpecBuilder.PortGroupChange c : plan.portGroupChanges) {
        String fault = null;
        try {
          if (c.distributed) {
            ManagedObjectReference task = s.call(v -> v.reconfigureDVPortgroup_Task(c.target, c.dvSpec));
            Vim.TaskOutcome o = Vim.waitFor(s, task, options.taskTimeout());
            fault = o.fault;
          } else {
            s.call(v -> {
              v.updatePortGroup(c.target, c.portGroup, c.hostSpec);
              return null;
            });
          }
        } catch (RemoteException e) {
          if (Faults.is(e, com.vmware.vim25.NotAuthenticated.class) || isTransport(e)) {
            throw e;
          }
          fault = Faults.describe(e);
        }
        if (fault != null) {
          run.changes.addAll(pgDone);
          run.skipped.addAll(refusals);
          for (FixAction a : plan.accepted) {
            if (!(a instanceof io.nestcheck.api.SetPortGroupSecurity)) {
              run.applied.add(a);
            }
          }
          return run.failed("changing port group " + c.portGroup + " failed: " + fault
              + (plan.hasSpec() ? "; the VM's own changes were applied" : ""));
        }
        pgDone.add(c.line);
      }
      run.changes.addAll(pgDone);

      // Read back.
      if (plan.hasSpec() || !upgraded.isEmpty()) {
        verify(run, ref, plan, firstChangeVersion);
      }
      for (FixAction a : auto) {
        if (plan.accepted.contains(a) || upgraded.contains(a)) {
          run.applied.add(a);
        }
      }
      run.skipped.addAll(refusals);
      run.skipped.addAll(plan.skipped);
      boolean changed = !run.changes.isEmpty();
      int automatableSkipped = refusals.size() + plan.skipped.size();
      if (run.applied.isEmpty()) {
        return run.result(automatableSkipped > 0 ? ApplyResult.Status.SKIPPED : ApplyResult.Status.NOTHING_TO_DO);
      }
      if (automatableSkipped > 0) {
        return run.result(ApplyResult.Status.PARTIAL);
      }
      if (!changed) {
        run.changes.add("nothing to change: every action is in effect already");
        return run.result(ApplyResult.Status.NOTHING_TO_DO);
      }
      return run.result(ApplyResult.Status.APPLIED);
    }
  }

  private static List<String> specLines(SpecBuilder plan) {
    List<String> out = new ArrayList<>();
    for (String l : plan.lines) {
      if (!l.startsWith("UpgradeVM_Task") && !l.startsWith("standard port group")
          && !l.startsWith("distributed port group")) {
        out.add(l);
      }
    }
    return out;
  }

  /** Reads the VM back: reports the new changeVersion and checks that replaced NICs kept their MAC. */
  private void verify(Run run, ManagedObjectReference ref, SpecBuilder plan, String before)
      throws RemoteException, AdapterException {
    Props after = Vim.read(s, ref, Paths.VM, List.of("config.changeVersion", "config.hardware.device"));
    if (after == null) {
      run.changes.add("warning: the VM could not be read back");
      return;
    }
    String cv = after.string("config.changeVersion");
    if (cv != null && !cv.equals(before)) {
      run.changes.add("read back: changeVersion " + before + " -> " + cv);
    }
    for (SpecBuilder.NicSwap swap : plan.nicSwaps) {
      boolean found = false;
      for (VirtualDevice d : after.list("config.hardware.device", VirtualDevice.class)) {
        if (d instanceof VirtualEthernetCard && swap.mac != null
            && swap.mac.equalsIgnoreCase(((VirtualEthernetCard) d).getMacAddress())) {
          found = true;
          run.changes.add("read back: " + Devices.typeName(d) + " " + d.getKey() + " has MAC "
              + swap.mac.toLowerCase(Locale.ROOT));
        }
      }
      if (!found && swap.mac != null) {
        run.changes.add("warning: no network adapter has MAC " + swap.mac + " after replacing NIC " + swap.oldId
            + "; the server assigned a new MAC");
      }
    }
  }

  /** Accumulates one apply's result. */
  private static final class Run {
    final String vmName;
    final List<FixAction> applied = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final List<String> changes = new ArrayList<>();

    Run(String vmName) {
      this.vmName = vmName;
    }

    ApplyResult result(ApplyResult.Status status) {
      List<FixAction> uniq = new ArrayList<>(new LinkedHashSet<>(applied));
      return ApplyResult.builder().vmName(vmName).status(status).addAllApplied(uniq).addAllSkipped(skipped)
          .addAllChanges(changes).build();
    }

    ApplyResult failed(String fault) {
      List<FixAction> uniq = new ArrayList<>(new LinkedHashSet<>(applied));
      return ApplyResult.builder().vmName(vmName).status(ApplyResult.Status.FAILED).addAllApplied(uniq)
          .addAllSkipped(skipped).addAllChanges(changes).fault(fault).build();
    }
  }
}
