package io.nestcheck.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleInfo;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.RuleDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the built-in catalog as a whole: every rule has its own test class, ids are unique and sorted, metadata
 * is complete, and each rule lives in the package of its topic.
 */
class RuleCatalogMetaTest {
  private static final Map<String, String> PACKAGE_OF_TOPIC = Map.ofEntries(
      Map.entry("HOST", "host"),
      Map.entry("CPU", "cpu"),
      Map.entry("HW", "hardware"),
      Map.entry("GOS", "guestos"),
      Map.entry("MEM", "memory"),
      Map.entry("FW", "firmware"),
      Map.entry("STO", "storage"),
      Map.entry("NET", "network"),
      Map.entry("HYG", "hygiene"),
      Map.entry("SUP", "support"),
      Map.entry("FMT", "format"));

  private static List<Rule> rules() {
    return new BuiltInRules().rules();
  }

  private static RuleInfo info(Rule rule) {
    RuleInfo info = rule.getClass().getAnnotation(RuleInfo.class);
    assertThat(info).as("@RuleInfo on %s", rule.getClass().getName()).isNotNull();
    return info;
  }

  @Test
  void everyRuleHasItsOwnTestClassWithPositiveAndNegativeCases() {
    List<String> missing = new ArrayList<>();
    for (Rule rule : rules()) {
      String name = rule.getClass().getName() + "Test";
      try {
        Class<?> test = Class.forName(name);
        int tests = 0;
        for (Method m : test.getDeclaredMethods()) {
          if (m.isAnnotationPresent(Test.class)) {
            tests++;
          }
        }
        if (tests < 2) {
          missing.add(name + " has " + tests + " @Test method(s); needs a positive and a negative case");
        }
      } catch (ClassNotFoundException e) {
        missing.add(name + " does not exist");
      }
    }
    assertThat(missing).as("rule test classes").isEmpty();
  }

  @Test
  void idsAreUnique() {
    Map<String, String> seen = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    for (Rule rule : rules()) {
      String previous = seen.putIfAbsent(info(rule).id(), rule.getClass().getName());
      if (previous != null) {
        clashes.add(info(rule).id() + ": " + previous + " and " + rule.getClass().getName());
      }
    }
    assertThat(clashes).isEmpty();
    assertThat(RuleCatalog.builtIn().rules()).hasSize(rules().size());
  }

  @Test
  void builtInRulesAreListedSortedById() {
    List<String> ids = rules().stream().map(r -> info(r).id()).toList();
    assertThat(ids).isSorted();
  }

  @Test
  void everyRuleHasAnExplanationLinksTagsAndAProperSummary() {
    List<String> problems = new ArrayList<>();
    for (RuleDescriptor d : RuleCatalog.builtIn().rules()) {
      if (d.explanation().isBlank()) {
        problems.add(d.id() + ": no explanation");
      }
      if (d.links().isEmpty()) {
        problems.add(d.id() + ": no links");
      }
      for (String link : d.links()) {
        if (!link.startsWith("https://")) {
          problems.add(d.id() + ": link is not https: " + link);
        }
      }
      if (d.tags().isEmpty()) {
        problems.add(d.id() + ": no tags");
      }
      if (d.summary().endsWith(".")) {
        problems.add(d.id() + ": summary ends with a period");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyRuleIsAPublicFinalClassInThePackageOfItsTopic() {
    List<String> problems = new ArrayList<>();
    for (Rule rule : rules()) {
      Class<?> c = rule.getClass();
      if (!Modifier.isPublic(c.getModifiers()) || !Modifier.isFinal(c.getModifiers())) {
        problems.add(c.getName() + " must be public final");
      }
      String id = info(rule).id();
      String topic = id.substring(3, id.lastIndexOf('-'));
      String expected = "io.nestcheck.core.rules." + PACKAGE_OF_TOPIC.get(topic);
      if (!c.getPackageName().equals(expected)) {
        problems.add(c.getName() + " (" + id + ") belongs in " + expected);
      }
    }
    assertThat(problems).isEmpty();
  }
}
