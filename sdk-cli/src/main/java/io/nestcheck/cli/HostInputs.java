package io.nestcheck.cli;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.core.config.ProjectConfig;
import io.nestcheck.core.host.CpuInfo;
import io.nestcheck.core.host.HostFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The outer host of an offline scan: {@code --host FILE} or {@code --host-cpuinfo FILE} (or the config's). */
final class HostInputs {
  private HostInputs() {}

  /** The options, shared by the commands that evaluate files. */
  static final class Options {
    @Option(names = "--host", paramLabel = "FILE",
        description = "The outer host's capabilities (HostCapabilities as JSON or YAML). Without host input, host rules report 'unknown'.")
    Optional<Path> hostFile = Optional.empty();

    @Option(names = "--host-cpuinfo", paramLabel = "FILE",
        description = "The outer host's /proc/cpuinfo (vendor and vmx/svm/ept/npt flags).")
    Optional<Path> cpuinfo = Optional.empty();
  }

  static HostCapabilities load(CommandLine cl, Options o, ProjectConfig cfg, Path cfgDir) {
    Optional<Path> host = o.hostFile.or(() -> cfg.host().map(cfgDir::resolve));
    Optional<Path> cpuinfo = o.cpuinfo.or(() -> cfg.hostCpuinfo().map(cfgDir::resolve));
    if (host.isPresent() && cpuinfo.isPresent()) {
      throw new CommandLine.ParameterException(cl, "give either --host or --host-cpuinfo, not both");
    }
    try {
      if (host.isPresent()) {
        return HostFiles.load(host.get());
      }
      if (cpuinfo.isPresent()) {
        return CpuInfo.parse(Files.readString(cpuinfo.get(), StandardCharsets.UTF_8));
      }
    } catch (IOException | IllegalArgumentException | io.nestcheck.core.host.HostFileException e) {
      throw new CommandLine.ParameterException(cl, (cpuinfo.isPresent() && !(e.getMessage() != null && e.getMessage().contains(cpuinfo.get().toString()))
          ? cpuinfo.get() + ": " : "") + e.getMessage());
    }
    return HostCapabilities.unknown();
  }
}
