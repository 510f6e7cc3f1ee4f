package io.nestcheck.core.internal.xml;

import static org.assertj.core.api.Assertions.fail;

import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.core.internal.govc.GovcReader;
import io.nestcheck.core.internal.libvirt.LibvirtReader;
import io.nestcheck.core.internal.ovf.OvaReader;
import io.nestcheck.core.internal.ovf.OvfReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Locates the shared corpus of real export files and lists the XML ones. */
final class CorpusSupport {
  private CorpusSupport() {}

  /** All four readers of this change, for "nothing but ExportParseException" checks. */
  static final List<ExportReader> READERS = List.of(new OvfReader(), new OvaReader(), new LibvirtReader(),
      new GovcReader());

  /**
   * The corpus directory: the {@code nestcheck.corpus} system property, else {@code ../shared/corpus} or {@code
   * ../../shared/corpus} relative to the working directory (tests run in {@code sdk-core}), the first that exists.
   */
  static Path corpus() {
    String prop = System.getProperty("nestcheck.corpus");
    List<Path> candidates = new ArrayList<>();
    if (prop != null && !prop.isBlank()) {
      candidates.add(Path.of(prop));
    }
    candidates.add(Path.of("../shared/corpus"));
    candidates.add(Path.of("../../shared/corpus"));
    for (Path p : candidates) {
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    return fail("the corpus directory was not found; tried " + candidates.stream()
        .map(p -> p.toAbsolutePath().normalize().toString()).toList()
        + " (set -Dnestcheck.corpus=/path/to/shared/corpus)");
  }

  /** The names of every {@code .ovf} and {@code .xml} file in the corpus, sorted. */
  static List<String> xmlFiles(Path corpus) throws IOException {
    try (Stream<Path> s = Files.list(corpus)) {
      return s.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".ovf") || n.toLowerCase(Locale.ROOT).endsWith(".xml"))
          .sorted()
          .toList();
    }
  }
}
