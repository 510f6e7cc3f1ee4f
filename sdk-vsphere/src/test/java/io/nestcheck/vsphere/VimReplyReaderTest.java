package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vmware.vim25.ArrayOfInt;
import com.vmware.vim25.ArrayOfLong;
import com.vmware.vim25.ArrayOfManagedObjectReference;
import com.vmware.vim25.ArrayOfOptionValue;
import com.vmware.vim25.ArrayOfString;
import com.vmware.vim25.ArrayOfVirtualDevice;
import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.HostCpuIdInfo;
import com.vmware.vim25.InvalidProperty;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.MissingProperty;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.RetrieveResult;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualE1000;
import com.vmware.vim25.VirtualEthernetCardDistributedVirtualPortBackingInfo;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.VirtualMachinePowerState;
import com.vmware.vim25.VirtualSCSISharing;
import com.vmware.vim25.VirtualVmxnet3;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.rmi.RemoteException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VimReplyReader} on hand-written PropertyCollector replies: every basic type, nested and subclassed data
 * objects, references, faults, the tolerance rules, malformed replies, and equivalence with yavijava's own
 * unmarshaller ({@link ObjectGraphs}) wherever yavijava can parse the reply.
 */
class VimReplyReaderTest {

  /**
   * How the {@code xsi} namespace is declared: on the envelope as {@code xsi:} (vCenter), per value as {@code
   * XMLSchema-instance:} (vcsim), or under a prefix nobody uses.
   */
  enum Style {
    VCENTER("xsi", true),
    VCSIM("XMLSchema-instance", false),
    ODD("q1", true);

    final String prefix;
    final boolean onEnvelope;

    Style(String prefix, boolean onEnvelope) {
      this.prefix = prefix;
      this.onEnvelope = onEnvelope;
    }
  }

  private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

