package io.nestcheck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH JSON results ({@code -rf json -rff FILE}) into the Markdown tables of {@code README.md}: every score
 * next to the same-run baseline of its group and the ratio, the secondary figures (B/op, µs/KiB, files/s, SOAP
 * calls) and whether the target is met.
 *
 * <p>Groups: the evaluator benchmarks against {@code baseline_handCheck}; each parse benchmark against {@code
 * baseline_readBytes} with the same format and size; each scan benchmark against {@code baseline_readBytes} with
 * the same fleet size and threads; the adapter against {@code baseline_naiveLoop} with the same VM count and delay.
 *
 * <p>Sample-mode results ({@code -bm sample}, the default of the evaluator and parse benchmarks) are compared by
 * their median (p50) invocation time, which a shared, overloaded machine disturbs far less than the mean: a
 * preempted invocation moves the mean and the tail, not the median.
 *
 * <p>Command line: {@code java -cp benchmarks.jar io.nestcheck.benchmarks.Report RESULT.json...}.
 */
public final class Report {
  private Report() {}

  /** One JMH result row. */
  record Row(String clazz, String method, Map<String, String> params, double mean, double error, String unit,
      Map<String, Double> secondary, double p50) {
    /** The figure compared: the median of the sampled invocation times in sample mode, else the mean. */
    double score() {
      return Double.isNaN(p50) ? mean : p50;
    }

    String paramText(String... without) {
      StringBuilder b = new StringBuilder();
      params.forEach((k, v) -> {
        if (!List.of(without).contains(k)) {
          b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v);
        }
      });
      return b.toString();
    }

    String key(String... keys) {
      StringBuilder b = new StringBuilder(clazz);
      for (String k : keys) {
        b.append('|').append(params.getOrDefault(k, ""));
      }
      return b.toString();
    }

