package io.nestcheck.core.internal.vmx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The shared corpus of real .vmx files (system property {@code nestcheck.corpus}, default /work/shared/corpus). */
final class Corpus {
  static final Path DIR = Paths.get(System.getProperty("nestcheck.corpus", "/work/shared/corpus"));

  private Corpus() {}

  static void assumePresent() {
    Assumptions.assumeTrue(Files.isDirectory(DIR), "corpus directory " + DIR + " is missing");
  }

  static List<Path> vmxFiles() {
    if (!Files.isDirectory(DIR)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".vmx")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(String name) {
    try {
      return Files.readAllBytes(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
