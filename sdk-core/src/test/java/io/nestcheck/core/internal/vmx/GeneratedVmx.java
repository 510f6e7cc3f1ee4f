package io.nestcheck.core.internal.vmx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of valid .vmx documents with a model of what they contain, for the property tests. */
final class GeneratedVmx {
  private GeneratedVmx() {}

  /** Charset, declaration and sample non-ASCII text of a generated document. */
  enum Flavor {
    UTF8_DECLARED("UTF-8", true, false, "é", "ü", "中", "文", "😀", "ß"),
    UTF8_UNDECLARED("UTF-8", false, false, "é", "ü", "中", "文", "😀"),
    UTF8_BOM("UTF-8", false, true, "é", "中", "😀"),
    CP1252_DECLARED("windows-1252", true, false, "é", "ü", "ß", "€", "‘", "’", "Œ"),
    CP1252_UNDECLARED("windows-1252", false, false, "é", "ü", "ß", "€"),
    GBK("GBK", true, false, "中", "文", "显", "示", "名"),
    SHIFT_JIS("Shift_JIS", true, false, "表", "ポ", "日", "本", "語", "テ"),
    BIG5("Big5", true, false, "中", "文", "顯", "示");

    final Charset charset;
    final boolean declared;
    final boolean bom;
    final List<String> nonAscii;

    Flavor(String charset, boolean declared, boolean bom, String... nonAscii) {
      this.charset = Charset.forName(charset);
      this.declared = declared;
      this.bom = bom;
      this.nonAscii = List.of(nonAscii);
    }

    VmxDocument.CharsetSource expectedSource() {
      if (bom) {
        return VmxDocument.CharsetSource.BOM;
      }
      if (declared) {
        return VmxDocument.CharsetSource.DECLARED;
      }
      return charset.name().equals("UTF-8")
          ? VmxDocument.CharsetSource.DETECTED_UTF8
          : VmxDocument.CharsetSource.FALLBACK_WINDOWS_1252;
    }
  }

  /** What the parser must find for one entry line. */
  record Expected(String key, String raw, String value, boolean quoted, String comment) {}

  /** One generated line with its separator. */
  record Line(String text, String separator, Expected entry, int comments) {}

  /** A generated document. */
  record Doc(Flavor flavor, List<Line> lines) {
    String text() {
      StringBuilder sb = new StringBuilder();
      for (Line line : lines) {
        sb.append(line.text).append(line.separator);
      }
      return sb.toString();
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (flavor.bom) {
        out.write(0xEF);
        out.write(0xBB);
        out.write(0xBF);
      }
      out.writeBytes(text().getBytes(flavor.charset));
      return out.toByteArray();
    }

    List<Expected> expectedEntries() {
      return lines.stream().map(Line::entry).filter(e -> e != null).collect(Collectors.toList());
    }

    int expectedComments() {
      return lines.stream().mapToInt(Line::comments).sum();
    }

    @Override
    public String toString() {
      return flavor + " " + text().replace("\r", "\\r").replace("\n", "\\n\n");
    }
  }

  private static final List<String> KEY_POOL =
      List.of(
          "displayName", "guestOS", "memsize", "numvcpus", "ethernet0.present", "ethernet0.virtualDev",
          "scsi0:0.fileName", "__CPU_Settings__", "vhv.enable", "guestinfo.userdata", "annotation", "sched.mem.min");

  static Arbitrary<String> keys() {
    Arbitrary<String> pooled =
        Arbitraries.of(KEY_POOL)
            .flatMap(k -> Arbitraries.of(k, k.toLowerCase(Locale.ROOT), k.toUpperCase(Locale.ROOT)));
    Arbitrary<String> random =
        Combinators.combine(
                Arbitraries.of('a', 'b', 'X', 'Z', '.', '_'),
                Arbitraries.strings().withChars("abxyzABQ019_:.-").ofMaxLength(10))
            .as((first, rest) -> first + rest)
            .filter(k -> !k.equalsIgnoreCase(".encoding"));
    return Arbitraries.frequencyOf(
        Tuple.of(3, pooled), Tuple.of(2, random));
  }

  private static List<String> asciiExcept(String excluded) {
    List<String> chars = new ArrayList<>();
    for (char c = 0x20; c < 0x7F; c++) {
      if (excluded.indexOf(c) < 0) {
        chars.add(String.valueOf(c));
      }
    }
    return chars;
  }

  private static final List<String> ESCAPES = List.of("|22", "|7C", "|7c", "|0D|0A", "|23", "|zz", "|", "|2", "|41");

  /** Tokens of a value or comment: ASCII, escapes, tab and the flavor's non-ASCII characters. */
  private static Arbitrary<String> tokens(Flavor f, String excludedAscii, boolean withTab) {
    List<Tuple.Tuple2<Integer, Arbitrary<String>>> parts = new ArrayList<>();
    parts.add(Tuple.of(6, Arbitraries.of(asciiExcept(excludedAscii))));
    parts.add(Tuple.of(2, Arbitraries.of(ESCAPES)));
    parts.add(Tuple.of(2, Arbitraries.of(f.nonAscii)));
    if (withTab) {
      parts.add(Tuple.of(1, Arbitraries.just("\t")));
    }
    return Arbitraries.frequencyOf(parts)
        .list()
        .ofMaxSize(14)
        .map(l -> String.join("", l));
  }

  /** A value written in the file: the text as written, the raw value and whether it is quoted. */
  record Written(String text, String raw, boolean quoted) {}

