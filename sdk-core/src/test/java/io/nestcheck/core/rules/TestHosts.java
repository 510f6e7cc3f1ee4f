package io.nestcheck.core.rules;

import io.nestcheck.api.CpuFeature;
import io.nestcheck.api.CpuVendor;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Platform;
import io.nestcheck.api.PortSecurityPolicy;
import io.nestcheck.api.SwitchKind;
import io.nestcheck.api.TriState;

/** Ready-made host capabilities and port-group policies for rule and profile tests. */
public final class TestHosts {
  private TestHosts() {}

  /** A healthy ESXi 8.0 U2 host with an Intel CPU that supports nested virtualization. */
  public static HostCapabilities.Builder esxi8Intel() {
    HostCapabilities.Builder b = HostCapabilities.builder();
    b.name("esx01").platform(Platform.ESXI).productVersion("8.0.2").cpuVendor(CpuVendor.INTEL)
        .addCpuFeatures(CpuFeature.VMX, CpuFeature.EPT)
        .virtualizationEnabledInFirmware(TriState.YES)
        .nestedHvSupported(TriState.YES)
        .maxHardwareVersion(21);
    return b;
  }

  /** A healthy Linux KVM host with an Intel CPU and nested KVM on. */
  public static HostCapabilities.Builder kvmIntel() {
    HostCapabilities.Builder b = HostCapabilities.builder();
    b.name("kvm01").platform(Platform.KVM).productVersion("6.1").cpuVendor(CpuVendor.INTEL)
        .addCpuFeatures(CpuFeature.VMX, CpuFeature.EPT)
        .virtualizationEnabledInFirmware(TriState.YES)
        .nestedHvSupported(TriState.YES);
    return b;
  }

  /** A standard-switch port group that accepts promiscuous mode, forged transmits and MAC changes. */
  public static PortSecurityPolicy openStandard() {
    return PortSecurityPolicy.builder().switchKind(SwitchKind.STANDARD).allowPromiscuous(TriState.YES)
        .forgedTransmits(TriState.YES).macChanges(TriState.YES).build();
  }

  /** A standard-switch port group that rejects promiscuous mode, forged transmits and MAC changes. */
  public static PortSecurityPolicy closedStandard() {
    return PortSecurityPolicy.builder().switchKind(SwitchKind.STANDARD).allowPromiscuous(TriState.NO)
        .forgedTransmits(TriState.NO).macChanges(TriState.NO).build();
  }
}
