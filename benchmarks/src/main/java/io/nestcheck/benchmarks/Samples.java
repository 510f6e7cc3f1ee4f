package io.nestcheck.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The documents the parse benchmark reads, one per format and size; deterministic.
 *
 * <ul>
 *   <li>{@code typical}: what one VM's export usually looks like. vmx: a generated fleet file as ESXi writes them
 *       (about 3-4 KiB); ovf: a nested ESXi 8 descriptor in the shape of VMware's own template (about 7 KiB);
 *       libvirt: a {@code virsh dumpxml} of a nested KVM guest (about 5 KiB).
 *   <li>{@code large}: the same VM grown to about 64 KiB the way real files grow: vmx by {@code guestinfo.*} and
 *       other extra settings, OVF by {@code vmw:ExtraConfig} entries and product properties, libvirt by disks,
 *       interfaces and metadata. The per-KiB cost of both sizes tells fixed from per-byte cost.
 * </ul>
 */
public final class Samples {
  private Samples() {}

  /** Formats. */
  public static final String[] FORMATS = {"vmx", "ovf", "libvirt"};

  /** The bytes of {@code format} at {@code size} ({@code typical} or {@code large}). */
  public static byte[] bytes(String format, String size) {
    boolean large = switch (size) {
      case "typical" -> false;
      case "large" -> true;
      default -> throw new IllegalArgumentException("size " + size);
    };
    String text = switch (format) {
      case "vmx" -> vmx(large);
      case "ovf" -> ovf(large);
      case "libvirt" -> libvirt(large);
      default -> throw new IllegalArgumentException("format " + format);
    };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The file name extension of {@code format}. */
  public static String extension(String format) {
    return switch (format) {
      case "vmx" -> ".vmx";
      case "ovf" -> ".ovf";
      default -> ".xml";
    };
  }

  static final int LARGE_BYTES = 64 * 1024;

  static String vmx(boolean large) {
    String base = Fleet.vmx(12, Fleet.DEFAULT_SEED);
    if (!large) {
      return base;
    }
    String nl = base.contains("\r\n") ? "\r\n" : "\n";
    StringBuilder b = new StringBuilder(base);
    for (int i = 0; b.length() < LARGE_BYTES; i++) {
      if (i % 4 == 0) {
        b.append("# block ").append(i / 4).append(" of the lab's first-boot settings").append(nl);
      }
      b.append(String.format(Locale.ROOT, "guestinfo.lab.setting%04d = \"value-%04d-%s\"", i, i, "x".repeat(24 + i % 40)))
          .append(nl);
    }
    return b.toString();
  }

  static String ovf(boolean large) {
    StringBuilder b = new StringBuilder(large ? LARGE_BYTES + 4096 : 8192);
    b.append("""
        <?xml version="1.0" encoding="UTF-8"?>
        <Envelope vmw:buildId="build-22380479" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <References>
            <File ovf:href="nested-esxi8-disk1.vmdk" ovf:id="file1" ovf:size="1073741824"/>
            <File ovf:href="nested-esxi8-disk2.vmdk" ovf:id="file2" ovf:size="68157440"/>
          </References>
          <DiskSection>
            <Info>Virtual disk information</Info>
            <Disk ovf:capacity="32" ovf:capacityAllocationUnits="byte * 2^30" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized" ovf:populatedSize="1073741824"/>
            <Disk ovf:capacity="${cacheSize}" ovf:capacityAllocationUnits="byte * 2^30" ovf:diskId="vmdisk2" ovf:fileRef="file2" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
          </DiskSection>
          <NetworkSection>
            <Info>The list of logical networks</Info>
            <Network ovf:name="Nested Trunk">
              <Description>The Nested Trunk network</Description>
            </Network>
          </NetworkSection>
          <VirtualSystem ovf:id="nested-esxi8">
            <Info>A virtual machine</Info>
            <Name>nested-esxi8-实验室</Name>
            <OperatingSystemSection ovf:id="104" vmw:osType="vmkernel8Guest">
              <Info>The kind of installed guest operating system</Info>
              <Description>VMware ESXi 8.0 or later</Description>
            </OperatingSystemSection>
            <ProductSection ovf:required="false">
              <Info>Nested ESXi appliance settings</Info>
              <Product>Nested ESXi 8.0 Update 2</Product>
              <Vendor>Lab</Vendor>
              <Version>8.0.2</Version>
              <Property ovf:key="cacheSize" ovf:type="int" ovf:userConfigurable="true" ovf:value="40">
                <Label>Cache disk size (GB)</Label>
              </Property>
              <Property ovf:key="guestinfo.hostname" ovf:type="string" ovf:userConfigurable="true" ovf:value="esxi-01.lab">
                <Label>Hostname</Label>
              </Property>
        """);
    if (large) {
      for (int i = 0; b.length() < LARGE_BYTES / 3; i++) {
        b.append(String.format(Locale.ROOT, """
                  <Property ovf:key="guestinfo.lab.p%04d" ovf:type="string" ovf:userConfigurable="true" ovf:value="value-%04d">
                    <Label>Lab setting %d</Label>
                    <Description>Set by the lab automation on first boot.</Description>
                  </Property>
            """, i, i, i));
      }
    }
    b.append("""
            </ProductSection>
            <VirtualHardwareSection>
              <Info>Virtual hardware requirements</Info>
              <System>
                <vssd:ElementName>Virtual Hardware Family</vssd:ElementName>
                <vssd:InstanceID>0</vssd:InstanceID>
                <vssd:VirtualSystemIdentifier>nested-esxi8</vssd:VirtualSystemIdentifier>
                <vssd:VirtualSystemType>vmx-20</vssd:VirtualSystemType>
              </System>
              <Item>
                <rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits>
                <rasd:Description>Number of Virtual CPUs</rasd:Description>
                <rasd:ElementName>4 virtual CPU(s)</rasd:ElementName>
                <rasd:InstanceID>1</rasd:InstanceID>
                <rasd:ResourceType>3</rasd:ResourceType>
                <rasd:VirtualQuantity>4</rasd:VirtualQuantity>
                <vmw:CoresPerSocket ovf:required="false">2</vmw:CoresPerSocket>
              </Item>
              <Item>
                <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>
                <rasd:Description>Memory Size</rasd:Description>
                <rasd:ElementName>16384MB of memory</rasd:ElementName>
                <rasd:InstanceID>2</rasd:InstanceID>
                <rasd:ResourceType>4</rasd:ResourceType>
                <rasd:VirtualQuantity>16384</rasd:VirtualQuantity>
              </Item>
              <Item>
                <rasd:Address>0</rasd:Address>
                <rasd:Description>SCSI Controller</rasd:Description>
                <rasd:ElementName>SCSI controller 0</rasd:ElementName>
                <rasd:InstanceID>3</rasd:InstanceID>
                <rasd:ResourceSubType>VirtualSCSI</rasd:ResourceSubType>
                <rasd:ResourceType>6</rasd:ResourceType>
                <vmw:Config ovf:required="false" vmw:key="slotInfo.pciSlotNumber" vmw:value="160"/>
              </Item>
              <Item>
                <rasd:Address>0</rasd:Address>
                <rasd:Description>SATA Controller</rasd:Description>
                <rasd:ElementName>SATA controller 0</rasd:ElementName>
                <rasd:InstanceID>4</rasd:InstanceID>
                <rasd:ResourceSubType>vmware.sata.ahci</rasd:ResourceSubType>
                <rasd:ResourceType>20</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AddressOnParent>0</rasd:AddressOnParent>
                <rasd:ElementName>Hard disk 1</rasd:ElementName>
                <rasd:HostResource>ovf:/disk/vmdisk1</rasd:HostResource>
                <rasd:InstanceID>5</rasd:InstanceID>
                <rasd:Parent>3</rasd:Parent>
                <rasd:ResourceType>17</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AddressOnParent>1</rasd:AddressOnParent>
                <rasd:ElementName>Hard disk 2</rasd:ElementName>
                <rasd:HostResource>ovf:/disk/vmdisk2</rasd:HostResource>
                <rasd:InstanceID>6</rasd:InstanceID>
                <rasd:Parent>3</rasd:Parent>
                <rasd:ResourceType>17</rasd:ResourceType>
              </Item>
              <Item ovf:required="false">
                <rasd:AddressOnParent>0</rasd:AddressOnParent>
                <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>
                <rasd:ElementName>CD/DVD drive 1</rasd:ElementName>
                <rasd:InstanceID>7</rasd:InstanceID>
                <rasd:Parent>4</rasd:Parent>
                <rasd:ResourceSubType>vmware.cdrom.atapi</rasd:ResourceSubType>
                <rasd:ResourceType>15</rasd:ResourceType>
              </Item>
              <Item>
                <rasd:AddressOnParent>7</rasd:AddressOnParent>
                <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
                <rasd:Connection>Nested Trunk</rasd:Connection>
                <rasd:Description>VmxNet3 ethernet adapter on &quot;Nested Trunk&quot;</rasd:Description>
                <rasd:ElementName>Network adapter 1</rasd:ElementName>
                <rasd:InstanceID>8</rasd:InstanceID>
                <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>
                <rasd:ResourceType>10</rasd:ResourceType>
                <vmw:Config ovf:required="false" vmw:key="slotInfo.pciSlotNumber" vmw:value="192"/>
                <vmw:Config ovf:required="false" vmw:key="wakeOnLanEnabled" vmw:value="true"/>
              </Item>
              <Item>
                <rasd:AddressOnParent>8</rasd:AddressOnParent>
                <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>
                <rasd:Connection>Nested Trunk</rasd:Connection>
                <rasd:ElementName>Network adapter 2</rasd:ElementName>
                <rasd:InstanceID>9</rasd:InstanceID>
                <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>
                <rasd:ResourceType>10</rasd:ResourceType>
              </Item>
              <Item ovf:required="false">
                <rasd:AutomaticAllocation>false</rasd:AutomaticAllocation>
                <rasd:ElementName>Video card</rasd:ElementName>
                <rasd:InstanceID>10</rasd:InstanceID>
                <rasd:ResourceType>24</rasd:ResourceType>
                <vmw:Config ovf:required="false" vmw:key="videoRamSizeInKB" vmw:value="4096"/>
              </Item>
              <vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="efi"/>
              <vmw:Config ovf:required="false" vmw:key="nestedHVEnabled" vmw:value="true"/>
              <vmw:Config ovf:required="false" vmw:key="cpuHotAddEnabled" vmw:value="false"/>
              <vmw:Config ovf:required="false" vmw:key="memoryHotAddEnabled" vmw:value="false"/>
              <vmw:Config ovf:required="false" vmw:key="tools.syncTimeWithHost" vmw:value="false"/>
              <vmw:Config ovf:required="false" vmw:key="powerOpInfo.powerOffType" vmw:value="soft"/>
              <vmw:ExtraConfig ovf:required="false" vmw:key="disk.EnableUUID" vmw:value="TRUE"/>
              <vmw:ExtraConfig ovf:required="false" vmw:key="ethernet0.filter4.name" vmw:value="dvfilter-maclearn"/>
              <vmw:ExtraConfig ovf:required="false" vmw:key="ethernet0.filter4.onFailure" vmw:value="failOpen"/>
        """);
    if (large) {
      for (int i = 0; b.length() < LARGE_BYTES - 600; i++) {
        b.append(String.format(Locale.ROOT,
            "      <vmw:ExtraConfig ovf:required=\"false\" vmw:key=\"guestinfo.lab.setting%04d\" vmw:value=\"value-%04d-%s\"/>%n",
            i, i, "x".repeat(24 + i % 40)));
      }
    }
    b.append("""
            </VirtualHardwareSection>
          </VirtualSystem>
        </Envelope>
        """);
    return b.toString();
  }

  static String libvirt(boolean large) {
    StringBuilder b = new StringBuilder(large ? LARGE_BYTES + 4096 : 8192);
    b.append("""
        <domain type='kvm' id='7'>
          <name>nested-kvm-01</name>
          <uuid>9f2e6c1a-4b7d-4e51-8a3c-2d0b6f9e1c44</uuid>
          <title>Nested KVM host for the OpenStack lab</title>
          <metadata>
            <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
              <libosinfo:os id="http://ubuntu.com/ubuntu/22.04"/>
            </libosinfo:libosinfo>
        """);
    if (large) {
      b.append("    <lab:inventory xmlns:lab=\"https://lab.example/ns/inventory/1\">\n");
      for (int i = 0; b.length() < LARGE_BYTES / 2; i++) {
        b.append(String.format(Locale.ROOT,
            "      <lab:tag key='owner.setting%04d' value='value-%04d-%s'/>%n", i, i, "x".repeat(24 + i % 40)));
      }
      b.append("    </lab:inventory>\n");
    }
    b.append("""
          </metadata>
          <memory unit='KiB'>16777216</memory>
          <currentMemory unit='KiB'>16777216</currentMemory>
          <memoryBacking>
            <hugepages/>
          </memoryBacking>
          <vcpu placement='static'>8</vcpu>
          <resource>
            <partition>/machine</partition>
          </resource>
          <os>
            <type arch='x86_64' machine='pc-q35-6.2'>hvm</type>
            <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>
            <nvram>/var/lib/libvirt/qemu/nvram/nested-kvm-01_VARS.fd</nvram>
            <boot dev='hd'/>
          </os>
          <features>
            <acpi/>
            <apic/>
            <vmport state='off'/>
          </features>
          <cpu mode='host-passthrough' check='none' migratable='on'>
            <topology sockets='1' dies='1' cores='4' threads='2'/>
            <feature policy='require' name='vmx'/>
          </cpu>
          <clock offset='utc'>
            <timer name='rtc' tickpolicy='catchup'/>
            <timer name='pit' tickpolicy='delay'/>
            <timer name='hpet' present='no'/>
          </clock>
          <on_poweroff>destroy</on_poweroff>
          <on_reboot>restart</on_reboot>
          <on_crash>destroy</on_crash>
          <pm>
            <suspend-to-mem enabled='no'/>
            <suspend-to-disk enabled='no'/>
          </pm>
          <devices>
            <emulator>/usr/bin/qemu-system-x86_64</emulator>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2' discard='unmap'/>
              <source file='/var/lib/libvirt/images/nested-kvm-01.qcow2' index='2'/>
              <backingStore/>
              <target dev='vda' bus='virtio'/>
              <alias name='virtio-disk0'/>
              <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
            </disk>
            <disk type='file' device='cdrom'>
              <driver name='qemu' type='raw'/>
              <target dev='sda' bus='sata'/>
              <readonly/>
              <alias name='sata0-0-0'/>
              <address type='drive' controller='0' bus='0' target='0' unit='0'/>
            </disk>
        """);
    if (large) {
      for (int i = 1; b.length() < LARGE_BYTES - 4096; i++) {
        b.append(String.format(Locale.ROOT, """
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2' discard='unmap'/>
                  <source file='/var/lib/libvirt/images/nested-kvm-01-data%03d.qcow2' index='%d'/>
                  <backingStore/>
                  <target dev='vd%s' bus='virtio'/>
                  <alias name='virtio-disk%d'/>
                </disk>
                <interface type='bridge'>
                  <mac address='52:54:00:%02x:%02x:%02x'/>
                  <source bridge='br-lab%d'/>
                  <model type='virtio'/>
                  <alias name='net%d'/>
                </interface>
            """, i, i + 2, diskLetters(i), i, i % 256, (i * 7) % 256, (i * 13) % 256, i % 8, i));
      }
    }
    b.append("""
            <controller type='usb' index='0' model='qemu-xhci' ports='15'>
              <alias name='usb'/>
            </controller>
            <controller type='sata' index='0'>
              <alias name='ide'/>
            </controller>
            <controller type='pci' index='0' model='pcie-root'>
              <alias name='pcie.0'/>
            </controller>
            <controller type='pci' index='1' model='pcie-root-port'>
              <model name='pcie-root-port'/>
              <target chassis='1' port='0x10'/>
              <alias name='pci.1'/>
            </controller>
            <controller type='virtio-serial' index='0'>
              <alias name='virtio-serial0'/>
            </controller>
            <interface type='network'>
              <mac address='52:54:00:3c:9a:01'/>
              <source network='default' portid='3f0d8a52-0a7c-4d0e-9d6b-6f77d2b0f2a1' bridge='virbr0'/>
              <target dev='vnet6'/>
              <model type='virtio'/>
              <alias name='net0'/>
              <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
            </interface>
            <serial type='pty'>
              <source path='/dev/pts/3'/>
              <target type='isa-serial' port='0'>
                <model name='isa-serial'/>
              </target>
              <alias name='serial0'/>
            </serial>
            <console type='pty' tty='/dev/pts/3'>
              <source path='/dev/pts/3'/>
              <target type='serial' port='0'/>
              <alias name='serial0'/>
            </console>
            <channel type='unix'>
              <source mode='bind' path='/run/libvirt/qemu/channel/7-nested-kvm-01/org.qemu.guest_agent.0'/>
              <target type='virtio' name='org.qemu.guest_agent.0' state='connected'/>
              <alias name='channel0'/>
            </channel>
            <input type='tablet' bus='usb'>
              <alias name='input0'/>
            </input>
            <input type='mouse' bus='ps2'>
              <alias name='input1'/>
            </input>
            <graphics type='vnc' port='5906' autoport='yes' listen='127.0.0.1'>
              <listen type='address' address='127.0.0.1'/>
            </graphics>
            <video>
              <model type='virtio' heads='1' primary='yes'/>
              <alias name='video0'/>
            </video>
            <memballoon model='virtio'>
              <alias name='balloon0'/>
            </memballoon>
            <rng model='virtio'>
              <backend model='random'>/dev/urandom</backend>
              <alias name='rng0'/>
            </rng>
          </devices>
          <seclabel type='dynamic' model='apparmor' relabel='yes'>
            <label>libvirt-9f2e6c1a-4b7d-4e51-8a3c-2d0b6f9e1c44</label>
            <imagelabel>libvirt-9f2e6c1a-4b7d-4e51-8a3c-2d0b6f9e1c44</imagelabel>
          </seclabel>
        </domain>
        """);
    return b.toString();
  }

  private static String diskLetters(int i) {
    // vdb, vdc, ..., vdz, vdaa, ...
    int n = i + 1;
    StringBuilder s = new StringBuilder();
    do {
      s.insert(0, (char) ('a' + n % 26));
      n = n / 26 - 1;
    } while (n >= 0);
    return s.toString();
  }
}
