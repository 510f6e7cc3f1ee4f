package io.nestcheck.core.report;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Firmware;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.NicType;
import io.nestcheck.api.PeripheralKind;
import io.nestcheck.api.RemoveDevice;
import io.nestcheck.api.RemoveSetting;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.ReplaceNicType;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.SetCpu;
import io.nestcheck.api.SetFirmware;
import io.nestcheck.api.SetGuestOs;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetMemoryReservation;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.SetSetting;
import io.nestcheck.api.SetVmFlag;
import io.nestcheck.api.Setting;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.Subject;
import io.nestcheck.api.Suppression;
import io.nestcheck.api.UpgradeHardwareVersion;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.api.spi.RulePack;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSink;
import io.nestcheck.core.scan.ScanSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A fixed, hand-built scan for the report tests: findings of every severity with fixes of every kind, suppressions
 * of every origin, a VM without findings, a file with two VMs, hostile names (markup, quotes, commas, pipes,
 * newlines, Chinese) and an unreadable input. Its rules come from a test pack, so the golden files do not change
 * when the built-in rules are edited.
 */
final class SyntheticScan {
  static final Instant TIME = Instant.parse("2025-06-01T12:00:00Z");
  static final String HOSTILE_VM = "<script>document.body.dataset.pwned='1'</script>";
  static final String HOSTILE_IMG = "<img src=x onerror=\"document.body.dataset.pwned='2'\">";

  private SyntheticScan() {}

  // ---------------------------------------------------------------------------------------------------------
  // the test rules

  @RuleInfo(id = "NV-CPU-001", summary = "Hardware-assisted virtualization is not exposed to the guest",
      severity = Severity.ERROR, tags = {"cpu", "nested"},
      links = {"https://knowledge.broadcom.com/external/article?legacyId=1003944", "docs/domain-facts.md"},
      explanation = "A guest hypervisor needs VT-x/AMD-V. The fix sets vhv.enable = \"TRUE\" with the VM off.")
  static final class NestedHvHidden implements Rule {
    @Override
    public void check(RuleContext context) {}
  }

  @RuleInfo(id = "NV-CPU-002", summary = "The hypervisor CPUID bit is visible to the guest",
      severity = Severity.WARNING, tags = {"cpu"}, links = {"docs/domain-facts.md#cpuid"},
      explanation = "Some guest hypervisors refuse to start when they see that they run virtualized.")
  static final class HypervisorBitVisible implements Rule {
    @Override
    public void check(RuleContext context) {}
  }

  @RuleInfo(id = "NV-CPU-003", summary = "A CPUID mask hides VT-x from the guest", severity = Severity.ERROR,
      tags = {"cpu"}, links = {"https://example.org/cpuid-masks"})
  static final class CpuidMaskHidesVmx implements Rule {
    @Override
    public void check(RuleContext context) {}
  }

  @RuleInfo(id = "NV-MEM-001", summary = "The VM has less memory than the profile recommends",
      severity = Severity.WARNING, tags = {"memory", "sizing"}, links = {"https://example.org/memory"},
      explanation = "Below the recommended size the guest hypervisor installs but cannot start nested VMs.")
  static final class MemoryBelowRecommended implements Rule {
    @Override
    public void check(RuleContext context) {}
  }

  @RuleInfo(id = "NV-NET-001", summary = "The NIC type has no driver in the guest hypervisor",
      severity = Severity.ERROR, tags = {"network"}, links = {"https://example.org/nics"},
      explanation = "ESXi 7 and later dropped the e1000 driver; use vmxnet3.")
  static final class NicUnsupported implements Rule {
    @Override
    public void check(RuleContext context) {}
  }

  @RuleInfo(id = "NV-HYG-001", summary = "A peripheral the guest does not need is present", severity = Severity.INFO,
      tags = {"hygiene"}, links = {"https://example.org/hygiene"})
  static final class PeripheralPresent implements Rule {
    @Override
    public void check(RuleContext context) {}
  }

