package io.nestcheck.core.internal.govc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.internal.xml.DecodingReader;
import io.nestcheck.core.internal.xml.GuardedInputStream;
import io.nestcheck.core.internal.xml.SafeXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the output of {@code govc vm.info -json} (govmomi): {@code {"virtualMachines":[...]}}, also {@code
 * {"VirtualMachines":[...]}} (older govc) and a bare array of VMs, into one {@link VmConfiguration} per VM, in
 * document order.
 *
 * <p>Contract, in addition to {@link ExportReader}'s:
 * <ul>
 *   <li>{@link #canRead} accepts a head that starts (after a BOM and whitespace) with {@code {} or {@code [} and
 *       mentions {@code virtualMachines} (any case) or {@code _typeName}.
 *   <li>The input is streamed: each VM is read into a tree on its own, so memory grows with the largest VM and the
 *       number of results, not the file. Limits: {@link #MAX_BYTES} (256 MiB) for the input, refused before loading
 *       when the size is known ({@code TOO_LARGE}); nesting depth {@value #MAX_DEPTH}; strings of 16 MiB;
 *       {@link JsonTree#MAX_NODES} values per VM. Duplicate keys are a {@code SYNTAX} error.
 *   <li>Mapped per VM: {@code name}; {@code config.uuid}, {@code .changeVersion}, {@code .version} ({@code vmx-NN}),
 *       {@code .guestId}, {@code .firmware}, {@code .nestedHVEnabled}, {@code .vPMCEnabled}, {@code
 *       .flags.vbsEnabled}, {@code .flags.vvtdEnabled}, {@code .bootOptions.efiSecureBootEnabled}, {@code
 *       .memoryAllocation.reservation}, {@code .memoryReservationLockedToMax}; {@code .hardware.numCPU}, {@code
 *       .numCoresPerSocket}, {@code .memoryMB}; {@code .extraConfig[{key,value}]} as settings (with lines), which
 *       also supply a flag the API field does not state ({@code vhv.enable}, {@code vvtd.enable}, ...) and CPUID
 *       masks; {@code .cpuFeatureMask}; {@code .hardware.device[]} by {@code _typeName}: controllers, {@code
 *       VirtualDisk}, NICs (network from the backing's {@code deviceName}, else the DV port group key, else
 *       {@code deviceInfo.summary}; MAC and address type) and peripherals; {@code runtime.powerState} and {@code
 *       runtime.host}. Field names are matched exactly, then ignoring case (older govc wrote Go field names).
 *   <li>Errors carry the JSON pointer of the value (for example {@code /virtualMachines/0/config/hardware/memoryMB})
 *       and its line. A document without a VM list, or with an empty one, is {@code UNSUPPORTED_FORMAT}; a VM
 *       without {@code config.hardware.memoryMB} or with a malformed value is {@code INVALID_VALUE}.
 * </ul>
 */
public final class GovcReader implements ExportReader {
  /** The largest input read: 256 MiB (a full govc dump is roughly 100-200 KiB per VM). */
  public static final long MAX_BYTES = 256L * 1024 * 1024;
  /** The deepest JSON nesting accepted. */
  public static final int MAX_DEPTH = 100;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(16 * 1024 * 1024)
          .maxNumberLength(100)
          .maxNameLength(10_000)
          .maxDocumentLength(MAX_BYTES)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Creates the reader; it holds no state. */
  public GovcReader() {}

  @Override
  public String format() {
    return "govc";
  }

  /**
   * False when the head's first character other than a BOM and ASCII white space (as {@link
   * Character#isWhitespace} sees it) is an ASCII character other than <code>{</code> or {@code [}; true otherwise
   * (including a non-ASCII first character, which the full check decides).
   */
  static boolean mayStartJson(byte[] head) {
    int i = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF
        ? 3 : 0;
    while (i < head.length && head[i] >= 0 && Character.isWhitespace(head[i])) {
      i++;
    }
    return i < head.length && (head[i] < 0 || head[i] == '{' || head[i] == '[');
  }

  @Override
  public boolean canRead(String fileName, byte[] head) {
    Objects.requireNonNull(head, "head");
    if (!mayStartJson(head)) {
      return false; // most heads (a .vmx, XML): no need to decode 8 KiB to see that
    }
    String s = new String(head, StandardCharsets.UTF_8);
    int i = 0;
    while (i < s.length() && (s.charAt(i) == '\uFEFF' || Character.isWhitespace(s.charAt(i)))) {
      i++;
    }
    if (i >= s.length() || (s.charAt(i) != '{' && s.charAt(i) != '[')) {
      return false;
    }
    return s.toLowerCase(Locale.ROOT).contains("\"virtualmachines\"") || s.contains("\"_typeName\"");
  }

  @Override
  public List<VmConfiguration> read(ExportSource source) throws ExportParseException {
    Objects.requireNonNull(source, "source");
    String name = source.name();
    long size = source.size();
    if (size > MAX_BYTES) {
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.TOO_LARGE,
          "the JSON document is " + size + " bytes, larger than the limit of "
              + GuardedInputStream.describeBytes(MAX_BYTES) + "; it was not loaded");
    }
    InputStream raw;
    try {
      raw = source.open();
    } catch (IOException e) {
      throw SafeXml.ioError(name, e);
    }
    JsonParser p = null;
    try (GuardedInputStream in = GuardedInputStream.of(raw, MAX_BYTES, "the JSON document")) {
      p = FACTORY.createParser(DecodingReader.forJson(in));
      return readDocument(p, name);
    } catch (ExportParseException e) {
      throw e;
    } catch (IOException e) {
      throw map(e, name, p);
    } catch (RuntimeException e) {
      throw new ExportParseException(locationOf(p, name), Kind.SYNTAX,
          "the JSON parser failed: " + e.getClass().getSimpleName(), e);
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException | RuntimeException ignored) {
          // the result or the first error is what matters
        }
      }
    }
  }

  private static List<VmConfiguration> readDocument(JsonParser p, String name) throws IOException,
      ExportParseException {
    JsonToken first = p.nextToken();
    List<VmConfiguration> out = new ArrayList<>();
    boolean found = false;
    if (first == JsonToken.START_ARRAY) {
      found = true;
      readVms(p, name, "", out);
    } else if (first == JsonToken.START_OBJECT) {
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!found && field.equalsIgnoreCase("virtualMachines")) {
          found = true;
          if (value == JsonToken.START_ARRAY) {
            readVms(p, name, "/" + JsonTree.escape(field), out);
          } else if (value != JsonToken.VALUE_NULL) {
            throw new ExportParseException(locationOf(p, name, "/" + JsonTree.escape(field)), Kind.INVALID_VALUE,
                field + " is not an array");
          }
        } else {
          p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new ExportParseException(locationOf(p, name), Kind.SYNTAX, "the JSON object is not closed");
      }
    } else {
      throw new ExportParseException(locationOf(p, name), Kind.UNSUPPORTED_FORMAT,
          "not govc vm.info -json output: the document is not a JSON object or array");
    }
    if (p.nextToken() != null) {
      throw new ExportParseException(locationOf(p, name), Kind.SYNTAX, "content after the end of the JSON document");
    }
    if (!found) {
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.UNSUPPORTED_FORMAT,
          "not govc vm.info -json output: no \"virtualMachines\" list");
    }
    if (out.isEmpty()) {
      throw new ExportParseException(SourceLocation.ofFile(name), Kind.UNSUPPORTED_FORMAT,
          "the govc output contains no VM");
    }
    return out;
  }

  private static void readVms(JsonParser p, String name, String arrayPointer, List<VmConfiguration> out)
      throws IOException, ExportParseException {
    int index = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new ExportParseException(locationOf(p, name), Kind.SYNTAX, "the VM array is not closed");
      }
      String pointer = arrayPointer + "/" + index;
      if (t != JsonToken.START_OBJECT) {
        throw new ExportParseException(locationOf(p, name, pointer), Kind.INVALID_VALUE,
            "the VM at " + pointer + " is not a JSON object");
      }
      JsonTree tree = JsonTree.read(p);
      out.add(GovcMapper.map(tree, name, pointer, index));
      index++;
    }
  }

  private static SourceLocation locationOf(JsonParser p, String name) {
    return locationOf(p, name, null);
  }

  private static SourceLocation locationOf(JsonParser p, String name, String pointer) {
    SourceLocation.Builder b = SourceLocation.builder().file(name);
    if (pointer != null) {
      b.pointer(pointer);
    }
    if (p != null) {
      try {
        JsonLocation loc = p.currentTokenLocation();
        if (loc != null) {
          b.line(Math.max(0, loc.getLineNr())).column(Math.max(0, loc.getColumnNr()));
        }
      } catch (RuntimeException ignored) {
        // location unknown
      }
    }
    return b.build();
  }

  private static ExportParseException map(IOException e, String name, JsonParser p) {
    if (e instanceof DecodingReader.MalformedTextException m) {
      return new ExportParseException(SourceLocation.of(name, m.line(), m.column()), Kind.ENCODING, m.reason(), e);
    }
    if (e instanceof GuardedInputStream.LimitExceededException) {
      return new ExportParseException(SourceLocation.ofFile(name), Kind.TOO_LARGE, e.getMessage(), e);
    }
    if (e instanceof GuardedInputStream.SourceReadException) {
      return SafeXml.ioError(name, (IOException) e.getCause());
    }
    if (e instanceof JsonTree.TooManyNodesException t) {
      return new ExportParseException(SourceLocation.of(name, t.line), Kind.TOO_LARGE, e.getMessage(), e);
    }
    if (e instanceof StreamConstraintsException) {
      return new ExportParseException(locationOf(p, name), Kind.TOO_LARGE, reason(e), e);
    }
    if (e instanceof JsonProcessingException j) {
      JsonLocation loc = j.getLocation();
      SourceLocation where = loc == null ? locationOf(p, name)
          : SourceLocation.of(name, Math.max(0, loc.getLineNr()), Math.max(0, loc.getColumnNr()));
      return new ExportParseException(where, Kind.SYNTAX, reason(e), e);
    }
    // Our own structural checks (JsonTree) and anything the parser reports as a plain IOException.
    return new ExportParseException(locationOf(p, name), Kind.SYNTAX, reason(e), e);
  }

  /** The first line of the parser's message, without the location Jackson appends, and without a final period. */
  private static String reason(IOException e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (m == null || m.isBlank()) {
      return "malformed JSON";
    }
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    m = m.strip();
    if (m.endsWith(".")) {
      m = m.substring(0, m.length() - 1);
    }
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }
}
