package io.nestcheck.cli;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.ScanError;
import io.nestcheck.api.Severity;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.ProfileException;
import io.nestcheck.core.report.ReportFormats;
import io.nestcheck.core.report.ReportContext;
import io.nestcheck.core.report.ReportWriter;
import io.nestcheck.core.report.TextReportWriter;
import io.nestcheck.core.scan.FileDiscovery;
import io.nestcheck.core.scan.FileResult;
import io.nestcheck.core.scan.ScanOptions;
import io.nestcheck.core.scan.ScanSink;
import io.nestcheck.core.scan.ScanSummary;
import io.nestcheck.core.scan.Scanner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import io.nestcheck.api.Inventory;
import io.nestcheck.core.scan.ScanTarget;
import io.nestcheck.vsphere.VsphereTargets;
import java.time.Instant;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import io.nestcheck.core.config.Baseline;
import io.nestcheck.core.config.ProjectConfig;
import io.nestcheck.core.config.Suppressor;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nestcheck scan}: scans VM exports and reports findings. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Scan VM exports (.vmx, .ovf, .ova, libvirt XML, govc JSON) and report what stops the guest hypervisor from working.",
    footer = {
      "",
      "Examples:",
      "  nestcheck scan examples/fleet",
      "  nestcheck scan --profile fusioncompute-cna-8 cna01.vmx",
      "  nestcheck scan --format json,text --output-dir reports/ exports/",
      "  NESTCHECK_VSPHERE_PASSWORD=... nestcheck scan --vsphere https://vc/sdk --user admin --thumbprint AA:BB:...",
      "",
      "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error, 3 partial scan."
    })
