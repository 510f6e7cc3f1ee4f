package io.nestcheck.benchmarks;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.Disk;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Nic;
import io.nestcheck.api.Platform;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.vmx.VmxReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The VMs and hosts the evaluator benchmarks use, from the example fleet ({@code examples/fleet}, copied into the jar). */
public final class Vms {
  private Vms() {}

  /** The bytes of a resource of this jar. */
  public static byte[] resource(String name) {
    try (InputStream in = Vms.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A VM of the example fleet, read with the .vmx reader. */
  public static VmConfiguration example(String fileName) {
    try {
      return new VmxReader().read(ExportSource.of("examples/fleet/" + fileName, resource("fleet/" + fileName))).get(0);
    } catch (ExportParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The seed's misconfigured FusionCompute CNA VM ({@code examples/fleet/cna01-seed.vmx}). */
  public static VmConfiguration cnaSeed() {
    return example("cna01-seed.vmx");
  }

  /**
   * A nested ESXi 8 VM that satisfies every rule of the esxi-8 profile: {@code examples/fleet/esxi8-healthy.vmx}
   * plus the two facts a .vmx cannot carry and a live inventory gives (the port group's security policy, the boot
   * disk's capacity).
   */
  public static VmConfiguration compliantEsxi8() {
    return compliant(example("esxi8-healthy.vmx"));
  }

  /**
   * {@link #compliantEsxi8()} with the ~85 neutral entries a .vmx written by vSphere also carries (PCI bridges,
   * UUIDs, tools scripts, NUMA cookies, MAC, PCI slots, ...): 105 settings, the size of a real file. Only the
   * settings differ; no rule has anything to say about the extra entries.
   */
  public static VmConfiguration compliantEsxi8Realistic() {
    StringBuilder b = new StringBuilder(new String(resource("fleet/esxi8-healthy.vmx"), java.nio.charset.StandardCharsets.UTF_8));
    String[][] extra = {
        {"vmci0.present", "TRUE"}, {"floppy0.present", "FALSE"}, {"svga.vramSize", "8388608"},
        {"tools.upgrade.policy", "manual"}, {"pciBridge0.present", "TRUE"}, {"hpet0.present", "TRUE"},
        {"nvram", "esxi8-lab-01.nvram"}, {"virtualHW.productCompatibility", "hosted"}, {"powerType.powerOff", "soft"},
        {"powerType.suspend", "hard"}, {"powerType.reset", "soft"}, {"sched.cpu.units", "mhz"},
        {"sched.cpu.shares", "normal"}, {"sched.mem.shares", "normal"}, {"scsi0.pciSlotNumber", "160"},
        {"scsi0:0.mode", "persistent"}, {"scsi0:0.redo", ""}, {"ethernet0.generatedAddress", "00:0c:29:4a:1b:7e"},
        {"ethernet0.generatedAddressOffset", "0"}, {"ethernet0.pciSlotNumber", "192"}, {"ethernet0.uptCompatibility", "TRUE"},
        {"toolScripts.afterPowerOn", "TRUE"}, {"toolScripts.afterResume", "TRUE"}, {"toolScripts.beforeSuspend", "TRUE"},
        {"toolScripts.beforePowerOff", "TRUE"}, {"uuid.bios", "56 4d 7a 1c 2b 3e 4f 50-61 72 83 94 a5 b6 c7 d8"},
        {"uuid.location", "56 4d 7a 1c 2b 3e 4f 50-61 72 83 94 a5 b6 c7 d8"}, {"vc.uuid", "52 1f 0a 9e 3d 44 61 7b-8c 2e 5f 60 71 82 93 a4"},
        {"migrate.hostLog", "esxi8-lab-01-6b1e2f3a.hlog"}, {"sched.swap.derivedName", "/vmfs/volumes/5f1e/esxi8-lab-01/esxi8-lab-01-6b1e2f3a.vswp"},
        {"cleanShutdown", "FALSE"}, {"softPowerOff", "FALSE"}, {"monitor.phys_bits_used", "45"},
        {"numa.autosize.cookie", "40001"}, {"numa.autosize.vcpu.maxPerVirtualNode", "4"}, {"vmotion.checkpointFBSize", "4194304"},
        {"vmotion.checkpointSVGAPrimarySize", "4194304"}, {"vmotion.svga.mobMaxSize", "4194304"}, {"vmotion.svga.graphicsMemoryKB", "4096"},
        {"svga.guestBackedPrimaryAware", "TRUE"}, {"guestOS.detailed.data", "architecture='X86' bitness='64' distroName='VMware ESXi'"},
        {"guestInfo.detailed.data", "architecture='X86' bitness='64' distroName='VMware ESXi'"}, {"tools.guest.desktop.autolock", "FALSE"},
        {"tools.remindInstall", "FALSE"}, {"viv.moid", "2f9c1d3e-4b5a-6c7d-8e9f-0a1b2c3d4e5f:vm-1042"},
        {"vmware.tools.internalversion", "12352"}, {"vmware.tools.requiredversion", "12352"}, {"checkpoint.vmState", ""},
        {"extendedConfigFile", "esxi8-lab-01.vmxf"}, {"annotation", "nested ESXi 8 lab host|0Aowner: platform team"},
        {"guestinfo.hostname", "esxi8-lab-01.lab.example"}, {"guestinfo.ipaddress", "10.20.30.41"},
        {"guestinfo.netmask", "255.255.255.0"}, {"guestinfo.gateway", "10.20.30.1"}, {"guestinfo.dns", "10.20.30.2"},
        {"guestinfo.domain", "lab.example"}, {"guestinfo.ntp", "pool.ntp.org"}, {"guestinfo.ssh", "True"},
        {"guestinfo.createvmfs", "False"}, {"guestinfo.vlan", "0"}, {"bios.bootRetry.delay", "10"},
        {"uefi.allowAuthBypass", "FALSE"}, {"cpuid.coresPerSocket.cookie", "2"}, {"sched.cpu.latencySensitivity", "normal"},
        {"sched.cpu.affinity", "all"}, {"sched.mem.affinity", "all"}, {"disk.EnableUUID", "TRUE"},
        {"RemoteDisplay.vnc.enabled", "FALSE"}, {"isolation.tools.copy.disable", "TRUE"}, {"isolation.tools.paste.disable", "TRUE"},
        {"isolation.tools.diskShrink.disable", "TRUE"}, {"isolation.tools.diskWiper.disable", "TRUE"}, {"log.keepOld", "10"},
        {"log.rotateSize", "2048000"}, {"tools.setInfo.sizeLimit", "1048576"}, {"mks.enable3d", "FALSE"},
        {"pciPassthru.use64bitMMIO", "FALSE"}, {"time.synchronize.continue", "FALSE"}, {"time.synchronize.restore", "FALSE"},
        {"time.synchronize.resume.disk", "FALSE"}, {"time.synchronize.shrink", "FALSE"}, {"time.synchronize.tools.startup", "FALSE"},
        {"usb.vbluetooth.startConnected", "FALSE"}};
    for (String[] kv : extra) {
      b.append(kv[0]).append(" = \"").append(kv[1]).append("\"\n");
    }
    try {
      VmConfiguration vm = new VmxReader().read(ExportSource.of("examples/fleet/esxi8-healthy.vmx",
          b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).get(0);
      return compliant(vm);
    } catch (ExportParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static VmConfiguration compliant(VmConfiguration vm) {
    List<Nic> nics = new ArrayList<>();
    for (Nic n : vm.nics()) {
      nics.add(n.withPortSecurity(PortSecurityPolicy.builder().switchKind(SwitchKind.STANDARD)
          .allowPromiscuous(TriState.YES).forgedTransmits(TriState.YES).macChanges(TriState.YES).build()));
    }
    List<Disk> disks = new ArrayList<>();
    for (Disk d : vm.disks()) {
      disks.add(d.withCapacityMiB(64 * 1024));
    }
    return vm.withNics(nics).withDisks(disks);
  }

  /** A healthy ESXi 8.0 U2 host with an Intel CPU that offers nested virtualization. */
  public static HostCapabilities esxi8Host() {
    return HostCapabilities.builder().name("esx01").platform(Platform.ESXI).productVersion("8.0.2")
        .cpuVendor(CpuVendor.INTEL).addCpuFeatures(CpuFeature.VMX, CpuFeature.EPT)
        .virtualizationEnabledInFirmware(TriState.YES).nestedHvSupported(TriState.YES).maxHardwareVersion(21).build();
  }
}
