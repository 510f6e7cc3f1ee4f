package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.core.internal.vmx.GeneratedVmx.Doc;
import io.nestcheck.core.internal.vmx.GeneratedVmx.Expected;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of parsing and editing generated documents. */
class VmxPropertiesTest {

  enum EditKind {
    SET_EXISTING,
    SET_BOOLEAN_EXISTING,
    SET_NEW,
    REMOVE_EXISTING,
    REMOVE_ABSENT
  }

  record Edit(EditKind kind, String key, String value) {
    void applyTo(VmxEditor editor) {
      switch (kind) {
        case REMOVE_EXISTING:
        case REMOVE_ABSENT:
          editor.remove(key);
          break;
        case SET_BOOLEAN_EXISTING:
          editor.setBoolean(key, Boolean.parseBoolean(value));
          break;
        default:
          editor.set(key, value);
      }
    }

    String expectedValue() {
      return kind == EditKind.SET_BOOLEAN_EXISTING ? (Boolean.parseBoolean(value) ? "TRUE" : "FALSE") : value;
    }
  }

  record Case(Doc doc, Edit edit) {}

  @Provide
  Arbitrary<Doc> documents() {
    return GeneratedVmx.documents();
  }

  @Provide
  Arbitrary<Case> edits() {
    return GeneratedVmx.documents().flatMap(doc -> editsFor(doc).map(edit -> new Case(doc, edit)));
  }

  private static Arbitrary<Edit> editsFor(Doc doc) {
    List<String> existing =
        doc.expectedEntries().stream()
            .map(Expected::key)
            .filter(k -> !k.equalsIgnoreCase(".encoding"))
            .distinct()
            .collect(Collectors.toList());
    Set<String> lower = existing.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    lower.add(".encoding");
    Arbitrary<String> value = GeneratedVmx.newValues(doc.flavor());
    Arbitrary<String> absentKey = GeneratedVmx.keys().filter(k -> !lower.contains(k.toLowerCase(Locale.ROOT)));
    List<Arbitrary<Edit>> choices = new ArrayList<>();
    choices.add(Combinators.combine(absentKey, value).as((k, v) -> new Edit(EditKind.SET_NEW, k, v)));
    choices.add(absentKey.map(k -> new Edit(EditKind.REMOVE_ABSENT, k, "")));
    if (!existing.isEmpty()) {
      Arbitrary<String> existingKey =
          Arbitraries.of(existing)
              .flatMap(k -> Arbitraries.of(k, k.toUpperCase(Locale.ROOT), k.toLowerCase(Locale.ROOT)));
      choices.add(Combinators.combine(existingKey, value).as((k, v) -> new Edit(EditKind.SET_EXISTING, k, v)));
      choices.add(Combinators.combine(existingKey, value).as((k, v) -> new Edit(EditKind.SET_EXISTING, k, v)));
      choices.add(
          Combinators.combine(existingKey, Arbitraries.of("true", "false"))
              .as((k, v) -> new Edit(EditKind.SET_BOOLEAN_EXISTING, k, v)));
      choices.add(existingKey.map(k -> new Edit(EditKind.REMOVE_EXISTING, k, "")));
    }
    return Arbitraries.oneOf(choices);
  }

  private static byte[] apply(VmxDocument doc, Edit edit) {
    VmxEditor editor = new VmxEditor(doc);
    edit.applyTo(editor);
    return editor.apply();
  }

