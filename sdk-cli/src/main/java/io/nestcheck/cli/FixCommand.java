package io.nestcheck.cli;

import io.nestcheck.api.FixConflict;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ManualStep;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.files.FileFixException;
import io.nestcheck.core.files.FileFixer;
import io.nestcheck.core.files.FixOutcome;
import io.nestcheck.core.fix.FixPlanner;
import io.nestcheck.core.scan.FileDiscovery;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nestcheck fix}: shows (and with --apply writes) the fix for each VM file. */
@Command(name = "fix", mixinStandardHelpOptions = true,
    description = "Plan the fix of each VM file against its profile and print it as a unified diff (dry run, the "
        + "default); --apply writes it atomically and keeps a backup. Manual steps are listed, never claimed as done.",
    footer = {"", "Examples:",
        "  nestcheck fix --profile fusioncompute-cna-8 cna01.vmx",
        "  nestcheck fix --apply examples/fleet/esxi8-vhv-off.vmx",
        "", "Exit codes: 0 nothing to fix or everything applied, 1 changes pending (dry run) or left to do by hand,",
        "2 usage or input error (unreadable file, running VM without --force, a conflict)."})
final class FixCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "VM files or folders.")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-p", "--profile"}, paramLabel = "ID", description = "Guest profile id, or 'auto' (default: the config's, else auto).")
  Optional<String> profile = Optional.empty();

  @Option(names = "--apply", description = "Write the changes (default: dry run, print the diff).")
  boolean apply;

  @Option(names = "--force", description = "Write even when the VM looks running (a .lck folder beside it).")
  boolean force;

  @Option(names = "--config", paramLabel = "FILE", description = "Project configuration (default: ./.nestcheck.yaml, else the scanned folder's).")
  Optional<Path> config = Optional.empty();

  @Option(names = "--no-config", description = "Ignore .nestcheck.yaml.")
  boolean noConfig;

  @Option(names = "--profile-file", paramLabel = "FILE", description = "Load a custom profile (repeatable).")
  List<Path> profileFiles = new ArrayList<>();

  @CommandLine.Mixin HostInputs.Options hostOptions = new HostInputs.Options();

  @CommandLine.Mixin VsphereOptions vsphere = new VsphereOptions();

  @Option(names = "--vm", paramLabel = "GLOB", description = "With --vsphere: only VMs whose name matches GLOB (repeatable).")
  List<String> vmGlobs = new ArrayList<>();

  @Option(names = "--power-off", description = "With --vsphere --apply: power off running VMs for changes that need it.")
  boolean powerOff;

  @Override
  public Integer call() {
    if (paths.isEmpty() && !vsphere.present()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give PATHs to fix, or --vsphere URL");
    }
    Project project = Project.load(spec.commandLine(), paths, config, noConfig, profileFiles, profile);
    HostCapabilities host = HostInputs.load(spec.commandLine(), hostOptions, project.config, project.configDir);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (vsphere.present()) {
      return live(project, out, err);
    }
    FileDiscovery.Result found = FileDiscovery.discover(paths, project.config.include(), project.config.exclude());
    boolean inputError = !found.errors().isEmpty();
    boolean pending = false;
    for (ScanError e : found.errors()) {
      err.println("nestcheck: " + e.location() + ": " + e.reason());
    }
    FileFixer fixer = new FileFixer();
    for (Path file : found.files()) {
      List<VmConfiguration> vms;
      try {
        vms = project.nestcheck.read(file);
      } catch (ExportParseException e) {
        err.println("nestcheck: " + e.getMessage());
        inputError = true;
        continue;
      }
      for (VmConfiguration vm : vms) {
        Optional<GuestProfile> p = project.profileFor(file.toString(), vm);
        if (p.isEmpty()) {
          err.println("nestcheck: " + file + ": no profile matches VM '" + vm.name() + "'; choose one with --profile");
          inputError = true;
          continue;
        }
        FixPlan plan = FixPlanner.converge(project.nestcheck.evaluator(), host, vm, p.get());
        out.println("# " + vm.name() + " (" + file + "), profile " + p.get().id() + ": " + plan.actions().size()
            + " change(s), " + plan.manualSteps().size() + " manual step(s)"
            + (plan.requiresPowerOff() ? "; power the VM off first" : ""));
        for (FixConflict c : plan.conflicts()) {
          err.println("nestcheck: conflict on " + c.target() + " between " + String.join(", ", c.ruleIds())
              + "; kept: " + c.actions().get(0).describe());
          inputError = true;
        }
        if (!plan.actions().isEmpty()) {
          try {
            FixOutcome o = apply ? fixer.apply(file, plan, force) : fixer.preview(file, plan);
            if (o.unsupported().isPresent()) {
              out.println("  " + o.unsupported().get());
              pending = true;
            }
            if (!o.diff().isEmpty()) {
              out.print(o.diff());
              if (!o.diff().endsWith("\n")) {
                out.println();
              }
            }
            o.skipped().stream().filter(s -> !(s.action() instanceof ManualStep))
                .forEach(s -> out.println("  not applied: " + s.action().describe() + " (" + s.reason() + ")"));
            o.warnings().forEach(w -> out.println("  warning: " + w));
            if (o.written()) {
              out.println("  written" + o.output().map(p2 -> " to " + p2).orElse("")
                  + o.backup().map(b -> "; backup " + b).orElse(""));
            } else if (o.changed()) {
              pending = true;
            }
            if (o.skipped().stream().anyMatch(s -> !(s.action() instanceof ManualStep))) {
              pending = true;
            }
          } catch (FileFixException e) {
            err.println("nestcheck: " + e.getMessage());
            inputError = true;
          }
        }
        for (ManualStep m : plan.manualSteps()) {
          out.println("  manual: " + m.title());
          for (String line : m.instructions().split("\n")) {
            out.println("    " + line);
          }
          pending = true;
        }
        out.println();
      }
    }
    out.flush();
    err.flush();
    return inputError ? ExitCodes.USAGE : pending ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /** Fixes VMs of a live vSphere inventory: one reconfiguration per VM, dry run unless --apply. */
  private int live(Project project, PrintWriter out, PrintWriter err) {
    List<java.nio.file.PathMatcher> globs = vmGlobs.stream()
        .map(g -> java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    boolean failed = false;
    boolean pending = false;
    try (io.nestcheck.vsphere.VsphereAdapter adapter = vsphere.connect(spec.commandLine())) {
      io.nestcheck.api.Inventory inventory = adapter.inventory();
      io.nestcheck.api.ApplyOptions options = io.nestcheck.api.ApplyOptions.builder().dryRun(!apply).allowPowerOff(powerOff).build();
      for (VmConfiguration vm : inventory.vms()) {
        if (!globs.isEmpty() && globs.stream().noneMatch(m -> m.matches(Path.of(vm.name())))) {
          continue;
        }
        Optional<GuestProfile> p = project.profileFor(vm.source(), vm);
        if (p.isEmpty()) {
          continue;
        }
        FixPlan plan = FixPlanner.converge(project.nestcheck.evaluator(), inventory.hostOf(vm), vm, p.get());
        if (plan.isEmpty()) {
          continue;
        }
        io.nestcheck.api.ApplyResult r = adapter.apply(vm, plan, options);
        out.println("# " + vm.name() + " (" + vm.source() + "), profile " + p.get().id() + ": " + r.status());
        r.changes().forEach(c -> out.println("  " + c));
        r.skipped().forEach(s -> out.println("  skipped: " + s));
        r.fault().ifPresent(f -> out.println("  fault: " + f));
        plan.manualSteps().forEach(m -> out.println("  manual: " + m.title()));
        failed |= r.status() == io.nestcheck.api.ApplyResult.Status.FAILED;
        pending |= r.status() != io.nestcheck.api.ApplyResult.Status.APPLIED || !plan.manualSteps().isEmpty();
      }
    } catch (io.nestcheck.api.spi.AdapterException e) {
      err.println("nestcheck: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    out.flush();
    return failed ? ExitCodes.USAGE : pending ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}
