package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.Disk;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.Platform;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanOptions;
import io.nestcheck.core.scan.ScanSink;
import io.nestcheck.core.scan.ScanSummary;
import io.nestcheck.core.scan.ScanTarget;
import io.nestcheck.core.scan.Scanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The full inventory of a 2000-VM launcher, checked VM by VM against what each VM's name says (launcher README),
 * plus findings, notes, scan targets and the number of SOAP calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetIT {
  static final int FLEET = 2000;

  private VsphereAdapter adapter;
  private Inventory inventory;
  private Map<String, Long> inventoryCalls;
  private long inventoryMillis;
  private JsonNode planned;

  @BeforeAll
  void readFleet(@Launch(vms = FLEET) Vcsim v) throws Exception {
    adapter = v.connect();
    v.resetCalls();
    long t0 = System.nanoTime();
    inventory = adapter.inventory();
    inventoryMillis = (System.nanoTime() - t0) / 1_000_000;
    inventoryCalls = v.resetCalls();
    planned = v.plannedVms();
    System.out.println("inventory of " + FLEET + " VMs: " + inventoryMillis + " ms, SOAP calls " + inventoryCalls);
  }

  @AfterAll
  void close() {
    if (adapter != null) {
      adapter.close();
    }
  }

  private String hostName(String ref) {
    return inventory.hosts().get(ref).name().orElseThrow();
  }

  /** The facts of a VM the name determines, in one comparable string. */
  private String actual(VmConfiguration vm) {
    StorageController pvscsi = vm.controllers().stream().filter(c -> c.type() == ControllerType.PVSCSI)
        .findFirst().orElse(null);
    Disk disk = vm.disks().isEmpty() ? null : vm.disks().get(0);
    Nic nic = vm.nics().isEmpty() ? null : vm.nics().get(0);
    return String.join("|",
        "guest=" + vm.guestOs().map(GuestOsId::canonical).orElse("-"),
        "hv=" + vm.nestedHv(),
        "cpu=" + vm.vcpus() + "/" + vm.coresPerSocket(),
        "mem=" + vm.memoryMiB(),
        "fw=" + vm.firmware() + "/sb=" + vm.secureBoot(),
        "vmx=" + vm.hardwareVersion(),
        "lk=" + vm.memoryLockedToMax() + "/res=" + vm.memoryReservationMiB(),
        "power=" + vm.powerState(),
        "cv=" + vm.changeVersion().orElse("-"),
        "host=" + vm.hostRef().map(this::hostName).orElse("-"),
        "flags=" + vm.vbs() + "/" + vm.virtualIommu() + "/" + vm.virtualPmc() + "/" + vm.cpuidMasks(),
        "settings=" + vm.settings(),
        "controllers=" + vm.controllers().stream().map(c -> c.type().name()).sorted().collect(Collectors.toList()),
        "pvscsi=" + (pvscsi == null ? "-" : pvscsi.rawType().orElse("-") + "@" + pvscsi.busNumber()),
        "disks=" + vm.disks().size(),
        "disk=" + (disk == null ? "-" : (pvscsi != null && disk.controllerId().equals(pvscsi.id())) + "/"
            + disk.capacityMiB() + "/" + disk.fileName().orElse("-")),
        "peripherals=" + vm.peripherals().stream().map(x -> x.kind().name()).collect(Collectors.toList()),
        "nics=" + vm.nics().size(),
        "nic=" + (nic == null ? "-" : nic.type() + "/" + nic.network().orElse("-") + "/" + nic.addressType() + "/"
            + nic.macAddress().map(m -> m.matches("00:0c:29(:[0-9a-f]{2}){3}")).orElse(false) + "/"
            + nic.portSecurity().map(Object::toString).orElse("-")));
  }

  private static String expected(Expected e) {
    return String.join("|",
        "guest=" + e.guestId(),
        "hv=" + e.nestedHv(),
        "cpu=" + e.cpu + "/1",
        "mem=" + e.memoryMb,
        "fw=" + e.fw() + "/sb=false",
        "vmx=" + java.util.OptionalInt.of(e.vmx),
        "lk=" + e.locked + "/res=" + (e.locked ? e.memoryMb : 0),
        "power=" + e.power(),
        "cv=" + e.changeVersion(),
        "host=" + e.hostName(),
        "flags=false/false/false/[]",
        "settings=" + List.of(Setting.of("govcsim", "TRUE")),
        "controllers=[IDE, IDE, PVSCSI]",
        "pvscsi=ParaVirtualSCSIController@0",
        "disks=1",
        "disk=true/" + java.util.OptionalLong.of(1) + "/[LocalDS_0] " + e.name + "/disk1.vmdk",
        "peripherals=[CDROM]",
        "nics=1",
        "nic=" + e.nicType() + "/" + e.network() + "/" + MacAddressType.GENERATED + "/true/" + policy(e.policyKind()));
  }

  @Test
  void everyVmMatchesWhatItsNameSays() {
    assertThat(planned.size()).isEqualTo(FLEET);
    Map<String, String> morefs = new HashMap<>();
    List<String> expectedListed = new ArrayList<>();
    planned.forEach(r -> {
      morefs.put(r.get("name").asText(), r.get("moref").asText());
      if (!r.get("template").asBoolean() && !r.get("disconnected").asBoolean()) {
        expectedListed.add(r.get("name").asText());
      }
    });
    List<String> mismatches = new ArrayList<>();
    for (VmConfiguration vm : inventory.vms()) {
      Expected e = Expected.of(vm.name());
      String want = expected(e) + "|source=" + adapter.sourcePrefix() + morefs.get(vm.name());
      String got = actual(vm) + "|source=" + vm.source();
      if (!want.equals(got)) {
        mismatches.add(vm.name() + "\n  expected " + want + "\n  actual   " + got);
      }
    }
    assertThat(mismatches).as("VMs whose model differs from their name").isEmpty();
    // every VM of the plan is listed, or skipped with a note (next test)
    assertThat(inventory.vms()).extracting(VmConfiguration::name).containsExactlyInAnyOrderElementsOf(expectedListed);
    assertThat(inventory.vms()).hasSize(FLEET - 40 - 1);
    assertThat(inventory.vms()).extracting(VmConfiguration::name).isSorted();
    assertThat(adapter.sourcePrefix()).startsWith("vsphere://127.0.0.1:");
  }

  private static PortSecurityPolicy policy(String kind) {
    PortSecurityPolicy.Builder b = PortSecurityPolicy.builder();
    switch (kind) {
      case "vss":
        return b.switchKind(SwitchKind.STANDARD).allowPromiscuous(TriState.NO).macChanges(TriState.YES)
            .forgedTransmits(TriState.YES).macLearning(TriState.NO).build();
      case "open":
        return b.switchKind(SwitchKind.DISTRIBUTED).allowPromiscuous(TriState.YES).macChanges(TriState.YES)
            .forgedTransmits(TriState.YES).build();
      case "reject":
        return b.switchKind(SwitchKind.DISTRIBUTED).allowPromiscuous(TriState.NO).macChanges(TriState.NO)
            .forgedTransmits(TriState.NO).build();
      case "forged":
        return b.switchKind(SwitchKind.DISTRIBUTED).allowPromiscuous(TriState.NO).macChanges(TriState.YES)
            .forgedTransmits(TriState.YES).build();
      default: // DC0_DVPG0: no securityPolicy
        return b.switchKind(SwitchKind.DISTRIBUTED).build();
    }
  }

  @Test
  void templatesAndTheDisconnectedVmAreSkippedWithNotes() {
    List<String> templates = inventory.notes().stream().filter(n -> n.startsWith("skipped template "))
        .collect(Collectors.toList());
    assertThat(templates).hasSize(40);
    for (String n : templates) {
      String name = n.substring("skipped template ".length(), n.indexOf(" ("));
      Expected e = Expected.of(name);
      assertThat(e.template).isTrue();
      assertThat(e.index % 50).isEqualTo(7);
    }
    assertThat(inventory.notes()).filteredOn(n -> n.startsWith("skipped disconnected VM "))
        .singleElement().asString()
        .startsWith("skipped disconnected VM nc-0003-esxi8-hv1-cpu2-mem8192-vmxnet3-efi-vmx19-lk0-pg00-c0-disc (vm-")
        .endsWith("(runtime.connectionState = disconnected)");
    assertThat(inventory.notes()).hasSize(41);
  }

  @Test
  void generatedNamesFollowTheLaunchersFormula() {
    List<String> wrong = new ArrayList<>();
    for (JsonNode r : planned) {
      int i = r.get("index").asInt();
      if (i >= 12 && !r.get("name").asText().equals(Expected.generatedName(0, i, 3))) {
        wrong.add(r.get("name").asText() + " != " + Expected.generatedName(0, i, 3));
      }
    }
    assertThat(wrong).isEmpty();
    // the README's test vectors
    assertThat(Expected.generatedName(0, 12, 3)).isEqualTo("nc-0012-esxi8-hvna-cpu4-mem4096-vmxnet3-efi-vmx20-lk1-pg01-c0");
    assertThat(Expected.generatedName(12345, 15, 3))
        .isEqualTo("nc-0015-esxi7-hv0-cpu4-mem4096-e1000-efi-vmx20-lk1-pgdef-c0");
  }

  @Test
  void hostsCarryTheirCapabilities() {
    assertThat(inventory.hosts()).hasSize(4);
    Map<String, HostCapabilities> byName = new TreeMap<>();
    inventory.hosts().values().forEach(h -> byName.put(h.name().orElseThrow(), h));
    assertThat(byName).containsOnlyKeys("DC0_C0_H0", "DC0_C0_H1", "DC0_C0_H2", "DC0_H0");
    byName.forEach((name, h) -> {
      boolean sa = name.equals("DC0_H0");
      assertThat(h.platform()).isEqualTo(Platform.ESXI);
      assertThat(h.productVersion()).contains("6.5.0");
      assertThat(h.productBuild()).contains("5969303");
      assertThat(h.cpuVendor()).isEqualTo(CpuVendor.INTEL);
      assertThat(h.nestedHvSupported()).isEqualTo(sa ? TriState.NO : TriState.YES);
      assertThat(h.feature(CpuFeature.VMX)).as(name + " VMX").isEqualTo(sa ? TriState.NO : TriState.YES);
      assertThat(h.feature(CpuFeature.SVM)).as(name + " SVM").isEqualTo(TriState.NO);
      assertThat(h.feature(CpuFeature.EPT)).as("EPT is not visible in CPUID").isEqualTo(TriState.UNKNOWN);
      assertThat(h.feature(CpuFeature.LM)).isEqualTo(TriState.YES);
      assertThat(h.evcMode()).isEqualTo(sa ? java.util.Optional.empty() : java.util.Optional.of("intel-skylake"));
      assertThat(h.cores()).isPresent();
      assertThat(h.memoryMiB()).isPresent();
    });
  }

  @Test
  void findingsFollowTheConfiguration() {
    RuleCatalog catalog = RuleCatalog.builtIn();
    Set<String> ids = catalog.rules().stream().map(r -> r.id()).collect(Collectors.toSet());
    assertThat(ids).contains("NV-CPU-001", "NV-HOST-004", "NV-HW-001", "NV-NET-004", "NV-NET-006", "NV-MEM-001");
    Evaluator evaluator = Evaluator.of(catalog);
    GuestProfile esxi8 = ProfileRegistry.builtIn().resolve("esxi-8");
    SoftAssertions soft = new SoftAssertions();
    int checked = 0;
    for (VmConfiguration vm : inventory.vms()) {
      Expected e = Expected.of(vm.name());
      if (e.index >= 200 && e.index % 7 != 0) {
        continue; // the showcase rows and a sample of the rest keep this test fast
      }
      checked++;
      EvaluationResult r = evaluator.evaluate(inventory.hostOf(vm), vm, esxi8);
      Set<String> fired = r.findings().stream().map(Finding::ruleId).collect(Collectors.toSet());
      String at = vm.name() + " " + fired + ": ";
      soft.assertThat(fired.contains("NV-CPU-001")).as(at + "NV-CPU-001 (nested HV not exposed)")
          .isEqualTo(!e.hv.equals("hv1"));
      soft.assertThat(fired.contains("NV-HOST-004")).as(at + "NV-HOST-004 (host without nested HV)")
          .isEqualTo(e.host.equals("sa"));
      soft.assertThat(fired.contains("NV-HW-001")).as(at + "NV-HW-001 (below vmx-9)").isEqualTo(e.vmx < 9);
      soft.assertThat(fired.contains("NV-NET-004")).as(at + "NV-NET-004 (port group drops frames)")
          .isEqualTo(Set.of("vss", "reject", "forged").contains(e.policyKind()));
      soft.assertThat(fired.contains("NV-NET-006")).as(at + "NV-NET-006 (policy unknown)")
          .isEqualTo(e.policyKind().equals("none"));
      soft.assertThat(fired.contains("NV-MEM-001")).as(at + "NV-MEM-001 (below 8 GB)").isEqualTo(e.memoryMb < 8192);
    }
    soft.assertAll();
    assertThat(checked).isGreaterThan(400);
  }

  @Test
  void scanTargetsFeedTheCoreScanner() {
    List<ScanTarget> targets = VsphereTargets.targets(inventory);
    assertThat(targets).hasSize(inventory.vms().size());
    for (int i = 0; i < targets.size(); i += 97) {
      VmConfiguration vm = inventory.vms().get(i);
      assertThat(targets.get(i).name()).isEqualTo(vm.source());
      assertThat(targets.get(i).host(vm)).isEqualTo(inventory.hostOf(vm));
    }
    List<FileResult> results = new ArrayList<>();
    ScanSummary[] summary = new ScanSummary[1];
    Scanner scanner = Scanner.of(Nestcheck.create(), ScanOptions.builder().profile("esxi-8").threads(2).build());
    scanner.scan(targets.subList(0, 50), List.of(), new ScanSink() {
      @Override
      public void accept(FileResult result) {
        results.add(result);
      }

      @Override
      public void finished(ScanSummary s) {
        summary[0] = s;
      }
    });
    assertThat(results).hasSize(50);
    assertThat(summary[0].vms()).isEqualTo(50);
    assertThat(summary[0].errors()).isZero();
    for (FileResult r : results) {
      assertThat(r.results()).hasSize(1);
      VmConfiguration vm = r.vms().get(0);
      boolean hv = vm.nestedHv() == TriState.YES;
      assertThat(r.results().get(0).findings().stream().anyMatch(f -> f.ruleId().equals("NV-CPU-001")))
          .as(vm.name()).isEqualTo(!hv);
    }
  }

  @Test
  void soapCallsDoNotGrowWithTheNumberOfVms(@Launch(vms = 40) Vcsim small) throws Exception {
    Map<String, Long> smallCalls;
    try (VsphereAdapter a = small.connect()) {
      small.resetCalls();
      Inventory inv = a.inventory();
      smallCalls = small.resetCalls();
      assertThat(inv.vms().size()).isLessThan(40);
    }
    System.out.println("SOAP calls for inventory(): 40 VMs " + smallCalls + ", " + FLEET + " VMs " + inventoryCalls);
    assertThat(inventoryCalls).isEqualTo(smallCalls);
    // one view, one RetrievePropertiesEx for hosts, port groups, clusters and the VMs' references, the view
    // destroyed, then one RetrievePropertiesEx per concurrent part of the VMs (default 2), the second part on a
    // PropertyCollector of its own (created and destroyed); no continuation (vcsim 0.24.2 never pages)
    assertThat(inventoryCalls).containsExactlyInAnyOrderEntriesOf(Map.of("CreateContainerView", 1L,
        "RetrievePropertiesEx", 3L, "DestroyView", 1L, "CreatePropertyCollector", 1L, "DestroyPropertyCollector", 1L));
  }

  @Test
  void everyReadParallelismReadsTheSameInventoryWithItsNumberOfCalls(@Launch(vms = 40) Vcsim small)
      throws Exception {
    Inventory single;
    try (VsphereAdapter a = VsphereAdapter.connect(small.config().readParallelism(1).build())) {
      small.resetCalls();
      single = a.inventory();
      // the single read: every type and path in one RetrievePropertiesEx
      assertThat(small.resetCalls()).containsExactlyInAnyOrderEntriesOf(
          Map.of("CreateContainerView", 1L, "RetrievePropertiesEx", 1L, "DestroyView", 1L));
    }
    assertThat(single.vms()).hasSizeGreaterThan(30);
    for (int parts : new int[] {2, 3, 8}) {
      try (VsphereAdapter a = VsphereAdapter.connect(small.config().readParallelism(parts).build())) {
        small.resetCalls();
        Inventory inv = a.inventory();
        assertThat(small.resetCalls()).as("parallelism %d", parts).containsExactlyInAnyOrderEntriesOf(
            Map.of("CreateContainerView", 1L, "RetrievePropertiesEx", 1L + parts, "DestroyView", 1L,
                "CreatePropertyCollector", parts - 1L, "DestroyPropertyCollector", parts - 1L));
        assertThat(inv).as("parallelism %d", parts).isEqualTo(single);
      }
    }
  }

  @Test
  void theVmReadsAskForTheServersNewerApi(@Launch(vms = 40) Vcsim small) throws Exception {
    Map<String, Long> actions;
    try (VsphereAdapter a = small.connect()) {
      small.resetCallsByAction();
      a.inventory();
      actions = small.resetCallsByAction();
    }
    // vcsim reports API 6.5: the VM reads carry the 6.5 paths, so they must go out with the 6.5 SOAPAction (a real
    // vCenter answers InvalidProperty to a 6.5 path asked for with 6.0); the view calls and the read of the view
    // (hosts, port groups, clusters, VM references: API 6.0 paths) keep the session's default
    assertThat(actions).containsEntry("RetrievePropertiesEx urn:vim25/6.5", 2L)
        .containsEntry("RetrievePropertiesEx urn:vim25/6.0", 1L)
        .containsEntry("CreateContainerView urn:vim25/6.0", 1L).containsEntry("DestroyView urn:vim25/6.0", 1L)
        .containsEntry("CreatePropertyCollector urn:vim25/6.5", 1L)
        .containsEntry("DestroyPropertyCollector urn:vim25/6.5", 1L)
        .hasSize(6);
  }
}