  @RuleInfo(id = "NV-HW-001", summary = "The virtual hardware is too old for nested virtualization",
      severity = Severity.ERROR, tags = {"hardware"}, links = {"https://example.org/hw"},
      explanation = "Nested VT-x needs hardware version 9 or later.")
  static final class OldHardware implements Rule {
    @Override
    public void check(RuleContext context) {}
  }

  @RuleInfo(id = "NV-HOST-001", summary = "Nothing is known about the host", severity = Severity.INFO,
      tags = {"host"}, links = {"https://example.org/host"}, oncePerScan = true)
  static final class HostUnknown implements Rule {
    @Override
    public void check(RuleContext context) {}
  }

  /** The test rules as a catalog. */
  static RuleCatalog catalog() {
    return RuleCatalog.of(List.of(new RulePack() {
      @Override
      public String id() {
        return "test";
      }

      @Override
      public List<Rule> rules() {
        return List.of(new NestedHvHidden(), new HypervisorBitVisible(), new CpuidMaskHidesVmx(),
            new MemoryBelowRecommended(), new NicUnsupported(), new PeripheralPresent(), new OldHardware(),
            new HostUnknown());
      }
    }));
  }

  /** The context of the scan, with the fixed time. */
  static ReportContext context() {
    return ReportContext.builder()
        .rules(catalog())
        .toolVersion("0.9.0-test")
        .fixedTime(TIME)
        .profile("auto")
        .inputs(List.of("fleet", "/srv/exports/lab 2/cna.vmx"))
        .build();
  }

  // ---------------------------------------------------------------------------------------------------------
  // the scan

  /** The targets, in scan order. */
  static List<FileResult> results() {
    List<FileResult> list = new ArrayList<>();
    list.add(esxiLab());
    list.add(hostile());
    list.add(FileResult.failed("fleet/broken.ovf", ScanError.builder()
        .location(SourceLocation.of("fleet/broken.ovf", 12, 5))
        .kind(ExportParseException.Kind.SYNTAX)
        .reason("unterminated element <Item> (opened at line 9)")
        .build()));
    list.add(healthy());
    list.add(pair());
    list.add(absolute());
    list.add(FileResult.failed("fleet/huge.ova", ScanError.builder()
        .location(SourceLocation.ofFile("fleet/huge.ova"))
        .kind(ExportParseException.Kind.TOO_LARGE)
        .reason("the archive is 9 GiB, more than the 4 GiB limit")
        .build()));
    return list;
  }

