package io.nestcheck.benchmarks;

import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.ExportReaders;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.config.Suppressor;
import io.nestcheck.core.report.JsonReportWriter;
import io.nestcheck.core.report.ReportContext;
import io.nestcheck.core.scan.FileDiscovery;
import io.nestcheck.core.scan.ScanOptions;
import io.nestcheck.core.scan.ScanSummary;
import io.nestcheck.core.scan.Scanner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark (3): an end-to-end scan of a generated fleet of {@code files} varied {@code .vmx} files on disk
 * ({@link Fleet}), with every worker (the number of cores unless {@code threads} is set). Each operation is one
 * whole pass over the fleet; files/s = {@code files} / score.
 *
 * <ul>
 *   <li>{@code baseline_readBytes} (a): discover the files, then read every file's bytes on the same kind of pool
 *       (fixed, {@code threads} workers, {@code 4 x threads} files in flight, results taken in order) - the floor.
 *   <li>{@code parseOnly} (b): the same, parsing each file with {@link ExportReaders} (sniff + read), no rules.
 *   <li>{@code scanNoReport}: the {@link Scanner} with {@code --profile auto} and the CLI's suppressor, results
 *       counted and dropped.
 *   <li>{@code fullScan}: the same plus the streamed JSON report ({@link JsonReportWriter}) written to a file, as
 *       {@code nestcheck scan --format json} does.
 * </ul>
 *
 * <p>Target: {@code fullScan} throughput ≥ half of {@code baseline_readBytes}', i.e. score ratio ≤ 2. The secondary
 * metric {@code cpuMs} is the process CPU time per pass ({@link Cpu}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@State(Scope.Benchmark)
public class ScanBenchmark {

  /** Fleet size. */
  @Param("10000")
  public int files;

  /** Where fleets are generated (kept between runs; regenerated only when the marker differs). */
  @Param("/tmp/nestcheck-bench-fleets")
  public String fleetRoot;

  /** Worker threads; 0 = the number of cores (the scanner's default). */
  @Param("0")
  public int threads;

  private Path fleet;
  private Path report;
  private Nestcheck nestcheck;
  private int workers;

  @Setup(Level.Trial)
  public void setUp() {
    fleet = Fleet.ensure(Path.of(fleetRoot).resolve("fleet-" + files), files, Fleet.DEFAULT_SEED);
    report = Path.of(fleetRoot).resolve("report-" + files + ".json");
    nestcheck = Nestcheck.create();
    workers = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(report);
  }

  private List<Path> discover() {
    FileDiscovery.Result found = FileDiscovery.discover(List.of(fleet), List.of(), List.of());
    if (!found.errors().isEmpty() || found.files().size() != files) {
      throw new IllegalStateException("discovery found " + found.files().size() + " files and " + found.errors());
    }
    return found.files();
  }

  /**
   * CPU time of the whole benchmark process (user + system, every thread: workers, GC, JIT) per pass, as the
   * secondary metric {@code cpuMs}. On a shared, overloaded machine wall time depends on what else runs; CPU time
   * much less, so the report also compares the variants by CPU time.
   */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Cpu {
    public double cpuMs;
    private long start;

    @Setup(Level.Iteration)
    public void reset() {
      cpuMs = 0;
    }

    @Setup(Level.Invocation)
    public void before() {
      start = processCpuNanos();
    }

    @TearDown(Level.Invocation)
    public void after() {
      cpuMs += (processCpuNanos() - start) / 1e6;
    }

    static long processCpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }

  @Benchmark
  public long baseline_readBytes(Cpu cpu) throws Exception {
    return inOrder(discover(), p -> (long) Files.readAllBytes(p).length);
  }

  @Benchmark
  public long parseOnly(Cpu cpu) throws Exception {
    ExportReaders readers = nestcheck.readers();
    return inOrder(discover(), p -> {
      List<VmConfiguration> vms = readers.read(ExportSource.of(p));
      return (long) vms.size();
    });
  }

  @Benchmark
  public ScanSummary scanNoReport(Cpu cpu) {
    Scanner scanner = scanner();
    List<Path> paths = discover();
    ScanSummary s = scanner.scan(scanner.fileTargets(paths), List.of(), r -> { });
    return check(s);
  }

  @Benchmark
  public ScanSummary fullScan(Cpu cpu) throws IOException {
    Scanner scanner = scanner();
    List<Path> paths = discover();
    ReportContext context = ReportContext.builder().rules(nestcheck.rules()).profile(ScanOptions.AUTO)
        .inputs(List.of(fleet.toString())).build();
    ScanSummary s;
    try (JsonReportWriter json = new JsonReportWriter(context, new BufferedOutputStream(Files.newOutputStream(report), 1 << 16))) {
      s = scanner.scan(scanner.fileTargets(paths), List.of(), json);
    }
    return check(s);
  }

  private Scanner scanner() {
    // as the CLI builds it: profile auto, the suppressor (inline nestcheck:ignore comments), all workers
    Suppressor suppressor = new Suppressor(List.of(), Path.of("").toAbsolutePath(), Optional.empty(), Clock.systemDefaultZone());
    return Scanner.of(nestcheck, ScanOptions.builder().profile(ScanOptions.AUTO).threads(workers).postProcessor(suppressor).build());
  }

  private ScanSummary check(ScanSummary s) {
    if (s.errors() != 0 || s.targets() != files || s.partial()) {
      throw new IllegalStateException("scan of " + fleet + ": " + s.targets() + " targets, " + s.errors() + " errors, partial "
          + s.partial());
    }
    return s;
  }

  /** A task on one file. */
  @FunctionalInterface
  interface FileTask {
    long run(Path p) throws Exception;
  }

  /**
   * Runs {@code task} on every path on a fixed pool of {@link #workers} threads with at most {@code 4 x workers}
   * in flight, taking results in order: the scanner's scheduling without the scanner.
   */
  private long inOrder(List<Path> paths, FileTask task) throws InterruptedException, ExecutionException {
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "bench-pool");
      t.setDaemon(true);
      return t;
    });
    try {
      int window = workers * 4;
      ArrayDeque<Future<Long>> inFlight = new ArrayDeque<>();
      long sum = 0;
      int next = 0;
      while (next < paths.size() || !inFlight.isEmpty()) {
        while (next < paths.size() && inFlight.size() < window) {
          Path p = paths.get(next++);
          Callable<Long> c = () -> task.run(p);
          inFlight.add(pool.submit(c));
        }
        sum += inFlight.poll().get();
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }
}
