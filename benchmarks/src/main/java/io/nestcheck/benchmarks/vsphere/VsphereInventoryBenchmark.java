package io.nestcheck.benchmarks.vsphere;

import com.vmware.vim25.VirtualMachineConfigInfo;
import com.vmware.vim25.mo.InventoryNavigator;
import com.vmware.vim25.mo.ManagedEntity;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.VirtualMachine;
import io.nestcheck.api.Inventory;
import io.nestcheck.vsphere.VsphereAdapter;
import io.nestcheck.vsphere.VsphereConfig;
import java.net.URL;
import java.time.Duration;
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
 * Benchmark (6): reading a vSphere inventory of {@code vms} VMs from the vcsim launcher with {@code delayMs} added
 * to every SOAP call.
 *
 * <ul>
 *   <li>{@code baseline_naiveLoop}: what a first vijava script does: {@code InventoryNavigator.searchManagedEntities
 *       ("VirtualMachine")}, then {@code vm.getConfig()} per VM (one {@code RetrieveProperties} each).
 *   <li>{@code adapterInventory}: {@link VsphereAdapter#inventory()} (one ContainerView, paged {@code
 *       RetrievePropertiesEx}), which also reads hosts, port groups and clusters and maps everything to the model.
 * </ul>
 *
 * <p>Each operation is one full read (single-shot); the secondary metric {@code soapCalls} is the number of SOAP
 * calls the simulator counted during it ({@code /nestcheck/calls}). Target: speed-up (naive / adapter) ≥ 20 and
 * the adapter's calls independent of {@code vms} (compare {@code -p vms=200,2000}). Needs the vcsim launcher:
 * {@code -p vcsim=PATH}, {@code $NESTCHECK_VCSIM}, or Go + govmomi to build it (see {@link Launcher}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class VsphereInventoryBenchmark {

  /** The simulator, one per trial. */
  @State(Scope.Benchmark)
  public static class Sim {
    @Param("2000")
    public int vms;

    @Param("2")
    public int delayMs;

    /** The launcher binary; empty = {@code $NESTCHECK_VCSIM} or build it. */
    @Param("")
    public String vcsim;

    Launcher launcher;

    @Setup(Level.Trial)
    public void start() throws Exception {
      launcher = Launcher.start(vcsim, vms, delayMs);
    }

    @TearDown(Level.Trial)
    public void stop() {
      if (launcher != null) {
        launcher.close();
      }
    }
  }

  /** A logged-in adapter (login is not measured). */
  @State(Scope.Benchmark)
  public static class Adapter {
    /** {@link VsphereConfig#readParallelism()}: concurrent requests for the VMs' properties (1: one request). */
    @Param("2")
    public int readParallelism;

    VsphereAdapter adapter;

    @Setup(Level.Trial)
    public void connect(Sim sim) throws Exception {
      adapter = VsphereAdapter.connect(VsphereConfig.builder().url(sim.launcher.url).user("nestcheck")
          .passwordSupplier(() -> "secret".toCharArray()).pinThumbprint(sim.launcher.sha256)
          .readTimeout(Duration.ofMinutes(10)).readParallelism(readParallelism).build());
    }

    @TearDown(Level.Trial)
    public void close() {
      if (adapter != null) {
        adapter.close();
      }
    }
  }

  /** A logged-in yavijava ServiceInstance (login is not measured). */
  @State(Scope.Benchmark)
  public static class Naive {
    ServiceInstance si;

    @Setup(Level.Trial)
    public void connect(Sim sim) throws Exception {
      // yavijava logs through log4j 1 (reload4j): give it a sink so it does not warn on stderr
      org.apache.log4j.Logger.getRootLogger().removeAllAppenders();
      org.apache.log4j.Logger.getRootLogger().addAppender(new org.apache.log4j.varia.NullAppender());
      si = new ServiceInstance(new URL(sim.launcher.url), "nestcheck", "secret", true);
    }

    @TearDown(Level.Trial)
    public void close() {
      if (si != null) {
        si.getServerConnection().logout();
      }
    }
  }

  /** SOAP calls per operation, as counted by the simulator. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Calls {
    public long soapCalls;
    public long vmsRead;

    @Setup(Level.Iteration)
    public void reset() {
      soapCalls = 0;
      vmsRead = 0;
    }

    @Setup(Level.Invocation)
    public void before(Sim sim) throws Exception {
      sim.launcher.soapCalls(); // zero the simulator's counter
    }

    @TearDown(Level.Invocation)
    public void after(Sim sim) throws Exception {
      soapCalls += sim.launcher.soapCalls();
    }
  }

  /** Each read is ~2,000 calls, so the loop's code is hot after the first read. */
  @Benchmark
  @Warmup(iterations = 3)
  @Measurement(iterations = 5)
  public int baseline_naiveLoop(Naive n, Calls calls) throws Exception {
    ManagedEntity[] entities = new InventoryNavigator(n.si.getRootFolder()).searchManagedEntities("VirtualMachine");
    int read = 0;
    for (ManagedEntity e : entities) {
      VirtualMachineConfigInfo config = ((VirtualMachine) e).getConfig();
      if (config != null) {
        read++;
      }
    }
    if (read == 0) {
      throw new IllegalStateException("the naive loop read no VM");
    }
    calls.vmsRead += read;
    return read;
  }

  /**
   * One read parses ~19 MB in one go, so the JIT needs many reads: the JVM's CPU per 2,000-VM read falls from ~2 s
   * (first read, C2 compiling) to ~0.2 s by the 13th-16th; 15 warm-up reads measure the settled code.
   */
  @Benchmark
  @Warmup(iterations = 15)
  @Measurement(iterations = 10)
  public Inventory adapterInventory(Adapter a, Calls calls) throws Exception {
    Inventory inv = a.adapter.inventory();
    if (inv.vms().isEmpty()) {
      throw new IllegalStateException("the adapter read no VM");
    }
    calls.vmsRead += inv.vms().size();
    return inv;
  }
}
