package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConnectInfo;
import com.vmware.vim25.VirtualDevicePciBusSlotInfo;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualE1000;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.VirtualLsiLogicController;
import com.vmware.vim25.VirtualSCSISharing;
import com.vmware.vim25.VirtualVmxnet3;
import io.nestcheck.api.ControllerType;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.NicType;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.Firmware;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The translation of actions into one ConfigSpec, without a server. */
class SpecBuilderTest {
  private final ParaVirtualSCSIController scsi = new ParaVirtualSCSIController();
  private final VirtualDisk disk = new VirtualDisk();
  private final VirtualE1000 nic = new VirtualE1000();
  private final VirtualEthernetCardNetworkBackingInfo backing = new VirtualEthernetCardNetworkBackingInfo();

  private Props vm() {
    scsi.setKey(1000);
    scsi.setBusNumber(0);
    scsi.setControllerKey(100);
    scsi.setSharedBus(VirtualSCSISharing.noSharing);
    scsi.setDevice(new int[] {2000});
    disk.setKey(2000);
    disk.setControllerKey(1000);
    disk.setUnitNumber(0);
    disk.setCapacityInKB(1024);
    backing.setDeviceName("VM Network");
    nic.setKey(4000);
    nic.setBacking(backing);
    nic.setMacAddress("00:50:56:aa:bb:cc");
    nic.setAddressType("assigned");
    nic.setControllerKey(100);
    nic.setUnitNumber(7);
    VirtualDeviceConnectInfo ci = new VirtualDeviceConnectInfo();
    ci.setStartConnected(true);
    nic.setConnectable(ci);
    VirtualDevicePciBusSlotInfo slot = new VirtualDevicePciBusSlotInfo();
    slot.setPciSlotNumber(160);
    nic.setSlotInfo(slot);
    OptionValue old = new OptionValue();
    old.setKey("old.key");
    old.setValue("1");
    ObjectContent oc = new ObjectContent();
    oc.setObj(Session.mor("VirtualMachine", "vm-1"));
    oc.setPropSet(new DynamicProperty[] {
        prop("config.hardware.device", new VirtualDevice[] {scsi, disk, nic}),
        prop("config.extraConfig", new OptionValue[] {old}),
        prop("config.nestedHVEnabled", Boolean.FALSE),
        prop("config.firmware", "bios")});
    return Props.of(oc);
  }

  private static DynamicProperty prop(String name, Object val) {
    DynamicProperty p = new DynamicProperty();
    p.setName(name);
    p.setVal(val);
    return p;
  }

  private static final SpecBuilder.Api API65 = new SpecBuilder.Api("6.5");

  @Test
  void oneSpecForNicControllerAndSettings() {
    List<FixAction> actions = List.of(ReplaceNicType.of("4000", NicType.VMXNET3),
        ReplaceControllerType.of("1000", ControllerType.LSI_LOGIC), SetSetting.of("vhv.enable", "TRUE"),
        SetSetting.of("nestcheck.x", "y"), RemoveSetting.of("OLD.KEY"));
    SpecBuilder b = SpecBuilder.build(vm(), actions, List.of(), API65, SpecBuilder.Net.NONE);
    assertThat(b.skipped).isEmpty();
    assertThat(b.accepted).containsExactlyElementsOf(actions);
    assertThat(b.needsPowerOff).isTrue();
    assertThat(b.hasSpec()).isTrue();
    assertThat(b.specVersion).isNull();

    VirtualDeviceConfigSpec[] dc = b.spec.getDeviceChange();
    List<String> ops = new ArrayList<>();
    for (VirtualDeviceConfigSpec c : dc) {
      ops.add(c.getOperation() + " " + c.getDevice().getClass().getSimpleName() + " " + c.getDevice().getKey());
    }
    assertThat(ops).containsExactly("remove VirtualE1000 4000", "add VirtualVmxnet3 -100",
        "remove ParaVirtualSCSIController 1000", "add VirtualLsiLogicController -101", "edit VirtualDisk 2000");
    VirtualVmxnet3 added = (VirtualVmxnet3) dc[1].getDevice();
    assertThat(added.getMacAddress()).isEqualTo("00:50:56:aa:bb:cc");
    assertThat(added.getAddressType()).isEqualTo("assigned");
    assertThat(added.getBacking()).isSameAs(backing);
    assertThat(added.getConnectable()).isSameAs(nic.getConnectable());
    assertThat(((VirtualDevicePciBusSlotInfo) added.getSlotInfo()).getPciSlotNumber()).isEqualTo(160);
    assertThat(added.getUnitNumber()).isEqualTo(7);
    VirtualLsiLogicController lsi = (VirtualLsiLogicController) dc[3].getDevice();
    assertThat(lsi.getBusNumber()).isZero();
    assertThat(lsi.getSharedBus()).isEqualTo(VirtualSCSISharing.noSharing);
    assertThat(lsi.getControllerKey()).isEqualTo(100);
    assertThat(dc[4].getDevice().getControllerKey()).isEqualTo(-101);
    assertThat(disk.getControllerKey()).as("the device as read is not changed").isEqualTo(1000);

    // vhv.enable is the API field nestedHVEnabled (vSphere ignores it in extraConfig)
    assertThat(b.spec.getNestedHVEnabled()).isTrue();
    List<String> extra = new ArrayList<>();
    for (OptionValue o : b.spec.getExtraConfig()) {
      extra.add(o.getKey() + "=" + o.getValue());
    }
    assertThat(extra).containsExactly("nestcheck.x=y", "old.key=");
  }

