package io.nestcheck.cli;

import io.nestcheck.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nestcheck} command.
 *
 * <p>Exit codes: {@value ExitCodes#OK} clean, {@value ExitCodes#FINDINGS} findings at or above the threshold,
 * {@value ExitCodes#USAGE} usage or input error, {@value ExitCodes#PARTIAL} partial scan (cancelled).
 */
@Command(
    name = "nestcheck",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = {
      "Checks whether VMs that run a guest hypervisor (FusionCompute CNA, nested ESXi, Hyper-V, KVM, Nutanix CE) "
          + "are set up to work, explains every problem and produces the fix.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error, 3 partial scan.",
      "Docs: https://github.com/nestcheck/nestcheck"
    },
    subcommands = {ScanCommand.class, FixCommand.class, InspectCommand.class, DiagnoseCommand.class, RulesCommand.class, ProfilesCommand.class, CompletionCommand.class, VersionCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExitCodeExceptionMapper(t -> ExitCodes.USAGE);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println(cmd.getColorScheme().errorText("nestcheck: " + ex.getMessage()));
      return ExitCodes.USAGE;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println(cmd.getColorScheme().errorText("nestcheck: " + ex.getMessage()));
      cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      return ExitCodes.USAGE;
    });
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try 'nestcheck scan PATH')");
  }

  /** Reports the version from the build. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"nestcheck " + Version.current(),
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}
