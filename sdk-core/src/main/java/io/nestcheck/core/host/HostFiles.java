package io.nestcheck.core.host;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.TriState;
import io.nestcheck.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Loads a {@link HostCapabilities} description from a file, for the {@code --host} input of a scan.
 *
 * <p>Formats, chosen by the file name: {@code .json} is JSON; {@code .yaml}, {@code .yml} and any other name are
 * YAML (a superset of JSON); a file named {@code cpuinfo} or ending in {@code .cpuinfo} is Linux {@code
 * /proc/cpuinfo} text, read with {@link CpuInfo}. JSON and YAML use the documented shape of {@link
 * HostCapabilities} (for example {@code {"platform":"ESXI","cpuVendor":"INTEL","cpuFeatures":["VMX","EPT"],
 * "maxHardwareVersion":21}}); unknown fields are errors, so a typo is reported rather than ignored. Tri-state
 * fields ({@code virtualizationEnabledInFirmware}, {@code iommu}, {@code nestedHvSupported}) take {@code YES},
 * {@code NO}, {@code UNKNOWN} in any case or a boolean, since YAML 1.1 reads an unquoted {@code YES} as
 * {@code true}.
 *
 * <p>Every error is a {@link HostFileException} naming the file, the field (Jackson's path, for example {@code
 * cpuFeatures[1]}), the line and column when known, and what is wrong, in one message.
 *
 * <p>The class is stateless and thread-safe.
 *
 * @since 0.1
 */
public final class HostFiles {
  // YAML 1.1 reads YES/NO as booleans: accept booleans for the tri-state fields, in both formats
  private static final ObjectMapper JSON = Json.mapper().copy().registerModule(triStateModule());
  private static final ObjectMapper YAML = Json.yamlMapper().copy().registerModule(triStateModule());

  private HostFiles() {}

  private static SimpleModule triStateModule() {
    return new SimpleModule("nestcheck-host-tristate").addDeserializer(TriState.class, new TriStateDeserializer());
  }

  /** {@code YES}/{@code NO}/{@code UNKNOWN} in any case, or a boolean. */
  private static final class TriStateDeserializer extends StdDeserializer<TriState> {
    private static final long serialVersionUID = 1L;

    TriStateDeserializer() {
      super(TriState.class);
    }

    @Override
    public TriState deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_TRUE) {
        return TriState.YES;
      }
      if (p.currentToken() == JsonToken.VALUE_FALSE) {
        return TriState.NO;
      }
      String text = p.getValueAsString();
      if (text != null) {
        for (TriState t : TriState.values()) {
          if (t.name().equalsIgnoreCase(text.trim())) {
            return t;
          }
        }
        throw ctxt.weirdStringException(text, TriState.class, "expected YES, NO or UNKNOWN");
      }
      return (TriState) ctxt.handleUnexpectedToken(TriState.class, p);
    }
  }

  /**
   * Reads one host description file.
   *
   * @param file the file; never {@code null}
   * @return the host; never {@code null}
   * @throws HostFileException if the file cannot be read or does not describe a host
   */
  public static HostCapabilities load(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new HostFileException(file.toString(), "", 0, 0, "no such file", e);
    } catch (IOException e) {
      throw new HostFileException(file.toString(), "", 0, 0, "cannot read: " + e.getMessage(), e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses a host description; {@code fileName} chooses the format (see the class comment) and names the source in
   * errors.
   *
   * @param text the content; never {@code null}
   * @param fileName the file name or path as the user gave it; never {@code null}
   * @return the host; never {@code null}
   * @throws HostFileException if the text does not describe a host
   */
  public static HostCapabilities parse(String text, String fileName) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(fileName, "fileName");
    String lower = fileName.toLowerCase(Locale.ROOT);
    String base = lower.substring(Math.max(lower.lastIndexOf('/'), lower.lastIndexOf('\\')) + 1);
    if (base.equals("cpuinfo") || base.endsWith(".cpuinfo")) {
      try {
        return CpuInfo.parse(text);
      } catch (IllegalArgumentException e) {
        throw new HostFileException(fileName, "", 0, 0, e.getMessage(), e);
      }
    }
    boolean json = base.endsWith(".json");
    ObjectMapper mapper = json ? JSON : YAML;
    if (text.isBlank()) {
      throw new HostFileException(fileName, "", 0, 0, "the file is empty; expected a host description object", null);
    }
    try {
      HostCapabilities host = mapper.readValue(text, HostCapabilities.class);
      if (host == null) {
        throw new HostFileException(fileName, "", 0, 0, "expected a host description object", null);
      }
      return host;
    } catch (JsonMappingException e) {
      throw mappingError(fileName, e);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new HostFileException(fileName, "", at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
          "not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage(), e);
    }
  }

  private static HostFileException mappingError(String fileName, JsonMappingException e) {
    String field = path(e.getPath());
    JsonLocation at = e.getLocation();
    int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
    int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
    String problem;
    if (e instanceof UnrecognizedPropertyException) {
      UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
      List<String> known = new ArrayList<>();
      if (u.getKnownPropertyIds() != null) {
        u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      }
      known.sort(null);
      problem = "unknown field '" + u.getPropertyName() + "'" + (known.isEmpty() ? "" : "; known fields: " + String.join(", ", known));
    } else if (e instanceof InvalidFormatException) {
      InvalidFormatException f = (InvalidFormatException) e;
      Class<?> type = f.getTargetType();
      problem = "'" + f.getValue() + "' is not a valid " + (type == null ? "value" : type.getSimpleName());
      if (type != null && type.isEnum()) {
        problem += "; expected one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList());
      }
    } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
      problem = e.getCause().getMessage();
    } else {
      problem = e.getOriginalMessage();
    }
    return new HostFileException(fileName, field, line, column, problem, e);
  }

  /** Jackson's reference path as {@code a.b[2].c}. */
  static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
