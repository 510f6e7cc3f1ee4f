package io.nestcheck.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.nestcheck.api.NestcheckStyle;
import io.nestcheck.api.Severity;
import io.nestcheck.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The project configuration file {@code .nestcheck.yaml}: defaults for the CLI (profile, per-path profiles, formats,
 * fail-on threshold, include/exclude globs, host input, extra profile files) and suppressions. Command-line flags
 * win over it. Paths in it are relative to the file's folder.
 *
 * {@snippet lang = yaml :
 * profile: auto
 * profiles:
 *   - path: "cna*.vmx"
 *     profile: fusioncompute-cna-8
 * failOn: WARNING
 * exclude: ["archive/**"]
 * suppressions:
 *   - rule: NV-HYG-001
 *     path: "lab/**"
 *     reason: training VMs keep their sound card
 *     until: 2027-01-31
 * }
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableProjectConfig.class)
@JsonDeserialize(as = ImmutableProjectConfig.class)
public abstract class ProjectConfig {
  /** The file name looked up in the working folder, then in the first scanned folder. */
  public static final String FILE_NAME = ".nestcheck.yaml";

  /** The default profile id, or {@code auto}. */
  public abstract Optional<String> profile();

  /** Per-path profile choices; the first whose glob matches a file wins. */
  public abstract List<PathProfile> profiles();

  /** Report formats. */
  public abstract List<String> formats();

  /** The exit-code threshold. */
  public abstract Optional<Severity> failOn();

  /** Include globs. */
  public abstract List<String> include();

  /** Exclude globs. */
  public abstract List<String> exclude();

  /** A host capabilities file (JSON/YAML). */
  public abstract Optional<String> host();

  /** A {@code /proc/cpuinfo} capture of the outer host. */
  public abstract Optional<String> hostCpuinfo();

  /** Extra profile files. */
  public abstract List<String> profileFiles();

  /** Suppressions. */
  public abstract List<SuppressionRule> suppressions();

  /** Worker threads. */
  public abstract OptionalInt threads();

  /** A profile for files matching a glob. */
  @Value.Immutable
  @NestcheckStyle
  @JsonSerialize(as = ImmutablePathProfile.class)
  @JsonDeserialize(as = ImmutablePathProfile.class)
  public abstract static class PathProfile {
    /** The glob, matched against the path relative to the scanned folder (and the path as given). */
    public abstract String path();

    /** The profile id. */
    public abstract String profile();

    /** A choice. */
    public static PathProfile of(String path, String profile) {
      return ImmutablePathProfile.builder().path(path).profile(profile).build();
    }
  }

  /** One suppression: a rule, narrowed by path glob and/or VM name, with a reason and an optional expiry. */
  @Value.Immutable
  @NestcheckStyle
  @JsonSerialize(as = ImmutableSuppressionRule.class)
  @JsonDeserialize(as = ImmutableSuppressionRule.class)
  public abstract static class SuppressionRule {
    /** The rule id. */
    public abstract String rule();

    /** A path glob; any path when absent. */
    public abstract Optional<String> path();

    /** A VM name; any VM when absent. */
    public abstract Optional<String> vm();

    /** Why; required. */
    public abstract String reason();

    /** The last day it applies, inclusive. */
    public abstract Optional<LocalDate> until();

    @Value.Check
    void check() {
      if (reason().isBlank()) {
        throw new IllegalStateException("suppression of " + rule() + " needs a reason");
      }
    }

    /** Returns a new builder. */
    public static ImmutableSuppressionRule.Builder builder() {
      return ImmutableSuppressionRule.builder();
    }
  }

  private static final ProjectConfig EMPTY = ImmutableProjectConfig.builder().build();

  /** No configuration. */
  public static ProjectConfig empty() {
    return EMPTY;
  }

  /**
   * Reads a configuration file.
   *
   * @throws IllegalArgumentException naming the file, the line and the field for any problem
   */
  public static ProjectConfig load(Path file) {
    try {
      return Json.yamlMapper().readValue(Files.readAllBytes(file), ProjectConfig.class);
    } catch (JsonMappingException e) {
      String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new IllegalArgumentException(file + where + ": " + (field.isEmpty() ? "" : "field '" + field + "': ")
          + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new IllegalArgumentException(file + where + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Finds {@value #FILE_NAME}: in {@code workingDir} first, then in the first scanned folder (for a file, its
   * folder).
   */
  public static Optional<Path> find(Path workingDir, List<Path> roots) {
    Path here = workingDir.resolve(FILE_NAME);
    if (Files.isRegularFile(here)) {
      return Optional.of(here);
    }
    if (roots.isEmpty()) {
      return Optional.empty();
    }
    Path first = roots.get(0);
    Path dir = Files.isDirectory(first) ? first : first.toAbsolutePath().getParent();
    if (dir == null) {
      return Optional.empty();
    }
    Path p = dir.resolve(FILE_NAME);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }
}
