package io.nestcheck.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nestcheck.api.ScanError;
import io.nestcheck.api.spi.ExportParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscoveryTest {
  @TempDir Path dir;

  @Test
  void ordersByWholePathWhereFolderAndFileNamesShareAPrefix() throws IOException {
    // '-', ' ' and '.' sort before '/': "a-b/z.vmx" comes before "a/y.vmx", and "a.vmx" before both of a's files
    List<String> names = List.of("a/y.vmx", "a/b/x.vmx", "a-b/z.vmx", "a.vmx", "a b.vmx", "a0.vmx", "A.vmx",
        "ab/c.vmx", "a/a.vmx", "z/deep/er/q.ovf");
    for (String n : names) {
      touch(dir.resolve(n));
    }

    List<Path> files = FileDiscovery.discover(List.of(dir), List.of(), List.of()).files();

    assertThat(files).extracting(p -> dir.relativize(p).toString().replace('\\', '/')).containsExactly(
        "A.vmx", "a b.vmx", "a-b/z.vmx", "a.vmx", "a/a.vmx", "a/b/x.vmx", "a/y.vmx", "a0.vmx", "ab/c.vmx",
        "z/deep/er/q.ovf");
    assertThat(files).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void ordersNonAsciiNamesByCodePointLikeThePathsBytes() throws IOException {
    assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8),
        "file names are UTF-8 bytes");
    // U+1F600 is a surrogate pair in UTF-16, which sorts below U+FF21 there; by code point (and UTF-8 bytes) it is
    // above it
    for (String n : List.of("\uD83D\uDE00.vmx", "\uFF21.vmx", "\uFF21/x.vmx", "\u00e9.vmx", "e.vmx",
        "\uD83D\uDE00/y.vmx")) {
      touch(dir.resolve(n));
    }

    List<Path> files = FileDiscovery.discover(List.of(dir), List.of(), List.of()).files();

    assertThat(files).extracting(p -> dir.relativize(p).toString()).containsExactly(
        "e.vmx", "\u00e9.vmx", "\uFF21.vmx", "\uFF21/x.vmx", "\uD83D\uDE00.vmx", "\uD83D\uDE00/y.vmx");
    assertThat(files).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void aListedEntrysNameFromItsPathStringIsTheNameGetFileNameGives() throws IOException {
    boolean bytewise = "/".equals(dir.getFileSystem().getSeparator());
    List<String> names = new ArrayList<>(List.of("vm.vmx", "a b.vmx", ".hidden.vmx", "x\ny.vmx", "no-extension",
        "dir.vmx"));
    if (Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8)) {
      names.addAll(List.of("Pr\u00fcfstand.vmx", "\u865a\u62df\u673a.vmx", "\uD83D\uDE00.vmx"));
    }
    Path nested = Files.createDirectories(dir.resolve("ds-01").resolve("sub dir"));
    for (String n : names) {
      if (n.startsWith("dir")) {
        Files.createDirectory(nested.resolve(n));
      } else {
        touch(nested.resolve(n));
      }
    }
    if (bytewise && Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8)
        && Files.isExecutable(Path.of("/bin/sh"))) {
      // a name that is not UTF-8 (byte 0xFF), which the JDK decodes to U+FFFD: taken from getFileName()
      Process touch = new ProcessBuilder("/bin/sh", "-c", "touch \"$(printf 'x\\377.vmx')\"")
          .directory(nested.toFile()).inheritIO().start();
      try {
        assertThat(touch.waitFor()).isZero();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      names.add("x\uFFFD.vmx");
    }
    List<String> seen = new ArrayList<>();
    try (java.nio.file.DirectoryStream<Path> stream = Files.newDirectoryStream(nested)) {
      for (Path entry : stream) {
        String expected = entry.getFileName().toString();
        assertThat(FileDiscovery.fileName(entry, bytewise)).isEqualTo(expected);
        assertThat(FileDiscovery.fileName(entry, false)).isEqualTo(expected);
        seen.add(expected);
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(names);
  }

  @Property(tries = 60)
  void anyTreeComesOutAsSortingTheWholePaths(@ForAll("trees") List<String> relativePaths) throws IOException {
    Path root = Files.createTempDirectory("nestcheck-discovery");
    try {
      Set<String> made = new TreeSet<>();
      for (String rel : relativePaths) {
        Path p = root.resolve(rel);
        if (isPrefixOfAnother(rel, made) || clashesWithAFolder(rel, made)) {
          continue; // a name is a file or a folder, not both
        }
        touch(p);
        made.add(rel);
      }
      List<Path> expected = new ArrayList<>();
      for (String rel : made) {
        expected.add(root.resolve(rel));
      }
      expected.sort(null);

      FileDiscovery.Result found = FileDiscovery.discover(List.of(root), List.of("**"), List.of());

      assertThat(found.errors()).isEmpty();
      assertThat(found.files()).containsExactlyElementsOf(expected);
    } finally {
      deleteTree(root);
    }
  }

  @Property(tries = 60)
  void aGlobTakenByItsEndingFindsWhatTheGlobMatches(@ForAll("treesWithOddNames") List<String> relativePaths,
      @ForAll("suffixGlobs") String glob) throws IOException {
    Path root = Files.createTempDirectory("nestcheck-discovery");
    try {
      for (String rel : relativePaths) {
        try {
          touch(root.resolve(rel));
        } catch (IOException e) {
          // a name that is already a file or a folder: leave it
        }
      }
      // an exclude that matches nothing sends discovery the way of the glob matchers
      FileDiscovery.Result byMatcher = FileDiscovery.discover(List.of(root), List.of(glob), List.of("no-such-\u0001"));

      FileDiscovery.Result byEnding = FileDiscovery.discover(List.of(root), List.of(glob), List.of());

      assertThat(FileDiscovery.suffixes(List.of(glob))).isNotNull();
      assertThat(byEnding.files()).containsExactlyElementsOf(byMatcher.files());
    } finally {
      deleteTree(root);
    }
  }

  @Provide
  Arbitrary<String> suffixGlobs() {
    return Combinators.combine(Arbitraries.of("**", "**/*"), Arbitraries.strings().withChars("ab.AB").ofMinLength(1)
        .ofMaxLength(3)).as((head, tail) -> head + tail);
  }

  @Provide
  Arbitrary<List<String>> treesWithOddNames() {
    // capitals and line terminators: a glob's '*' does not match a line break, and matching is case-sensitive here
    // (U+2028 only where file names are UTF-8: in a C locale the JDK takes no name beyond ASCII)
    return treesOf(utf8FileNames() ? "ab.AB\n\r\u2028" : "ab.AB\n\r", 3);
  }

  @Test
  void onlyGlobsOfAFileNamesEndingAreTakenByTheEnding() {
    assertThat(FileDiscovery.suffixes(FileDiscovery.DEFAULT_INCLUDES))
        .containsExactly(".vmx", ".ovf", ".ova", ".xml", ".json");
    assertThat(FileDiscovery.suffixes(List.of("**/*.vmx", "**-flat.vmdk"))).containsExactly(".vmx", "-flat.vmdk");
    for (String g : List.of("*.vmx", "**", "**/*", "**/*.{vmx,ovf}", "archive/**", "**/a/*.vmx", "**.vm?",
        "**[.]vmx", "**\\*")) {
      assertThat(FileDiscovery.suffixes(List.of("**.vmx", g))).as(g).isNull();
    }
  }

  @Provide
  Arbitrary<List<String>> trees() {
    return treesOf("ab-. _0A", 4);
  }

  /** Up to 25 relative file paths of 1 to {@code depth} segments of 1 to 4 of {@code chars} (never . or ..). */
  private static Arbitrary<List<String>> treesOf(String chars, int depth) {
    Arbitrary<String> segment = Arbitraries.strings().withChars(chars).ofMinLength(1).ofMaxLength(4)
        .filter(s -> !s.equals(".") && !s.equals(".."));
    return segment.list().ofMinSize(1).ofMaxSize(depth).map(l -> String.join("/", l)).list().ofMinSize(1)
        .ofMaxSize(25);
  }

  @Test
  void foldersBeyondAsciiHoldingAsciiNamesAreOrderedByTheirBytes() throws IOException {
    assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8),
        "file names are UTF-8 bytes");
    // only the folders' names are beyond ASCII: their order as strings (a surrogate pair below U+FF21) is not
    // their order as paths, so the walk must not take the all-ASCII shortcut
    touch(dir.resolve("\uD83D\uDE00/y.vmx"));
    touch(dir.resolve("\uFF21/x.vmx"));

    List<Path> files = FileDiscovery.discover(List.of(dir), List.of(), List.of()).files();

    assertThat(files).extracting(p -> dir.relativize(p).toString()).containsExactly("\uFF21/x.vmx", "\uD83D\uDE00/y.vmx");
  }

  @Test
  void aFolderLookedAtInSlicesComesOutInPathOrder() throws IOException {
    assumeTrue(utf8FileNames(), "file names are UTF-8 bytes");
    // more entries than one slice of stats, files and folders mixed, in both the ASCII and the checked case
    List<Path> expected = new ArrayList<>();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 3 * 512 + 17; i++) {
      String name = Integer.toString(random.nextInt(1_000_000), 36);
      Path p = i % 100 == 0 ? dir.resolve("big/" + name + "/inner.vmx") : dir.resolve("big/" + name + ".vmx");
      if (Files.notExists(p) && Files.notExists(p.getParent().resolve(name))
          && Files.notExists(p.getParent().resolve(name + ".vmx"))) {
        touch(p);
        expected.add(p);
      }
    }
    touch(dir.resolve("big/\u00e9t\u00e9.vmx")); // a name beyond ASCII: the order is checked as well
    expected.add(dir.resolve("big/\u00e9t\u00e9.vmx"));
    expected.sort(null);

    assertThat(FileDiscovery.discover(List.of(dir), List.of(), List.of()).files()).containsExactlyElementsOf(expected);
    Files.delete(dir.resolve("big/\u00e9t\u00e9.vmx"));
    expected.remove(dir.resolve("big/\u00e9t\u00e9.vmx"));
    assertThat(FileDiscovery.discover(List.of(dir), List.of(), List.of()).files()).containsExactlyElementsOf(expected);
  }

  @Test
  void excludedFoldersAreNotEnteredAndIncludesPickTheFiles() throws IOException {
    touch(dir.resolve("keep/a.vmx"));
    touch(dir.resolve("keep/notes.txt"));
    touch(dir.resolve("archive/old.vmx"));
    touch(dir.resolve("keep/archive/inner.vmx"));
    touch(dir.resolve("top.ovf"));

    List<Path> files = FileDiscovery.discover(List.of(dir), List.of(), List.of("archive", "**/archive")).files();

    assertThat(files).containsExactly(dir.resolve("keep/a.vmx"), dir.resolve("top.ovf"));
    assertThat(FileDiscovery.discover(List.of(dir), List.of("**/*.vmx"), List.of("keep/a.vmx")).files())
        .containsExactly(dir.resolve("archive/old.vmx"), dir.resolve("keep/archive/inner.vmx"));
  }

  @Test
  void rootsKeepTheirOrderAndFilesNamedDirectlyAreTakenAsGiven() throws IOException {
    touch(dir.resolve("b/2.vmx"));
    touch(dir.resolve("b/1.vmx"));
    touch(dir.resolve("a/3.vmx"));
    Path named = dir.resolve("named.txt"); // not an include glob's match: named files are taken anyway
    touch(named);

    List<Path> files = FileDiscovery.discover(List.of(dir.resolve("b"), named, dir.resolve("a")), List.of(), List.of())
        .files();

    assertThat(files).containsExactly(dir.resolve("b/1.vmx"), dir.resolve("b/2.vmx"), named, dir.resolve("a/3.vmx"));
  }

  @Test
  void aMissingRootAndALinkLoopAreErrorsAndTheRestIsFound() throws IOException {
    touch(dir.resolve("fleet/a.vmx"));
    touch(dir.resolve("fleet/sub/b.vmx"));
    Path loop = dir.resolve("fleet/sub/back");
    try {
      Files.createSymbolicLink(loop, dir.resolve("fleet"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links: " + e);
    }
    Path missing = dir.resolve("nope");

    FileDiscovery.Result found = FileDiscovery.discover(List.of(missing, dir.resolve("fleet")), List.of(), List.of());

    assertThat(found.files()).containsExactly(dir.resolve("fleet/a.vmx"), dir.resolve("fleet/sub/b.vmx"));
    assertThat(found.errors()).extracting(e -> e.location().file(), ScanError::reason, ScanError::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(missing.toString(), "does not exist", ExportParseException.Kind.IO),
        org.assertj.core.groups.Tuple.tuple(loop.toString(), "symbolic link loop", ExportParseException.Kind.IO));
  }

  @Test
  void aLinkedFolderIsFollowedUnderItsLinkName() throws IOException {
    touch(dir.resolve("real/x.vmx"));
    Path fleet = Files.createDirectories(dir.resolve("fleet"));
    try {
      Files.createSymbolicLink(fleet.resolve("linked"), dir.resolve("real"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links: " + e);
    }
    touch(fleet.resolve("linked-not.vmx"));

    assertThat(FileDiscovery.discover(List.of(fleet), List.of(), List.of()).files())
        .containsExactly(fleet.resolve("linked-not.vmx"), fleet.resolve("linked/x.vmx"));
  }

  @Test
  void aLargeFolderIsLookedAtInSlicesAndStillComesOutInOrder() throws IOException {
    List<Path> expected = new ArrayList<>();
    for (int i = 0; i < 1_700; i++) {
      Path p = dir.resolve(String.format("big/vm-%05d.vmx", (i * 7_919) % 1_700)); // not created in name order
      touch(p);
      expected.add(p);
      if (i % 400 == 0) {
        Path nested = dir.resolve("big/vm-" + i + "/inner.ovf");
        touch(nested);
        expected.add(nested);
      }
      if (i % 500 == 0) {
        touch(dir.resolve("big/notes-" + i + ".txt")); // not an export
      }
    }
    expected.sort(null);

    FileDiscovery.Result found = FileDiscovery.discover(List.of(dir), List.of(), List.of());

    assertThat(found.errors()).isEmpty();
    assertThat(found.files()).containsExactlyElementsOf(expected);
  }

  @Test
  void errorsComeInPathOrderAndDanglingLinksAreSkipped() throws IOException {
    touch(dir.resolve("fleet/b/x.vmx"));
    touch(dir.resolve("fleet/a/y.vmx"));
    List<Path> loops = List.of(dir.resolve("fleet/b/up"), dir.resolve("fleet/a/up2"), dir.resolve("fleet/a/up1"));
    try {
      for (Path loop : loops) {
        Files.createSymbolicLink(loop, dir.resolve("fleet"));
      }
      Files.createSymbolicLink(dir.resolve("fleet/a/gone.vmx"), dir.resolve("nowhere.vmx"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links: " + e);
    }

    for (int run = 0; run < 5; run++) {
      FileDiscovery.Result found = FileDiscovery.discover(List.of(dir.resolve("fleet")), List.of(), List.of());

      assertThat(found.files()).containsExactly(dir.resolve("fleet/a/y.vmx"), dir.resolve("fleet/b/x.vmx"));
      assertThat(found.errors()).extracting(e -> e.location().file(), ScanError::reason).containsExactly(
          org.assertj.core.groups.Tuple.tuple(dir.resolve("fleet/a/up1").toString(), "symbolic link loop"),
          org.assertj.core.groups.Tuple.tuple(dir.resolve("fleet/a/up2").toString(), "symbolic link loop"),
          org.assertj.core.groups.Tuple.tuple(dir.resolve("fleet/b/up").toString(), "symbolic link loop"));
    }
  }

  @Test
  void aFolderThatCannotBeListedIsAnErrorAndItsSiblingsAreFound() throws IOException {
    touch(dir.resolve("fleet/open/a.vmx"));
    Path closed = dir.resolve("fleet/closed");
    touch(closed.resolve("b.vmx"));
    try {
      Files.setPosixFilePermissions(closed, Set.of());
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "POSIX permissions: " + e);
    }
    try {
      assumeTrue(!Files.isReadable(closed), "the user can read any folder (root)");

      FileDiscovery.Result found = FileDiscovery.discover(List.of(dir.resolve("fleet")), List.of(), List.of());

      assertThat(found.files()).containsExactly(dir.resolve("fleet/open/a.vmx"));
      assertThat(found.errors()).extracting(e -> e.location().file(), ScanError::reason)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(closed.toString(), "permission denied"));
    } finally {
      Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void errorsOfEveryLevelComeInPathOrder() throws IOException {
    touch(dir.resolve("fleet/a/deeper/x.vmx"));
    touch(dir.resolve("fleet/z.vmx"));
    List<Path> loops = List.of(dir.resolve("fleet/z"), dir.resolve("fleet/a/up"), dir.resolve("fleet/a/deeper/up"),
        dir.resolve("fleet/0"));
    try {
      for (Path loop : loops) {
        Files.createSymbolicLink(loop, dir.resolve("fleet"));
      }
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links: " + e);
    }

    FileDiscovery.Result found = FileDiscovery.discover(List.of(dir.resolve("fleet")), List.of(), List.of());

    assertThat(found.files()).containsExactly(dir.resolve("fleet/a/deeper/x.vmx"), dir.resolve("fleet/z.vmx"));
    assertThat(found.errors()).extracting(e -> e.location().file()).containsExactly(
        dir.resolve("fleet/0").toString(), dir.resolve("fleet/a/deeper/up").toString(),
        dir.resolve("fleet/a/up").toString(), dir.resolve("fleet/z").toString());
  }

  @Test
  void aTreeDeeperThanTheTaskDepthIsWalkedWhole() throws IOException {
    // beyond 64 levels the walk goes on in a loop instead of a task per folder
    Path deep = dir.resolve("fleet");
    List<Path> expected = new ArrayList<>();
    for (int level = 0; level < 150; level++) {
      deep = deep.resolve(level % 2 == 0 ? "d" : "e");
      if (level % 10 == 0) {
        Path f = deep.resolve("at-" + level + ".vmx");
        touch(f);
        expected.add(f);
        Path sibling = deep.getParent().resolve("side-" + level + "/s.vmx");
        touch(sibling);
        expected.add(sibling);
      }
    }
    Files.createDirectories(deep);
    expected.sort(null);

    FileDiscovery.Result found = FileDiscovery.discover(List.of(dir.resolve("fleet")), List.of(), List.of());

    assertThat(found.errors()).isEmpty();
    assertThat(found.files()).containsExactlyElementsOf(expected);
  }

  @Test
  void anExcludedFolderIsNotEnteredSoItsLoopIsNotReported() throws IOException {
    touch(dir.resolve("fleet/keep/a.vmx"));
    try {
      Files.createSymbolicLink(dir.resolve("fleet/keep/old"), dir.resolve("fleet"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links: " + e);
    }

    FileDiscovery.Result found = FileDiscovery.discover(List.of(dir.resolve("fleet")), List.of(), List.of("**/old"));

    assertThat(found.files()).containsExactly(dir.resolve("fleet/keep/a.vmx"));
    assertThat(found.errors()).isEmpty();
  }

  private static boolean isPrefixOfAnother(String rel, Set<String> made) {
    for (String m : made) {
      if (m.startsWith(rel + "/")) {
        return true;
      }
    }
    return false;
  }

  private static boolean clashesWithAFolder(String rel, Set<String> made) {
    String[] parts = rel.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      prefix.append(i == 0 ? "" : "/").append(parts[i]);
      if (made.contains(prefix.toString())) {
        return true;
      }
    }
    return made.contains(rel);
  }

  /** Whether the JDK takes file names as UTF-8 (not so in a C or POSIX locale, where names beyond ASCII fail). */
  private static boolean utf8FileNames() {
    return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8);
  }

  private static void touch(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "x");
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
