package io.nestcheck.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.RuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The published docs are generated from the code and must not drift: {@code docs/rules.md} from the rule
 * metadata, {@code docs/profile.schema.json} from the schema the registry validates with. Run with
 * {@code -Dnestcheck.updateDocs=true} to regenerate them.
 */
class GeneratedDocsTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final boolean UPDATE = Boolean.getBoolean("nestcheck.updateDocs");

  private static void check(Path file, String expected) throws Exception {
    if (UPDATE) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(file).as("%s is missing; run the build with -Dnestcheck.updateDocs=true", file).exists();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("%s is stale; regenerate it with 'mvn -pl sdk-core test -Dtest=GeneratedDocsTest -Dnestcheck.updateDocs=true'", file)
        .isEqualTo(expected);
  }

  @Test
  void rulesMarkdownIsUpToDate() throws Exception {
    check(DOCS.resolve("rules.md"), RuleDocs.markdown(RuleCatalog.builtIn()));
  }

  @Test
  void everyRuleHasADocsEntryWithItsSources() {
    String md = RuleDocs.markdown(RuleCatalog.builtIn());
    for (RuleDescriptor d : RuleCatalog.builtIn().rules()) {
      assertThat(md).contains("### " + d.id() + "\n");
      for (String link : d.links()) {
        assertThat(md).contains("- " + link + "\n");
      }
    }
  }

  @Test
  void profileSchemaIsPublished() throws Exception {
    check(DOCS.resolve("profile.schema.json"), ProfileRegistry.schemaText());
  }
}
