package io.nestcheck.core;

import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.api.spi.RulePack;
import io.nestcheck.core.rules.BuiltInRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The registered rules: the built-in catalog plus any {@link RulePack}s, each rule's {@link RuleInfo} validated
 * at registration.
 *
 * <p>Validation (all problems are reported at once in one {@link IllegalArgumentException}): every rule carries
 * {@code @RuleInfo}; ids match {@code NV-[A-Z]+-\d{3}} and are unique across packs; summaries are non-empty and do
 * not end with a period; every rule names at least one source link.
 *
 * <p>Instances are immutable and thread-safe. Rules are kept sorted by id.
 *
 * @since 0.1
 */
public final class RuleCatalog {
  private static final Pattern ID = Pattern.compile("NV-[A-Z]+-\\d{3}");

  private final List<RuleDescriptor> rules;
  private final Map<String, RuleDescriptor> byId;

  private RuleCatalog(List<RuleDescriptor> rules) {
    List<RuleDescriptor> sorted = new ArrayList<>(rules);
    sorted.sort((a, b) -> a.id().compareTo(b.id()));
    this.rules = Collections.unmodifiableList(sorted);
    Map<String, RuleDescriptor> map = new LinkedHashMap<>();
    for (RuleDescriptor d : sorted) {
      map.put(d.id(), d);
    }
    this.byId = Collections.unmodifiableMap(map);
  }

  /** The built-in rules only. */
  public static RuleCatalog builtIn() {
    return of(List.of(new BuiltInRules()));
  }

  /** The built-in rules plus every {@link RulePack} found with {@link ServiceLoader} on the class path. */
  public static RuleCatalog withServiceLoader() {
    List<RulePack> packs = new ArrayList<>();
    packs.add(new BuiltInRules());
    for (RulePack pack : ServiceLoader.load(RulePack.class)) {
      if (!(pack instanceof BuiltInRules)) {
        packs.add(pack);
      }
    }
    return of(packs);
  }

  /**
   * A catalog of the given packs.
   *
   * @throws IllegalArgumentException listing every metadata problem found
   */
  public static RuleCatalog of(List<? extends RulePack> packs) {
    List<String> problems = new ArrayList<>();
    List<RuleDescriptor> descriptors = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (RulePack pack : packs) {
      for (Rule rule : pack.rules()) {
        describe(pack.id(), rule, problems).ifPresent(d -> {
          String previous = seen.putIfAbsent(d.id(), pack.id() + "/" + rule.getClass().getName());
          if (previous != null) {
            problems.add("rule id " + d.id() + " of " + rule.getClass().getName() + " is already used by " + previous);
          } else {
            descriptors.add(d);
          }
        });
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid rule metadata:\n  " + String.join("\n  ", problems));
    }
    return new RuleCatalog(descriptors);
  }

  private static Optional<RuleDescriptor> describe(String pack, Rule rule, List<String> problems) {
    RuleInfo info = rule.getClass().getAnnotation(RuleInfo.class);
    String name = rule.getClass().getName();
    if (info == null) {
      problems.add(name + " has no @RuleInfo");
      return Optional.empty();
    }
    int before = problems.size();
    if (!ID.matcher(info.id()).matches()) {
      problems.add(name + ": id '" + info.id() + "' must match " + ID.pattern());
    }
    if (info.summary().isBlank()) {
      problems.add(name + ": summary must not be empty");
    } else if (info.summary().endsWith(".")) {
      problems.add(name + ": summary must not end with a period");
    }
    if (info.links().length == 0) {
      problems.add(name + ": names no source link");
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(RuleDescriptor.builder()
        .id(info.id())
        .summary(info.summary())
        .severity(info.severity())
        .tags(Arrays.asList(info.tags()))
        .links(Arrays.asList(info.links()))
        .explanation(info.explanation())
        .oncePerScan(info.oncePerScan())
        .pack(pack)
        .rule(rule)
        .build());
  }

  /** The rules, sorted by id. */
  public List<RuleDescriptor> rules() {
    return rules;
  }

  /** The rule with {@code id}. */
  public Optional<RuleDescriptor> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Whether a rule with {@code id} is registered. */
  public boolean contains(String id) {
    return byId.containsKey(id);
  }
}
