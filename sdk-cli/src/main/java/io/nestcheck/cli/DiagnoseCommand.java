package io.nestcheck.cli;

import io.nestcheck.api.FixAction;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.Json;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.ProfileException;
import io.nestcheck.core.config.ProjectConfig;
import io.nestcheck.core.diagnose.Diagnoser;
import io.nestcheck.core.diagnose.Diagnosis;
import io.nestcheck.core.diagnose.LikelyCause;
import io.nestcheck.core.diagnose.SymptomMatch;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nestcheck diagnose}: likely causes of a symptom, ranked, tied to rules and fixes. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
    description = "Rank the likely causes of a symptom (a kernel panic line, an installer message, a stop code, a "
        + "vmware.log line), confirmed against the VM's configuration and the guest's /proc/cpuinfo when given.",
    footer = {"", "Examples:",
        "  nestcheck diagnose --symptom 'kvm: no hardware support'",
        "  nestcheck diagnose --symptom 'HV support not available' --profile esxi-8 esxi01.vmx",
        "  nestcheck diagnose --symptom-file console.log --guest-cpuinfo cpuinfo.txt --profile fusioncompute-cna-8 cna01.vmx",
        "", "Exit codes: 0 a cause was found, 1 no known symptom matched, 2 usage or input error."})
final class DiagnoseCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  SymptomSource symptom;

  static final class SymptomSource {
    @Option(names = "--symptom", paramLabel = "TEXT", description = "The symptom text.")
    String text;

    @Option(names = "--symptom-file", paramLabel = "FILE", description = "A file with the symptom text (a console or log excerpt).")
    Path file;
  }

  @Parameters(paramLabel = "VM-FILE", arity = "0..1", description = "The VM's export, to confirm causes against its configuration.")
  Optional<Path> vmFile = Optional.empty();

  @Option(names = {"-p", "--profile"}, paramLabel = "ID", description = "The guest profile (default: auto from the VM's guest OS id).")
  Optional<String> profile = Optional.empty();

  @Option(names = "--guest-cpuinfo", paramLabel = "FILE", description = "/proc/cpuinfo captured inside the nested guest.")
  Optional<Path> guestCpuinfo = Optional.empty();

  @CommandLine.Mixin HostInputs.Options hostOptions = new HostInputs.Options();

  @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    String text = symptom.text != null ? symptom.text : Files.readString(symptom.file, StandardCharsets.UTF_8);
    Nestcheck nestcheck = Nestcheck.create();
    Optional<VmConfiguration> vm = Optional.empty();
    if (vmFile.isPresent()) {
      try {
        List<VmConfiguration> vms = nestcheck.read(vmFile.get());
        vm = Optional.of(vms.get(0));
      } catch (ExportParseException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    Optional<GuestProfile> p;
    try {
      p = profile.map(id -> nestcheck.profiles().resolve(id));
    } catch (ProfileException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (p.isEmpty() && vm.isPresent()) {
      p = nestcheck.profiles().autoSelect(vm.get()).map(s -> s.profile());
    }
    HostCapabilities host = HostInputs.load(spec.commandLine(), hostOptions, ProjectConfig.empty(), Path.of(""));
    Optional<String> cpuinfo = guestCpuinfo.isPresent()
        ? Optional.of(Files.readString(guestCpuinfo.get(), StandardCharsets.UTF_8)) : Optional.empty();
    Diagnosis d = Diagnoser.builtIn().diagnose(text, vm, p, cpuinfo, host);
    PrintWriter out = spec.commandLine().getOut();
    if ("json".equalsIgnoreCase(format)) {
      out.println(Json.mapper().writeValueAsString(d));
    } else {
      print(out, d);
    }
    out.flush();
    return d.causes().isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private static void print(PrintWriter out, Diagnosis d) {
    if (d.matches().isEmpty()) {
      out.println("No known symptom matched. Scan the VM with 'nestcheck scan' to check its configuration.");
    }
    for (SymptomMatch m : d.matches()) {
      out.println("Recognised: " + m.title() + "  [" + m.symptomId() + ", " + m.context().name().toLowerCase(Locale.ROOT)
          + "]  \"" + m.matched() + "\"");
    }
    d.profileId().ifPresent(id -> out.println("Checked against profile " + id + "."));
    int rank = 1;
    for (LikelyCause c : d.causes()) {
      out.println();
      out.println(rank++ + ". " + c.title() + "  (" + c.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + (c.ruleIds().isEmpty() ? "" : "; rules " + String.join(", ", c.ruleIds())) + ")");
      out.println("   " + c.explanation());
      c.evidence().forEach(e -> out.println("   evidence: " + e));
      c.findings().forEach(f -> out.println("   finding: " + f.ruleId() + " " + f.message()));
      for (FixAction a : c.fixes()) {
        out.println("   " + (a.automatable() ? "fix: " : "manual: ") + a.describe());
      }
    }
    d.notes().forEach(n -> out.println("note: " + n));
  }
}