  private static Arbitrary<Written> values(Flavor f) {
    Arbitrary<Written> doubleQuoted = tokens(f, "\"", true).map(raw -> new Written('"' + raw + '"', raw, true));
    Arbitrary<Written> singleQuoted = tokens(f, "'", true).map(raw -> new Written('\'' + raw + '\'', raw, true));
    Arbitrary<Written> unquoted = tokens(f, " #\"'", false).map(raw -> new Written(raw, raw, false));
    return Arbitraries.frequencyOf(
        Tuple.of(8, doubleQuoted),
        Tuple.of(1, singleQuoted),
        Tuple.of(2, unquoted));
  }

  private static Arbitrary<String> separators() {
    return Arbitraries.of("\n", "\n", "\r\n", "\r\n", "\r");
  }

  private static Arbitrary<Line> entryLine(Flavor f) {
    Arbitrary<String> indent = Arbitraries.of("", "", "", " ", "\t", "  \t");
    Arbitrary<String> space = Arbitraries.of("", " ", " ", "  ", "\t");
    Arbitrary<String> comment = tokens(f, "", true);
    Arbitrary<String> trailing =
        Arbitraries.oneOf(
            Arbitraries.of("", "", " ", "\t "),
            Combinators.combine(Arbitraries.of("", " ", "  "), comment).as((s, c) -> s + "#" + c),
            Arbitraries.just("  # nestcheck:ignore NV-CPU-001 reason until=2027-01-31"));
    return Combinators.combine(indent, keys(), space, space, values(f), trailing, separators())
        .as(
            (in, key, s1, s2, value, trail, sep) -> {
              String comment1 = null;
              int hash = trail.indexOf('#');
              if (hash >= 0) {
                comment1 = trail.substring(hash + 1);
              }
              String text = in + key + s1 + "=" + s2 + value.text() + trail;
              Expected expected =
                  new Expected(key, value.raw(), decode(value.raw(), f.charset), value.quoted(), comment1);
              return new Line(text, sep, expected, comment1 == null ? 0 : 1);
            });
  }

  private static Arbitrary<Line> otherLine(Flavor f) {
    Arbitrary<Line> comment =
        Combinators.combine(Arbitraries.of("", " ", "\t"), tokens(f, "", true), separators())
            .as((in, text, sep) -> new Line(in + "#" + text, sep, null, 1));
    Arbitrary<Line> blank =
        Combinators.combine(Arbitraries.of("", "", " ", "\t", " \t "), separators())
            .as((text, sep) -> new Line(text, sep, null, 0));
    Arbitrary<Line> shebang = separators().map(sep -> new Line("#!/usr/bin/vmware", sep, null, 1));
    return Arbitraries.frequencyOf(
        Tuple.of(3, comment), Tuple.of(3, blank), Tuple.of(1, shebang));
  }

  static Arbitrary<Doc> documents() {
    return Arbitraries.of(Flavor.class).flatMap(GeneratedVmx::documents);
  }

  static Arbitrary<Doc> documents(Flavor f) {
    Arbitrary<Line> line =
        Arbitraries.frequencyOf(Tuple.of(5, entryLine(f)), Tuple.of(2, otherLine(f)));
    return Combinators.combine(
            line.list().ofMaxSize(30),
            Arbitraries.integers().between(0, 30),
            Arbitraries.of(true, true, false),
            separators())
        .as(
            (lines, encodingAt, finalSeparator, encodingSep) -> {
              List<Line> all = new ArrayList<>(lines);
              if (f.declared) {
                String name = f.charset.name();
                Expected enc = new Expected(".encoding", name, name, true, null);
                all.add(Math.min(encodingAt, all.size()), new Line(".encoding = \"" + name + "\"", encodingSep, enc, 0));
              }
              if (f == Flavor.CP1252_UNDECLARED) {
                // 0xE9 followed by a space is never UTF-8: the file must fall back to windows-1252
                all.add(0, new Line("# café é", "\n", null, 1));
              }
              if (!finalSeparator && !all.isEmpty()) {
                Line last = all.get(all.size() - 1);
                all.set(all.size() - 1, new Line(last.text, "", last.entry, last.comments));
              }
              return new Doc(f, all);
            });
  }

  private static final Pattern ESCAPE_RUN = Pattern.compile("(?:\\|[0-9A-Fa-f]{2})+");

  /** Reference decoder of {@code |XX}: a run of escapes is bytes in the charset. */
  static String decode(String raw, Charset charset) {
    Matcher m = ESCAPE_RUN.matcher(raw);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      sb.append(raw, last, m.start());
      String run = m.group();
      byte[] bytes = new byte[run.length() / 3];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) Integer.parseInt(run.substring(i * 3 + 1, i * 3 + 3), 16);
      }
      CharsetDecoder decoder =
          charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
      try {
        sb.append(decoder.decode(ByteBuffer.wrap(bytes)));
      } catch (CharacterCodingException e) {
        throw new AssertionError(e);
      }
      last = m.end();
    }
    sb.append(raw, last, raw.length());
    return sb.toString();
  }

  /** Reference escaper: {@code "}, {@code |}, the quote and ASCII controls as upper-case {@code |XX}. */
  static String escape(String value, char quote) {
    StringBuilder sb = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '|' || c == quote || c < 0x20 || c == 0x7F) {
        sb.append(String.format(Locale.ROOT, "|%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Values to set: specials that need escaping, blanks, {@code #} and the flavor's non-ASCII characters. */
  static Arbitrary<String> newValues(Flavor f) {
    Arbitrary<String> special = Arbitraries.of("\"", "|", "#", "\r\n", "\t", " ", "'", "|22", "\\", "=");
    return Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.of(asciiExcept(""))),
            Tuple.of(3, special),
            Tuple.of(2, Arbitraries.of(f.nonAscii)))
        .list()
        .ofMaxSize(10)
        .map(l -> String.join("", l));
  }
}
