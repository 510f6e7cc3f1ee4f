package io.nestcheck.cli;

import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.RuleDescriptor;
import io.nestcheck.core.docs.RuleDocs;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nestcheck rules}: list and explain the rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List and explain the rules.",
    subcommands = {RulesCommand.ListRules.class, RulesCommand.Explain.class},
    footer = {"", "Examples:", "  nestcheck rules list", "  nestcheck rules list --format markdown > docs/rules.md",
        "  nestcheck rules explain NV-CPU-001"})
final class RulesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or explain");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every rule.")
  static final class ListRules implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text, markdown or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
      RuleCatalog catalog = RuleCatalog.withServiceLoader();
      PrintWriter out = spec.commandLine().getOut();
      switch (format.toLowerCase(Locale.ROOT)) {
        case "markdown", "md" -> out.print(RuleDocs.markdown(catalog));
        case "json" -> out.print(RuleDocs.json(catalog));
        case "text" -> {
          for (RuleDescriptor d : catalog.rules()) {
            out.printf(Locale.ROOT, "%-12s %-8s %s%n", d.id(), d.severity(), d.summary());
          }
        }
        default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format + "' (text, markdown, json)");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "explain", mixinStandardHelpOptions = true, description = "Explain one rule: why it matters, the fix and the sources.")
  static final class Explain implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The rule id, for example NV-CPU-001.")
    String id;

    @Override
    public Integer call() {
      RuleCatalog catalog = RuleCatalog.withServiceLoader();
      RuleDescriptor d = catalog.find(id.toUpperCase(Locale.ROOT)).orElseThrow(() -> new CommandLine.ParameterException(
          spec.commandLine(), "unknown rule id '" + id + "' (see 'nestcheck rules list')"));
      PrintWriter out = spec.commandLine().getOut();
      out.println(d.id() + "  " + d.summary());
      out.println("default severity: " + d.severity() + (d.tags().isEmpty() ? "" : "   tags: " + String.join(", ", d.tags())));
      out.println();
      if (!d.explanation().isBlank()) {
        out.println(d.explanation().strip());
        out.println();
      }
      out.println("Sources:");
      d.links().forEach(l -> out.println("  " + l));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
