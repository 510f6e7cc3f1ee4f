package io.nestcheck.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.NicType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The raw device names FixApplier records: every enum constant, so a change to either table shows here. */
class NamesTest {

  @Test
  void controllerRawNamesForEveryType() {
    Map<ControllerType, String> expected = new EnumMap<>(ControllerType.class);
    expected.put(ControllerType.LSI_LOGIC, "lsilogic");
    expected.put(ControllerType.LSI_LOGIC_SAS, "lsisas1068");
    expected.put(ControllerType.BUSLOGIC, "buslogic");
    expected.put(ControllerType.PVSCSI, "pvscsi");
    expected.put(ControllerType.SATA_AHCI, "ahci");
    expected.put(ControllerType.NVME, "nvme");
    expected.put(ControllerType.IDE, "ide");
    expected.put(ControllerType.VIRTIO_BLK, "virtio");
    expected.put(ControllerType.VIRTIO_SCSI, "virtio-scsi");
    for (ControllerType t : ControllerType.values()) {
      assertThat(Names.controllerRaw(t)).as("%s", t).isEqualTo(Optional.ofNullable(expected.get(t)));
    }
  }

  @Test
  void nicRawNamesForEveryType() {
    Map<NicType, String> expected = new EnumMap<>(NicType.class);
    expected.put(NicType.E1000, "e1000");
    expected.put(NicType.E1000E, "e1000e");
    expected.put(NicType.VMXNET3, "vmxnet3");
    expected.put(NicType.VMXNET2, "vmxnet");
    expected.put(NicType.VMXNET, "vmxnet");
    expected.put(NicType.VLANCE, "vlance");
    expected.put(NicType.VIRTIO, "virtio");
    expected.put(NicType.RTL8139, "rtl8139");
    for (NicType t : NicType.values()) {
      assertThat(Names.nicRaw(t)).as("%s", t).isEqualTo(Optional.ofNullable(expected.get(t)));
    }
  }
}
