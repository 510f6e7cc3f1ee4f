package io.nestcheck.core.internal.govc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.CpuidMask;
import io.nestcheck.api.Disk;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.MacAddressType;
import io.nestcheck.api.Nic;
import io.nestcheck.api.NicType;
import io.nestcheck.api.Peripheral;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.PowerState;
import io.nestcheck.api.Setting;
import io.nestcheck.api.StorageController;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GovcReaderTest {
  private final GovcReader reader = new GovcReader();

  private static byte[] resource(String name) throws Exception {
    try (InputStream in = GovcReaderTest.class.getResourceAsStream("/readers/govc/" + name)) {
      return in.readAllBytes();
    }
  }

  private List<VmConfiguration> read(String json) throws ExportParseException {
    return reader.read(ExportSource.of("inv.json", json.getBytes(StandardCharsets.UTF_8)));
  }

  private ExportParseException error(String json) {
    return catchThrowableOfType(ExportParseException.class, () -> read(json));
  }

  /** The 1-based line of the first occurrence of {@code needle} in a resource. */
  private static int lineOf(byte[] text, String needle) {
    String s = new String(text, StandardCharsets.UTF_8);
    int at = s.indexOf(needle);
    assertThat(at).as(needle).isNotNegative();
    return (int) s.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  @Test
  void formatAndSniffing() throws Exception {
    assertThat(reader.format()).isEqualTo("govc");
    assertThat(reader.canRead("x.json", resource("esxi8-nested.json"))).isTrue();
    assertThat(reader.canRead("x.json", resource("legacy-capitalized.json"))).isTrue();
    assertThat(reader.canRead("x.json", "\uFEFF  [ {\"_typeName\": \"VirtualMachine\"".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(reader.canRead("x.json", "{\"hosts\": []}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(reader.canRead("x.json", "<domain>virtualMachines</domain>".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(reader.canRead("x.json", new byte[0])).isFalse();
  }

  @Test
  void mapsANestedEsxiVm() throws Exception {
    byte[] json = resource("esxi8-nested.json");
    List<VmConfiguration> vms = reader.read(ExportSource.of("inventory/esxi8.json", json));
    assertThat(vms).hasSize(1);
    VmConfiguration vm = vms.get(0);
    assertThat(vm.name()).isEqualTo("esxi8-lab-01");
    assertThat(vm.source()).isEqualTo("inventory/esxi8.json");
    assertThat(vm.uuid()).contains("4210a6c9-3d0e-8f1a-62b4-7c5d9e0f1a2b");
    assertThat(vm.changeVersion()).contains("2024-11-02T09:14:27.512339Z");
    assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(20));
    assertThat(vm.guestOs()).contains(GuestOsId.of("vmkernel8Guest"));
    assertThat(vm.firmware()).isEqualTo(Firmware.EFI);
    assertThat(vm.secureBoot()).isFalse();
    assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
    assertThat(vm.vbs()).isFalse();
    assertThat(vm.virtualIommu()).isFalse();
    assertThat(vm.virtualPmc()).isFalse();
    assertThat(vm.vcpus()).isEqualTo(4);
    assertThat(vm.coresPerSocket()).isEqualTo(2);
    assertThat(vm.memoryMiB()).isEqualTo(16384);
    assertThat(vm.memoryReservationMiB()).isEqualTo(16384);
    assertThat(vm.memoryLockedToMax()).isTrue();
    assertThat(vm.powerState()).isEqualTo(PowerState.POWERED_ON);
    assertThat(vm.hostRef()).contains("host-1011");

    assertThat(vm.controllers()).containsExactly(
        StorageController.builder().id("200").type(ControllerType.IDE).rawType("VirtualIDEController").build(),
        StorageController.builder().id("201").type(ControllerType.IDE).rawType("VirtualIDEController").busNumber(1)
            .build(),
        StorageController.builder().id("1000").type(ControllerType.PVSCSI).rawType("ParaVirtualSCSIController")
            .build(),
        StorageController.builder().id("31000").type(ControllerType.NVME).rawType("VirtualNVMEController").build());
    assertThat(vm.disks()).containsExactly(
        Disk.builder().id("2000").controllerId("1000").unit(0).capacityMiB(32768)
            .fileName("[nvme-ds01] esxi8-lab-01/esxi8-lab-01.vmdk").build(),
        Disk.builder().id("2001").controllerId("31000").unit(0).capacityMiB(102400)
            .fileName("[nvme-ds01] esxi8-lab-01/esxi8-lab-01_1.vmdk").build());
    assertThat(vm.nics()).containsExactly(
        Nic.builder().id("4000").type(NicType.VMXNET3).rawType("VirtualVmxnet3").network("Nested-Trunk")
            .macAddress("00:50:56:8a:3c:01").addressType(MacAddressType.ASSIGNED).build(),
        Nic.builder().id("4001").type(NicType.VMXNET3).rawType("VirtualVmxnet3").network("dvportgroup-1031")
            .macAddress("00:50:56:8a:3c:02").addressType(MacAddressType.ASSIGNED).build());
    assertThat(vm.peripherals()).containsExactly(Peripheral.of("14000", PeripheralKind.USB),
        Peripheral.of("3002", PeripheralKind.CDROM));

    assertThat(vm.settings()).extracting(Setting::key).containsExactly(
        "nvram", "svga.present", "disk.EnableUUID", "ethernet0.pciSlotNumber", "sched.mem.pin");
    assertThat(vm.setting("disk.EnableUUID")).contains("TRUE");
    assertThat(vm.lineOf("disk.EnableUUID")).isEqualTo(lineOf(json, "\"key\": \"disk.EnableUUID\""));
  }

  @Test
  void mapsAFleetInDocumentOrder() throws Exception {
    List<VmConfiguration> vms = reader.read(ExportSource.of("fleet.json", resource("fleet.json")));
    assertThat(vms).extracting(VmConfiguration::name).containsExactly("cna-node-a", "hyperv-lab");

    VmConfiguration cna = vms.get(0);
    // No nestedHVEnabled field: vhv.enable in extraConfig decides.
    assertThat(cna.nestedHv()).isEqualTo(TriState.YES);
    assertThat(cna.guestOs()).contains(GuestOsId.of("other4xLinux64Guest"));
    assertThat(cna.hardwareVersion()).isEqualTo(OptionalInt.of(13));
    assertThat(cna.firmware()).isEqualTo(Firmware.BIOS);
    assertThat(cna.vcpus()).isEqualTo(8);
    assertThat(cna.coresPerSocket()).isEqualTo(1);
    assertThat(cna.memoryMiB()).isEqualTo(32768);
    assertThat(cna.controllers()).extracting(StorageController::id, StorageController::type)
        .containsExactly(tuple("200", ControllerType.IDE), tuple("1000", ControllerType.LSI_LOGIC_SAS));
    assertThat(cna.disks()).containsExactly(Disk.builder().id("2000").controllerId("1000").capacityMiB(204800)
        .fileName("[ds-sas-02] cna-node-a/cna-node-a.vmdk").build());
    assertThat(cna.nics()).containsExactly(Nic.builder().id("4000").type(NicType.E1000).rawType("VirtualE1000")
        .network("CNA-Mgmt").macAddress("00:50:56:3f:00:11").addressType(MacAddressType.STATIC).build());
    assertThat(cna.peripherals()).extracting(Peripheral::kind)
        .containsExactly(PeripheralKind.SOUND, PeripheralKind.FLOPPY, PeripheralKind.SERIAL);
    assertThat(cna.cpuidMasks()).containsExactly(
        CpuidMask.of(1, CpuidMask.Register.ECX, "--------------------------0-----"),
        CpuidMask.of(0x80000001L, CpuidMask.Register.ECX, "-----------------------------0--"));
    assertThat(cna.setting("hypervisor.cpuid.v0")).contains("FALSE");
    assertThat(cna.powerState()).isEqualTo(PowerState.POWERED_ON);

    VmConfiguration hv = vms.get(1);
    // The API field wins over a contradicting extraConfig key.
    assertThat(hv.nestedHv()).isEqualTo(TriState.YES);
    assertThat(hv.setting("vhv.enable")).contains("FALSE");
    assertThat(hv.vbs()).isTrue();
    assertThat(hv.virtualIommu()).isTrue();
    assertThat(hv.secureBoot()).isTrue();
    assertThat(hv.virtualPmc()).isTrue();
    assertThat(hv.firmware()).isEqualTo(Firmware.EFI);
    assertThat(hv.coresPerSocket()).isEqualTo(4);
    assertThat(hv.memoryReservationMiB()).isEqualTo(4096);
    assertThat(hv.powerState()).isEqualTo(PowerState.POWERED_OFF);
    assertThat(hv.controllers()).extracting(StorageController::type).containsExactly(ControllerType.SATA_AHCI);
    assertThat(hv.disks().get(0).capacityMiB().getAsLong()).isEqualTo(92160);
    assertThat(hv.nics().get(0).type()).isEqualTo(NicType.E1000E);
    assertThat(hv.nics().get(0).addressType()).isEqualTo(MacAddressType.GENERATED);
    assertThat(hv.peripherals()).containsExactly(Peripheral.of("10000", PeripheralKind.PARALLEL));
  }

  @Test
  void readsOldCapitalizedOutput() throws Exception {
    List<VmConfiguration> vms = reader.read(ExportSource.of("old.json", resource("legacy-capitalized.json")));
    VmConfiguration vm = vms.get(0);
    assertThat(vm.name()).isEqualTo("esxi65-legacy");
    assertThat(vm.hardwareVersion()).isEqualTo(OptionalInt.of(11));
    assertThat(vm.guestOs()).contains(GuestOsId.of("vmkernel65Guest"));
    assertThat(vm.memoryMiB()).isEqualTo(8192);
    assertThat(vm.vcpus()).isEqualTo(2);
    // "NestedHVEnabled": null is not a statement; ExtraConfig vhv.enable = TRUE is.
    assertThat(vm.nestedHv()).isEqualTo(TriState.YES);
    assertThat(vm.powerState()).isEqualTo(PowerState.POWERED_OFF);
    // Devices without _typeName cannot be typed and are skipped.
    assertThat(vm.controllers()).isEmpty();
  }

  @Test
  void acceptsABareArrayAndUnstatedFlagsStayUnknown() throws Exception {
    List<VmConfiguration> vms = read("[{\"name\":\"a\",\"config\":{\"hardware\":{\"memoryMB\":1024}}},"
        + "{\"name\":\"b\",\"config\":{\"hardware\":{\"memoryMB\":\"2048\",\"numCPU\":2}}}]");
    assertThat(vms).extracting(VmConfiguration::name).containsExactly("a", "b");
    assertThat(vms.get(0).nestedHv()).isEqualTo(TriState.UNKNOWN);
    assertThat(vms.get(0).powerState()).isEqualTo(PowerState.UNKNOWN);
    assertThat(vms.get(1).memoryMiB()).isEqualTo(2048);
    assertThat(vms.get(1).vcpus()).isEqualTo(2);
  }

  @Test
  void invalidValuesCarryPointerAndLine() {
    String json = "{\n  \"virtualMachines\": [\n    {\n      \"name\": \"x\",\n      \"config\": {\n"
        + "        \"hardware\": {\n          \"memoryMB\": \"lots\"\n        }\n      }\n    }\n  ]\n}\n";
    ExportParseException e = error(json);
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.location().pointer()).contains("/virtualMachines/0/config/hardware/memoryMB");
    assertThat(e.location().line()).isEqualTo(7);
    assertThat(e.reason()).contains("memoryMB").contains("lots");

    assertThat(error("{\"virtualMachines\":[{\"name\":\"x\",\"config\":{\"hardware\":{}}}]}").location().pointer())
        .contains("/virtualMachines/0/config/hardware");
    assertThat(error("{\"virtualMachines\":[{\"name\":\"x\"}]}").kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error("{\"virtualMachines\":[{\"config\":{\"hardware\":{\"memoryMB\":0}}}]}").kind())
        .isEqualTo(Kind.INVALID_VALUE);
    assertThat(error("{\"virtualMachines\":[{\"config\":{\"hardware\":{\"memoryMB\":1,\"numCPU\":-1}}}]}").kind())
        .isEqualTo(Kind.INVALID_VALUE);
    assertThat(error("{\"virtualMachines\":[{\"config\":{\"firmware\":\"uefi\",\"hardware\":{\"memoryMB\":1}}}]}")
        .kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error("{\"virtualMachines\":[{\"config\":{\"nestedHVEnabled\":\"maybe\",\"hardware\":{\"memoryMB\":1}}}]}")
        .kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(error("{\"virtualMachines\":[42]}").location().pointer()).contains("/virtualMachines/0");
    assertThat(error("{\"virtualMachines\":{}}").kind()).isEqualTo(Kind.INVALID_VALUE);
  }

  @Test
  void noVmsIsUnsupported() {
    assertThat(error("{\"virtualMachines\":[]}").kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
    assertThat(error("{\"virtualMachines\":null}").kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
    assertThat(error("{\"hostSystems\":[{\"name\":\"h\"}]}").kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
    assertThat(error("\"just a string\"").kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
    assertThat(error("[]").kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
  }

  @Test
  void malformedJsonIsSyntaxWithLine() {
    ExportParseException e = error("{\n  \"virtualMachines\": [\n    {\"name\": \"x\",,}\n  ]\n}");
    assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
    assertThat(e.location().line()).isEqualTo(3);
    assertThat(error("{\"virtualMachines\": [").kind()).isEqualTo(Kind.SYNTAX);
    assertThat(error("").kind()).isIn(Kind.SYNTAX, Kind.UNSUPPORTED_FORMAT);
    assertThat(error("{\"a\":1,\"a\":2,\"virtualMachines\":[]}").kind()).isEqualTo(Kind.SYNTAX);
    assertThat(error("{\"virtualMachines\":[{\"config\":{\"hardware\":{\"memoryMB\":1}}}]} trailing").kind())
        .isEqualTo(Kind.SYNTAX);
  }

  @Test
  void limits() {
    String deep = "{\"virtualMachines\":[" + "{\"a\":".repeat(GovcReader.MAX_DEPTH + 5) + "1"
        + "}".repeat(GovcReader.MAX_DEPTH + 5) + "]}";
    assertThat(error(deep).kind()).isEqualTo(Kind.TOO_LARGE);
    ExportSource huge = new ExportSource() {
      @Override
      public String name() {
        return "huge.json";
      }

      @Override
      public long size() {
        return GovcReader.MAX_BYTES + 1;
      }

      @Override
      public InputStream open() {
        throw new AssertionError("must not be opened");
      }
    };
    ExportParseException e = catchThrowableOfType(ExportParseException.class, () -> reader.read(huge));
    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void invalidUtf8IsAnEncodingError() {
    byte[] bytes = "{\"virtualMachines\":[{\"name\":\"\u00e9\"}]}".getBytes(StandardCharsets.UTF_8);
    bytes[25] = (byte) 0xFF;
    ExportParseException e = catchThrowableOfType(ExportParseException.class,
        () -> reader.read(ExportSource.of("bad.json", bytes)));
    assertThat(e.kind()).isEqualTo(Kind.ENCODING);
    assertThat(e.location().line()).isEqualTo(1);
  }

  @Test
  void anyTypeValuesAreUnwrapped() throws Exception {
    VmConfiguration vm = read("{\"virtualMachines\":[{\"name\":\"v\",\"config\":{\"hardware\":{\"memoryMB\":64},"
        + "\"extraConfig\":[{\"_typeName\":\"OptionValue\",\"key\":\"vvtd.enable\","
        + "\"value\":{\"_typeName\":\"boolean\",\"_value\":true}},"
        + "{\"_typeName\":\"OptionValue\",\"key\":\"numeric\",\"value\":{\"_typeName\":\"int\",\"_value\":3}}]}}]}")
        .get(0);
    assertThat(vm.setting("vvtd.enable")).contains("true");
    assertThat(vm.setting("numeric")).contains("3");
    assertThat(vm.virtualIommu()).isTrue();
  }
}
