package io.nestcheck.vsphere;

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
 * Reads the whole inventory with one ContainerView and one {@code RetrievePropertiesEx} (plus continuation pages)
 * for all four object types, sent with the SOAPAction of API 6.7 or 6.5 when the server has it so that the VMs'
 * newer leaf paths come in the same read: three SOAP calls whatever the number of VMs. No per-VM round trips.
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
   * One read of every object: when the server has API 6.5 or 6.7, it is sent with that SOAPAction and carries the
   * newer VM paths. (A separate read used to keep the main reply at API 6.0 because yavijava's unmarshaller fails on
   * any element it has no field for; {@link VimReplyReader}, which reads these replies, skips such elements, so newer
   * data in the reply is harmless and a round trip is saved.)
   */
  static Raw readRaw(Session s, int pageSize) throws RemoteException, AdapterException {
    Vim.Extra newer = versionedVmRead(s);
    return raw(Vim.readView(s, newer == null ? null : newer.version, specs(newer), pageSize));
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
  static Inventory read(Session s, int pageSize, String sourcePrefix) throws RemoteException, AdapterException {
    return map(readRaw(s, pageSize), sourcePrefix);
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