  @Test
  void refusedActionsAreLeftOutAndTheRestIsStable() {
    Props vm = vm();
    List<FixAction> actions = List.of(ReplaceControllerType.of("1000", ControllerType.LSI_LOGIC),
        SetSetting.of("a", "b"));
    SpecBuilder first = SpecBuilder.build(vm, actions, List.of(), API65, SpecBuilder.Net.NONE);
    SpecBuilder second = SpecBuilder.build(vm, actions, List.of(actions.get(0)), API65, SpecBuilder.Net.NONE);
    assertThat(first.spec.getDeviceChange()).hasSize(3);
    assertThat(second.spec.getDeviceChange()).isNull();
    assertThat(second.accepted).containsExactly(actions.get(1));
    SpecBuilder third = SpecBuilder.build(vm, actions, List.of(), API65, SpecBuilder.Net.NONE);
    // the disk still points at the old controller in the read devices, so every build re-points it
    assertThat(third.spec.getDeviceChange()[2].getDevice().getControllerKey())
        .isEqualTo(third.spec.getDeviceChange()[1].getDevice().getKey()).isEqualTo(-100);
  }

  @Test
  void newerApiFieldsNeedTheServersApi() {
    SpecBuilder b = SpecBuilder.build(vm(), List.of(SetFirmware.of(Firmware.EFI, true),
        SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true)), List.of(), API65, SpecBuilder.Net.NONE);
    assertThat(b.spec.getFirmware()).isEqualTo("efi");
    assertThat(b.spec.getBootOptions()).isInstanceOf(Wire.VirtualMachineBootOptions.class);
    assertThat(b.specVersion).isEqualTo("6.5");
    assertThat(b.skipped).singleElement().asString().contains("flags.vvtdEnabled needs vSphere API 6.7");

    SpecBuilder v67 = SpecBuilder.build(vm(), List.of(SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true)), List.of(),
        new SpecBuilder.Api("8.0.2.0"), SpecBuilder.Net.NONE);
    assertThat(((Wire.VirtualMachineFlagInfo) v67.spec.getFlags()).vvtdEnabled).isTrue();
    assertThat(v67.specVersion).isEqualTo("6.7");
  }

  @Test
  void unknownDevicesAreSkippedWithAReason() {
    SpecBuilder b = SpecBuilder.build(vm(), List.of(ReplaceNicType.of("4001", NicType.VMXNET3),
        ReplaceControllerType.of("1000", ControllerType.VIRTIO_SCSI)), List.of(), API65, SpecBuilder.Net.NONE);
    assertThat(b.hasSpec()).isFalse();
    assertThat(b.skipped).hasSize(2).anyMatch(s -> s.contains("no network adapter 4001"))
        .anyMatch(s -> s.contains("cannot add a virtio_scsi controller"));
  }
}