final class ScanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin HostInputs.Options hostOptions = new HostInputs.Options();

  @CommandLine.Mixin VsphereOptions vsphere = new VsphereOptions();

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to scan (folders recursively).")
  List<Path> paths = new ArrayList<>();

  @Option(names = {"-p", "--profile"}, paramLabel = "ID",
      description = "Guest profile id, or 'auto' to pick one per VM by guest OS id (default: the config's, else auto).")
  Optional<String> profile = Optional.empty();

  @Option(names = {"-f", "--format"}, split = ",", paramLabel = "FORMAT",
      description = "Report formats, comma separated: text, json, sarif, junit, csv, markdown, html (default: the config's, else text).")
  List<String> formats = new ArrayList<>();

  @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
      description = "Write each report to DIR/nestcheck.<ext> instead of standard output.")
  Optional<Path> outputDir = Optional.empty();

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Exit 1 when a finding is at or above this severity: ${COMPLETION-CANDIDATES} (default: the config's, else ERROR).")
  Optional<Severity> failOn = Optional.empty();

  @Option(names = "--include", paramLabel = "GLOB", description = "Only files matching GLOB below folders (repeatable; default: the export file types).")
  List<String> includes = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip files and folders matching GLOB (repeatable).")
  List<String> excludes = new ArrayList<>();

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
  Optional<Integer> threads = Optional.empty();

  @Option(names = {"-q", "--quiet"}, description = "No progress output.")
  boolean quiet;

  @Option(names = "--show-passing", description = "List VMs without findings in the text report.")
  boolean showPassing;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "Colour the text report: auto, always, never (default: ${DEFAULT-VALUE}; NO_COLOR disables auto).")
  String color;

  @Option(names = "--baseline", paramLabel = "FILE", description = "Report only findings not in this baseline (the others appear as suppressed).")
  Optional<Path> baseline = Optional.empty();

  @Option(names = "--write-baseline", paramLabel = "FILE", description = "Write the fingerprints of the current findings to FILE.")
  Optional<Path> writeBaseline = Optional.empty();

  @Option(names = "--config", paramLabel = "FILE", description = "Project configuration (default: ./.nestcheck.yaml, else .nestcheck.yaml in the first scanned folder).")
  Optional<Path> config = Optional.empty();

  @Option(names = "--no-config", description = "Ignore .nestcheck.yaml.")
  boolean noConfig;

  @Option(names = "--profile-file", paramLabel = "FILE", description = "Load a custom profile (repeatable).")
  List<Path> profileFiles = new ArrayList<>();

  @Option(names = "--chain", description = "Treat the PATHs as one nesting chain, outermost VM first (L1.vmx L2.xml ...): "
      + "each layer must expose hardware virtualization to the next and be big enough to host it; the innermost is "
      + "checked against --profile.")
  boolean chain;

  @Option(names = "--fixed-time", hidden = true, description = "Report this instant as the start time (for reproducible reports).")
  Optional<Instant> fixedTime = Optional.empty();

  @Override
  public Integer call() throws Exception {
    if (chain) {
      ProjectConfig cfg = Project.loadConfig(spec.commandLine(), Project.findConfig(paths, config, noConfig));
      Path dir = Project.findConfig(paths, config, noConfig).map(p -> p.toAbsolutePath().getParent()).orElse(Path.of(""));
      return ChainMode.run(spec.commandLine(), paths, profile.or(cfg::profile), HostInputs.load(spec.commandLine(),
          hostOptions, cfg, dir), formats, failOn.or(cfg::failOn).orElse(Severity.ERROR), useColor());
    }
    if (paths.isEmpty() && !vsphere.present()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give PATHs to scan, or --vsphere URL");
    }
    Project project = Project.load(spec.commandLine(), paths, config, noConfig, profileFiles, profile);
    ProjectConfig cfg = project.config;
    Path cfgDir = project.configDir;
    Nestcheck nestcheck = project.nestcheck;
    String defaultProfile = project.defaultProfile;
    HostCapabilities host = HostInputs.load(spec.commandLine(), hostOptions, cfg, cfgDir);
    Severity threshold = failOn.or(cfg::failOn).orElse(Severity.ERROR);
    Optional<Baseline> base;
    try {
      base = baseline.map(Baseline::load);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Suppressor suppressor = new Suppressor(cfg.suppressions(), cfgDir, base, Clock.systemDefaultZone());
    ScanOptions.Builder ob = ScanOptions.builder();
    ob.profile(defaultProfile).host(host).postProcessor(suppressor);
    ob.profileByTarget(project.profileByTarget());
    threads.or(() -> cfg.threads().isPresent() ? Optional.of(cfg.threads().getAsInt()) : Optional.empty()).ifPresent(ob::threads);
    Scanner scanner;
    try {
      scanner = Scanner.of(nestcheck, ob.build());
    } catch (ProfileException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ReportContext context = ReportContext.builder()
        .rules(nestcheck.rules())
        .host(host)
        .profile(defaultProfile)
        .fixedTime(fixedTime)
        .inputs(paths.stream().map(Path::toString).toList())
        .build();
    List<String> fs = checkedFormats(formats.isEmpty() ? (cfg.formats().isEmpty() ? List.of("text") : cfg.formats())
        : formats);
    List<String> includes = this.includes.isEmpty() ? cfg.include() : this.includes;
    List<String> excludes = new ArrayList<>(cfg.exclude());
    excludes.addAll(this.excludes);
    FileDiscovery.Result discovered = FileDiscovery.discover(paths, includes, excludes);
    List<ScanTarget> targets = scanner.fileTargets(discovered.files());
    List<ScanError> discoveryErrors = discovered.errors();
    // this frame lasts the whole scan: let the found paths go, the targets keep what they need of them
    discovered = null;
    io.nestcheck.vsphere.VsphereAdapter adapter = null;
    if (vsphere.present()) {
      adapter = vsphere.connect(spec.commandLine());
      try {
        Inventory inventory = adapter.inventory();
        inventory.notes().forEach(n -> spec.commandLine().getErr().println("nestcheck: " + n));
        targets = concat(targets, VsphereTargets.targets(inventory));
      } catch (io.nestcheck.api.spi.AdapterException e) {
        adapter.close();
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    // opened only now: a bad --vsphere login or an unreadable inventory leaves no empty report files behind
    List<ReportWriter> writers;
    try {
      writers = writers(context, fs, threshold);
    } catch (IOException | RuntimeException e) {
      if (adapter != null) {
        adapter.close();
      }
      throw e;
    }

    List<ScanSink> sinks = new ArrayList<>(writers);
    writeBaseline.ifPresent(f -> sinks.add(Baseline.writer(f)));
    if (!quiet && Progress.wanted(outputDir.isEmpty() && fs.contains("json"))) {
      sinks.add(new Progress(targets.size() + discoveryErrors.size()));
    }
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      scanner.cancel();
      try {
        done.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "nestcheck-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    ScanSummary summary;
    Throwable failure = null;
    try {
      summary = scanner.scan(targets, discoveryErrors, new Fanout(sinks));
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      done.countDown();
      try {
        closeAll(writers, failure);
      } finally {
        if (adapter != null) {
          adapter.close();
        }
      }
    }
    if (summary.partial()) {
      // the JVM is shutting down (Ctrl-C): the hook waited for the partial report; leave with the partial code
      Runtime.getRuntime().halt(ExitCodes.PARTIAL);
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    if (summary.errors() > 0) {
      return ExitCodes.USAGE;
    }
    return summary.findingsAtLeast(threshold) > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  /**
   * Closes every writer, each flushing what it still buffers (a report stream keeps up to 64 KiB), even when the scan
   * or an earlier writer failed. After a failed scan, close failures are added to {@code failure}; otherwise the
   * first is thrown once all are closed, the others suppressed on it.
   */
  static void closeAll(List<ReportWriter> writers, Throwable failure) throws IOException {
    Exception first = null;
    for (ReportWriter w : writers) {
      try {
        w.close();
      } catch (IOException | RuntimeException e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first instanceof IOException io) {
      throw io;
    }
    if (first instanceof RuntimeException re) {
      throw re;
    }
  }

  /** The formats, normalized, once every one is known and the output can take them all; nothing is opened. */
  private List<String> checkedFormats(List<String> formats) {
    List<String> fs = formats.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
    if (outputDir.isEmpty() && fs.size() > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "several formats need --output-dir");
    }
    for (String f : fs) {
      if (!ReportFormats.isKnown(f)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "unknown format '" + f + "' (known: " + String.join(", ", ReportFormats.names()) + ")");
      }
    }
    return fs;
  }

  /** Opens a writer per (checked) format; if one cannot be opened, those already open are closed. */
  private List<ReportWriter> writers(ReportContext context, List<String> fs, Severity threshold) throws IOException {
    List<ReportWriter> list = new ArrayList<>();
    try {
      if (outputDir.isPresent()) {
        Files.createDirectories(outputDir.get());
      }
      for (String f : fs) {
        if (f.equals("text")) {
          list.add(new TextReportWriter(writer(f, ReportFormats.extension(f)), useColor(), showPassing));
        } else {
          list.add(ReportFormats.create(f, context, stream(f, ReportFormats.extension(f)), threshold));
        }
      }
    } catch (IOException | RuntimeException e) {
      closeAll(list, e);
      throw e;
    }
    return list;
  }

  private boolean useColor() {
    return switch (color) {
      case "always" -> true;
      case "never" -> false;
      default -> outputDir.isEmpty() && System.getenv("NO_COLOR") == null && System.console() != null
          && CommandLine.Help.Ansi.AUTO.enabled();
    };
  }

  /**
   * The stream a machine-readable report is written to, with a 64 KiB buffer: the JSON writer hands over one rendered
   * result (a few KB) at a time, and {@code System.out} (a 128-byte buffer that flushes on every write) or an
   * unbuffered file stream would turn each into a system call (74,000 for a 100,000-VM JSON report).
   */
  private OutputStream stream(String format, String ext) throws IOException {
    return new BufferedOutputStream(destination(ext), REPORT_BUFFER);
  }

  private OutputStream destination(String ext) throws IOException {
    if (outputDir.isPresent()) {
      return Files.newOutputStream(outputDir.get().resolve("nestcheck." + ext));
    }
    return new NonClosingStream(System.out);
  }

  /** The text report's writer: its encoder's buffer only, so that a terminal sees results as they come. */
  private PrintWriter writer(String format, String ext) throws IOException {
    return new PrintWriter(new OutputStreamWriter(destination(ext), StandardCharsets.UTF_8));
  }

  /** Sends every event to all writers. */
  private static final class Fanout implements ScanSink {
    private final List<? extends ScanSink> writers;

    Fanout(List<? extends ScanSink> writers) {
      this.writers = writers;
    }

    @Override
    public void started(int targets) {
      writers.forEach(w -> w.started(targets));
    }

    @Override
    public void prepare(FileResult result) {
      for (ScanSink w : writers) {
        w.prepare(result);
      }
    }

    @Override
    public void accept(FileResult result) {
      writers.forEach(w -> w.accept(result));
    }

    @Override
    public void finished(ScanSummary summary) {
      writers.forEach(w -> w.finished(summary));
    }
  }

  private static final int REPORT_BUFFER = 1 << 16;

  /** Standard output must stay open for later output. */
  private static final class NonClosingStream extends java.io.FilterOutputStream {
    NonClosingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /**
   * The targets of {@code first} then those of {@code second}, as a view: a copy would make every file target of a
   * large scan at once (the scanner's list makes them one by one, as the scan asks for them).
   */
  static List<ScanTarget> concat(List<ScanTarget> first, List<ScanTarget> second) {
    final class Concat extends AbstractList<ScanTarget> implements RandomAccess {
      @Override
      public ScanTarget get(int index) {
        return index < first.size() ? first.get(index) : second.get(Objects.checkIndex(index, size()) - first.size());
      }

      @Override
      public int size() {
        return first.size() + second.size();
      }
    }
    return new Concat();
  }
}
