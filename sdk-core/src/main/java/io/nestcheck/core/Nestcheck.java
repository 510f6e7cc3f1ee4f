package io.nestcheck.core;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The entry point of the SDK: rules, profiles and readers wired together.
 *
 * {@snippet :
 * Nestcheck nestcheck = Nestcheck.create();
 * for (VmConfiguration vm : nestcheck.read(Path.of("cna01.vmx"))) {
 *   EvaluationResult result = nestcheck.evaluate(HostCapabilities.unknown(), vm, "fusioncompute-cna-8");
 *   result.findings().forEach(f -> System.out.println(f.ruleId() + " " + f.message()));
 * }
 * }
 *
 * <p>Instances are immutable and thread-safe; create one and share it.
 *
 * @since 0.1
 */
public final class Nestcheck {
  private final RuleCatalog rules;
  private final ProfileRegistry profiles;
  private final ExportReaders readers;
  private final Evaluator evaluator;

  private Nestcheck(RuleCatalog rules, ProfileRegistry profiles, ExportReaders readers) {
    this.rules = rules;
    this.profiles = profiles;
    this.readers = readers;
    this.evaluator = Evaluator.of(rules);
  }

  /** Built-in rules plus rule packs found with ServiceLoader, built-in profiles, built-in readers. */
  public static Nestcheck create() {
    return new Nestcheck(RuleCatalog.withServiceLoader(), ProfileRegistry.builtIn(), ExportReaders.builtIn());
  }

  /** An instance with the given parts. */
  public static Nestcheck of(RuleCatalog rules, ProfileRegistry profiles, ExportReaders readers) {
    return new Nestcheck(Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(profiles, "profiles"),
        Objects.requireNonNull(readers, "readers"));
  }

  /** A copy with other profiles (for example the built-ins plus user files). */
  public Nestcheck withProfiles(ProfileRegistry profiles) {
    return new Nestcheck(rules, Objects.requireNonNull(profiles, "profiles"), readers);
  }

  /** The rule catalog. */
  public RuleCatalog rules() {
    return rules;
  }

  /** The profiles. */
  public ProfileRegistry profiles() {
    return profiles;
  }

  /** The readers. */
  public ExportReaders readers() {
    return readers;
  }

  /** The evaluator. */
  public Evaluator evaluator() {
    return evaluator;
  }

  /**
   * Evaluates one VM against a profile (resolved here if it extends another).
   *
   * @param host the outer host, or {@link HostCapabilities#unknown()}
   * @param vm the VM
   * @param profile the profile
   * @return the findings; never {@code null}
   */
  public EvaluationResult evaluate(HostCapabilities host, VmConfiguration vm, GuestProfile profile) {
    GuestProfile resolved = profile.parent().isPresent() ? ProfileRegistry.merge(profiles.resolve(profile.parent().get()), profile) : profile;
    return evaluator.evaluate(host, vm, resolved);
  }

  /**
   * Evaluates one VM against the profile {@code profileId}.
   *
   * @throws ProfileException if the profile is unknown
   */
  public EvaluationResult evaluate(HostCapabilities host, VmConfiguration vm, String profileId) {
    return evaluator.evaluate(host, vm, profiles.resolve(profileId));
  }

  /**
   * Reads every VM in a file, whatever its format.
   *
   * @throws ExportParseException naming the file and line for any problem
   */
  public List<VmConfiguration> read(Path file) throws ExportParseException {
    return readers.read(ExportSource.of(file));
  }
}
