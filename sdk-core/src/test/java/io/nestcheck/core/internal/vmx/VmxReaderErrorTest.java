package io.nestcheck.core.internal.vmx;

import static io.nestcheck.core.internal.vmx.VmxRead.error;
import static io.nestcheck.core.internal.vmx.VmxRead.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed errors of {@link VmxReader}: kind, file, line, column and a reason naming the problem. */
class VmxReaderErrorTest {

  @ParameterizedTest(name = "{0} = \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "virtualHW.version | eleven | must be a whole number",
      "virtualHW.version | 0 | must be a whole number of at least 1",
      "numvcpus | 0 | at least 1",
      "numvcpus | unlimited | at least 1",
      "numvcpus | 2.5 | found \"2.5\"",
      "cpuid.coresPerSocket | -2 | at least 1",
      "memsize | 8 GB | found \"8 GB\"",
      "sched.mem.min | -1 | reservation",
      "sched.mem.minSize | lots | reservation",
      "firmware | uefi | firmware must be \"efi\" or \"bios\"",
      "firmware | | firmware must be",
      "vhv.enable | maybe | must be \"TRUE\" or \"FALSE\"",
      "sched.mem.pin | on | must be \"TRUE\" or \"FALSE\"",
      "ethernet0.present | y | must be \"TRUE\" or \"FALSE\""})
  void invalidValueNamesTheLineAndTheValueColumn(String key, String value, String reason) {
    String v = value == null ? "" : value;
    ExportParseException e = error("displayName = \"x\"\n" + key + " = \"" + v + "\"\n");
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.location()).isEqualTo(SourceLocation.of("test.vmx", 2, key.length() + 5));
    assertThat(e.reason()).contains(reason);
    assertThat(e.getMessage()).startsWith("test.vmx:2:" + (key.length() + 5) + ": ");
  }

  @Test
  void placeholdersAreNamed() {
    ExportParseException e = error(resource("template-placeholders.vmx"), "tpl.vmx");
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.location().line()).isEqualTo(6);
    assertThat(e.reason()).isEqualTo(
        "numvcpus holds the unexpanded template placeholder \"{{.CPUs}}\"; expected a whole number of at least 1");
    assertThat(error("memsize = \"$MEM\"\n").reason()).contains("placeholder \"$MEM\"");
    assertThat(error("memsize = \"${MEM_MB}\"\n").reason()).contains("placeholder \"${MEM_MB}\"");
    assertThat(error("numvcpus = \"XXX\"\n").reason()).contains("placeholder \"XXX\"");
    assertThat(error("vhv.enable = \"{VHV}\"\n").reason()).contains("placeholder \"{VHV}\"");
  }

  @Test
  void placeholdersInTextKeysAreKept() {
    assertThat(VmxRead.read("displayName = \"{VM_NAME}\"\n").name()).isEqualTo("{VM_NAME}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "# nestcheck:ignore | 1 | 19 | needs rule ids and a reason",
      "# nestcheck:ignore NV-CPU-001 | 1 | 20 | gives no reason",
      "# nestcheck:ignore NV-CPU-001 until=2027-01-01 | 1 | 20 | gives no reason",
      "# nestcheck:ignore NVCPU001 reason | 1 | 20 | \"NVCPU001\" is not a rule id",
      "# nestcheck:ignore NV-CPU-001 reason until=2027-02-30 | 1 | 44 | \"2027-02-30\" is not a date",
      "# nestcheck:ignore NV-CPU-001 reason until=31.01.2027 | 1 | 44 | is not a date",
      "x = \"1\" # nestcheck:ignore NV-CPU-001 reason until= | 1 | 52 | \"\" is not a date"})
  void malformedSuppressionsAreTypedErrors(String text, int line, int column, String reason) {
    ExportParseException e = error(text + "\ndisplayName = \"x\"\n");
    assertThat(e.kind()).isEqualTo(Kind.INVALID_VALUE);
    assertThat(e.location()).isEqualTo(SourceLocation.of("test.vmx", line, column));
    assertThat(e.reason()).contains(reason);
  }

  @Test
  void lexicalErrorsPassThrough() {
    ExportParseException e = error("displayName = \"unterminated\n");
    assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
    assertThat(e.location().line()).isEqualTo(1);
  }

  @Test
  void aFileWithoutEntriesDescribesNoVm() {
    ExportParseException e = error("# only a comment\n\n");
    assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
    assertThat(error("").kind()).isEqualTo(Kind.UNSUPPORTED_FORMAT);
  }

  @Test
  void tooLargeIsRefusedBeforeLoadingWhenTheSizeIsKnown() {
    ExportSource huge = new ExportSource() {
      @Override
      public String name() {
        return "huge.vmx";
      }

      @Override
      public long size() {
        return VmxDocument.MAX_BYTES + 1L;
      }

      @Override
      public InputStream open() {
        throw new AssertionError("must not be opened");
      }
    };
    ExportParseException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        ExportParseException.class, () -> new VmxReader().read(huge));
    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void tooLargeWhenTheSizeIsUnknown() {
    ExportSource stream = new ExportSource() {
      @Override
      public String name() {
        return "stream.vmx";
      }

      @Override
      public long size() {
        return -1;
      }

      @Override
      public InputStream open() {
        return new InputStream() {
          @Override
          public int read() {
            return 'a';
          }
        };
      }
    };
    ExportParseException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        ExportParseException.class, () -> new VmxReader().read(stream));
    assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
  }

  @Test
  void missingFileIsIo(@TempDir Path dir) {
    ExportParseException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        ExportParseException.class, () -> new VmxReader().read(ExportSource.of(dir.resolve("gone.vmx"))));
    assertThat(e.kind()).isEqualTo(Kind.IO);
    assertThat(e.reason()).contains("does not exist");
  }

  @Test
  void readsAFileOnDisk(@TempDir Path dir) throws IOException, ExportParseException {
    Path file = dir.resolve("a.vmx");
    Files.writeString(file, "displayName = \"disk\"\n");
    assertThat(new VmxReader().read(ExportSource.of(file))).singleElement()
        .satisfies(vm -> assertThat(vm.source()).isEqualTo(file.toString()));
  }
}
