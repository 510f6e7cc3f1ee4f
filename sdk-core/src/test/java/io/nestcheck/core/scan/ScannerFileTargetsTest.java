package io.nestcheck.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.Nestcheck;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Scanner#fileTargets}: the targets keep a path as its name only where the name makes the same path again,
 * and every target reads its own file, whatever its name or file system, in the order given.
 */
class ScannerFileTargetsTest {

  private static String vmx(String displayName) {
    return ".encoding = \"UTF-8\"\nconfig.version = \"8\"\nvirtualHW.version = \"21\"\n"
        + "displayName = \"" + displayName + "\"\nguestOS = \"vmkernel8\"\nmemsize = \"16384\"\n";
  }

  private static void assumeUtf8FileNames() {
    assumeTrue(Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8")).equals(StandardCharsets.UTF_8),
        "file names are UTF-8 bytes");
  }

  private static Scanner scanner() {
    return Scanner.of(Nestcheck.create(), ScanOptions.builder().profile("esxi-8").threads(1).build());
  }

  @Test
  void aTargetIsNamedByItsPathAndReadsItsOwnFileForAsciiAndOtherNames(@TempDir Path dir) throws Exception {
    assumeUtf8FileNames();
    Path ascii = Files.writeString(dir.resolve("edge esxi-01.vmx"), vmx("edge-01"));
    Path latin = Files.writeString(dir.resolve("Prüfstand-esxi.vmx"), vmx("pruef"), StandardCharsets.UTF_8);
    Path cjk = Files.writeString(dir.resolve("虚拟机-esxi.vmx"), vmx("cjk"), StandardCharsets.UTF_8);
    List<ScanTarget> targets = scanner().fileTargets(List.of(ascii, latin, cjk));

    assertThat(targets).extracting(ScanTarget::name)
        .containsExactly(ascii.toString(), latin.toString(), cjk.toString());
    assertThat(targets.get(0).load()).extracting(VmConfiguration::name).containsExactly("edge-01");
    assertThat(targets.get(1).load()).extracting(VmConfiguration::name).containsExactly("pruef");
    assertThat(targets.get(2).load()).extracting(VmConfiguration::name).containsExactly("cjk");
  }

  @Test
  void aTargetOnAnotherFileSystemReadsFromThatFileSystem(@TempDir Path dir) throws Exception {
    // a zip file system also separates with '/' and the entry's name is ASCII: made again from its string on the
    // default file system, the path would name /vm.vmx of the machine, which does not exist
    Path zip = dir.resolve("fleet.zip");
    try (FileSystem zipFs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
      Files.writeString(zipFs.getPath("/vm.vmx"), vmx("zipped"));
    }
    try (FileSystem zipFs = FileSystems.newFileSystem(zip)) {
      Path inZip = zipFs.getPath("/vm.vmx");
      assertThat(Files.exists(Path.of(inZip.toString()))).isFalse();
      ScanTarget target = scanner().fileTargets(List.of(inZip)).get(0);
      assertThat(target.name()).isEqualTo("/vm.vmx");
      assertThat(target.load()).extracting(VmConfiguration::name).containsExactly("zipped");
    }
  }

  @Test
  void keptPathsAndPathsKeptAsNamesComeOutInTheOrderGivenAndEachReadsItsOwnFile(@TempDir Path dir)
      throws Exception {
    Path zip = dir.resolve("fleet.zip");
    try (FileSystem zipFs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"))) {
      Files.writeString(zipFs.getPath("/a.vmx"), vmx("zip-a"));
    }
    Path first = Files.writeString(dir.resolve("b.vmx"), vmx("b"));
    Path last = Files.writeString(dir.resolve("c.vmx"), vmx("c"));
    try (FileSystem zipFs = FileSystems.newFileSystem(zip)) {
      List<Path> files = new LinkedList<>(List.of(first, zipFs.getPath("/a.vmx"), last));
      List<ScanTarget> targets = scanner().fileTargets(files);
      assertThat(targets).extracting(ScanTarget::name).containsExactly(first.toString(), "/a.vmx", last.toString());
      List<String> loaded = new ArrayList<>();
      for (ScanTarget t : targets) {
        loaded.add(t.load().get(0).name());
      }
      assertThat(loaded).containsExactly("b", "zip-a", "c");
    }
  }