    boolean isBaseline() {
      return method.startsWith("baseline");
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: Report RESULT.json...");
      System.exit(64);
    }
    List<Row> rows = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String a : args) {
      for (JsonNode n : json.readTree(Path.of(a).toFile())) {
        rows.add(row(n));
      }
    }
    System.out.print(render(rows));
  }

  static Row row(JsonNode n) {
    String bench = n.get("benchmark").asText();
    int dot = bench.lastIndexOf('.');
    String clazz = bench.substring(bench.lastIndexOf('.', dot - 1) + 1, dot);
    Map<String, String> params = new TreeMap<>();
    JsonNode p = n.get("params");
    if (p != null) {
      p.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
    }
    // which collector and heap cap the fork ran with (the CLI launcher uses the serial collector): a grouping key,
    // not a JMH @Param
    String gc = "G1";
    String heap = "default heap";
    for (JsonNode a : n.path("jvmArgs")) {
      if (a.asText().equals("-XX:+UseSerialGC")) {
        gc = "Serial";
      } else if (a.asText().startsWith("-Xmx")) {
        heap = a.asText();
      }
    }
    params.put("gc", gc + ", " + heap);
    JsonNode pm = n.get("primaryMetric");
    Map<String, Double> secondary = new LinkedHashMap<>();
    JsonNode sm = n.get("secondaryMetrics");
    // JMH sums @AuxCounters(EVENTS) over the measurement iterations; single-shot runs one operation per iteration
    double iterations = Math.max(1, n.path("forks").asInt(1) * n.path("measurementIterations").asInt(1));
    boolean singleShot = n.get("mode").asText().equals("ss");
    if (sm != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = sm.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        double v = e.getValue().get("score").asDouble();
        boolean event = e.getValue().path("scoreUnit").asText().equals("#");
        secondary.put(e.getKey(), singleShot && event ? v / iterations : v);
      }
    }
    double err = pm.get("scoreError").isNumber() ? pm.get("scoreError").asDouble() : Double.NaN;
    double p50 = n.get("mode").asText().equals("sample") && pm.has("scorePercentiles")
        ? pm.get("scorePercentiles").get("50.0").asDouble() : Double.NaN;
    return new Row(clazz, bench.substring(dot + 1), params, pm.get("score").asDouble(), err, pm.get("scoreUnit").asText(),
        secondary, p50);
  }

  static String render(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    evaluator(rows, out);
    parse(rows, out);
    scan(rows, out);
    vsphere(rows, out);
    return out.toString();
  }

  /** The rows of {@code clazz}, grouped by parameters in first-seen order, the baseline first in each group. */
  private static List<Row> of(List<Row> rows, String clazz, String... groupBy) {
    List<String> groups = new ArrayList<>();
    List<Row> mine = rows.stream().filter(r -> r.clazz().equals(clazz)).toList();
    for (Row r : mine) {
      if (!groups.contains(r.key(groupBy))) {
        groups.add(r.key(groupBy));
      }
    }
    List<Row> out = new ArrayList<>(mine);
    out.sort(java.util.Comparator.<Row>comparingInt(r -> groups.indexOf(r.key(groupBy)))
        .thenComparing(r -> !r.isBaseline())
        .thenComparing(Row::method)
        .thenComparing(r -> r.paramText()));
    return out;
  }

  private static Row baseline(List<Row> rows, Row r, String... keys) {
    for (Row b : rows) {
      if (b.isBaseline() && b.key(keys).equals(r.key(keys))) {
        return b;
      }
    }
    return null;
  }

  private static String f(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (Math.abs(v) >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String score(Row r) {
    if (!Double.isNaN(r.p50())) {
      return "p50 " + f(r.p50()) + " " + r.unit() + " (mean " + f(r.mean()) + ")";
    }
    return f(r.mean()) + (Double.isNaN(r.error()) ? "" : " ± " + f(r.error())) + " " + r.unit();
  }

  private static double alloc(Row r) {
    return r.secondary().getOrDefault("gc.alloc.rate.norm", Double.NaN);
  }

  private static void evaluator(List<Row> all, StringBuilder out) {
    List<Row> rows = of(all, "EvaluatorBenchmark", "vmx");
    if (rows.isEmpty()) {
      return;
    }
    Row exampleBaseline = rows.stream().filter(x -> x.isBaseline() && "example".equals(x.params().get("vmx"))).findFirst()
        .orElse(null);
    out.append("\n### (1) Evaluator\n\n");
    out.append("| benchmark | params | score | B/op | ratio to baseline_handCheck | target | met |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      Row b = r.params().containsKey("vmx") ? baseline(rows, r, "vmx") : exampleBaseline;
      String target = "";
      String met = "";
      double ns = toNanos(r);
      if (r.method().startsWith("compliant_esxi8_pass")) {
        target = "≤ 1 µs, ≤ 64 B/op";
        met = yesNo(ns <= 1000 && (Double.isNaN(alloc(r)) || alloc(r) <= 64));
      } else if (r.method().equals("compliant_esxi8")) {
        // as shipped, esxi-8 reports its INFO support note (NV-SUP-001) on every VM: one finding is built
        target = "≤ 1 µs (1 INFO finding)";
        met = yesNo(ns <= 1000);
      } else if (r.method().equals("cnaSeed")) {
        target = "≤ 5 µs";
        met = yesNo(ns <= 5000);
      }
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.method(), r.paramText("gc"), score(r),
          f(alloc(r)), b == null || r.isBaseline() ? "1" : f(r.score() / b.score()) + "x", target, met));
    }
  }

  private static double toNanos(Row r) {
    return switch (r.unit()) {
      case "ns/op" -> r.score();
      case "us/op" -> r.score() * 1e3;
      case "ms/op" -> r.score() * 1e6;
      default -> Double.NaN;
    };
  }

  private static String yesNo(boolean ok) {
    return ok ? "yes" : "**no**";
  }

  private static void parse(List<Row> all, StringBuilder out) {
    List<Row> rows = of(all, "ParseBenchmark", "format", "size");
    if (rows.isEmpty()) {
      return;
    }
    out.append("\n### (2) Parsing (per KiB, against reading the same bytes)\n\n");
    out.append("| format | size | KiB | benchmark | score | µs/KiB | B/op | ratio to baseline_readBytes |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      Row b = baseline(rows, r, "format", "size");
      String format = r.params().get("format");
      String size = r.params().get("size");
      double kib = Samples.bytes(format, size).length / 1024.0;
      double us = toNanos(r) / 1e3;
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", format, size, f(kib), r.method(),
          score(r), f(us / kib), f(alloc(r)), b == null || r.isBaseline() ? "1" : f(r.score() / b.score()) + "x"));
    }
  }

  private static void scan(List<Row> all, StringBuilder out) {
    List<Row> rows = of(all, "ScanBenchmark", "files", "threads", "gc");
    if (rows.isEmpty()) {
      return;
    }
    out.append("\n### (3) End-to-end scan of a generated fleet\n\n");
    out.append("| files | GC | benchmark | time per pass | files/s | throughput vs baseline_readBytes | CPU s per pass "
        + "| CPU-time ratio vs baseline (baseline / this) | target | met |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      Row b = baseline(rows, r, "files", "threads", "gc");
      int files = Integer.parseInt(r.params().get("files"));
      double seconds = toNanos(r) / 1e9;
      double ratio = b == null ? Double.NaN : b.score() / r.score();
      double cpu = r.secondary().getOrDefault("cpuMs", Double.NaN) / 1e3;
      double cpuRatio = b == null ? Double.NaN : b.secondary().getOrDefault("cpuMs", Double.NaN) / 1e3 / cpu;
      boolean full = r.method().equals("fullScan");
      out.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", files,
          r.params().get("gc"), r.method(), score(r),
          String.format(Locale.ROOT, "%,.0f", files / seconds), r.isBaseline() ? "1" : f(ratio) + "x", f(cpu),
          r.isBaseline() ? "1" : f(cpuRatio) + "x", full ? "≥ 0.5x" : "",
          full ? yesNo(ratio >= 0.5) + " (wall), " + yesNo(cpuRatio >= 0.5) + " (CPU)" : ""));
    }
  }

  private static void vsphere(List<Row> all, StringBuilder out) {
    List<Row> rows = of(all, "VsphereInventoryBenchmark", "vms", "delayMs");
    if (rows.isEmpty()) {
      return;
    }
    out.append("\n### (6) vSphere inventory read (vcsim)\n\n");
    out.append("| VMs | delay | benchmark | read parallelism | time per read | SOAP calls per read | VMs per read | speed-up vs baseline_naiveLoop | target | met |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      Row b = baseline(rows, r, "vms", "delayMs");
      double speedup = b == null ? Double.NaN : b.score() / r.score();
      // the speed-up target is the issue's, at 2,000 VMs; other counts show that the calls do not grow
      boolean target = r.method().equals("adapterInventory") && "2000".equals(r.params().get("vms"));
      out.append(String.format(Locale.ROOT, "| %s | %s ms | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.params().get("vms"),
          r.params().get("delayMs"), r.method(), r.params().getOrDefault("readParallelism", "-"), score(r),
          f(r.secondary().getOrDefault("soapCalls", Double.NaN)),
          f(r.secondary().getOrDefault("vmsRead", Double.NaN)), r.isBaseline() ? "1" : f(speedup) + "x",
          target ? "≥ 20x" : "", target ? yesNo(speedup >= 20) : ""));
    }
  }
}
