package io.nestcheck.vsphere;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.AdapterException;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the whole inventory with one ContainerView and a fixed number of {@code RetrievePropertiesEx} calls (plus
 * continuation pages) for all four object types, the VMs' newer leaf paths included (sent with the SOAPAction of
 * API 6.7 or 6.5 when the server has it): 3 + 3 x parallelism - 2 SOAP calls whatever the number of VMs (7 with the
 * default 2, 3 with parallelism 1), plus pages. No per-VM round trips.
 */
final class InventoryReader {
  private InventoryReader() {}

  /** A read of the raw inventory: properties by type. */
  static final class Raw {
    final List<Props> vms = new ArrayList<>();
    final List<Props> hosts = new ArrayList<>();
    final List<Props> dvpgs = new ArrayList<>();
    final List<Props> clusters = new ArrayList<>();
  }

  /** The SOAPAction version and VM paths of the newer-API read, or {@code null} when the server has neither. */
  static Vim.Extra versionedVmRead(Session s) {
    if (s.apiAtLeast(6, 7)) {
      List<String> paths = new ArrayList<>(Paths.VM_PATHS_65);
      paths.addAll(Paths.VM_PATHS_67);
      return new Vim.Extra("6.7", Map.of(Paths.VM, paths));
    }
    if (s.apiAtLeast(6, 5)) {
      return new Vim.Extra("6.5", Map.of(Paths.VM, Paths.VM_PATHS_65));
    }
    return null;
  }

  /**
   * The types and paths of the inventory read: with {@code newer} (see {@link #versionedVmRead}), the VMs' newer-API
   * paths too.
   */
  static Map<String, List<String>> specs(Vim.Extra newer) {
    List<String> vmPaths = new ArrayList<>(Paths.VM_PATHS);
    if (newer != null) {
      vmPaths.addAll(newer.specs.get(Paths.VM));
    }
    Map<String, List<String>> specs = new LinkedHashMap<>();
    specs.put(Paths.VM, vmPaths);
    specs.put(Paths.HOST, Paths.HOST_PATHS);
    specs.put(Paths.DVPG, Paths.DVPG_PATHS);
    specs.put(Paths.CLUSTER, Paths.CLUSTER_PATHS);
    return specs;
  }

  /**
   * Reads every object. With {@code parts} 1: one view and one read of all objects and paths, sent, when the server
   * has API 6.5 or 6.7, with that SOAPAction so that it carries the newer VM paths (three calls). (A separate read
   * used to keep the main reply at API 6.0 because yavijava's unmarshaller fails on any element it has no field
   * for; {@link VimReplyReader}, which reads these replies, skips such elements, so newer data in the reply is
   * harmless and a round trip is saved.)
   *
   * <p>With more parts: one view and one read of the hosts, port groups and clusters with their paths and of the
   * VMs' references only, then the VMs' paths in {@code parts} concurrent reads of equal runs of those references
   * ({@link Vim#readConcurrently}, each part after the first on a PropertyCollector of its own; with the newer
   * SOAPAction as above): 3 + {@code parts} reads plus a create and a destroy per extra collector. The VM paths are
   * most of a read (a 2,000-VM reply is ~19 MB, 95% VM devices); splitting them lets the server encode and the
   * client parse them on several cores at once. A VM deleted between the two steps is left out; one created
   * between them is not seen (as it would not be by a read that started a moment earlier).
   */
  static Raw readRaw(Session s, int pageSize, int parts) throws RemoteException, AdapterException {
    Vim.Extra newer = versionedVmRead(s);
    String version = newer == null ? null : newer.version;
    Map<String, List<String>> specs = specs(newer);
    if (parts <= 1) {
      return raw(Vim.readView(s, version, specs, pageSize));
    }
    List<String> vmPaths = specs.put(Paths.VM, List.of());
    Raw raw = raw(Vim.readView(s, null, specs, pageSize));
    List<ManagedObjectReference> refs = new ArrayList<>(raw.vms.size());
    for (Props p : raw.vms) {
      refs.add(p.ref());
    }
    raw.vms.clear();
    List<ObjectContent> vms = version == null
        ? Vim.readConcurrently(s, refs, Paths.VM, vmPaths, pageSize, parts)
        : s.callAs(version, () -> Vim.readConcurrently(s, refs, Paths.VM, vmPaths, pageSize, parts));
    for (ObjectContent oc : vms) {
      raw.vms.add(Props.of(oc));
    }
    return raw;
  }

  /** The objects of a read, by type. */
  static Raw raw(List<ObjectContent> objects) {
    Raw raw = new Raw();
    for (ObjectContent oc : objects) {
      Props p = Props.of(oc);
      switch (oc.getObj().getType()) {
        case Paths.VM:
          raw.vms.add(p);
          break;
        case Paths.HOST:
          raw.hosts.add(p);
          break;
        case Paths.DVPG:
          raw.dvpgs.add(p);
          break;
        case Paths.CLUSTER:
          raw.clusters.add(p);
          break;
        default:
          break;
      }
    }
    return raw;
  }

  /** Reads and maps the inventory. */
  static Inventory read(Session s, int pageSize, int parts, String sourcePrefix)
      throws RemoteException, AdapterException {
    return map(readRaw(s, pageSize, parts), sourcePrefix);
  }

  static Inventory map(Raw raw, String sourcePrefix) {
    Map<String, String> clusterEvc = new HashMap<>();
    for (Props c : raw.clusters) {
      String evc = c.string("summary.currentEVCModeKey");
      if (evc != null && !evc.isBlank()) {
        clusterEvc.put(c.id(), evc);
      }
    }
    Map<String, VmMapper.Dvpg> dvpgs = new HashMap<>();
    for (Props p : raw.dvpgs) {
      VmMapper.Dvpg d = VmMapper.Dvpg.of(p);
      dvpgs.put(d.key, d);
    }
    Map<String, HostCapabilities> hosts = new TreeMap<>();
    Map<String, VmMapper.HostNet> nets = new HashMap<>();
    for (Props h : raw.hosts) {
      hosts.put(h.id(), HostMapper.map(h, clusterEvc));
      nets.put(h.id(), VmMapper.HostNet.of(h));
    }
    List<VmConfiguration> vms = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Props p : raw.vms) {
      VmMapper.Result r = VmMapper.map(p, sourcePrefix, nets, dvpgs);
      if (r.vm != null) {
        vms.add(r.vm);
        if (!p.missing().isEmpty()) {
          notes.add("VM " + r.vm.name() + " (" + p.id() + "): could not read " + String.join("; ", p.missing()));
        }
      } else {
        notes.add(r.note);
      }
    }
    vms.sort(Comparator.comparing(VmConfiguration::name).thenComparing(VmConfiguration::source));
    notes.sort(Comparator.naturalOrder());
    return Inventory.builder().putAllHosts(hosts).addAllVms(vms).addAllNotes(notes).build();
  }
}