  private static FileResult esxiLab() {
    String src = "fleet/esxi-lab.vmx";
    VmConfiguration vm = VmConfiguration.builder().name("esxi-lab").source(src).memoryMiB(8192)
        .guestOs(GuestOsId.of("vmkernel8Guest"))
        .addSettings(Setting.of(".encoding", "UTF-8", 1), Setting.of("displayName", "esxi-lab", 2),
            Setting.of("guestOS", "vmkernel8", 3), Setting.of("virtualHW.version", "8", 4),
            Setting.of("vhv.enable", "FALSE", 5), Setting.of("memsize", "8192", 6),
            Setting.of("ethernet0.virtualDev", "e1000", 7), Setting.of("sound.present", "TRUE", 8))
        .build();
    EvaluationResult r = EvaluationResult.builder().vmName("esxi-lab").source(src).profileId("esxi-8")
        .profileReason("guest OS vmkernel8Guest")
        .addFindings(finding("NV-CPU-001", Severity.ERROR, Subject.vm("esxi-lab"),
            "Hardware-assisted virtualization is off (vhv.enable = \"FALSE\"); the nested ESXi cannot run 64-bit VMs.")
            .location(SourceLocation.of(src, 5)).putEvidence("vhv.enable", "FALSE")
            .addFixes(SetSetting.of("vhv.enable", "TRUE")).build())
        .addFindings(finding("NV-CPU-002", Severity.WARNING, Subject.vm("esxi-lab"),
            "hypervisor.cpuid.v0 is not set, so the guest sees that it is virtualized.")
            .putEvidence("hypervisor.cpuid.v0", "absent")
            .addFixes(SetSetting.of("hypervisor.cpuid.v0", "FALSE")).build())
        .addFindings(finding("NV-HW-001", Severity.ERROR, Subject.vm("esxi-lab"),
            "Hardware version 8 is below 9, the first with nested VT-x.")
            .location(SourceLocation.of(src, 4)).putEvidence("virtualHW.version", "8")
            .addFixes(UpgradeHardwareVersion.of(19)).build())
        .addFindings(finding("NV-MEM-001", Severity.WARNING, Subject.vm("esxi-lab"),
            "The VM has 8192 MiB; profile esxi-8 recommends 16384 MiB.")
            .location(SourceLocation.of(src, 6)).putEvidence("memsize", "8192")
            .addFixes(SetMemory.of(16384), SetMemoryReservation.of(16384, true)).build())
        .addFindings(finding("NV-NET-001", Severity.ERROR, Subject.device("ethernet0"),
            "ethernet0 is an e1000, which ESXi 8 has no driver for.")
            .location(SourceLocation.of(src, 7, 1)).putEvidence("ethernet0.virtualDev", "e1000")
            .addFixes(ReplaceNicType.of("ethernet0", NicType.VMXNET3)).build())
        .addFindings(finding("NV-HYG-001", Severity.INFO, Subject.device("sound"),
            "A sound card is present.")
            .location(SourceLocation.of(src, 8))
            .addFixes(RemoveDevice.of("sound", PeripheralKind.SOUND))
            .suppression(Suppression.builder().origin(Suppression.Origin.INLINE)
                .reason("kept for training videos").expires(LocalDate.of(2027, 1, 31))
                .location(SourceLocation.of(src, 9)).build())
            .build())
        .build();
    return new FileResult(src, List.of(vm), List.of(r), Optional.empty());
  }

  private static FileResult hostile() {
    String src = "fleet/cna \"lab\", 测试|1.vmx";
    String name = HOSTILE_VM;
    VmConfiguration vm = VmConfiguration.builder().name(name).source(src).memoryMiB(4096)
        .addSettings(Setting.of(".encoding", "UTF-8", 1), Setting.of("displayName", name, 2),
            Setting.of("cpuid.1.ecx", "----:----:----:----:----:----:--0-:----", 3),
            Setting.of("memsize", "4096", 4), Setting.of("CPUID.1.ECX", "----", 6))
        .build();
    EvaluationResult r = EvaluationResult.builder().vmName(name).source(src).profileId("fusioncompute-cna-8")
        .addFindings(finding("NV-CPU-003", Severity.ERROR, Subject.vm(name),
            "A CPUID mask clears the VMX bit, so the CNA sees no VT-x.")
            .location(SourceLocation.of(src, 3))
            .addFixes(RemoveSetting.of("cpuid.1.ecx")).build())
        .addFindings(finding("NV-HYG-001", Severity.INFO, Subject.device(HOSTILE_IMG),
            "Device " + HOSTILE_IMG + " | is present,\nand \"quoted\"; 华为 FusionCompute 测试 =1+1")
            .addFixes(ManualStep.of("Detach it", "In the client, remove the device | then save."))
            .build())
        .addFindings(finding("NV-MEM-001", Severity.WARNING, Subject.vm(name),
            "=HYPERLINK(\"http://evil.example\") memory is low.")
            .location(SourceLocation.of(src, 4))
            .addFixes(SetMemory.of(8192))
            .suppression(Suppression.builder().origin(Suppression.Origin.FILE)
                .reason("accepted, see TICKET-1 | \"lab only\"")
                .location(SourceLocation.of(".nestcheck.yaml", 3)).build())
            .build())
        .addFindings(finding("NV-NET-001", Severity.ERROR, Subject.network("VM Network"),
            "Port group VM Network rejects forged transmits.")
            .addFixes(SetPortGroupSecurity.builder().portGroup("VM Network").forgedTransmits(true)
                .macChanges(true).build())
            .suppression(Suppression.builder().origin(Suppression.Origin.BASELINE)
                .reason("baseline 2025-05").build())
            .build())
        .build();
    return new FileResult(src, List.of(vm), List.of(r), Optional.empty());
  }

