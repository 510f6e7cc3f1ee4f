package io.nestcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** 'nestcheck fix': dry run by default, --apply writes with a backup, running VMs are refused. */
class CliFixTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path copy(String name) throws Exception {
    Path target = dir.resolve(name);
    Files.copy(Path.of("../examples/fleet", name), target);
    return target;
  }

  @Test
  void dryRunPrintsTheDiffAndChangesNothing() throws Exception {
    Path vmx = copy("esxi8-vhv-off.vmx");
    byte[] before = Files.readAllBytes(vmx);
    Run r = run("fix", "--profile", "esxi-8", vmx.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.FINDINGS);
    assertThat(r.out()).contains("-vhv.enable = \"FALSE\"\n+vhv.enable = \"TRUE\"\n");
    assertThat(Files.readAllBytes(vmx)).isEqualTo(before);
    assertThat(dir.resolve("esxi8-vhv-off.vmx.bak")).doesNotExist();
  }

  @Test
  void applyWritesTheFixKeepsABackupAndTheRescanIsClean() throws Exception {
    Path vmx = copy("esxi8-vhv-off.vmx");
    byte[] before = Files.readAllBytes(vmx);
    Run r = run("fix", "--apply", "--profile", "esxi-8", vmx.toString());
    assertThat(r.out()).contains("written; backup ");
    assertThat(Files.readAllBytes(dir.resolve("esxi8-vhv-off.vmx.bak"))).isEqualTo(before);
    String after = Files.readString(vmx, StandardCharsets.UTF_8);
    assertThat(after).contains("vhv.enable = \"TRUE\"").doesNotContain("vhv.enable = \"FALSE\"");
    // every other line is unchanged
    assertThat(after.replace("vhv.enable = \"TRUE\"", "vhv.enable = \"FALSE\"")).isEqualTo(new String(before, StandardCharsets.UTF_8));
    assertThat(Main.run("scan", "--quiet", "--profile", "esxi-8", vmx.toString())).isEqualTo(ExitCodes.OK);
  }

  @Test
  void aRunningVmIsRefusedUnlessForced() throws Exception {
    Path vmx = copy("esxi8-small-memory.vmx");
    Files.createDirectory(dir.resolve("esxi8-lab-03.vmx.lck"));
    byte[] before = Files.readAllBytes(vmx);
    Run refused = run("fix", "--apply", "--profile", "esxi-8", vmx.toString());
    assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("powered on");
    assertThat(Files.readAllBytes(vmx)).isEqualTo(before);
    Run forced = run("fix", "--apply", "--force", "--profile", "esxi-8", vmx.toString());
    // the plan converges: the minimum (8 GiB) and then the recommendation (12 GiB)
    assertThat(forced.out()).contains("+memsize = \"12288\"");
    assertThat(Files.readString(vmx)).contains("memsize = \"12288\"");
  }
}
