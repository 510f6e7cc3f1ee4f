package io.nestcheck.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nestcheck completion}: prints a bash/zsh completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = "Print a bash/zsh completion script for nestcheck.",
    footer = {"", "Examples:", "  source <(nestcheck completion)", "  nestcheck completion > /etc/bash_completion.d/nestcheck"})
final class CompletionCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    CommandLine root = spec.root().commandLine();
    spec.commandLine().getOut().print(AutoComplete.bash("nestcheck", root));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
