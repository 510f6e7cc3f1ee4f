package io.nestcheck.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nestcheck.api.ControllerType;
import io.nestcheck.api.ExposeNestedHv;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.ReplaceControllerType;
import io.nestcheck.api.SetMemory;
import io.nestcheck.api.SetPortGroupSecurity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.ExportReaders;
import io.nestcheck.core.internal.io.AtomicFileWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileFixer}: preview, apply, refusals, failures and unsupported formats. */
class FileFixerTest {
  private static final String VMX = ".encoding = \"UTF-8\"\n"
      + "displayName = \"lab\"\n"
      + "memsize = \"4096\"\n"
      + "vhv.enable = \"FALSE\"\n"
      + "scsi0.present = \"TRUE\"\n"
      + "sata0.present = \"TRUE\"\n";
  private static final String FIXED = ".encoding = \"UTF-8\"\n"
      + "displayName = \"lab\"\n"
      + "memsize = \"8192\"\n"
      + "vhv.enable = \"TRUE\"\n"
      + "scsi0.present = \"TRUE\"\n"
      + "sata0.present = \"TRUE\"\n";

  @TempDir Path dir;

  private static FixPlan plan(FixAction... actions) {
    return FixPlan.builder().vmName("lab").source("lab.vmx").addActions(actions).build();
  }

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void previewComputesTheDiffAndWritesNothing() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    FixOutcome o = new FileFixer().preview(vmx, plan(ExposeNestedHv.enable(), SetMemory.of(8192)));
    String p = FileFixer.displayPath(vmx);
    assertThat(o.diff()).isEqualTo("--- a/" + p + "\n+++ b/" + p + "\n@@ -1,6 +1,6 @@\n"
        + " .encoding = \"UTF-8\"\n displayName = \"lab\"\n-memsize = \"4096\"\n-vhv.enable = \"FALSE\"\n"
        + "+memsize = \"8192\"\n+vhv.enable = \"TRUE\"\n scsi0.present = \"TRUE\"\n sata0.present = \"TRUE\"\n");
    assertThat(o.format()).isEqualTo("vmx");
    assertThat(o.supported()).isTrue();
    assertThat(o.changed()).isTrue();
    assertThat(o.written()).isFalse();
    assertThat(o.backup()).isEmpty();
    assertThat(o.applied()).containsExactly(ExposeNestedHv.enable(), SetMemory.of(8192));
    assertThat(o.skipped()).isEmpty();
    assertThat(o.file()).isEqualTo(vmx);
    assertThat(Files.readString(vmx)).isEqualTo(VMX);
    assertThat(siblings()).containsExactly("lab.vmx");
  }

  @Test
  void applyWritesAtomicallyAndKeepsABackup() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    FixPlan plan = plan(ExposeNestedHv.enable(), SetMemory.of(8192));
    FixOutcome o = new FileFixer().apply(vmx, plan, false);
    assertThat(o.written()).isTrue();
    assertThat(o.changed()).isTrue();
    assertThat(o.backup()).hasValue(dir.resolve("lab.vmx.bak").toRealPath());
    assertThat(Files.readString(vmx)).isEqualTo(FIXED);
    assertThat(Files.readString(dir.resolve("lab.vmx.bak"))).isEqualTo(VMX);
    assertThat(o.diff()).contains("+vhv.enable = \"TRUE\"");

    FixOutcome again = new FileFixer().apply(vmx, plan, false);
    assertThat(again.changed()).isFalse();
    assertThat(again.written()).isFalse();
    assertThat(again.diff()).isEmpty();
    assertThat(again.backup()).isEmpty();
    assertThat(siblings()).containsExactly("lab.vmx", "lab.vmx.bak");
  }

  @Test
  void aSecondFixKeepsTheFirstBackup() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    new FileFixer().apply(vmx, plan(SetMemory.of(8192)), false);
    FixOutcome o = new FileFixer().apply(vmx, plan(ExposeNestedHv.enable()), false);
    assertThat(o.backup()).hasValue(dir.resolve("lab.vmx.bak.1").toRealPath());
    assertThat(Files.readString(dir.resolve("lab.vmx.bak"))).isEqualTo(VMX);
    assertThat(Files.readString(vmx)).isEqualTo(FIXED);
  }

  @Test
  void refusesARunningVmUnlessForced() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    Files.createDirectory(dir.resolve("lab.vmx.lck"));
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer().apply(vmx, plan(ExposeNestedHv.enable()), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.VM_RUNNING);
    assertThat(e.file()).isEqualTo(vmx);
    assertThat(e.getMessage()).startsWith(vmx + ": the VM looks powered on");
    assertThat(Files.readString(vmx)).isEqualTo(VMX);
    assertThat(siblings()).containsExactly("lab.vmx", "lab.vmx.lck");

    assertThat(new FileFixer().preview(vmx, plan(ExposeNestedHv.enable())).changed()).isTrue();
    assertThat(new FileFixer().apply(vmx, plan(SetMemory.of(4096)), false).written()).isFalse();
    FixOutcome forced = new FileFixer().apply(vmx, plan(ExposeNestedHv.enable()), true);
    assertThat(forced.written()).isTrue();
    assertThat(Files.readString(vmx)).contains("vhv.enable = \"TRUE\"");
  }

  @Test
  void aFailedWriteLeavesTheOriginalIntact() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    AtomicFileWriter.FileOps crashing = new DelegatingOps() {
      @Override
      public void atomicReplace(Path source, Path target) throws IOException {
        throw new IOException("simulated crash before the rename");
      }
    };
    FileFixer fixer = new FileFixer(FileFixer.BUILT_IN, null, crashing);
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> fixer.apply(vmx, plan(ExposeNestedHv.enable()), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.WRITE_FAILED);
    assertThat(e.reason()).contains("the original is unchanged").contains("simulated crash");
    assertThat(Files.readString(vmx)).isEqualTo(VMX);
    // no temporary file is left; the complete backup may stay
    assertThat(siblings()).allMatch(n -> n.equals("lab.vmx") || n.equals("lab.vmx.bak"));
  }

  @Test
  void aFailureWhileWritingTheTemporaryFileLeavesNothingBehind() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    AtomicFileWriter.FileOps crashing = new DelegatingOps() {
      @Override
      public void createAndForce(Path path, byte[] content) throws IOException {
        Files.write(path, java.util.Arrays.copyOf(content, content.length / 2));
        throw new IOException("disk full");
      }
    };
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer(FileFixer.BUILT_IN, null, crashing).apply(vmx, plan(SetMemory.of(8192)), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.WRITE_FAILED);
    assertThat(Files.readString(vmx)).isEqualTo(VMX);
    assertThat(siblings()).containsExactly("lab.vmx");
  }

  @Test
  void refusesWhenTheFileChangesMeanwhile() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    FormatFixWriter sneaky = new FormatFixWriter() {
      private final FormatFixWriter real = FileFixer.BUILT_IN.get(0);

      @Override
      public String format() {
        return "vmx";
      }

      @Override
      public boolean accepts(String fileName, byte[] head) {
        return true;
      }

      @Override
      public Edit edit(byte[] original, String fileName, FixPlan plan) throws ExportParseException, PlanMismatch {
        try {
          Files.writeString(vmx, VMX + "annotation = \"edited by someone else\"\n");
        } catch (IOException e) {
          throw new AssertionError(e);
        }
        return real.edit(original, fileName, plan);
      }
    };
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer(List.of(sneaky), null, AtomicFileWriter.SYSTEM).apply(vmx, plan(SetMemory.of(8192)),
            false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.CHANGED_ON_DISK);
    assertThat(Files.readString(vmx)).endsWith("edited by someone else\"\n");
  }

  @Test
  void skippedActionsAreReportedAndTheRestApplied() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    SetPortGroupSecurity pg = SetPortGroupSecurity.builder().portGroup("pg").forgedTransmits(true).build();
    ManualStep step = ManualStep.of("Enable VT-x", "in the BIOS");
    FixPlan plan = FixPlan.builder().vmName("lab").source("lab.vmx")
        .addActions(ReplaceControllerType.of("scsi0", ControllerType.NVME), pg, SetMemory.of(8192))
        .addManualSteps(step).build();
    FixOutcome o = new FileFixer().apply(vmx, plan, false);
    assertThat(o.applied()).containsExactly(SetMemory.of(8192));
    assertThat(o.skipped()).extracting(FixOutcome.Skipped::action)
        .containsExactly(ReplaceControllerType.of("scsi0", ControllerType.NVME), pg, step);
    assertThat(o.skipped().get(1).reason()).startsWith("applies to the port group on the host");
    assertThat(o.written()).isTrue();
  }

  @Test
  void aPlanForAnotherVmIsRefused() throws Exception {
    Path vmx = file("lab.vmx", VMX);
    FixPlan other = FixPlan.builder().vmName("esxi-01").source("x.vmx").addActions(SetMemory.of(8192)).build();
    FileFixException e = catchThrowableOfType(FileFixException.class, () -> new FileFixer().apply(vmx, other, true));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.PLAN_MISMATCH);
    assertThat(e.reason()).isEqualTo("the plan is for VM \"esxi-01\" but the file holds VM \"lab\"");
    assertThat(Files.readString(vmx)).isEqualTo(VMX);
  }

  @Test
  void anUnparsableFileIsATypedError() throws Exception {
    Path vmx = file("lab.vmx", "displayName = \"lab\"\nmemsize = \"4096\n");
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer().preview(vmx, plan(SetMemory.of(8192))));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.INVALID_FILE);
    assertThat(e.getCause()).isInstanceOf(ExportParseException.class);
    assertThat(((ExportParseException) e.getCause()).kind()).isEqualTo(ExportParseException.Kind.SYNTAX);
  }

  @Test
  void aMissingFileIsUnreadable() {
    FileFixException e = catchThrowableOfType(FileFixException.class,
        () -> new FileFixer().apply(dir.resolve("gone.vmx"), plan(SetMemory.of(8192)), false));
    assertThat(e.kind()).isEqualTo(FileFixException.Kind.UNREADABLE);
    assertThat(e.reason()).isEqualTo("the file does not exist");
  }

  @Test
  void otherFormatsAreNotSupportedYet() throws Exception {
    String xml = "<?xml version=\"1.0\"?>\n<domain type=\"kvm\"><name>lab</name></domain>\n";
    Path file = file("lab.xml", xml);
    ExportReader fakeLibvirt = new ExportReader() {
      @Override
      public String format() {
        return "libvirt";
      }

      @Override
      public boolean canRead(String fileName, byte[] head) {
        return new String(head, StandardCharsets.UTF_8).contains("<domain");
      }

      @Override
      public List<VmConfiguration> read(ExportSource source) {
        throw new AssertionError("not called");
      }
    };
    FileFixer fixer = new FileFixer(FileFixer.BUILT_IN, ExportReaders.of(List.of(fakeLibvirt)),
        AtomicFileWriter.SYSTEM);
    FixPlan plan = FixPlan.builder().vmName("lab").source("lab.xml").addActions(ExposeNestedHv.enable())
        .addManualSteps(ManualStep.of("a", "b")).build();
    for (FixOutcome o : List.of(fixer.preview(file, plan), fixer.apply(file, plan, false))) {
      assertThat(o.format()).isEqualTo("libvirt");
      assertThat(o.supported()).isFalse();
      assertThat(o.unsupported()).hasValue("not supported yet for libvirt files");
      assertThat(o.applied()).isEmpty();
      assertThat(o.skipped()).extracting(FixOutcome.Skipped::reason)
          .containsExactly("not supported yet for libvirt files", "not supported yet for libvirt files");
      assertThat(o.changed()).isFalse();
      assertThat(o.written()).isFalse();
      assertThat(o.diff()).isEmpty();
      assertThat(o.output()).isEmpty();
      assertThat(o.alsoChanged()).isEmpty();
      assertThat(o.warnings()).isEmpty();
    }
    assertThat(Files.readString(file)).isEqualTo(xml);

    Path junk = file("notes.txt", "hello\n");
    FixOutcome unknown = new FileFixer(FileFixer.BUILT_IN, ExportReaders.of(List.of()), AtomicFileWriter.SYSTEM)
        .preview(junk, plan);
    assertThat(unknown.format()).isEqualTo("unknown");
    assertThat(unknown.unsupported()).hasValue("not supported yet for unknown files");
  }

  @Test
  void theBuiltInReadersNameTheFormatOfARealUnsupportedFile() throws Exception {
    Path corpus = Path.of(System.getProperty("nestcheck.corpus", "/work/shared/corpus"),
        "virt-manager__virt-install-kvm-win10.xml");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(corpus));
    Path xml = dir.resolve("win10.xml");
    Files.copy(corpus, xml);
    FixOutcome o = new FileFixer().apply(xml, plan(ExposeNestedHv.enable()), false);
    assertThat(o.format()).isEqualTo("libvirt");
    assertThat(o.unsupported()).hasValue("not supported yet for libvirt files");
    assertThat(Files.readAllBytes(xml)).isEqualTo(Files.readAllBytes(corpus));
  }

  @Test
  void aFileWithoutFinalNewlineGetsOneBeforeTheNewKey() throws Exception {
    Path vmx = file("lab.vmx", "displayName = \"lab\"\r\nmemsize = \"4096\"");
    FixOutcome o = new FileFixer().apply(vmx, plan(ExposeNestedHv.enable()), false);
    assertThat(Files.readString(vmx)).isEqualTo("displayName = \"lab\"\r\nmemsize = \"4096\"\r\nvhv.enable = \"TRUE\"\r\n");
    assertThat(o.diff()).endsWith("@@ -1,2 +1,3 @@\n displayName = \"lab\"\n memsize = \"4096\"\n+vhv.enable = \"TRUE\"\n");
  }

  @Test
  void displayPathUsesSlashesWithoutALeadingOne() {
    assertThat(FileFixer.displayPath(Path.of("/tmp/x/a.vmx"))).isEqualTo("tmp/x/a.vmx");
    assertThat(FileFixer.displayPath(Path.of("fleet/a.vmx"))).isEqualTo("fleet/a.vmx");
  }

  @Test
  void outcomeInvariants() {
    Path p = Path.of("a.vmx");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FixOutcome(p, "vmx", Optional.empty(), "",
        List.of(), List.of(), false, true, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FixOutcome(p, "vmx", Optional.empty(), "",
        List.of(), List.of(), true, false, Optional.of(p))).isInstanceOf(IllegalArgumentException.class);
  }

  /** Delegates every step to the real file system. */
  private static class DelegatingOps implements AtomicFileWriter.FileOps {
    @Override
    public void createAndForce(Path path, byte[] content) throws IOException {
      AtomicFileWriter.SYSTEM.createAndForce(path, content);
    }

    @Override
    public void copyAndForce(Path source, Path target) throws IOException {
      AtomicFileWriter.SYSTEM.copyAndForce(source, target);
    }

    @Override
    public void publishNoReplace(Path existing, Path link) throws IOException {
      AtomicFileWriter.SYSTEM.publishNoReplace(existing, link);
    }

    @Override
    public void atomicReplace(Path source, Path target) throws IOException {
      AtomicFileWriter.SYSTEM.atomicReplace(source, target);
    }

    @Override
    public void deleteIfExists(Path path) throws IOException {
      AtomicFileWriter.SYSTEM.deleteIfExists(path);
    }

    @Override
    public void syncDirectory(Path d) {
      AtomicFileWriter.SYSTEM.syncDirectory(d);
    }
  }
}
