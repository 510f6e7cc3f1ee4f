package io.nestcheck.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.nestcheck.api.GuestOsId;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.ProfileRequirements;
import io.nestcheck.api.VmConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The guest profiles known to a run: the built-in ones (resources of this module) plus any the user loads from
 * JSON or YAML files.
 *
 * <p>Loading validates each file against the published JSON Schema ({@code docs/profile.schema.json}) and reports
 * every problem at once, with a JSON pointer. {@link #validate(RuleCatalog)} adds the checks a schema cannot make:
 * parents exist, no inheritance cycles, rule ids in overrides exist, ranges are possible (minimum &lt;= recommended),
 * recommendations are among the allowed values.
 *
 * <p>{@link #resolve(String)} applies inheritance ({@code extends}): the child's fields win, requirement by
 * requirement; maps (severity overrides, required settings) merge key by key; disabled rules are united; a
 * non-empty list in the child replaces the parent's. {@code autoSelectGuestOs} and {@code isAbstract} are never
 * inherited. Resolved profiles have no parent.
 *
 * <p>Instances are immutable and thread-safe; {@link #withFiles} returns a new registry.
 *
 * @since 0.1
 */
public final class ProfileRegistry {
  private static final String RESOURCE_DIR = "/io/nestcheck/core/profiles/";
  private static final ProfileRegistry BUILT_IN = loadBuiltIn();

  private final Map<String, GuestProfile> profiles;
  private final Map<String, String> sources;
  private final ConcurrentHashMap<String, GuestProfile> resolved = new ConcurrentHashMap<>();

  private ProfileRegistry(Map<String, GuestProfile> profiles, Map<String, String> sources) {
    this.profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** The built-in profiles; a shared instance. */
  public static ProfileRegistry builtIn() {
    return BUILT_IN;
  }

  /** The JSON Schema every profile file must satisfy, as text. */
  public static String schemaText() {
    try (InputStream in = ProfileRegistry.class.getResourceAsStream("/io/nestcheck/core/profile.schema.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The compiled schema, made on first use: only profile files need it (compiling it was a fifth of the CLI's
   * start-up, paid by every scan for the built-in profiles, which {@code BuiltInProfilesTest} checks against it).
   */
  private static final class Schema {
    static final JsonSchema INSTANCE =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText());
  }

  private static ProfileRegistry loadBuiltIn() {
    Map<String, GuestProfile> map = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    List<ProfileProblem> problems = new ArrayList<>();
    for (String name : resourceLines(RESOURCE_DIR + "index.txt")) {
      String resource = RESOURCE_DIR + name + ".yaml";
      try (InputStream in = ProfileRegistry.class.getResourceAsStream(resource)) {
        if (in == null) {
          problems.add(new ProfileProblem(resource, "", "listed in index.txt but missing"));
          continue;
        }
        // not checked against the schema here: the build's tests do that for every built-in profile
        parse("builtin:" + name + ".yaml", in.readAllBytes(), Json.yamlMapper(), false, problems)
            .ifPresent(p -> add(map, sources, p, "builtin:" + name + ".yaml", problems));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!problems.isEmpty()) {
      throw new ProfileException(problems);
    }
    return new ProfileRegistry(map, sources);
  }

  private static List<String> resourceLines(String resource) {
    try (InputStream in = ProfileRegistry.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      List<String> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String t = line.trim();
        if (!t.isEmpty() && !t.startsWith("#")) {
          lines.add(t);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(Map<String, GuestProfile> map, Map<String, String> sources, GuestProfile p, String source,
      List<ProfileProblem> problems) {
    String previous = sources.get(p.id());
    if (previous != null) {
      problems.add(new ProfileProblem(source, "/id", "profile id '" + p.id() + "' is already defined in " + previous));
      return;
    }
    map.put(p.id(), p);
    sources.put(p.id(), source);
  }

  /**
   * Reads one profile file (JSON when the name ends in {@code .json}, YAML otherwise).
   *
   * @return the profile; never {@code null}
   * @throws ProfileException listing every problem in the file
   */
  public static GuestProfile load(Path file) {
    List<ProfileProblem> problems = new ArrayList<>();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ProfileException(List.of(new ProfileProblem(file.toString(), "", "cannot read: " + e.getMessage())));
    }
    ObjectMapper mapper = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? Json.mapper() : Json.yamlMapper();
    Optional<GuestProfile> p = parse(file.toString(), bytes, mapper, true, problems);
    if (!problems.isEmpty() || p.isEmpty()) {
      throw new ProfileException(problems);
    }
    return p.get();
  }

  /**
   * Parses profile text, collecting every schema violation (with {@code checkSchema}) in {@code problems}.
   */
  static Optional<GuestProfile> parse(String source, byte[] bytes, ObjectMapper mapper, boolean checkSchema,
      List<ProfileProblem> problems) {
    JsonNode tree;
    try {
      tree = mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      problems.add(new ProfileProblem(source, "", "not valid " + (mapper == Json.mapper() ? "JSON" : "YAML") + where + ": " + e.getOriginalMessage()));
      return Optional.empty();
    } catch (IOException e) {
      problems.add(new ProfileProblem(source, "", "cannot read: " + e.getMessage()));
      return Optional.empty();
    }
    if (tree == null || !tree.isObject()) {
      problems.add(new ProfileProblem(source, "", "a profile must be an object with at least 'id' and 'displayName'"));
      return Optional.empty();
    }
    if (checkSchema) {
      List<ValidationMessage> messages = new ArrayList<>(Schema.INSTANCE.validate(tree));
      messages.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()).thenComparing(ValidationMessage::getMessage));
      for (ValidationMessage m : messages) {
        problems.add(new ProfileProblem(source, pointer(m), m.getMessage().replaceFirst("^\\$[^ ]*: ", "")));
      }
      if (!messages.isEmpty()) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Json.mapper().treeToValue(tree, GuestProfile.class));
    } catch (JsonProcessingException | IllegalArgumentException | IllegalStateException e) {
      problems.add(new ProfileProblem(source, "", e.getMessage()));
      return Optional.empty();
    }
  }

  private static String pointer(ValidationMessage m) {
    String s = m.getInstanceLocation().toString(); // "$.requirements.minMemoryMiB"
    if (s.equals("$")) {
      return "";
    }
    return s.replaceFirst("^\\$", "").replace('.', '/').replaceAll("\\[(\\d+)\\]", "/$1");
  }

  /**
   * A registry with the given profile files added.
   *
   * @throws ProfileException listing every problem in every file, including ids that clash with loaded profiles
   */
  public ProfileRegistry withFiles(List<Path> files) {
    Map<String, GuestProfile> map = new LinkedHashMap<>(profiles);
    Map<String, String> src = new LinkedHashMap<>(sources);
    List<ProfileProblem> problems = new ArrayList<>();
    for (Path f : files) {
      try {
        add(map, src, load(f), f.toString(), problems);
      } catch (ProfileException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ProfileException(problems);
    }
    return new ProfileRegistry(map, src);
  }

  /** A registry with {@code profile} added (for tests and embedders). */
  public ProfileRegistry with(GuestProfile profile, String source) {
    Map<String, GuestProfile> map = new LinkedHashMap<>(profiles);
    Map<String, String> src = new LinkedHashMap<>(sources);
    List<ProfileProblem> problems = new ArrayList<>();
    add(map, src, profile, source, problems);
    if (!problems.isEmpty()) {
      throw new ProfileException(problems);
    }
    return new ProfileRegistry(map, src);
  }

  /** Every profile as written (unresolved), in load order. */
  public List<GuestProfile> all() {
    return List.copyOf(profiles.values());
  }

  /** The ids, in load order. */
  public Set<String> ids() {
    return profiles.keySet();
  }

  /** The profile {@code id} as written. */
  public Optional<GuestProfile> find(String id) {
    return Optional.ofNullable(profiles.get(id));
  }

  /** Where profile {@code id} came from ({@code builtin:esxi-8.yaml} or a path). */
  public Optional<String> sourceOf(String id) {
    return Optional.ofNullable(sources.get(id));
  }

  /**
   * The profile {@code id} with inheritance applied.
   *
   * @throws ProfileException if the profile or one of its ancestors is missing, or inheritance loops
   */
  public GuestProfile resolve(String id) {
    GuestProfile cached = resolved.get(id);
    if (cached != null) {
      return cached;
    }
    GuestProfile r = resolve(id, new LinkedHashSet<>());
    resolved.putIfAbsent(id, r);
    return resolved.get(id);
  }

  private GuestProfile resolve(String id, Set<String> chain) {
    GuestProfile p = profiles.get(id);
    if (p == null) {
      String known = String.join(", ", profiles.keySet());
      String from = chain.isEmpty() ? "" : " (extended by " + String.join(" -> ", chain) + ")";
      throw new ProfileException(List.of(new ProfileProblem(chain.isEmpty() ? "--profile" : sources.get(chain.iterator().next()),
          chain.isEmpty() ? "" : "/extends", "unknown profile '" + id + "'" + from + "; known: " + known)));
    }
    if (!chain.add(id)) {
      throw new ProfileException(List.of(new ProfileProblem(sources.get(id), "/extends",
          "inheritance cycle: " + String.join(" -> ", chain) + " -> " + id)));
    }
    if (p.parent().isEmpty()) {
      return p;
    }
    GuestProfile parent = resolve(p.parent().get(), chain);
    return merge(parent, p);
  }

  static GuestProfile merge(GuestProfile parent, GuestProfile child) {
    ObjectMapper m = Json.mapper();
    ObjectNode base = m.valueToTree(parent);
    ObjectNode over = m.valueToTree(child);
    base.remove("autoSelectGuestOs");
    base.remove("isAbstract");
    base.remove("extends");
    over.remove("extends");
    // disabled rules are united, not replaced
    Set<String> disabled = new LinkedHashSet<>(parent.disabledRules());
    disabled.addAll(child.disabledRules());
    overlay(base, over);
    ArrayNode d = base.putArray("disabledRules");
    disabled.forEach(d::add);
    try {
      return m.treeToValue(base, GuestProfile.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot merge " + child.id() + " onto " + parent.id(), e);
    }
  }

  private static void overlay(ObjectNode base, ObjectNode over) {
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      JsonNode existing = base.get(e.getKey());
      if (v.isObject() && existing != null && existing.isObject()) {
        overlay((ObjectNode) existing, (ObjectNode) v);
      } else if ((v.isArray() || v.isObject()) && v.isEmpty()) {
        continue;
      } else {
        base.set(e.getKey(), v);
      }
    }
  }

  /**
   * Checks what the schema cannot: parents, cycles, rule ids, ranges and recommendations, for every profile.
   *
   * @return every problem; empty when all profiles are valid
   */
  public List<ProfileProblem> validate(RuleCatalog catalog) {
    List<ProfileProblem> problems = new ArrayList<>();
    for (GuestProfile p : profiles.values()) {
      String src = sources.get(p.id());
      for (String rule : p.severityOverrides().keySet()) {
        if (!catalog.contains(rule)) {
          problems.add(new ProfileProblem(src, "/severityOverrides/" + rule, "unknown rule id " + rule));
        }
      }
      for (String rule : p.disabledRules()) {
        if (!catalog.contains(rule)) {
          problems.add(new ProfileProblem(src, "/disabledRules", "unknown rule id " + rule));
        }
      }
      GuestProfile r;
      try {
        r = resolve(p.id());
      } catch (ProfileException e) {
        problems.addAll(e.problems());
        checkRanges(src, p.requirements(), problems);
        continue;
      }
      checkRanges(src, r.requirements(), problems);
    }
    return problems;
  }

  private static void checkRanges(String src, ProfileRequirements q, List<ProfileProblem> problems) {
    if (q.minVcpus().isPresent() && q.recommendedVcpus().isPresent() && q.minVcpus().getAsInt() > q.recommendedVcpus().getAsInt()) {
      problems.add(new ProfileProblem(src, "/requirements/recommendedVcpus", "recommendedVcpus " + q.recommendedVcpus().getAsInt()
          + " is below minVcpus " + q.minVcpus().getAsInt()));
    }
    if (q.minMemoryMiB().isPresent() && q.recommendedMemoryMiB().isPresent() && q.minMemoryMiB().getAsLong() > q.recommendedMemoryMiB().getAsLong()) {
      problems.add(new ProfileProblem(src, "/requirements/recommendedMemoryMiB", "recommendedMemoryMiB " + q.recommendedMemoryMiB().getAsLong()
          + " is below minMemoryMiB " + q.minMemoryMiB().getAsLong()));
    }
    if (q.recommendedFirmware().isPresent() && !q.allowedFirmware().isEmpty() && !q.allowedFirmware().contains(q.recommendedFirmware().get())) {
      problems.add(new ProfileProblem(src, "/requirements/recommendedFirmware", "recommendedFirmware " + q.recommendedFirmware().get()
          + " is not in allowedFirmware " + q.allowedFirmware()));
    }
    if (q.recommendedNic().isPresent() && !q.supportedNics().isEmpty() && !q.supportedNics().contains(q.recommendedNic().get())) {
      problems.add(new ProfileProblem(src, "/requirements/recommendedNic", "recommendedNic " + q.recommendedNic().get()
          + " is not in supportedNics " + q.supportedNics()));
    }
    Set<Object> both = new HashSet<>(q.supportedNics());
    both.retainAll(q.driverInjectionNics());
    if (!both.isEmpty()) {
      problems.add(new ProfileProblem(src, "/requirements/driverInjectionNics", "NIC types " + both
          + " are listed both as supported in-box and as needing driver injection"));
    }
    if (q.recommendedController().isPresent() && !q.supportedControllers().isEmpty()
        && !q.supportedControllers().contains(q.recommendedController().get())) {
      problems.add(new ProfileProblem(src, "/requirements/recommendedController", "recommendedController "
          + q.recommendedController().get() + " is not in supportedControllers " + q.supportedControllers()));
    }
  }

  /** A profile chosen automatically for a VM, and why. */
  public record Selection(GuestProfile profile, String reason) {}

  /**
   * Picks a profile for {@code vm} by its guest OS id ({@code --profile auto}): the first non-abstract profile
   * whose {@code autoSelectGuestOs} contains it.
   */
  public Optional<Selection> autoSelect(VmConfiguration vm) {
    if (vm.guestOs().isEmpty()) {
      return Optional.empty();
    }
    GuestOsId os = vm.guestOs().get();
    for (GuestProfile p : profiles.values()) {
      if (!p.isAbstract() && p.autoSelectGuestOs().contains(os)) {
        return Optional.of(new Selection(resolve(p.id()), "guest OS id " + os.canonical() + " matches profile "
            + p.id() + " (autoSelectGuestOs)"));
      }
    }
    return Optional.empty();
  }
}