  private static FileResult healthy() {
    String src = "fleet/healthy.vmx";
    VmConfiguration vm = VmConfiguration.builder().name("healthy").source(src).memoryMiB(16384).build();
    EvaluationResult r = EvaluationResult.builder().vmName("healthy").source(src).profileId("esxi-8").build();
    return new FileResult(src, List.of(vm), List.of(r), Optional.empty());
  }

  private static FileResult pair() {
    String src = "fleet/pair.ova";
    VmConfiguration a = VmConfiguration.builder().name("pair-a").source(src).memoryMiB(4096).build();
    VmConfiguration b = VmConfiguration.builder().name("pair-b").source(src).memoryMiB(4096).build();
    EvaluationResult ra = EvaluationResult.builder().vmName("pair-a").source(src).profileId("kvm-proxmox-8")
        .addFindings(finding("NV-CPU-001", Severity.ERROR, Subject.vm("pair-a"),
            "Nested virtualization is not exposed (nestedHVEnabled is absent).")
            .location(SourceLocation.builder().file("fleet/pair.ova!/pair.ovf").pointer("/Envelope/VirtualSystem[1]").build())
            .addFixes(ExposeNestedHv.enable(), SetCpu.of(4, 2)).build())
        .build();
    EvaluationResult rb = EvaluationResult.builder().vmName("pair-b").source(src).profileId("kvm-proxmox-8")
        .addFindings(finding("NV-HW-001", Severity.ERROR, Subject.vm("pair-b"),
            "The guest needs UEFI and a newer controller.")
            .addFixes(SetFirmware.of(Firmware.EFI, true), SetFirmware.of(Firmware.BIOS),
                ReplaceControllerType.of("scsi0", ControllerType.PVSCSI), SetVmFlag.of(SetVmFlag.Flag.VIRTUAL_IOMMU, true),
                SetGuestOs.of(GuestOsId.of("vmkernel8Guest")), ExposeNestedHv.builder().enabled(false).build())
            .layer("L1 pair.ova").build())
        .build();
    return new FileResult(src, List.of(a, b), List.of(ra, rb), Optional.empty());
  }

  private static FileResult absolute() {
    String src = "/srv/exports/lab 2/cna.vmx";
    VmConfiguration vm = VmConfiguration.builder().name("cna-abs").source(src).memoryMiB(8192)
        .addSettings(Setting.of(".encoding", "UTF-8", 1), Setting.of("memsize", "8192", 2),
            Setting.of("vhv.enable", "FALSE", 3))
        .build();
    EvaluationResult r = EvaluationResult.builder().vmName("cna-abs").source(src).profileId("fusioncompute-cna-8")
        .addFindings(finding("NV-CPU-001", Severity.ERROR, Subject.vm("cna-abs"),
            "Hardware-assisted virtualization is off.")
            .location(SourceLocation.of(src, 3))
            .addFixes(SetSetting.of("vhv.enable", "TRUE"), SetSetting.of("vhv.allowNestedPageTables", "TRUE|\"yes\""))
            .build())
        .build();
    return new FileResult(src, List.of(vm), List.of(r), Optional.empty());
  }

  private static Finding.Builder finding(String rule, Severity s, Subject subject, String message) {
    return Finding.builder().ruleId(rule).severity(s).subject(subject).message(message);
  }

