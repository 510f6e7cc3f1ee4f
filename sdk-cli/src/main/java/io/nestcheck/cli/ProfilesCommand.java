package io.nestcheck.cli;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.core.Json;
import io.nestcheck.core.ProfileException;
import io.nestcheck.core.ProfileProblem;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nestcheck profiles}: list, show and validate guest profiles. */
@Command(name = "profiles", mixinStandardHelpOptions = true, description = "List, show and validate guest profiles.",
    subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.Show.class, ProfilesCommand.Validate.class,
        ProfilesCommand.Schema.class},
    footer = {"", "Examples:", "  nestcheck profiles list", "  nestcheck profiles show fusioncompute-cna-8 --resolved",
        "  nestcheck profiles validate my-cna.yaml", "  nestcheck profiles schema > profile.schema.json"})
final class ProfilesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list, show, validate or schema");
  }

  static ProfileRegistry registry(CommandLine cl, List<Path> files) {
    try {
      return files.isEmpty() ? ProfileRegistry.builtIn() : ProfileRegistry.builtIn().withFiles(files);
    } catch (ProfileException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the profiles (built-in and from --profile-file).")
  static final class ListProfiles implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile-file", paramLabel = "FILE", description = "Also load this profile file (repeatable).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
      ProfileRegistry reg = registry(spec.commandLine(), files);
      PrintWriter out = spec.commandLine().getOut();
      for (GuestProfile p : reg.all()) {
        out.printf(Locale.ROOT, "%-24s %-10s %s%s%n", p.id(), p.isAbstract() ? "(abstract)" : "",
            p.displayName(), p.parent().map(x -> "  [extends " + x + "]").orElse(""));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a profile as YAML or JSON.")
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--resolved", description = "Apply inheritance (extends) first.")
    boolean resolved;

    @Option(names = {"-f", "--format"}, defaultValue = "yaml", description = "yaml or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--profile-file", paramLabel = "FILE", description = "Also load this profile file (repeatable).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      ProfileRegistry reg = registry(spec.commandLine(), files);
      GuestProfile p;
      try {
        p = resolved ? reg.resolve(id) : reg.find(id).orElseThrow(() -> new ProfileException(
            List.of(new ProfileProblem("--profile", "", "unknown profile '" + id + "'; known: " + String.join(", ", reg.ids())))));
      } catch (ProfileException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(("json".equalsIgnoreCase(format) ? Json.mapper() : Json.yamlMapper()).writeValueAsString(p));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Validate profile files against the schema and the rule catalog; reports every problem at once.")
  static final class Validate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Profile files (JSON or YAML). None: validate the built-in profiles (inheritance, rule ids, ranges; their schema is checked when nestcheck is built).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      List<ProfileProblem> problems = new ArrayList<>();
      ProfileRegistry reg = ProfileRegistry.builtIn();
      try {
        reg = reg.withFiles(files);
      } catch (ProfileException e) {
        problems.addAll(e.problems());
      }
      if (problems.isEmpty()) {
        for (ProfileProblem p : reg.validate(RuleCatalog.withServiceLoader())) {
          if (files.isEmpty() || files.stream().anyMatch(f -> f.toString().equals(p.source()))) {
            problems.add(p);
          }
        }
      }
      if (problems.isEmpty()) {
        out.println(files.isEmpty() ? "built-in profiles are valid" : files.size() + " profile file(s) valid");
        out.flush();
        return ExitCodes.OK;
      }
      problems.forEach(p -> err.println(p));
      err.println(problems.size() + " problem(s)");
      err.flush();
      return ExitCodes.USAGE;
    }
  }

  @Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the JSON Schema of profile files.")
  static final class Schema implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(ProfileRegistry.schemaText());
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