  @Test
  void theTargetsAreAnUnmodifiableListWhoseTargetsAreMadeWhenAskedFor(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("vm.vmx"), vmx("vm"));
    List<ScanTarget> targets = scanner().fileTargets(List.of(file, file));
    assertThat(targets).hasSize(2);
    assertThat(targets.get(0)).isNotSameAs(targets.get(0)).isEqualTo(targets.get(0)).isEqualTo(targets.get(1));
    assertThat(targets.get(0).name()).isEqualTo(file.toString());
    assertThatThrownBy(() -> targets.add(targets.get(0))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> targets.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> targets.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(scanner().fileTargets(List.of())).isEmpty();
  }

  @Test
  void aMissingFileIsAnErrorThatNamesIt(@TempDir Path dir) {
    Path gone = dir.resolve("gone.vmx");
    ScanTarget target = scanner().fileTargets(List.of(gone)).get(0);
    try {
      target.load();
      throw new AssertionError("expected an ExportParseException");
    } catch (ExportParseException e) {
      assertThat(e.location().file()).isEqualTo(gone.toString());
      assertThat(e.kind()).isEqualTo(ExportParseException.Kind.IO);
    }
  }

  @Test
  void onlyNonEmptyAsciiStringsAreKeptAsStrings() {
    assertThat(Scanner.remakesItsPath("/srv/fleet/ds-01/vm-000001.vmx")).isTrue();
    assertThat(Scanner.remakesItsPath("relative/edge esxi.vmx")).isTrue();
    assertThat(Scanner.remakesItsPath("line\nbreak.vmx")).isTrue();
    assertThat(Scanner.remakesItsPath("")).isFalse();
    assertThat(Scanner.remakesItsPath("/srv/Prüfstand.vmx")).isFalse();
    assertThat(Scanner.remakesItsPath("/srv/虚拟机.vmx")).isFalse();
    assertThat(Scanner.remakesItsPath("/srv/\u007f.vmx")).isTrue();
    assertThat(Scanner.remakesItsPath("/srv/\u0080.vmx")).isFalse();
  }

  /** What {@link Scanner#remakesItsPath} relies on, for any ASCII path the default file system takes. */
  @Property(tries = 500)
  void anAsciiPathOfTheDefaultFileSystemIsMadeAgainFromItsString(@ForAll("asciiPaths") String text) {
    Path p;
    try {
      p = Path.of(text);
    } catch (InvalidPathException e) {
      return; // not a path this file system takes (a NUL, say)
    }
    String s = p.toString();
    if (Scanner.remakesItsPath(s) && "/".equals(FileSystems.getDefault().getSeparator())) {
      Path again = Path.of(s);
      assertThat(again).isEqualTo(p);
      assertThat(again.toString()).isEqualTo(s);
    }
  }

  @Provide
  Arbitrary<String> asciiPaths() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange((char) 1, (char) 127).ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withChars("/./a b\n.vmx-_").ofMinLength(1).ofMaxLength(40));
  }

  @Test
  void scanningTargetsMadeFromDiscoveredFilesReportsEachFileOnce(@TempDir Path dir) throws IOException {
    assumeUtf8FileNames();
    for (String name : List.of("a.vmx", "Ä.vmx", "z.vmx")) {
      Files.writeString(dir.resolve(name), vmx(name), StandardCharsets.UTF_8);
    }
    FileDiscovery.Result found = FileDiscovery.discover(List.of(dir), List.of(), List.of());
    Scanner scanner = scanner();
    List<String> seen = new ArrayList<>();
    ScanSummary summary = scanner.scan(scanner.fileTargets(found.files()), found.errors(), r -> {
      assertThat(r.error()).isEmpty();
      seen.add(r.results().get(0).vmName());
    });
    assertThat(seen).containsExactly("a.vmx", "z.vmx", "Ä.vmx");
    assertThat(summary.errors()).isZero();
  }
}