  /** Every fix type, for the JSON schema test. */
  static List<FixAction> everyFixType() {
    return List.of(SetSetting.of("vhv.enable", "TRUE"), RemoveSetting.of("cpuid.1.ecx"), ExposeNestedHv.enable(),
        SetCpu.of(4, 2), SetMemory.of(8192), SetMemoryReservation.of(8192, true),
        ReplaceNicType.of("ethernet0", NicType.VMXNET3), ReplaceControllerType.of("scsi0", ControllerType.PVSCSI),
        SetFirmware.of(Firmware.EFI, true), SetVmFlag.of(SetVmFlag.Flag.VBS, true), UpgradeHardwareVersion.of(19),
        SetGuestOs.of(GuestOsId.of("vmkernel8Guest")), RemoveDevice.of("sound", PeripheralKind.SOUND),
        SetPortGroupSecurity.builder().portGroup("pg").allowPromiscuous(true).macLearning(false).build(),
        ManualStep.of("Enable VT-x in the BIOS", "Reboot the host and enable Intel VT-x."));
  }

  /** Findings about the scan itself (once-per-scan rules), as the scanner moves them out of the VM results. */
  static List<Finding> scanFindings() {
    return List.of(finding("NV-HOST-001", Severity.INFO, Subject.host("scan"),
        "Nothing is known about the outer host; host rules report \"unknown\". Pass --host to check it.").build());
  }

  /** The summary the scanner would give {@code results}. */
  static ScanSummary summary(List<FileResult> results, boolean partial) {
    int vms = 0;
    int errors = 0;
    int suppressed = 0;
    Map<Severity, Integer> by = new EnumMap<>(Severity.class);
    for (FileResult r : results) {
      errors += r.error().isPresent() ? 1 : 0;
      vms += r.results().size();
      for (EvaluationResult e : r.results()) {
        for (Finding f : e.findings()) {
          if (f.isSuppressed()) {
            suppressed++;
          } else {
            by.merge(f.severity(), 1, Integer::sum);
          }
        }
      }
    }
    return new ScanSummary(TIME, Duration.ofMillis(1234), results.size(), vms, errors, by, suppressed, partial,
        results.isEmpty() ? List.of() : scanFindings());
  }

  /** Streams {@code results} through {@code sink} as the scanner would. */
  static void run(ScanSink sink, List<FileResult> results, boolean partial) {
    sink.started(results.size());
    results.forEach(sink::accept);
    sink.finished(summary(results, partial));
  }

  /**
   * Drives {@code sink} as the {@link io.nestcheck.core.scan.Scanner} does: every result prepared first, on two
   * other threads and in reverse order, then accepted in order.
   */
  static void runPrepared(ScanSink sink, List<FileResult> results, boolean partial) {
    sink.started(results.size());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int i = results.size() - 1; i >= 0; i--) {
        FileResult r = results.get(i);
        done.add(pool.submit(() -> sink.prepare(r)));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
    results.forEach(sink::accept);
    sink.finished(summary(results, partial));
  }

  /** Like {@link #render(Function, List, boolean)}, with every result prepared first ({@link #runPrepared}). */
  static String renderPrepared(Function<ByteArrayOutputStream, ReportWriter> factory, List<FileResult> results,
      boolean partial) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReportWriter w = factory.apply(out)) {
      runPrepared(w, results, partial);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Renders the synthetic scan in {@code format} (text without colour). */
  static String render(String format, boolean partial) {
    return render(format, results(), partial);
  }

  /** Renders {@code results} in {@code format}. */
  static String render(String format, List<FileResult> results, boolean partial) {
    return render(out -> ReportFormats.create(format, context(), out, Severity.ERROR), results, partial);
  }

  /** Renders {@code results} with the writer {@code factory} makes. */
  static String render(Function<ByteArrayOutputStream, ReportWriter> factory, List<FileResult> results, boolean partial) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReportWriter w = factory.apply(out)) {
      run(w, results, partial);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A text writer over {@code out}, colour and passing VMs off. */
  static ReportWriter text(ByteArrayOutputStream out) {
    return new TextReportWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false, false);
  }
}
