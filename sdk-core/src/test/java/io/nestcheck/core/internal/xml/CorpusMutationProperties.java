package io.nestcheck.core.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random damage to real inputs (every XML file of the corpus and the govc fixtures): truncation, byte flips,
 * inserted junk (including XML and JSON syntax), deleted and duplicated ranges. Whatever the damage, every reader
 * either returns VMs or throws {@link ExportParseException}; {@code canRead} never throws.
 */
class CorpusMutationProperties {
  private static final List<String> NAMES = new ArrayList<>();
  private static final List<byte[]> INPUTS = new ArrayList<>();
  private static final String[] TOKENS = {"<", ">", "&", "&amp;", "&#0;", "<!DOCTYPE x [<!ENTITY e \"e\">]>",
    "<![CDATA[", "]]>", "</Item>", "<Item>", "\"", "'", "=", "\u0000", "\uFFFF", "\uD800", "{", "}", "[", "]", ":",
    ",", "null", "-1", "99999999999999999999999", "vmx-", "${", "}", "ovf:/disk/", "\n", "\r", "\u00e9"};

  static {
    try {
      Path corpus = CorpusSupport.corpus();
      for (String n : CorpusSupport.xmlFiles(corpus)) {
        NAMES.add(n);
        INPUTS.add(Files.readAllBytes(corpus.resolve(n)));
      }
      for (String n : new String[] {"govc/esxi8-nested.json", "govc/fleet.json", "govc/legacy-capitalized.json",
          "ovf/nested-esxi-full.ovf"}) {
        try (InputStream in = CorpusMutationProperties.class.getResourceAsStream("/readers/" + n)) {
          NAMES.add(n);
          INPUTS.add(in.readAllBytes());
        }
      }
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  enum Damage { TRUNCATE, FLIP, INSERT, DELETE, DUPLICATE }

  /** One mutation of one input. */
  record Mutation(int input, Damage damage, double where, double length, byte[] junk) {
    byte[] apply() {
      byte[] in = INPUTS.get(input);
      int at = (int) Math.min(in.length, Math.floor(where * in.length));
      int len = (int) Math.min(in.length - at, Math.floor(length * 200));
      switch (damage) {
        case TRUNCATE:
          return Arrays.copyOf(in, at);
        case FLIP: {
          byte[] out = in.clone();
          for (int i = 0; i < junk.length && at + i < out.length; i++) {
            out[at + i] ^= junk[i] == 0 ? (byte) 0x55 : junk[i];
          }
          return out;
        }
        case INSERT: {
          byte[] out = new byte[in.length + junk.length];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(junk, 0, out, at, junk.length);
          System.arraycopy(in, at, out, at + junk.length, in.length - at);
          return out;
        }
        case DELETE: {
          byte[] out = new byte[in.length - len];
          System.arraycopy(in, 0, out, 0, at);
          System.arraycopy(in, at + len, out, at, in.length - at - len);
          return out;
        }
        case DUPLICATE: {
          byte[] out = new byte[in.length + len];
          System.arraycopy(in, 0, out, 0, at + len);
          System.arraycopy(in, at, out, at + len, in.length - at);
          return out;
        }
        default:
          throw new AssertionError(damage);
      }
    }

    @Override
    public String toString() {
      return damage + " of " + NAMES.get(input) + " at " + where + " len " + length + " junk "
          + new String(junk, StandardCharsets.ISO_8859_1);
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(48);
    Arbitrary<byte[]> tokens = Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(4)
        .map(l -> String.join("", l).getBytes(StandardCharsets.UTF_8));
    return Combinators.combine(
        Arbitraries.integers().between(0, INPUTS.size() - 1),
        Arbitraries.of(Damage.class),
        Arbitraries.doubles().between(0, 1),
        Arbitraries.doubles().between(0, 1),
        Arbitraries.oneOf(randomBytes, tokens)).as(Mutation::new);
  }

  @Property(tries = 300)
  void damagedInputsOnlyEverFailWithExportParseException(@ForAll("mutations") Mutation m) {
    byte[] bytes = m.apply();
    byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, 8192));
    for (ExportReader reader : CorpusSupport.READERS) {
      reader.canRead(NAMES.get(m.input()), head);
      try {
        List<VmConfiguration> vms = reader.read(ExportSource.of("mutated-" + NAMES.get(m.input()), bytes));
        assertThat(vms).as(reader.format() + ": " + m).isNotEmpty();
      } catch (ExportParseException expected) {
        assertThat(expected.location().file()).startsWith("mutated-");
        assertThat(expected.reason()).isNotBlank();
      }
    }
  }

  @Property(tries = 20)
  void everyPrefixOfASmallInputIsHandled(@ForAll("mutations") Mutation m) {
    byte[] in = INPUTS.get(m.input());
    if (in.length > 60_000) {
      return;
    }
    int step = Math.max(1, in.length / 40);
    for (int cut = 0; cut <= in.length; cut += step) {
      byte[] bytes = Arrays.copyOf(in, cut);
      for (ExportReader reader : CorpusSupport.READERS) {
        try {
          assertThat(reader.read(ExportSource.of("prefix", bytes))).isNotEmpty();
        } catch (ExportParseException expected) {
          assertThat(expected.kind()).isNotNull();
        }
      }
    }
  }
}