  /**
   * A reply around {@code body}, where {@code XSI:type} stands for the xsi type attribute and {@code XSIDECL} for
   * vcsim's per-value declaration of its prefix.
   */
  static byte[] reply(Style style, String body) {
    String decl = "xmlns:" + style.prefix + "=\"" + XSI_NS + "\"";
    String b = body.replace("XSIDECL", style.onEnvelope ? "" : decl).replace("XSI:", style.prefix + ":");
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope "
        + "xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" "
        + "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
        + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"" + (style.onEnvelope ? " " + decl : "") + ">\n"
        + "<soapenv:Body>" + b + "</soapenv:Body></soapenv:Envelope>").getBytes(StandardCharsets.UTF_8);
  }

  static String prop(String name, String type, String value) {
    return "<propSet><name>" + name + "</name><val XSIDECL XSI:type=\"" + type + "\">" + value + "</val></propSet>";
  }

  /** Every value shape the adapter reads, in one RetrievePropertiesEx reply. */
  static final String FLEET = "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
      + "<token>tok-1</token>"
      + "<objects><obj type=\"VirtualMachine\">vm-1</obj>"
      + prop("name", "xsd:string", "vm &amp; &lt;one&gt; ")
      + prop("n.int", "xsd:int", "-42")
      + prop("n.long", "xsd:long", "4294430720")
      + prop("n.short", "xsd:short", "7")
      + prop("n.byte", "xsd:byte", "-3")
      + prop("n.boolean", "xsd:boolean", "true")
      + prop("n.float", "xsd:float", "1.5")
      + prop("n.double", "xsd:double", "2.25")
      + prop("n.dateTime", "xsd:dateTime", "2024-01-02T03:04:05.678Z")
      + prop("n.base64Binary", "xsd:base64Binary", "aGVsbG8=")
      + prop("runtime.powerState", "VirtualMachinePowerState", "poweredOn")
      + prop("runtime.host", "ManagedObjectReference\" type=\"HostSystem", "host-9")
      + prop("network", "ArrayOfManagedObjectReference", "<ManagedObjectReference type=\"Network\">network-7"
          + "</ManagedObjectReference><ManagedObjectReference type=\"DistributedVirtualPortgroup\">dvportgroup-1"
          + "</ManagedObjectReference>")
      + prop("config.extraConfig", "ArrayOfOptionValue", "<OptionValue XSI:type=\"OptionValue\"><key>vhv.enable</key>"
          + "<value XSI:type=\"xsd:string\">TRUE</value></OptionValue><OptionValue XSI:type=\"OptionValue\">"
          + "<key>numvcpus</key><value XSI:type=\"xsd:int\">4</value></OptionValue>")
      + prop("config.hardware.device", "ArrayOfVirtualDevice", "\n"
          + "<VirtualDevice XSI:type=\"ParaVirtualSCSIController\"><key>1000</key><deviceInfo XSI:type=\"Description\">"
          + "<label>SCSI controller 0</label><summary>VMware paravirtual SCSI</summary></deviceInfo>"
          + "<controllerKey>100</controllerKey><unitNumber>3</unitNumber><busNumber>0</busNumber>"
          + "<device>2000</device><device>2001</device><sharedBus>noSharing</sharedBus>"
          + "<scsiCtlrUnitNumber>7</scsiCtlrUnitNumber></VirtualDevice>\n"
          + "<VirtualDevice XSI:type=\"VirtualE1000\"><key>4000</key><deviceInfo XSI:type=\"Description\">"
          + "<label>Network adapter 1</label><summary>VM Network</summary></deviceInfo>"
          + "<backing XSI:type=\"VirtualEthernetCardNetworkBackingInfo\"><deviceName>VM Network</deviceName>"
          + "<useAutoDetect>false</useAutoDetect><network type=\"Network\">network-7</network></backing>"
          + "<connectable><startConnected>true</startConnected><allowGuestControl>true</allowGuestControl>"
          + "<connected>false</connected><status>untried</status></connectable>"
          + "<slotInfo XSI:type=\"VirtualDevicePciBusSlotInfo\"><pciSlotNumber>33</pciSlotNumber></slotInfo>"
          + "<controllerKey>100</controllerKey><unitNumber>7</unitNumber><addressType>assigned</addressType>"
          + "<macAddress>00:50:56:aa:bb:cc</macAddress><wakeOnLanEnabled>true</wakeOnLanEnabled></VirtualDevice>\n"
          + "<VirtualDevice XSI:type=\"VirtualVmxnet3\"><key>4001</key>"
          + "<backing XSI:type=\"VirtualEthernetCardDistributedVirtualPortBackingInfo\"><port>"
          + "<switchUuid>50 2a 7f</switchUuid><portgroupKey>dvportgroup-1</portgroupKey></port></backing>"
          + "<addressType>generated</addressType></VirtualDevice>\n"
          + "<VirtualDevice XSI:type=\"VirtualDisk\"><key>2000</key>"
          + "<backing XSI:type=\"VirtualDiskFlatVer2BackingInfo\"><fileName>[ds] vm/vm.vmdk</fileName>"
          + "<datastore type=\"Datastore\">datastore-1</datastore><diskMode>persistent</diskMode>"
          + "<thinProvisioned>true</thinProvisioned></backing><controllerKey>1000</controllerKey>"
          + "<unitNumber>0</unitNumber><capacityInKB>1048576</capacityInKB></VirtualDevice>\n")
      + prop("strings", "ArrayOfString", "<string>a</string><string> b </string>")
      + prop("ints", "ArrayOfInt", "<int>1</int><int>-2</int>")
      + prop("longs", "ArrayOfLong", "<long>1</long><long>4294967296</long>")
      + "<missingSet><path>config.bogus</path><fault><fault XSIDECL XSI:type=\"InvalidProperty\">"
      + "<name>config.bogus</name></fault><localizedMessage>no such property</localizedMessage></fault></missingSet>"
      + "</objects>"
      + "<objects><obj type=\"HostSystem\">host-9</obj>"
      // vCenter writes the type attribute first; yavijava then reads the right type
      + "<propSet><name>parent</name><val type=\"ClusterComputeResource\" XSIDECL "
      + "XSI:type=\"ManagedObjectReference\">domain-c7</val></propSet>"
      + prop("hardware.cpuFeature", "ArrayOfHostCpuIdInfo", "<HostCpuIdInfo><level>-2147483647</level><vendor>"
          + "</vendor><eax>0000:0000:0000:0000:0000:0000:0000:0000</eax><ecx>----:----:----:----:----:----:"
          + "----:-1--</ecx></HostCpuIdInfo>")
      + "</objects>"
      + "</returnval></RetrievePropertiesExResponse>";

  static Stream<Style> styles() {
    return Stream.of(Style.values());
  }

  private static VimReplyReader.Result parse(String returnType, byte[] reply) throws RemoteException {
    return VimReplyReader.parse(returnType, new ByteArrayInputStream(reply));
  }

  private static Map<String, Object> props(ObjectContent oc) {
    Map<String, Object> m = new HashMap<>();
    for (DynamicProperty p : oc.getPropSet()) {
      m.put(p.getName(), p.getVal());
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("styles")
  void everyBasicTypeInAValue(Style style) throws Exception {
    VimReplyReader.Result r = parse("RetrieveResult", reply(style, FLEET));
    assertThat(r.skippedTotal).isZero();
    RetrieveResult rr = (RetrieveResult) r.value;
    assertThat(rr.getToken()).isEqualTo("tok-1");
    Map<String, Object> vm = props(rr.getObjects()[0]);
    assertThat(vm.get("name")).isEqualTo("vm & <one> ");
    assertThat(vm.get("n.int")).isEqualTo(-42);
    assertThat(vm.get("n.long")).isEqualTo(4294430720L);
    assertThat(vm.get("n.short")).isEqualTo((short) 7);
    assertThat(vm.get("n.byte")).isEqualTo((byte) -3);
    assertThat(vm.get("n.boolean")).isEqualTo(Boolean.TRUE);
    assertThat(vm.get("n.float")).isEqualTo(1.5f);
    assertThat(vm.get("n.double")).isEqualTo(2.25d);
    Calendar when = (Calendar) vm.get("n.dateTime");
    Calendar expected = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    expected.clear();
    expected.set(2024, Calendar.JANUARY, 2, 3, 4, 5);
    expected.set(Calendar.MILLISECOND, 678);
    assertThat(when.getTimeInMillis()).isEqualTo(expected.getTimeInMillis());
    assertThat((byte[]) vm.get("n.base64Binary")).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    assertThat(vm.get("runtime.powerState")).isEqualTo(VirtualMachinePowerState.poweredOn);
  }

  @Test
  void equalTextsShareOneStringAndEveryTextKeepsItsOwnValue() throws Exception {
    // repeated texts (as labels and keys repeat over thousands of VMs), texts in several chunks (entities, CDATA),
    // a text longer than the sharing limit, the empty text, and many distinct texts that must never be mixed up
    StringBuilder body = new StringBuilder("<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>");
    String longText = "Device on the virtual machine PCI bus ".repeat(5);
    String[] texts = {"IDE 0", "a &amp; b", "<![CDATA[a & b]]>", longText, "", "IDE 0", longText, "a &amp; b"};
    for (int i = 0; i < texts.length; i++) {
      body.append("<objects><obj type=\"VirtualMachine\">vm-").append(i).append("</obj>")
          .append(prop("name", "xsd:string", texts[i])).append("</objects>");
    }
    for (int i = 0; i < 3000; i++) {
      body.append("<objects><obj type=\"VirtualMachine\">vm-x").append(i).append("</obj>")
          .append(prop("name", "xsd:string", "vm-name-" + i)).append("</objects>");
    }
    body.append("</returnval></RetrievePropertiesExResponse>");
    RetrieveResult rr = (RetrieveResult) parse("RetrieveResult", reply(Style.VCENTER, body.toString())).value;
    ObjectContent[] objs = rr.getObjects();
    List<Object> names = Arrays.stream(objs).map(oc -> props(oc).get("name")).collect(Collectors.toList());
    assertThat(names.subList(0, texts.length)).containsExactly("IDE 0", "a & b", "a & b", longText, "", "IDE 0",
        longText, "a & b");
    assertThat(names.get(5)).isSameAs(names.get(0));
    for (int i = 0; i < 3000; i++) {
      assertThat(names.get(texts.length + i)).isEqualTo("vm-name-" + i);
      // the object references' texts too
      assertThat(objs[texts.length + i].getObj().getVal()).isEqualTo("vm-x" + i);
    }
  }

  @ParameterizedTest
  @MethodSource("styles")
  void devicesAreTheirSubclassesWithTheirBackings(Style style) throws Exception {
    RetrieveResult rr = (RetrieveResult) parse("RetrieveResult", reply(style, FLEET)).value;
    VirtualDevice[] devices = ((ArrayOfVirtualDevice) props(rr.getObjects()[0]).get("config.hardware.device"))
        .getVirtualDevice();
    assertThat(devices).extracting(d -> d.getClass().getSimpleName())
        .containsExactly("ParaVirtualSCSIController", "VirtualE1000", "VirtualVmxnet3", "VirtualDisk");
    ParaVirtualSCSIController pvscsi = (ParaVirtualSCSIController) devices[0];
    assertThat(pvscsi.getKey()).isEqualTo(1000);
    assertThat(pvscsi.getDevice()).containsExactly(2000, 2001);
    assertThat(pvscsi.getSharedBus()).isEqualTo(VirtualSCSISharing.noSharing);
    assertThat(pvscsi.getScsiCtlrUnitNumber()).isEqualTo(7);
    assertThat(pvscsi.getDeviceInfo().getLabel()).isEqualTo("SCSI controller 0");
    VirtualE1000 e1000 = (VirtualE1000) devices[1];
    assertThat(e1000.getMacAddress()).isEqualTo("00:50:56:aa:bb:cc");
    assertThat(e1000.getControllerKey()).isEqualTo(100);
    assertThat(e1000.getConnectable().isStartConnected()).isTrue();
    VirtualEthernetCardNetworkBackingInfo nb = (VirtualEthernetCardNetworkBackingInfo) e1000.getBacking();
    assertThat(nb.getDeviceName()).isEqualTo("VM Network");
    assertThat(nb.getNetwork().getType()).isEqualTo("Network");
    assertThat(nb.getNetwork().getVal()).isEqualTo("network-7");
    VirtualVmxnet3 vmxnet3 = (VirtualVmxnet3) devices[2];
    assertThat(((VirtualEthernetCardDistributedVirtualPortBackingInfo) vmxnet3.getBacking()).getPort()
        .getPortgroupKey()).isEqualTo("dvportgroup-1");
    VirtualDiskFlatVer2BackingInfo disk = (VirtualDiskFlatVer2BackingInfo) devices[3].getBacking();
    assertThat(disk.getFileName()).isEqualTo("[ds] vm/vm.vmdk");
    assertThat(disk.getDatastore().getType()).isEqualTo("Datastore");
    assertThat(disk.getThinProvisioned()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("styles")
  void optionValuesReferencesArraysAndFaults(Style style) throws Exception {
    RetrieveResult rr = (RetrieveResult) parse("RetrieveResult", reply(style, FLEET)).value;
    ObjectContent vmOc = rr.getObjects()[0];
    Map<String, Object> vm = props(vmOc);
    OptionValue[] extra = ((ArrayOfOptionValue) vm.get("config.extraConfig")).getOptionValue();
    assertThat(extra[0].getKey()).isEqualTo("vhv.enable");
    assertThat(extra[0].getValue()).isEqualTo("TRUE");
    assertThat(extra[1].getValue()).isEqualTo(4);
    ManagedObjectReference[] nets = ((ArrayOfManagedObjectReference) vm.get("network")).getManagedObjectReference();
    assertThat(nets).extracting(ManagedObjectReference::getType, ManagedObjectReference::getVal)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("Network", "network-7"),
            org.assertj.core.groups.Tuple.tuple("DistributedVirtualPortgroup", "dvportgroup-1"));
    // the deliberate difference from yavijava: a single reference value keeps its type
    ManagedObjectReference host = (ManagedObjectReference) vm.get("runtime.host");
    assertThat(host.getType()).isEqualTo("HostSystem");
    assertThat(host.getVal()).isEqualTo("host-9");
    assertThat(((ArrayOfString) vm.get("strings")).getString()).containsExactly("a", " b ");
    assertThat(((ArrayOfInt) vm.get("ints")).get_int()).containsExactly(1, -2);
    assertThat(((ArrayOfLong) vm.get("longs")).get_long()).containsExactly(1L, 4294967296L);
    MissingProperty missing = vmOc.getMissingSet()[0];
    assertThat(missing.getPath()).isEqualTo("config.bogus");
    assertThat(missing.getFault().getFault()).isInstanceOf(InvalidProperty.class);
    assertThat(((InvalidProperty) missing.getFault().getFault()).getName()).isEqualTo("config.bogus");
    assertThat(missing.getFault().getLocalizedMessage()).isEqualTo("no such property");
    assertThat(vmOc.getObj().getType()).isEqualTo("VirtualMachine");

    Map<String, Object> host9 = props(rr.getObjects()[1]);
    assertThat(((ManagedObjectReference) host9.get("parent")).getType()).isEqualTo("ClusterComputeResource");
    HostCpuIdInfo leaf = ((com.vmware.vim25.ArrayOfHostCpuIdInfo) host9.get("hardware.cpuFeature"))
        .getHostCpuIdInfo()[0];
    assertThat(leaf.getLevel()).isEqualTo(-2147483647);
    assertThat(leaf.getVendor()).isEmpty();
    assertThat(leaf.getEdx()).isNull();

    // what the adapter sees through Props
    Props p = Props.of(vmOc);
    assertThat(p.list("config.hardware.device", VirtualDevice.class)).hasSize(4);
    assertThat(p.mor("runtime.host", "HostSystem").getType()).isEqualTo("HostSystem");
    assertThat(p.missing()).containsExactly("config.bogus (InvalidProperty (name=config.bogus): no such property)");
  }

  @ParameterizedTest
  @MethodSource("styles")
  void sameObjectsAsYavijava(Style style) throws Exception {
    byte[] reply = reply(style, FLEET);
    ObjectGraphs g = ObjectGraphs.compare(ObjectGraphs.yavijava("RetrieveResult", reply),
        parse("RetrieveResult", reply).value);
    assertThat(g.differences).isEmpty();
    // runtime.host only: the host's parent has its type attribute first, which yavijava reads right
    assertThat(g.morTypesNormalized).isEqualTo(1);
    assertThat(g.compared).isGreaterThan(200);
  }

  static final String OBJECT_CONTENTS = "<RetrievePropertiesResponse xmlns=\"urn:vim25\">"
      + "<returnval><obj type=\"Task\">task-1</obj>" + prop("info.state", "TaskInfoState", "error")
      + prop("info.error", "LocalizedMethodFault", "<fault XSI:type=\"ConcurrentAccess\"></fault>"
          + "<localizedMessage>busy</localizedMessage>") + "</returnval>"
      + "<returnval XSIDECL XSI:type=\"ObjectContent\"><obj type=\"Task\">task-2</obj>"
      + prop("info.state", "TaskInfoState", "success") + "</returnval>"
      + "</RetrievePropertiesResponse>";

  @ParameterizedTest
  @MethodSource("styles")
  void retrievePropertiesGivesObjectContents(Style style) throws Exception {
    byte[] reply = reply(style, OBJECT_CONTENTS);
    Object ours = parse("ObjectContent[]", reply).value;
    assertThat(ours).isInstanceOf(ObjectContent[].class);
    ObjectContent[] ocs = (ObjectContent[]) ours;
    assertThat(ocs).hasSize(2);
    assertThat(Props.of(ocs[0]).get("info.error")).isInstanceOf(com.vmware.vim25.LocalizedMethodFault.class);
    assertThat(Faults.describe((com.vmware.vim25.LocalizedMethodFault) Props.of(ocs[0]).get("info.error")))
        .isEqualTo("ConcurrentAccess: busy");
    ObjectGraphs g = ObjectGraphs.compare(ObjectGraphs.yavijava("ObjectContent[]", reply), ours);
    assertThat(g.differences).isEmpty();
  }

  @Test
  void anEmptyResponseIsNullAsInYavijava() throws Exception {
    byte[] ex = reply(Style.VCENTER, "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"/>");
    assertThat(parse("RetrieveResult", ex).value).isNull();
    assertThat(ObjectGraphs.yavijava("RetrieveResult", ex)).isNull();
    byte[] plain = reply(Style.VCENTER, "<RetrievePropertiesResponse xmlns=\"urn:vim25\"></RetrievePropertiesResponse>");
    assertThat(parse("ObjectContent[]", plain).value).isNull();
    assertThat(ObjectGraphs.yavijava("ObjectContent[]", plain)).isNull();
  }

  @Test
  void unknownElementsAreSkippedWithTheirSubtreeAndCounted() throws Exception {
    String body = "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects>"
        + "<obj type=\"VirtualMachine\">vm-1</obj>"
        + prop("config.hardware.device", "ArrayOfVirtualDevice",
            "<VirtualDevice XSI:type=\"VirtualMachineVideoCard\"><key>500</key>"
                + "<quantumFluxInKB>262144</quantumFluxInKB><numDisplays>1</numDisplays>"
                + "<futureThing><key>7</key><deep><deeper>x</deeper></deep></futureThing>"
                + "<videoRamSizeInKB>4096</videoRamSizeInKB></VirtualDevice>")
        + "</objects></returnval></RetrievePropertiesExResponse>";
    byte[] reply = reply(Style.VCENTER, body);
    assertThatThrownBy(() -> ObjectGraphs.yavijava("RetrieveResult", reply)).hasStackTraceContaining(
        "NoSuchFieldException");
    VimReplyReader.Result r = parse("RetrieveResult", reply);
    com.vmware.vim25.VirtualMachineVideoCard card = (com.vmware.vim25.VirtualMachineVideoCard)
        ((ArrayOfVirtualDevice) props(((RetrieveResult) r.value).getObjects()[0]).get("config.hardware.device"))
            .getVirtualDevice()[0];
    assertThat(card.getKey()).isEqualTo(500);
    assertThat(card.getNumDisplays()).isEqualTo(1);
    assertThat(card.getVideoRamSizeInKB()).isEqualTo(4096);
    assertThat(r.skippedTotal).isEqualTo(2);
    assertThat(r.skipped).containsOnlyKeys("element VirtualMachineVideoCard.quantumFluxInKB (no such field)",
        "element VirtualMachineVideoCard.futureThing (no such field)");
  }

  @Test
  void anUnknownTypeIsReadAsTheDeclaredTypeOrSkippedInAnObjectField() throws Exception {
    // VirtualNVMEController (API 6.5) has no class in yavijava 6.0.05
    String body = "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects>"
        + "<obj type=\"VirtualMachine\">vm-1</obj>"
        + prop("config.hardware.device", "ArrayOfVirtualDevice",
            "<VirtualDevice XSI:type=\"VirtualNVMEController\"><key>31000</key><deviceInfo XSI:type=\"Description\">"
                + "<label>NVME controller 0</label><summary>NVME</summary></deviceInfo><controllerKey>100</controllerKey>"
                + "<busNumber>0</busNumber><device>32000</device></VirtualDevice>"
                + "<VirtualDevice XSI:type=\"VirtualE1000e\"><key>4000</key></VirtualDevice>")
        + prop("config.future", "SomethingNew", "<a>1</a>")
        + prop("name", "xsd:string", "n")
        + "</objects></returnval></RetrievePropertiesExResponse>";
    VimReplyReader.Result r = parse("RetrieveResult", reply(Style.VCSIM, body));
    Map<String, Object> vm = props(((RetrieveResult) r.value).getObjects()[0]);
    VirtualDevice[] devices = ((ArrayOfVirtualDevice) vm.get("config.hardware.device")).getVirtualDevice();
    assertThat(devices[0].getClass()).isEqualTo(VirtualDevice.class);
    assertThat(devices[0].getKey()).isEqualTo(31000);
    assertThat(devices[0].getControllerKey()).isEqualTo(100);
    assertThat(devices[0].getDeviceInfo().getLabel()).isEqualTo("NVME controller 0");
    assertThat(devices[1]).isInstanceOf(com.vmware.vim25.VirtualE1000e.class);
    assertThat(vm).containsKey("config.future");
    assertThat(vm.get("config.future")).isNull();
    assertThat(vm.get("name")).isEqualTo("n");
    assertThat(r.skipped).containsOnlyKeys("unknown type VirtualNVMEController read as VirtualDevice",
        "element VirtualDevice.busNumber (no such field)", "element VirtualDevice.device (no such field)",
        "value of unknown type SomethingNew");
  }

  @Test
  void anUnknownEnumConstantIsSkipped() throws Exception {
    String body = "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects>"
        + "<obj type=\"VirtualMachine\">vm-1</obj>"
        + prop("runtime.powerState", "VirtualMachinePowerState", "hibernating")
        + prop("config.hardware.device", "ArrayOfVirtualDevice",
            "<VirtualDevice XSI:type=\"ParaVirtualSCSIController\"><key>1000</key><busNumber>0</busNumber>"
                + "<sharedBus>futureSharing</sharedBus></VirtualDevice>")
        + "</objects></returnval></RetrievePropertiesExResponse>";
    VimReplyReader.Result r = parse("RetrieveResult", reply(Style.VCENTER, body));
    Map<String, Object> vm = props(((RetrieveResult) r.value).getObjects()[0]);
    assertThat(vm.get("runtime.powerState")).isNull();
    ParaVirtualSCSIController c = (ParaVirtualSCSIController)
        ((ArrayOfVirtualDevice) vm.get("config.hardware.device")).getVirtualDevice()[0];
    assertThat(c.getKey()).isEqualTo(1000);
    assertThat(c.getSharedBus()).isNull();
    assertThat(r.skipped).containsOnlyKeys("unknown VirtualMachinePowerState value hibernating",
        "unknown VirtualSCSISharing value futureSharing");
  }

  @Test
  void aPrefixedTypeNameAndAHeaderAreAccepted() throws Exception {
    String body = "<RetrievePropertiesExResponse xmlns=\"urn:vim25\" xmlns:vim25=\"urn:vim25\"><returnval><objects>"
        + "<obj type=\"VirtualMachine\">vm-1</obj>"
        + prop("config.hardware.device", "vim25:ArrayOfVirtualDevice",
            "<VirtualDevice XSI:type=\"vim25:VirtualE1000\"><key>4000</key></VirtualDevice>")
        + "</objects></returnval></RetrievePropertiesExResponse>";
    byte[] reply = new String(reply(Style.VCENTER, body), StandardCharsets.UTF_8)
        .replace("<soapenv:Body>", "<soapenv:Header><x>1</x></soapenv:Header><soapenv:Body>")
        .getBytes(StandardCharsets.UTF_8);
    VimReplyReader.Result r = parse("RetrieveResult", reply);
    assertThat(r.skippedTotal).isZero();
    VirtualDevice d = ((ArrayOfVirtualDevice) props(((RetrieveResult) r.value).getObjects()[0])
        .get("config.hardware.device")).getVirtualDevice()[0];
    assertThat(d).isInstanceOf(VirtualE1000.class);
  }

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("<?xml version=\"1.0\"?>\n<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/"
            + "envelope/\"><soapenv:Body><RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>\n"
            + "<token>a</tokn></returnval></RetrievePropertiesExResponse></soapenv:Body></soapenv:Envelope>",
            "malformed XML in the RetrieveResult reply at line 3, column"),
        Arguments.of("<?xml version=\"1.0\"?>\n<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/"
            + "envelope/\"><soapenv:Body><RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>",
            "malformed XML in the RetrieveResult reply at line 2, column"),
        Arguments.of("<html><body>502 Bad Gateway</body></html>",
            "the RetrieveResult reply at line 1, column 7: not a SOAP envelope: the root element is html"),
        Arguments.of("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soapenv:Header/></soapenv:Envelope>", "the SOAP envelope has no Body"),
        Arguments.of("", "malformed XML in the RetrieveResult reply at line 1, column 1"));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void aBrokenReplyIsARemoteExceptionThatSaysWhereAndWhat(String reply, String message) {
    assertThatThrownBy(() -> parse("RetrieveResult", reply.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RemoteException.class).hasMessageContaining(message);
  }

  @Test
  void vimClientReadsPropertyCollectorRepliesItselfAndTheRestWithYavijava() throws Exception {
    VimClient client = VimClient.create(new URL("https://127.0.0.1:9/sdk").toString(),
        (SSLSocketFactory) SSLSocketFactory.getDefault(), 1000, 1000);
    // an element yavijava 6.0.05 cannot map: yavijava fails the reply, the reader skips it
    String body = "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><objects>"
        + "<obj type=\"VirtualMachine\">vm-1</obj>" + prop("name", "xsd:string", "a")
        + "<newField>1</newField></objects></returnval></RetrievePropertiesExResponse>";
    Object rr = client.unMarshall("RetrieveResult", new ByteArrayInputStream(reply(Style.VCSIM, body)));
    assertThat(((RetrieveResult) rr).getObjects()[0].getPropSet()[0].getVal()).isEqualTo("a");
    String ps = "<RetrievePropertiesResponse xmlns=\"urn:vim25\">" + "<returnval><obj type=\"Task\">task-1</obj>"
        + "<newField/></returnval></RetrievePropertiesResponse>";
    Object ocs = client.unMarshall("ObjectContent[]", new ByteArrayInputStream(reply(Style.VCSIM, ps)));
    assertThat(((ObjectContent[]) ocs)[0].getObj().getVal()).isEqualTo("task-1");
    // every other return type is yavijava's: it fails on the unknown element
    String time = "<CurrentTimeResponse xmlns=\"urn:vim25\"><returnval>2024-01-02T03:04:05Z</returnval>"
        + "</CurrentTimeResponse>";
    assertThat(client.unMarshall("Calendar", new ByteArrayInputStream(reply(Style.VCSIM, time))))
        .isInstanceOf(Calendar.class);
    assertThatThrownBy(() -> client.unMarshall("ObjectUpdate", new ByteArrayInputStream(reply(Style.VCSIM,
        "<R xmlns=\"urn:vim25\"><returnval><newField>1</newField></returnval></R>"))))
        .hasStackTraceContaining("NoSuchFieldException");
    assertThat(Arrays.asList("RetrieveResult", "ObjectContent[]")).allMatch(VimReplyReader::handles);
    assertThat(List.of("ObjectContent", "RetrieveResult[]", "ServiceContent")).noneMatch(VimReplyReader::handles);
  }
}
