package io.nestcheck.core.scan;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.Severity;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.ProfileException;
import io.nestcheck.core.ProfileRegistry;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans many targets in parallel and streams each outcome to a {@link ScanSink} in target order.
 *
 * <p>Work runs on a fixed pool of {@link ScanOptions#threads()} workers with at most four batches of consecutive
 * targets per worker in flight (a batch is one target for small scans and at most 16), so memory grows with the
 * number of workers, not with the number of targets. A target that cannot be
 * read becomes an error result and the scan goes on. {@link #cancel()} (from any thread, e.g. a Ctrl-C hook) stops
 * submitting work; the results already completed in order are delivered and the summary is marked partial.
 *
 * <p>A scanner runs one scan at a time.
 *
 * @since 0.1
 */
public final class Scanner {
  private final Nestcheck nestcheck;
  private final ScanOptions options;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final java.util.concurrent.ConcurrentHashMap<String, GuestProfile> resolved = new java.util.concurrent.ConcurrentHashMap<>();

  private Scanner(Nestcheck nestcheck, ScanOptions options) {
    this.nestcheck = nestcheck;
    this.options = options;
    if (!ScanOptions.AUTO.equals(options.profile())) {
      nestcheck.profiles().resolve(options.profile()); // fail fast on an unknown profile
    }
  }

  /**
   * A scanner.
   *
   * @throws ProfileException if the profile is not {@code auto} and unknown or invalid
   */
  public static Scanner of(Nestcheck nestcheck, ScanOptions options) {
    return new Scanner(Objects.requireNonNull(nestcheck, "nestcheck"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Targets for files, read with the instance's readers and checked against the scan's host, in the order of
   * {@code files}; an unmodifiable list whose elements are made when they are asked for (two calls for one index
   * give equal targets, not the same object).
   *
   * <p>The list keeps the paths of ASCII names on the default file system (where the separator is {@code /}) as
   * their characters, back to back in one array, and makes each target's name and path again from them (see
   * {@link #remakesItsPath}); it keeps any other path as it is. So a large scan's targets are a few objects, not
   * several per file that every early garbage collection copies (for 100,000 files: ~620,000 objects and 31 MB
   * with the paths, copied with both cores stopped), once the caller lets go of {@code files}.
   */
  public List<ScanTarget> fileTargets(List<Path> files) {
    return new FileTargets(files);
  }

  /** See {@link #fileTargets}. */
  private final class FileTargets extends AbstractList<ScanTarget> implements RandomAccess {
    /** The most characters of names kept in {@link #names} (an array's limit); paths beyond it are kept. */
    private static final int MAX_NAMES = Integer.MAX_VALUE - 8;
    /** The names kept as characters, back to back, one byte each (all ASCII). */
    private final byte[] names;
    /** Where each target's name ends in {@link #names}; it starts where the previous one ends. */
    private final int[] ends;
    /** The paths kept as they are, by index, {@code null} at the other indexes; {@code null} when there is none. */
    private final Path[] kept;

    FileTargets(List<Path> files) {
      Path[] paths = files.toArray(new Path[0]); // one pass, whatever kind of list
      int n = paths.length;
      Path[] keep = null;
      int total = 0;
      for (int i = 0; i < n; i++) {
        Path p = paths[i];
        // Path.toString() keeps the string it makes (FileDiscovery makes it on its own threads)
        String name = p.toString();
        if (FileDiscovery.pathsAreBytes(p.getFileSystem()) && remakesItsPath(name)
            && name.length() <= MAX_NAMES - total) {
          total += name.length();
        } else {
          if (keep == null) {
            keep = new Path[n];
          }
          keep[i] = p;
        }
      }
      this.names = new byte[total];
      this.ends = new int[n];
      this.kept = keep;
      int at = 0;
      for (int i = 0; i < n; i++) {
        if (keep == null || keep[i] == null) {
          byte[] ascii = paths[i].toString().getBytes(StandardCharsets.ISO_8859_1);
          System.arraycopy(ascii, 0, names, at, ascii.length);
          at += ascii.length;
        }
        ends[i] = at;
      }
    }

    @Override
    public ScanTarget get(int index) {
      Objects.checkIndex(index, ends.length);
      Path path = kept == null ? null : kept[index];
      if (path != null) {
        return new FileTarget(Scanner.this, path.toString(), path);
      }
      int from = index == 0 ? 0 : ends[index - 1];
      String name = new String(names, from, ends[index] - from, StandardCharsets.ISO_8859_1);
      return new FileTarget(Scanner.this, name, null);
    }

    @Override
    public int size() {
      return ends.length;
    }
  }

  /**
   * A file to read: by its path, or by its name where the path is made again from it ({@code path} null). Equal for
   * the same scanner, name and path.
   */
  private record FileTarget(Scanner scanner, String name, Path path) implements ScanTarget {
    @Override
    public String toString() {
      return name;
    }

    @Override
    public List<VmConfiguration> load() throws ExportParseException {
      return scanner.nestcheck.readers().read(ExportSource.of(path != null ? path : Path.of(name)));
    }

    @Override
    public HostCapabilities host(VmConfiguration vm) {
      return scanner.options.host();
    }
  }

  /**
   * Whether a path of the default file system, where the separator is {@code /}, is made again from its string:
   * a Unix path is its bytes, and the string of a path of ASCII bytes is those bytes, which {@link Path#of} turns
   * back into the same path (the string of a path is normalized already). Beyond ASCII, a name that is not valid in
   * the platform's encoding would decode to other characters and come back as another path.
   */
  static boolean remakesItsPath(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0, n = name.length(); i < n; i++) {
      char c = name.charAt(i);
      if (c >= 0x80 || c == 0) {
        return false;
      }
    }
    return true;
  }

  /** Asks a running scan to stop; safe from any thread. */
  public void cancel() {
    cancelled.set(true);
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Scans the targets, after delivering {@code preErrors} (for example discovery errors) first.
   *
   * @return the summary, also passed to {@link ScanSink#finished}
   */
  public ScanSummary scan(List<ScanTarget> targets, List<ScanError> preErrors, ScanSink sink) {
    Instant start = Instant.now();
    long t0 = System.nanoTime();
    Totals totals = new Totals(onceRules());
    sink.started(targets.size() + preErrors.size());
    for (ScanError e : preErrors) {
      FileResult r = FileResult.failed(e.location().file(), e);
      totals.add(r);
      sink.accept(r);
    }
    int threads = options.threads();
    int window = threads * 4;
    int batch = batchSize(targets.size(), threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "nestcheck-scan-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    boolean partial = false;
    try {
      ArrayDeque<Future<List<Done>>> inFlight = new ArrayDeque<>();
      int next = 0;
      while (next < targets.size() || !inFlight.isEmpty()) {
        while (next < targets.size() && inFlight.size() < window && !cancelled.get()) {
          List<ScanTarget> slice = targets.subList(next, Math.min(targets.size(), next + batch));
          next += slice.size();
          inFlight.add(pool.submit(() -> onWorker(slice, totals.onceRules, sink)));
        }
        if (cancelled.get()) {
          partial = next < targets.size() || !inFlight.isEmpty();
          // deliver what is already done, in order; drop the rest
          while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            deliver(inFlight.poll(), sink, totals);
          }
          inFlight.forEach(f -> f.cancel(true));
          break;
        }
        if (!inFlight.isEmpty()) {
          deliver(inFlight.poll(), sink, totals);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      partial = true;
    } finally {
      pool.shutdownNow();
    }
    ScanSummary summary = new ScanSummary(start, Duration.ofNanos(System.nanoTime() - t0), totals.targets, totals.vms,
        totals.errors, totals.bySeverity, totals.suppressed, partial, new ArrayList<>(totals.scanFindings.values()));
    sink.finished(summary);
    return summary;
  }

  private static final AtomicInteger THREADS = new AtomicInteger();

  /**
   * Consecutive targets per task: one for small scans (every worker gets work), up to 16 for large ones, so that
   * handing results over in order costs one wake-up per batch instead of one per file (a 10,000-file scan made
   * ~2 futex calls and a context switch per file).
   */
  static int batchSize(int targets, int threads) {
    return Math.max(1, Math.min(16, targets / (threads * 64)));
  }

  private void deliver(Future<List<Done>> f, ScanSink sink, Totals totals) throws InterruptedException {
    List<Done> batch;
    try {
      batch = f.get();
    } catch (ExecutionException | CancellationException e) {
      throw new IllegalStateException("scan worker failed", e);
    }
    for (Done d : batch) {
      totals.registerScanFindings(d.scanFindings);
      totals.add(d.result);
      sink.accept(d.result);
    }
  }

  private List<Done> onWorker(List<ScanTarget> slice, java.util.Set<String> onceRules, ScanSink sink) {
    List<Done> out = new ArrayList<>(slice.size());
    for (ScanTarget t : slice) {
      out.add(onWorker(t, onceRules, sink));
    }
    return out;
  }

  /**
   * Everything a worker does for one target: read and evaluate it, post-process the result, move its
   * once-per-scan findings out (the ordered thread keeps the first of each), and let the sink prepare it.
   */
  private Done onWorker(ScanTarget t, java.util.Set<String> onceRules, ScanSink sink) {
    FileResult r = options.postProcessor().apply(process(t));
    Done d = Totals.extractScanFindings(r, onceRules);
    sink.prepare(d.result);
    return d;
  }

  /** A worker's outcome: the result as delivered, and the once-per-scan findings taken out of it. */
  private static final class Done {
    final FileResult result;
    final List<Finding> scanFindings;

    Done(FileResult result, List<Finding> scanFindings) {
      this.result = result;
      this.scanFindings = scanFindings;
    }
  }

  private java.util.Set<String> onceRules() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    nestcheck.rules().rules().forEach(d -> {
      if (d.oncePerScan()) {
        ids.add(d.id());
      }
    });
    return ids;
  }

  FileResult process(ScanTarget target) {
    List<VmConfiguration> vms;
    try {
      vms = target.load();
    } catch (ExportParseException e) {
      return FileResult.failed(target.name(), ScanError.of(e));
    } catch (RuntimeException e) {
      return FileResult.failed(target.name(), internal(target.name(), e));
    }
    List<EvaluationResult> results = new ArrayList<>(vms.size());
    for (VmConfiguration vm : vms) {
      try {
        results.add(evaluate(target, vm));
      } catch (NoProfileException e) {
        return FileResult.failed(target.name(), ScanError.builder().location(SourceLocation.ofFile(target.name()))
            .kind(ExportParseException.Kind.INVALID_VALUE).reason(e.getMessage()).build());
      } catch (RuntimeException e) {
        return FileResult.failed(target.name(), internal(target.name(), e));
      }
    }
    return new FileResult(target.name(), vms, results, Optional.empty());
  }

  private EvaluationResult evaluate(ScanTarget target, VmConfiguration vm) {
    HostCapabilities host = target.host(vm);
    String profileId = options.profileByTarget().apply(target.name());
    if (!ScanOptions.AUTO.equals(profileId)) {
      GuestProfile p = resolved.computeIfAbsent(profileId, id -> nestcheck.profiles().resolve(id));
      return nestcheck.evaluator().evaluate(host, vm, p);
    }
    ProfileRegistry.Selection sel = nestcheck.profiles().autoSelect(vm).orElseThrow(() -> new NoProfileException(
        "no profile matches VM '" + vm.name() + "'" + vm.guestOs().map(g -> " (guest OS id " + g.canonical() + ")").orElse(" (no guest OS id)")
            + "; choose one with --profile (see 'nestcheck profiles list')"));
    return nestcheck.evaluator().evaluate(host, vm, sel.profile()).withProfileReason(sel.reason());
  }

  private static ScanError internal(String name, RuntimeException e) {
    return ScanError.builder().location(SourceLocation.ofFile(name)).kind(ExportParseException.Kind.INVALID_VALUE)
        .reason("internal error while checking this input (please report it): " + e).build();
  }

  private static final class NoProfileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoProfileException(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Totals {
    final java.util.Set<String> onceRules;
    final java.util.Map<OnceKey, Finding> scanFindings = new java.util.LinkedHashMap<>();
    int targets;
    int vms;
    int errors;
    int suppressed;
    final Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);

    Totals(java.util.Set<String> onceRules) {
      this.onceRules = onceRules;
    }

    /**
     * Takes once-per-scan findings out of the VM results (on a worker; depends on this result only). The
     * findings taken out are returned beside the result for {@link #registerScanFindings}.
     */
    static Done extractScanFindings(FileResult r, java.util.Set<String> onceRules) {
      if (onceRules.isEmpty() || r.results().isEmpty()) {
        return new Done(r, List.of());
      }
      List<EvaluationResult> out = new ArrayList<>(r.results().size());
      List<Finding> taken = new ArrayList<>();
      for (EvaluationResult e : r.results()) {
        List<Finding> keep = new ArrayList<>(e.findings().size());
        for (Finding f : e.findings()) {
          (onceRules.contains(f.ruleId()) ? taken : keep).add(f);
        }
        out.add(keep.size() == e.findings().size() ? e : e.withFindings(keep));
      }
      return new Done(taken.isEmpty() ? r : new FileResult(r.target(), r.vms(), out, r.error()), taken);
    }

    /** Keeps the first of each once-per-scan finding, in target order (on the ordered thread). */
    void registerScanFindings(List<Finding> taken) {
      for (Finding f : taken) {
        // most VMs repeat a finding already kept: no key string and no re-subjected copy for those
        OnceKey key = new OnceKey(f.ruleId(), f.message());
        if (!scanFindings.containsKey(key)) {
          scanFindings.put(key, f.withSubject(io.nestcheck.api.Subject.host("scan")));
        }
      }
    }

    /**
     * What makes two once-per-scan findings the same: rule and message. {@code equals} and {@code hashCode} written
     * out: a record's are method-handle chains, which the CLI's C1-compiled code calls without inlining.
     */
    private record OnceKey(String ruleId, String message) {
      @Override
      public boolean equals(Object o) {
        return o instanceof OnceKey k && ruleId.equals(k.ruleId) && message.equals(k.message);
      }

      @Override
      public int hashCode() {
        return 31 * ruleId.hashCode() + message.hashCode();
      }
    }

    void add(FileResult r) {
      targets++;
      if (r.error().isPresent()) {
        errors++;
      }
      vms += r.results().size();
      for (EvaluationResult e : r.results()) {
        for (Finding f : e.findings()) {
          if (f.isSuppressed()) {
            suppressed++;
          } else {
            bySeverity.merge(f.severity(), 1, Integer::sum);
          }
        }
      }
    }
  }
}
