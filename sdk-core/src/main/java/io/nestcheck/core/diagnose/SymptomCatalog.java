package io.nestcheck.core.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.nestcheck.core.Json;
import io.nestcheck.core.RuleCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The symptom catalog: error messages and log lines of nested setups, each tied to its likely causes and, through
 * them, to the rules that detect those causes in a VM's configuration. The built-in catalog is data, the resource
 * {@code io/nestcheck/core/diagnose/symptoms.yaml}.
 *
 * <p>Format: a top-level {@code causes} map (cause id to {@code title}, {@code rules}, {@code explanation},
 * optional {@code hvExposure}) and a {@code symptoms} list, each with {@code id}, {@code title}, {@code context}
 * (a {@link SymptomContext}), {@code patterns} (regular expressions, matched case-insensitive and multi-line),
 * {@code causes} (cause ids, most likely first), {@code sources} and optional {@code notFor} (profile-id prefix to
 * a note). Unknown keys, missing keys, bad regular expressions, unknown and duplicate ids are errors, all reported
 * at once in one {@link IllegalArgumentException} with the path of each problem.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SymptomCatalog {
  private static final String RESOURCE = "/io/nestcheck/core/diagnose/symptoms.yaml";
  private static final Set<String> CAUSE_KEYS = Set.of("title", "rules", "explanation", "hvExposure");
  private static final Set<String> SYMPTOM_KEYS = Set.of("id", "title", "context", "patterns", "causes", "sources",
      "notFor");
  private static volatile SymptomCatalog builtIn;

  private final List<Symptom> symptoms;
  private final Map<String, SymptomCause> causes;

  private SymptomCatalog(List<Symptom> symptoms, Map<String, SymptomCause> causes) {
    this.symptoms = List.copyOf(symptoms);
    this.causes = Collections.unmodifiableMap(new LinkedHashMap<>(causes));
  }

  /** The built-in catalog; loaded once. */
  public static SymptomCatalog builtIn() {
    SymptomCatalog c = builtIn;
    if (c == null) {
      try (InputStream in = SymptomCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:symptoms.yaml");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      builtIn = c;
    }
    return c;
  }

  /**
   * Parses a catalog in the documented YAML (or JSON) format.
   *
   * @param text the catalog; never {@code null}
   * @param source a name for error messages; never {@code null}
   * @return the catalog; never {@code null}
   * @throws IllegalArgumentException listing every problem, each with its path
   */
  public static SymptomCatalog parse(String text, String source) {
    JsonNode root;
    try {
      root = Json.yamlMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + ": the catalog must be an object with 'causes' and 'symptoms'");
    }
    unknownKeys(root, Set.of("causes", "symptoms"), "", problems);
    Map<String, SymptomCause> causes = new LinkedHashMap<>();
    JsonNode causeNode = root.path("causes");
    if (!causeNode.isObject()) {
      problems.add("/causes: must be a map of cause id to cause");
    } else {
      Iterator<Map.Entry<String, JsonNode>> it = causeNode.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String at = "/causes/" + e.getKey();
        JsonNode c = e.getValue();
        unknownKeys(c, CAUSE_KEYS, at, problems);
        causes.put(e.getKey(), new SymptomCause(e.getKey(), text(c, "title", at, problems),
            strings(c, "rules", at, problems), text(c, "explanation", at, problems), c.path("hvExposure").asBoolean(false)));
      }
    }
    List<Symptom> symptoms = new ArrayList<>();
    JsonNode list = root.path("symptoms");
    if (!list.isArray()) {
      problems.add("/symptoms: must be a list");
    } else {
      Set<String> ids = new java.util.HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        JsonNode s = list.get(i);
        String at = "/symptoms/" + i;
        unknownKeys(s, SYMPTOM_KEYS, at, problems);
        String id = text(s, "id", at, problems);
        if (!id.isEmpty() && !ids.add(id)) {
          problems.add(at + "/id: duplicate symptom id '" + id + "'");
        }
        SymptomContext context = SymptomContext.LINUX_KERNEL;
        String ctx = text(s, "context", at, problems);
        try {
          context = SymptomContext.valueOf(ctx);
        } catch (IllegalArgumentException e) {
          problems.add(at + "/context: '" + ctx + "' is not one of " + java.util.Arrays.toString(SymptomContext.values()));
        }
        List<Pattern> patterns = new ArrayList<>();
        List<String> raw = strings(s, "patterns", at, problems);
        for (int p = 0; p < raw.size(); p++) {
          try {
            patterns.add(Pattern.compile(raw.get(p), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE));
          } catch (PatternSyntaxException e) {
            problems.add(at + "/patterns/" + p + ": not a regular expression: " + e.getDescription());
          }
        }
        if (patterns.isEmpty() && context != SymptomContext.GUEST_CPUINFO) {
          problems.add(at + "/patterns: a text symptom needs at least one pattern");
        }
        List<SymptomCause> symptomCauses = new ArrayList<>();
        List<String> causeIds = strings(s, "causes", at, problems);
        for (int c = 0; c < causeIds.size(); c++) {
          SymptomCause cause = causes.get(causeIds.get(c));
          if (cause == null) {
            problems.add(at + "/causes/" + c + ": unknown cause '" + causeIds.get(c) + "'");
          } else {
            symptomCauses.add(cause);
          }
        }
        if (causeIds.isEmpty()) {
          problems.add(at + "/causes: a symptom needs at least one cause");
        }
        List<String> sources = strings(s, "sources", at, problems);
        if (sources.isEmpty()) {
          problems.add(at + "/sources: a symptom needs at least one source");
        }
        Map<String, String> notFor = new LinkedHashMap<>();
        s.path("notFor").fields().forEachRemaining(e -> notFor.put(e.getKey(), e.getValue().asText()));
        symptoms.add(new Symptom(id, text(s, "title", at, problems), context, patterns, symptomCauses, sources, notFor));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(source + ": invalid symptom catalog:\n  " + String.join("\n  ", problems));
    }
    return new SymptomCatalog(symptoms, causes);
  }

  private static void unknownKeys(JsonNode node, Set<String> known, String at, List<String> problems) {
    if (!node.isObject()) {
      problems.add((at.isEmpty() ? "/" : at) + ": must be an object");
      return;
    }
    node.fieldNames().forEachRemaining(k -> {
      if (!known.contains(k)) {
        problems.add(at + "/" + k + ": unknown key (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
      }
    });
  }

  private static String text(JsonNode node, String key, String at, List<String> problems) {
    JsonNode v = node.path(key);
    if (!v.isTextual() || v.asText().isBlank()) {
      problems.add(at + "/" + key + ": required text is missing");
      return "";
    }
    return v.asText().strip();
  }

  private static List<String> strings(JsonNode node, String key, String at, List<String> problems) {
    JsonNode v = node.path(key);
    List<String> out = new ArrayList<>();
    if (v.isMissingNode()) {
      return out;
    }
    if (!v.isArray()) {
      problems.add(at + "/" + key + ": must be a list");
      return out;
    }
    for (JsonNode x : v) {
      out.add(x.asText());
    }
    return out;
  }

  /** The symptoms, in catalog order. */
  public List<Symptom> symptoms() {
    return symptoms;
  }

  /** The causes, by id, in catalog order. */
  public Map<String, SymptomCause> causes() {
    return causes;
  }

  /** The symptom {@code id}. */
  public Optional<Symptom> find(String id) {
    return symptoms.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /**
   * Checks the rule ids of every cause against {@code rules}.
   *
   * @return one line per cause that names a rule the catalog does not have; empty when all exist
   */
  public List<String> validate(RuleCatalog rules) {
    List<String> problems = new ArrayList<>();
    for (SymptomCause c : causes.values()) {
      for (String id : c.ruleIds()) {
        if (!rules.contains(id)) {
          problems.add("cause " + c.id() + " names unknown rule " + id);
        }
      }
    }
    return problems;
  }
}
