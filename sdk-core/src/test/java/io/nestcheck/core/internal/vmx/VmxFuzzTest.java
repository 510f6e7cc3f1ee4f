package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.spi.ExportParseException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * (d) Mutated real files and random bytes never make the parser throw anything but {@link ExportParseException};
 * whatever parses round-trips byte for byte and can be edited.
 */
class VmxFuzzTest {

  enum MutationKind {
    TRUNCATE,
    FLIP_BYTE,
    SET_BYTE,
    INSERT_NUL,
    INSERT_HUGE_LINE,
    INSERT_BYTES,
    DELETE_RANGE,
    DUPLICATE_RANGE,
    DECLARE_ENCODING
  }

  record Mutation(MutationKind kind, double position, int amount, byte value, String text) {
    byte[] applyTo(byte[] in) {
      int at = (int) (position * in.length);
      switch (kind) {
        case TRUNCATE:
          return Arrays.copyOf(in, at);
        case FLIP_BYTE:
        case SET_BYTE: {
          if (in.length == 0) {
            return in;
          }
          byte[] out = in.clone();
          int i = Math.min(at, in.length - 1);
          out[i] = kind == MutationKind.FLIP_BYTE ? (byte) (out[i] ^ (1 << (amount & 7))) : value;
          return out;
        }
        case INSERT_NUL:
          return insert(in, at, new byte[] {0});
        case INSERT_HUGE_LINE: {
          // at the start of a line, so that a well-formed huge line keeps the file valid
          int lineStart = at;
          while (lineStart > 0 && in[lineStart - 1] != '\n' && in[lineStart - 1] != '\r') {
            lineStart--;
          }
          return insert(in, lineStart, hugeLine(amount, value, text));
        }
        case INSERT_BYTES:
          return insert(in, at, text.getBytes(StandardCharsets.ISO_8859_1));
        case DELETE_RANGE: {
          int end = Math.min(in.length, at + amount % 200);
          byte[] out = new byte[in.length - (end - at)];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(in, end, out, at, in.length - end);
          return out;
        }
        case DUPLICATE_RANGE: {
          int end = Math.min(in.length, at + amount % 500);
          return insert(in, at, Arrays.copyOfRange(in, at, end));
        }
        case DECLARE_ENCODING:
          return insert(in, 0, (".encoding = \"" + text + "\"\n").getBytes(StandardCharsets.ISO_8859_1));
        default:
          throw new IllegalStateException();
      }
    }

