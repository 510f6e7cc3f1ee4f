package io.nestcheck.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.core.Json;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * A baseline: the fingerprints of findings accepted at some point, so that a scan reports only new ones
 * ({@code --baseline FILE}); {@code --write-baseline FILE} records the current findings.
 *
 * <p>A fingerprint is {@code ruleId|source|vm|subject}: stable across runs and independent of message wording
 * and line numbers. The file is JSON: {@code {"version":1,"fingerprints":["NV-CPU-001|fleet/a.vmx|a|vm:a", ...]}},
 * sorted, so it diffs well in version control.
 *
 * @since 0.1
 */
public final class Baseline {
  private final Set<String> fingerprints;

  private Baseline(Set<String> fingerprints) {
    this.fingerprints = Set.copyOf(fingerprints);
  }

  /** The fingerprint of {@code finding} in {@code result}. */
  public static String fingerprint(EvaluationResult result, Finding finding) {
    return finding.ruleId() + "|" + result.source() + "|" + result.vmName() + "|" + finding.subject();
  }

  /** Whether the baseline holds {@code finding}. */
  public boolean contains(EvaluationResult result, Finding finding) {
    return fingerprints.contains(fingerprint(result, finding));
  }

  /** The number of fingerprints. */
  public int size() {
    return fingerprints.size();
  }

  /**
   * Reads a baseline file.
   *
   * @throws IllegalArgumentException naming the file for any problem
   */
  public static Baseline load(Path file) {
    try {
      JsonNode root = Json.mapper().readTree(Files.readAllBytes(file));
      JsonNode list = root == null ? null : root.get("fingerprints");
      if (list == null || !list.isArray()) {
        throw new IllegalArgumentException(file + ": not a nestcheck baseline (no 'fingerprints' array)");
      }
      Set<String> set = new TreeSet<>();
      list.forEach(n -> set.add(n.asText()));
      return new Baseline(set);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read baseline: " + e.getMessage(), e);
    }
  }

  /** A sink that collects the fingerprints of every unsuppressed finding and writes them when the scan ends. */
  public static ScanSink writer(Path file) {
    Set<String> set = new TreeSet<>();
    return new ScanSink() {
      @Override
      public void accept(FileResult r) {
        for (EvaluationResult e : r.results()) {
          for (Finding f : e.findings()) {
            if (!f.isSuppressed()) {
              set.add(fingerprint(e, f));
            }
          }
        }
      }

      @Override
      public void finished(io.nestcheck.core.scan.ScanSummary summary) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", 1);
        ArrayNode arr = root.putArray("fingerprints");
        set.forEach(arr::add);
        try {
          Path parent = file.toAbsolutePath().getParent();
          if (parent != null) {
            Files.createDirectories(parent);
          }
          Files.writeString(file, Json.mapper().writeValueAsString(root) + "\n");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    };
  }
}
