package io.nestcheck.benchmarks.proposal;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.GuestProfile;
import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportSource;
import io.nestcheck.benchmarks.Fleet;
import io.nestcheck.benchmarks.Vms;
import io.nestcheck.core.Evaluator;
import io.nestcheck.core.Nestcheck;
import io.nestcheck.core.ProfileRegistry;
import io.nestcheck.core.RuleCatalog;
import io.nestcheck.core.internal.vmx.VmxReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The evidence for the sdk-core proposal (README "Findings"): the same evaluations as {@code EvaluatorBenchmark},
 * in the same run, with
 * <ul>
 *   <li>{@code current_*}: {@code Evaluator} and the built-in rules, as shipped;
 *   <li>{@code guardedRules_*}: {@code Evaluator} with {@link ProposedRules} (four rules made allocation-free on
 *       the pass path; no API change);
 *   <li>{@code sink_*}: {@link SinkEvaluator} (the proposed {@code check(host, vm, profile, FindingSink)} with a
 *       reusable per-thread context and an identity plan cache) with {@link ProposedRules}. The CNA variant
 *       collects the findings into a reused list and sorts them in the canonical order, so it delivers what
 *       {@code evaluate} delivers minus the {@code EvaluationResult} wrapper.
 * </ul>
 * Set-up proves the prototypes change nothing: for the compliant VMs, the CNA seed VM under every built-in profile
 * and 300 generated fleet files under {@code auto}, the findings are equal to the current ones.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProposalBenchmark {
  static final Comparator<Finding> ORDER = Comparator.comparing(Finding::ruleId)
      .thenComparing(f -> f.subject().kind())
      .thenComparing(f -> f.subject().id())
      .thenComparing(Finding::message);

  /** The evaluators: shipped, guarded rules, sink prototype; verified equal at set-up. */
  @State(Scope.Thread)
  public static class Engines {
    Evaluator current;
    Evaluator guarded;
    SinkEvaluator.Checker checker;
    HostCapabilities host;
    GuestProfile pass;
    GuestProfile cnaProfile;
    VmConfiguration cna;
    final List<Finding> collected = new ArrayList<>();
    final SinkEvaluator.FindingSink collect = collected::add;
    int counted;
    final SinkEvaluator.FindingSink count = f -> counted++;

    @Setup(Level.Trial)
    public void setUp() throws ExportParseException {
      Nestcheck nc = Nestcheck.create();
      RuleCatalog proposed = RuleCatalog.of(List.of(new ProposedRules()));
      current = nc.evaluator();
      guarded = Evaluator.of(proposed);
      SinkEvaluator sink = SinkEvaluator.of(proposed);
      checker = sink.checker();
      host = Vms.esxi8Host();
      GuestProfile esxi8 = nc.profiles().resolve("esxi-8");
      Set<String> disabled = new TreeSet<>(esxi8.disabledRules());
      disabled.add("NV-SUP-001");
      pass = esxi8.withDisabledRules(disabled);
      cna = Vms.cnaSeed();
      cnaProfile = nc.profiles().resolve("fusioncompute-cna-8");
      verify(nc, sink);
    }

    /** The prototypes must find exactly what the shipped code finds. */
    private void verify(Nestcheck nc, SinkEvaluator sink) throws ExportParseException {
      SinkEvaluator.Checker c = sink.checker();
      List<Object[]> cases = new ArrayList<>();
      cases.add(new Object[] {host, Vms.compliantEsxi8(), pass});
      cases.add(new Object[] {host, Vms.compliantEsxi8Realistic(), nc.profiles().resolve("esxi-8")});
      for (String id : ProfileRegistry.builtIn().ids()) {
        cases.add(new Object[] {HostCapabilities.unknown(), cna, nc.profiles().resolve(id)});
        cases.add(new Object[] {host, cna, nc.profiles().resolve(id)});
      }
      VmxReader reader = new VmxReader();
      for (int i = 0; i < 300; i++) {
        VmConfiguration v = reader.read(ExportSource.of("fleet/" + i + ".vmx", Fleet.bytes(i, Fleet.DEFAULT_SEED))).get(0);
        GuestProfile p = nc.profiles().autoSelect(v).orElseThrow().profile();
        cases.add(new Object[] {i % 2 == 0 ? HostCapabilities.unknown() : host, v, p});
      }
      for (Object[] k : cases) {
        HostCapabilities h = (HostCapabilities) k[0];
        VmConfiguration v = (VmConfiguration) k[1];
        GuestProfile p = (GuestProfile) k[2];
        List<Finding> want = current.evaluate(h, v, p).findings();
        if (!guarded.evaluate(h, v, p).findings().equals(want)) {
          throw new IllegalStateException("ProposedRules differ from the built-in rules on " + v + " / " + p.id());
        }
        List<Finding> got = new ArrayList<>();
        c.check(h, v, p, got::add);
        got.sort(ORDER);
        if (!got.equals(want)) {
          throw new IllegalStateException("SinkEvaluator differs from Evaluator on " + v + " / " + p.id());
        }
      }
    }
  }

  /** The compliant VM: the example file (20 settings) or the realistic one (105 settings). */
  @State(Scope.Thread)
  public static class Compliant {
    @Param({"example", "realistic"})
    public String vmx;

    VmConfiguration vm;

    @Setup(Level.Trial)
    public void setUp() {
      vm = vmx.equals("example") ? Vms.compliantEsxi8() : Vms.compliantEsxi8Realistic();
    }
  }

  @Benchmark
  public EvaluationResult current_pass(Engines e, Compliant c) {
    return e.current.evaluate(e.host, c.vm, e.pass);
  }

  @Benchmark
  public EvaluationResult guardedRules_pass(Engines e, Compliant c) {
    return e.guarded.evaluate(e.host, c.vm, e.pass);
  }

  @Benchmark
  public int sink_pass(Engines e, Compliant c) {
    return e.checker.check(e.host, c.vm, e.pass, e.count);
  }

  @Benchmark
  public EvaluationResult current_cnaSeed(Engines e) {
    return e.current.evaluate(HostCapabilities.unknown(), e.cna, e.cnaProfile);
  }

  @Benchmark
  public int sink_cnaSeed(Engines e) {
    List<Finding> out = e.collected;
    out.clear();
    e.checker.check(HostCapabilities.unknown(), e.cna, e.cnaProfile, e.collect);
    out.sort(ORDER);
    return out.size();
  }
}