    /** Base64-like text of {@code size} bytes: a valid quoted line when {@code fill} is even, garbage otherwise. */
    private static byte[] hugeLine(int size, byte fill, String garbagePrefix) {
      boolean valid = (fill & 1) == 0;
      String alphabet = valid ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/|#\\ " : "A=\"#|' \\9";
      byte[] body = new byte[size];
      for (int i = 0; i < size; i++) {
        body[i] = (byte) alphabet.charAt(Math.floorMod(i * 31 + fill, alphabet.length()));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes((valid ? "guestinfo.fuzz = \"" : garbagePrefix).getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(body);
      if (valid) {
        out.writeBytes("\"\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      return out.toByteArray();
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
      byte[] out = new byte[in.length + what.length];
      System.arraycopy(in, 0, out, 0, at);
      System.arraycopy(what, 0, out, at, what.length);
      System.arraycopy(in, at, out, at + what.length, in.length - at);
      return out;
    }

    @Override
    public String toString() {
      return kind + "@" + position + "(" + amount + "," + value + "," + (text.length() > 40 ? text.substring(0, 40) : text) + ")";
    }
  }

  record Mutated(String file, List<Mutation> mutations) {}

  @Provide
  Arbitrary<Mutated> mutatedCorpusFiles() {
    List<String> files =
        Corpus.vmxFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    Arbitrary<String> file = files.isEmpty() ? Arbitraries.just("") : Arbitraries.of(files);
    return Combinators.combine(file, mutation().list().ofMinSize(1).ofMaxSize(4)).as(Mutated::new);
  }

  private static Arbitrary<Mutation> mutation() {
    Arbitrary<MutationKind> kind =
        Arbitraries.frequency(
            net.jqwik.api.Tuple.of(2, MutationKind.TRUNCATE),
            net.jqwik.api.Tuple.of(4, MutationKind.FLIP_BYTE),
            net.jqwik.api.Tuple.of(3, MutationKind.SET_BYTE),
            net.jqwik.api.Tuple.of(2, MutationKind.INSERT_NUL),
            net.jqwik.api.Tuple.of(3, MutationKind.INSERT_HUGE_LINE),
            net.jqwik.api.Tuple.of(3, MutationKind.INSERT_BYTES),
            net.jqwik.api.Tuple.of(2, MutationKind.DELETE_RANGE),
            net.jqwik.api.Tuple.of(1, MutationKind.DUPLICATE_RANGE),
            net.jqwik.api.Tuple.of(2, MutationKind.DECLARE_ENCODING));
    Arbitrary<Double> position = Arbitraries.doubles().between(0, 1).filter(d -> d < 1.0);
    Arbitrary<Integer> amount =
        Arbitraries.oneOf(Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(100_000, 2_500_000));
    Arbitrary<Byte> value =
        Arbitraries.oneOf(Arbitraries.bytes(), Arbitraries.of((byte) '"', (byte) '=', (byte) '#', (byte) '|',
            (byte) '\r', (byte) '\n', (byte) 0xC3, (byte) 0xFF, (byte) 0x81, (byte) 0));
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMaxLength(30),
            Arbitraries.of("guestinfo.userdata = \"", "x = ", "\"", "\r\n", "\r", "# c\n", "=\n", "a = \"|\n",
                "UTF-8", "GBK", "Shift_JIS", "UTF-16", "UTF-32", "ISO-2022-JP", "x-JISAutoDetect", "IBM037",
                "no-such", "bad name", "", "windows-1252", "x-UTF-16LE-BOM", "GB18030", "Big5"));
    return Combinators.combine(kind, position, amount, value, text).as(Mutation::new);
  }

  @Property(tries = 300)
  void mutatedCorpusFilesOnlyFailWithExportParseException(@ForAll("mutatedCorpusFiles") Mutated m) {
    Corpus.assumePresent();
    byte[] bytes = Corpus.read(m.file());
    for (Mutation mutation : m.mutations()) {
      bytes = mutation.applyTo(bytes);
    }
    checkParsesOrFailsCleanly(bytes);
  }

  @Property(tries = 10)
  void aHugeWellFormedLineInARealFileParses(
      @ForAll("corpusFiles") String file,
      @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 0.99) double position,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1_000_000, max = 4_000_000) int size) {
    Corpus.assumePresent();
    Mutation huge = new Mutation(MutationKind.INSERT_HUGE_LINE, position, size, (byte) 2, "");
    byte[] bytes = huge.applyTo(Corpus.read(file));
    VmxDocument doc = Vmx.parse(bytes);
    assertThat(doc.entry("guestinfo.fuzz").orElseThrow().rawValue().length()).isEqualTo(size);
    assertThat(new VmxEditor(doc).apply()).isEqualTo(bytes);
    assertThat(Vmx.parse(new VmxEditor(doc).set("guestinfo.fuzz", "short").apply()).get("guestinfo.fuzz"))
        .hasValue("short");
  }

  @Provide
  Arbitrary<String> corpusFiles() {
    List<String> files =
        Corpus.vmxFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    return files.isEmpty() ? Arbitraries.just("") : Arbitraries.of(files);
  }

  @Property(tries = 500)
  void randomBytesOnlyFailWithExportParseException(@ForAll("randomInput") byte[] bytes) {
    checkParsesOrFailsCleanly(bytes);
  }

  @Provide
  Arbitrary<byte[]> randomInput() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    Arbitrary<byte[]> textual =
        Arbitraries.of("a", "=", " ", "\t", "\"", "'", "#", "|", "|2", "|22", "\r", "\n", "\\", ".encoding", "é", "中",
                "_x", "0", ":", "\u0001", "GBK", "UTF-16")
            .list()
            .ofMaxSize(200)
            .map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(raw, textual);
  }

  private static void checkParsesOrFailsCleanly(byte[] bytes) {
    VmxDocument doc;
    try {
      doc = VmxDocument.parse(bytes, "fuzz.vmx");
    } catch (ExportParseException e) {
      Statistics.label("outcome").collect(e.kind().name());
      assertThat(e.location().file()).isEqualTo("fuzz.vmx");
      assertThat(e.reason()).isNotBlank();
      assertThat(e.kind()).isNotNull();
      return;
    }
    Statistics.label("outcome").collect(bytes.length > 100_000 ? "parsed-huge" : "parsed");
    assertThat(new VmxEditor(doc).apply()).isEqualTo(bytes);
    byte[] edited = new VmxEditor(doc).set("nestcheck.fuzz", "v|\"").apply();
    VmxDocument again = Vmx.parse(edited);
    assertThat(again.get("nestcheck.fuzz")).hasValue("v|\"");
    assertThat(again.entries()).hasSize(doc.entries().size() + (doc.contains("nestcheck.fuzz") ? 0 : 1)
        - Math.max(0, doc.entries("nestcheck.fuzz").size() - 1));
  }
}
