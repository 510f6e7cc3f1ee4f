package io.nestcheck.benchmarks;

import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportReader;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.core.ExportReaders;
import io.nestcheck.core.internal.libvirt.LibvirtReader;
import io.nestcheck.core.internal.ovf.OvfReader;
import io.nestcheck.core.internal.vmx.VmxReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Benchmark (2): the cost of parsing a {@code .vmx}, an OVF descriptor and a libvirt domain XML, against the floor of
 * just reading the same bytes from the same file ({@code baseline_readBytes}, {@link Files#readAllBytes}). The file
 * sits in the page cache, as it does for all but the first read of a scan.
 *
 * <ul>
 *   <li>{@code parse}: the format's reader on the file ({@code reader.read(ExportSource.of(path))}): I/O + parse +
 *       mapping to a {@link VmConfiguration}.
 *   <li>{@code sniffAndParse}: what the scanner does per file: {@link ExportReaders} reads the 8 KiB head, asks each
 *       reader whether it accepts it, then the chosen reader parses.
 *   <li>{@code parseInMemory}: the reader on bytes already in memory (no file I/O at all).
 * </ul>
 *
 * <p>Per-KiB figures divide the score by the sample's size ({@link Samples}); the report tool prints them.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ParseBenchmark {

  @Param({"vmx", "ovf", "libvirt"})
  public String format;

  @Param({"typical", "large"})
  public String size;

  private Path dir;
  private Path file;
  private byte[] bytes;
  private ExportReader reader;
  private ExportReaders readers;
  private String name;

  @Setup(Level.Trial)
  public void setUp() throws IOException, ExportParseException {
    bytes = Samples.bytes(format, size);
    dir = Files.createTempDirectory("nestcheck-bench-parse");
    name = "sample-" + size + Samples.extension(format);
    file = dir.resolve(name);
    Files.write(file, bytes);
    reader = switch (format) {
      case "vmx" -> new VmxReader();
      case "ovf" -> new OvfReader();
      case "libvirt" -> new LibvirtReader();
      default -> throw new IllegalArgumentException(format);
    };
    readers = ExportReaders.builtIn();
    // premises: the sample parses, and the scanner would pick this reader for it
    List<VmConfiguration> vms = reader.read(ExportSource.of(file));
    if (vms.size() != 1) {
      throw new IllegalStateException(name + " holds " + vms.size() + " VMs");
    }
    String picked = readers.select(ExportSource.of(file)).map(ExportReader::format).orElse("none");
    if (!picked.equals(reader.format())) {
      throw new IllegalStateException(name + " is sniffed as " + picked + ", not " + reader.format());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  @Benchmark
  public byte[] baseline_readBytes() throws IOException {
    return Files.readAllBytes(file);
  }

  @Benchmark
  public List<VmConfiguration> parse() throws ExportParseException {
    return reader.read(ExportSource.of(file));
  }

  @Benchmark
  public List<VmConfiguration> sniffAndParse() throws ExportParseException {
    return readers.read(ExportSource.of(file));
  }

  @Benchmark
  public List<VmConfiguration> parseInMemory() throws ExportParseException {
    return reader.read(ExportSource.of(name, bytes));
  }
}
