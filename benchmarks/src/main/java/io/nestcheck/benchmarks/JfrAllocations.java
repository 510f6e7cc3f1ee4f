package io.nestcheck.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording says the allocations come from: sums the {@code jdk.ObjectAllocationSample} weights (and
 * {@code jdk.ObjectAllocationInNewTLAB}/{@code OutsideTLAB} sizes when recorded) by allocated class, by allocation
 * site (the top frame), and by the first frame in {@code prefix} (default {@code io.nestcheck.core}), which
 * names the rule or helper responsible. When the recording has {@code jdk.ExecutionSample} events, it also prints
 * where the CPU time goes (top frame, and first frame in {@code prefix}). Both are also summed by scan phase (sniff,
 * parse, profile selection, evaluate, suppressions, JSON, discovery), the first phase marker found from the leaf.
 *
 * <p>Command line: {@code java -cp benchmarks.jar io.nestcheck.benchmarks.JfrAllocations FILE.jfr [PREFIX] [TOP]}.
 * Record with JMH's {@code -prof jfr} or {@code -jvmArgsAppend -XX:StartFlightRecording=...}.
 */
public final class JfrAllocations {
  private JfrAllocations() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: JfrAllocations FILE.jfr [PREFIX] [TOP]");
      System.exit(64);
    }
    String prefix = args.length > 1 ? args[1] : "io.nestcheck.core";
    int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
    Map<String, Long> byClass = new HashMap<>();
    Map<String, Long> bySite = new HashMap<>();
    Map<String, Long> byOwner = new HashMap<>();
    Map<String, Long> byOwnerClass = new HashMap<>();
    Map<String, Long> cpuPhase = new HashMap<>();
    Map<String, Long> allocPhase = new HashMap<>();
    Map<String, Long> cpuTop = new HashMap<>();
    Map<String, Long> cpuOwner = new HashMap<>();
    long cpuSamples = 0;
    long total = 0;
    long events = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      String type = e.getEventType().getName();
      long weight;
      switch (type) {
        case "jdk.ObjectAllocationSample" -> weight = e.getLong("weight");
        case "jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB" -> weight = e.getLong("allocationSize");
        case "jdk.ExecutionSample" -> {
          RecordedStackTrace st = e.getStackTrace();
          if (st != null && !st.getFrames().isEmpty()) {
            cpuSamples++;
            cpuTop.merge(frame(st.getFrames().get(0)), 1L, Long::sum);
            cpuOwner.merge(owner(st.getFrames(), prefix), 1L, Long::sum);
            cpuPhase.merge(phase(st.getFrames()), 1L, Long::sum);
          }
          continue;
        }
        default -> {
          continue;
        }
      }
      events++;
      total += weight;
      String cls = e.getClass("objectClass").getName();
      byClass.merge(cls, weight, Long::sum);
      RecordedStackTrace st = e.getStackTrace();
      if (st == null || st.getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = st.getFrames();
      bySite.merge(frame(frames.get(0)), weight, Long::sum);
      String owner = owner(frames, prefix);
      allocPhase.merge(phase(frames), weight, Long::sum);
      byOwner.merge(owner, weight, Long::sum);
      byOwnerClass.merge(owner + "  ->  " + cls, weight, Long::sum);
    }
    System.out.printf(Locale.ROOT, "%d allocation events, %.1f MiB sampled weight%n", events, total / 1048576.0);
    print("by allocated class", byClass, total, top);
    print("by allocation site (top frame)", bySite, total, top);
    print("by first frame in " + prefix, byOwner, total, top);
    print("by first frame in " + prefix + " and class", byOwnerClass, total, top);
    print("by scan phase", allocPhase, total, top);
    if (cpuSamples > 0) {
      System.out.printf(Locale.ROOT, "%n%d CPU (execution) samples%n", cpuSamples);
      print("CPU by top frame", cpuTop, cpuSamples, top);
      print("CPU by first frame in " + prefix, cpuOwner, cpuSamples, top);
      print("CPU by scan phase", cpuPhase, cpuSamples, top);
    }
  }

  /** Markers of the scan's phases, most specific first; a stack belongs to the first marker found from its leaf. */
  private static final String[][] PHASES = {
    {"io.nestcheck.core.ExportReaders.select", "sniff (ExportReaders.select: each reader's canRead on the 8 KiB head)"},
    {"io.nestcheck.core.ProfileRegistry.autoSelect", "profile auto-selection"},
    {"io.nestcheck.core.Evaluator.", "evaluate (Evaluator + rules)"},
    {"io.nestcheck.core.config.Suppressor.", "suppressions (Suppressor)"},
    {"io.nestcheck.core.report.JsonReportWriter.", "JSON report"},
    {"io.nestcheck.core.ExportReaders.read", "parse (reader.read: I/O, parse, mapping)"},
    {"io.nestcheck.core.scan.FileDiscovery.", "discovery (walk)"},
    {"io.nestcheck.core.scan.Scanner", "scanner bookkeeping"},
    {"io.nestcheck.benchmarks.ScanBenchmark", "benchmark pool (baselines)"},
  };

  private static String phase(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      if (!f.isJavaFrame()) {
        continue;
      }
      String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
      for (String[] p : PHASES) {
        if (m.startsWith(p[0])) {
          return p[1];
        }
      }
    }
    return "other (JMH, JDK threads, class loading)";
  }

  private static String owner(List<RecordedFrame> frames, String prefix) {
    for (RecordedFrame f : frames) {
      if (f.isJavaFrame() && f.getMethod().getType().getName().startsWith(prefix)) {
        return frame(f);
      }
    }
    return "(none in " + prefix + ")";
  }

  private static String frame(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
  }

  private static void print(String title, Map<String, Long> map, long total, int top) {
    System.out.println();
    System.out.println("== " + title);
    map.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
        .forEach(en -> System.out.printf(Locale.ROOT, "%6.2f%%  %s%n", 100.0 * en.getValue() / Math.max(1, total), en.getKey()));
  }
}