  /** (a) Parsing finds exactly the generated entries, and re-serializing without edits is byte-identical. */
  @Property(tries = 250)
  void parseThenSerializeIsByteIdentical(@ForAll("documents") Doc generated) {
    byte[] bytes = generated.bytes();
    VmxDocument doc = Vmx.parse(bytes);

    assertThat(new VmxEditor(doc).apply()).isEqualTo(bytes);
    assertThat(doc.toBytes()).isEqualTo(bytes);
    assertThat(doc.charset()).isEqualTo(generated.flavor().charset);
    assertThat(doc.charsetSource()).isEqualTo(generated.flavor().expectedSource());
    assertThat(doc.hasBom()).isEqualTo(generated.flavor().bom);

    List<Expected> expected = generated.expectedEntries();
    assertThat(doc.entries()).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      VmxEntry actual = doc.entries().get(i);
      Expected e = expected.get(i);
      assertThat(actual.key()).isEqualTo(e.key());
      assertThat(actual.lowerKey()).isEqualTo(e.key().toLowerCase(java.util.Locale.ROOT));
      assertThat(actual.rawValue()).isEqualTo(e.raw());
      assertThat(actual.value()).isEqualTo(e.value());
      assertThat(actual.quoted()).isEqualTo(e.quoted());
      assertThat(actual.comment().orElse(null)).isEqualTo(e.comment());
      assertThat(doc.text().substring(actual.valueStartOffset(), actual.valueEndOffset())).isEqualTo(e.raw());
    }
    assertThat(doc.comments()).hasSize(generated.expectedComments());
    // first occurrence wins, duplicates are every key seen twice
    Set<String> seen = new HashSet<>();
    Set<String> repeated = new HashSet<>();
    for (Expected e : expected) {
      String k = e.key().toLowerCase(Locale.ROOT);
      if (!seen.add(k)) {
        repeated.add(k);
      } else {
        assertThat(doc.get(e.key().toUpperCase(Locale.ROOT))).hasValue(e.value());
        // the reader's lookup in two parts, split anywhere, finds the same value as the whole lower-case key
        for (int cut = 0; cut <= k.length(); cut++) {
          assertThat(doc.valueOrNull(k.substring(0, cut), k.substring(cut))).as(k + " at " + cut).isEqualTo(e.value());
        }
      }
      // and a key that may be absent answers as get does
      assertThat(doc.valueOrNull(k, ".present")).isEqualTo(doc.get(k + ".present").orElse(null));
      assertThat(doc.valueOrNull(k.substring(0, k.length() / 2), "")).isEqualTo(
          doc.get(k.substring(0, k.length() / 2)).orElse(null));
    }
    assertThat(doc.duplicates()).extracting(VmxDocument.Duplicate::key).containsExactlyInAnyOrderElementsOf(repeated);
  }

  /** (b) Applying an edit to the result of the same edit changes nothing; the edit did what it says. */
  @Property(tries = 250)
  void applyingTheSameEditTwiceEqualsApplyingOnce(@ForAll("edits") Case c) {
    VmxDocument doc = Vmx.parse(c.doc().bytes());
    byte[] once = apply(doc, c.edit());
    VmxDocument edited = Vmx.parse(once);
    byte[] twice = apply(edited, c.edit());
    assertThat(twice).isEqualTo(once);

    // and in one editor: the same operation twice
    VmxEditor editor = new VmxEditor(doc);
    c.edit().applyTo(editor);
    c.edit().applyTo(editor);
    assertThat(editor.apply()).isEqualTo(once);

    String key = c.edit().key();
    switch (c.edit().kind()) {
      case REMOVE_EXISTING:
      case REMOVE_ABSENT:
        assertThat(edited.contains(key)).isFalse();
        break;
      default:
        assertThat(edited.get(key)).hasValue(c.edit().expectedValue());
        assertThat(edited.entries(key)).hasSize(1);
    }
    assertThat(edited.charset()).isEqualTo(doc.charset());
    assertThat(edited.hasBom()).isEqualTo(doc.hasBom());
  }

  /** (c) Bytes outside the touched lines are unchanged. */
  @Property(tries = 250)
  void bytesOutsideTouchedLinesAreUnchanged(@ForAll("edits") Case c) {
    byte[] original = c.doc().bytes();
    VmxDocument doc = Vmx.parse(original);
    byte[] result = apply(doc, c.edit());
    int bom = doc.hasBom() ? 3 : 0;
    List<byte[]> lines = splitLines(original, bom);
    byte[] bomBytes = Arrays.copyOf(original, bom);
    Edit edit = c.edit();
    List<VmxEntry> occurrences = doc.entries(edit.key());
    Set<Integer> touched = occurrences.stream().map(VmxEntry::line).collect(Collectors.toSet());

    switch (edit.kind()) {
      case REMOVE_ABSENT:
        assertThat(result).isEqualTo(original);
        break;
      case REMOVE_EXISTING:
        assertThat(result).isEqualTo(concat(bomBytes, lines, 1, lines.size(), touched));
        break;
      case SET_NEW: {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(original);
        String sep = doc.lineSeparator();
        if (original.length > bom && original[original.length - 1] != '\n' && original[original.length - 1] != '\r') {
          expected.writeBytes(sep.getBytes(doc.charset()));
        }
        expected.writeBytes(
            (edit.key() + " = \"" + GeneratedVmx.escape(edit.value(), '"') + "\"" + sep).getBytes(doc.charset()));
        assertThat(result).isEqualTo(expected.toByteArray());
        break;
      }
      default: {
        VmxEntry first = occurrences.get(0);
        Set<Integer> later = new HashSet<>(touched);
        later.remove(first.line());
        byte[] before = concat(bomBytes, lines, 1, first.line() - 1, Set.of());
        byte[] after = concat(new byte[0], lines, first.line() + 1, lines.size(), later);
        assertThat(startsWith(result, before)).as("bytes before the edited line").isTrue();
        assertThat(endsWith(result, after)).as("bytes after the edited line").isTrue();
        byte[] middle = Arrays.copyOfRange(result, before.length, result.length - after.length);
        byte[] originalLine = lines.get(first.line() - 1);
        if (first.value().equals(edit.expectedValue())) {
          assertThat(middle).isEqualTo(originalLine);
        } else {
          byte[] prefix = doc.text().substring(first.startOffset(), first.valueStartOffset()).getBytes(doc.charset());
          byte[] rest = doc.text().substring(first.valueEndOffset(), first.endOffset()).getBytes(doc.charset());
          byte[] suffix = Arrays.copyOfRange(originalLine, originalLine.length - rest.length - terminatorLength(originalLine), originalLine.length);
          assertThat(Arrays.copyOf(originalLine, prefix.length)).isEqualTo(prefix);
          assertThat(startsWith(middle, prefix)).as("key, spacing and opening quote kept").isTrue();
          assertThat(endsWith(middle, suffix)).as("closing quote, comment and separator kept").isTrue();
          VmxEntry rewritten = Vmx.parse(result).entry(edit.key()).orElseThrow();
          assertThat(rewritten.key()).isEqualTo(first.key());
          assertThat(rewritten.value()).isEqualTo(edit.expectedValue());
          assertThat(rewritten.comment()).isEqualTo(first.comment());
          if (first.quoted()) {
            assertThat(rewritten.quoted()).isTrue();
          }
        }
      }
    }
  }

  private static int terminatorLength(byte[] line) {
    int n = line.length;
    if (n >= 2 && line[n - 2] == '\r' && line[n - 1] == '\n') {
      return 2;
    }
    return n >= 1 && (line[n - 1] == '\n' || line[n - 1] == '\r') ? 1 : 0;
  }

  /** Lines of the bytes (after the BOM) with their terminators; CR, LF and CRLF end a line. */
  static List<byte[]> splitLines(byte[] bytes, int from) {
    List<byte[]> lines = new ArrayList<>();
    int start = from;
    int i = from;
    while (i < bytes.length) {
      if (bytes[i] == '\n') {
        lines.add(Arrays.copyOfRange(bytes, start, i + 1));
        start = ++i;
      } else if (bytes[i] == '\r') {
        int end = i + 1 < bytes.length && bytes[i + 1] == '\n' ? i + 2 : i + 1;
        lines.add(Arrays.copyOfRange(bytes, start, end));
        start = i = end;
      } else {
        i++;
      }
    }
    if (start < bytes.length) {
      lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
    }
    return lines;
  }

  /** The head bytes plus lines {@code from..to} (1-based, inclusive) except the skipped line numbers. */
  private static byte[] concat(byte[] head, List<byte[]> lines, int from, int to, Set<Integer> skip) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head);
    for (int n = from; n <= to; n++) {
      if (!skip.contains(n)) {
        out.writeBytes(lines.get(n - 1));
      }
    }
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static boolean endsWith(byte[] bytes, byte[] suffix) {
    return bytes.length >= suffix.length
        && Arrays.equals(bytes, bytes.length - suffix.length, bytes.length, suffix, 0, suffix.length);
  }
}
