package io.nestcheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.Json;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.scan.FileDiscovery;
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

/** {@code nestcheck inspect}: prints what the readers understood of each file (the model), or the typed parse error. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print the parsed model of each VM (the documented JSON shape), or the typed parse error.",
    footer = {"", "Examples:", "  nestcheck inspect cna01.vmx", "  nestcheck inspect --format yaml exports/",
        "", "Exit codes: 0 every input parsed, 2 otherwise."})
final class InspectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders.")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-f", "--format"}, defaultValue = "json", description = "json or yaml (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    ObjectMapper mapper = switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> Json.mapper();
      case "yaml", "yml" -> Json.yamlMapper();
      default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + format + "' (json, yaml)");
    };
    Nestcheck nestcheck = Nestcheck.create();
    FileDiscovery.Result found = FileDiscovery.discover(paths, List.of(), List.of());
    ArrayNode out = mapper.createArrayNode();
    boolean ok = found.errors().isEmpty();
    for (ScanError e : found.errors()) {
      ObjectNode o = out.addObject();
      o.put("source", e.location().file());
      o.set("error", mapper.valueToTree(e));
    }
    for (Path p : found.files()) {
      ObjectNode o = out.addObject();
      o.put("source", p.toString());
      try {
        List<VmConfiguration> vms = nestcheck.readers().read(ExportSource.of(p));
        o.set("vms", mapper.valueToTree(vms));
      } catch (ExportParseException e) {
        ok = false;
        o.set("error", mapper.valueToTree(ScanError.of(e)));
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    w.print(mapper.writeValueAsString(out));
    w.println();
    w.flush();
    return ok ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
