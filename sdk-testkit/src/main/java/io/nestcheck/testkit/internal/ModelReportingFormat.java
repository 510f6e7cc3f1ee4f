package io.nestcheck.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.nestcheck.api.Setting;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.SampleReportingFormat;

/**
 * Reports a {@link VmConfiguration} in a failing property as its JSON fields (empty ones left out) instead of its
 * one-line {@code toString()}, so a shrunk counterexample shows every fact that matters. Registered through {@code
 * META-INF/services/net.jqwik.api.SampleReportingFormat} and by {@link io.nestcheck.testkit.NestcheckDomain}. Not
 * API.
 */
public final class ModelReportingFormat implements SampleReportingFormat {

  /** Creates the format (called by jqwik). */
  public ModelReportingFormat() {}

  @Override
  public boolean appliesTo(Object value) {
    return value instanceof VmConfiguration;
  }

  @Override
  public Optional<String> label(Object value) {
    return Optional.of("VmConfiguration ");
  }

  @Override
  public Object report(Object value) {
    List<Object> lines = new ArrayList<>();
    describe((VmConfiguration) value).forEach((k, v) -> lines.add(SampleReportingFormat.plainLabel(k + ": " + v)));
    return lines;
  }

  /** The VM as an ordered map of its non-empty JSON fields; settings as {@code key = "value" @line} lines. */
  public static Map<String, Object> describe(VmConfiguration vm) {
    JsonNode tree = Json.mapper().valueToTree(vm);
    Map<String, Object> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = tree.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if ((v.isArray() || v.isObject()) && v.isEmpty()) {
        continue;
      }
      if (e.getKey().equals("settings")) {
        List<String> lines = new ArrayList<>();
        for (Setting s : vm.settings()) {
          lines.add(s.key() + " = \"" + s.value() + "\"" + (s.line() > 0 ? " @" + s.line() : ""));
        }
        out.put("settings", lines);
      } else {
        out.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
      }
    }
    return out;
  }
}
