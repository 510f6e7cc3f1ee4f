package io.nestcheck.cli;

import io.nestcheck.api.Finding;
import io.nestcheck.api.FixAction;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.Severity;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.Json;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.ProfileException;
import io.nestcheck.core.chain.ChainEvaluator;
import io.nestcheck.core.chain.ChainLayer;
import io.nestcheck.core.chain.ChainResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** {@code nestcheck scan --chain L1 L2 ...}: evaluates a nesting chain layer by layer. */
final class ChainMode {
  private ChainMode() {}

  static int run(CommandLine cl, List<Path> paths, Optional<String> profileId, HostCapabilities host, List<String> formats,
      Severity failOn, boolean color) throws Exception {
    if (paths.size() < 2) {
      throw new CommandLine.ParameterException(cl, "--chain needs at least two VM files, outermost first");
    }
    if (profileId.isEmpty() || profileId.get().equals("auto")) {
      throw new CommandLine.ParameterException(cl, "--chain needs --profile for the innermost guest");
    }
    Nestcheck nestcheck = Nestcheck.create();
    GuestProfile profile;
    try {
      profile = nestcheck.profiles().resolve(profileId.get());
    } catch (ProfileException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
    List<VmConfiguration> layers = new ArrayList<>();
    for (Path p : paths) {
      try {
        List<VmConfiguration> vms = nestcheck.read(p);
        if (vms.size() != 1) {
          throw new CommandLine.ParameterException(cl, p + " holds " + vms.size() + " VMs; a chain layer must be one VM");
        }
        layers.add(vms.get(0));
      } catch (ExportParseException e) {
        cl.getErr().println("nestcheck: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }
    ChainResult result = ChainEvaluator.of(nestcheck.evaluator())
        .evaluate(layers, host.isUnknown() ? Optional.empty() : Optional.of(host), profile);
    PrintWriter out = cl.getOut();
    if (formats.contains("json")) {
      out.println(Json.mapper().writeValueAsString(result));
    } else {
      for (ChainLayer layer : result.layers()) {
        out.println((color ? "\u001b[1m" : "") + layer.label() + (color ? "\u001b[0m" : "") + "  (" + layer.vm().source()
            + ", checked as " + layer.profile().id() + ")");
        if (layer.findings().isEmpty()) {
          out.println("  no findings");
        }
        for (Finding f : layer.findings()) {
          out.println("  " + f.severity() + " " + f.ruleId() + " " + f.message()
              + f.location().map(l -> "  [" + l + "]").orElse(""));
          for (FixAction a : f.fixes()) {
            out.println("           " + (a.automatable() ? "fix: " : "manual: ") + a.describe());
          }
        }
        out.println();
      }
    }
    out.flush();
    boolean fail = result.findings().stream().anyMatch(f -> !f.isSuppressed() && f.severity().atLeast(failOn));
    return fail ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
