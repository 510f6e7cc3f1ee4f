package io.nestcheck.cli;

import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.ProfileException;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.config.ProjectConfig;
import io.nestcheck.core.scan.ScanOptions;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * What the file-based commands share: the project configuration ({@code .nestcheck.yaml}), the profiles (built-in
 * plus {@code --profile-file} and the config's), and the profile choice per file (flag, per-path config, default,
 * or auto by guest OS id).
 */
final class Project {
  final ProjectConfig config;
  final Optional<Path> configFile;
  final Path configDir;
  final Nestcheck nestcheck;
  final String defaultProfile;
  private final boolean profileFlag;
  private final List<PathMatcher> perPath = new ArrayList<>();

  private Project(ProjectConfig config, Optional<Path> configFile, Path configDir, Nestcheck nestcheck, String defaultProfile,
      boolean profileFlag) {
    this.config = config;
    this.configFile = configFile;
    this.configDir = configDir;
    this.nestcheck = nestcheck;
    this.defaultProfile = defaultProfile;
    this.profileFlag = profileFlag;
    for (ProjectConfig.PathProfile pp : config.profiles()) {
      perPath.add(FileSystems.getDefault().getPathMatcher("glob:" + pp.path()));
    }
  }

  static ProjectConfig loadConfig(CommandLine cl, Optional<Path> file) {
    try {
      return file.map(ProjectConfig::load).orElse(ProjectConfig.empty());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
  }

  static Optional<Path> findConfig(List<Path> paths, Optional<Path> explicit, boolean noConfig) {
    return noConfig ? Optional.empty() : explicit.isPresent() ? explicit : ProjectConfig.find(Path.of("").toAbsolutePath(), paths);
  }

  static Project load(CommandLine cl, List<Path> paths, Optional<Path> explicitConfig, boolean noConfig,
      List<Path> profileFiles, Optional<String> profile) {
    Optional<Path> configFile = findConfig(paths, explicitConfig, noConfig);
    ProjectConfig cfg = loadConfig(cl, configFile);
    Path cfgDir = configFile.map(p -> p.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
    Nestcheck nestcheck = Nestcheck.create();
    List<Path> extra = new ArrayList<>(profileFiles);
    cfg.profileFiles().forEach(f -> extra.add(cfgDir.resolve(f)));
    if (!extra.isEmpty()) {
      try {
        nestcheck = nestcheck.withProfiles(nestcheck.profiles().withFiles(extra));
      } catch (ProfileException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
    }
    String defaultProfile = profile.or(cfg::profile).orElse(ScanOptions.AUTO);
    for (String id : cfg.profiles().stream().map(ProjectConfig.PathProfile::profile).toList()) {
      if (nestcheck.profiles().find(id).isEmpty()) {
        throw new CommandLine.ParameterException(cl, configFile.get() + ": unknown profile '" + id
            + "' (known: " + String.join(", ", nestcheck.profiles().ids()) + ")");
      }
    }
    if (!ScanOptions.AUTO.equals(defaultProfile)) {
      try {
        nestcheck.profiles().resolve(defaultProfile);
      } catch (ProfileException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
    }
    return new Project(cfg, configFile, cfgDir, nestcheck, defaultProfile, profile.isPresent());
  }

  /** The profile id (or {@code auto}) for a file: the --profile flag, else the first matching per-path entry, else the default. */
  Function<String, String> profileByTarget() {
    if (profileFlag || perPath.isEmpty()) {
      return t -> defaultProfile;
    }
    return target -> {
      Path p = Path.of(target);
      Path abs = p.toAbsolutePath().normalize();
      for (int i = 0; i < perPath.size(); i++) {
        PathMatcher m = perPath.get(i);
        if (m.matches(p) || (abs.startsWith(configDir) && m.matches(configDir.relativize(abs)))
            || (p.getFileName() != null && m.matches(p.getFileName()))) {
          return config.profiles().get(i).profile();
        }
      }
      return defaultProfile;
    };
  }

  /** The resolved profile for a VM of a file, or empty when {@code auto} finds none. */
  Optional<GuestProfile> profileFor(String target, VmConfiguration vm) {
    String id = profileByTarget().apply(target);
    ProfileRegistry reg = nestcheck.profiles();
    if (!ScanOptions.AUTO.equals(id)) {
      return Optional.of(reg.resolve(id));
    }
    return reg.autoSelect(vm).map(ProfileRegistry.Selection::profile);
  }
}
