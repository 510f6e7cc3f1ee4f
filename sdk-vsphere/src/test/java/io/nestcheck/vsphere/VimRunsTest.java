package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vmware.vim25.DynamicProperty;
import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.ManagedObjectNotFound;
import com.vmware.vim25.MissingProperty;
import com.vmware.vim25.NoPermission;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import io.nestcheck.api.spi.AdapterException;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Vim#inRuns} (the concurrent parts of an inventory read) and {@link Vim#gone}. */
class VimRunsTest {

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  @Test
  void splitsIntoEqualRunsOfConsecutiveItemsAndKeepsTheirOrder() throws Exception {
    List<List<Integer>> seen = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Integer> indexes = new ConcurrentHashMap<>(); // run index -> its first item
    List<String> out = Vim.inRuns(numbers(10), 3, (index, run) -> {
      seen.add(List.copyOf(run));
      indexes.put(index, run.get(0));
      return run.stream().map(i -> "x" + i).collect(Collectors.toList());
    });
    assertThat(out).containsExactly("x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9");
    assertThat(seen).containsExactlyInAnyOrder(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7, 8, 9));
    assertThat(indexes).containsExactlyInAnyOrderEntriesOf(Map.of(0, 0, 1, 3, 2, 6));
  }

  @Test
  void neverMakesMoreRunsThanItemsNorAnEmptyRun() throws Exception {
    List<List<Integer>> seen = Collections.synchronizedList(new ArrayList<>());
    Vim.inRuns(numbers(2), 8, (index, run) -> {
      seen.add(List.copyOf(run));
      return run;
    });
    assertThat(seen).containsExactlyInAnyOrder(List.of(0), List.of(1));
    seen.clear();
    assertThat(Vim.inRuns(List.<Integer>of(), 4, (index, run) -> {
      seen.add(List.copyOf(run));
      return run;
    })).isEmpty();
    assertThat(seen).containsExactly(List.of()); // one run, on the calling thread
  }

  @Test
  void runsReallyOverlapAndOnlyTheFirstRunsOnTheCallingThread() throws Exception {
    // every run waits until all three have started: this only finishes if they run at the same time
    CountDownLatch started = new CountDownLatch(3);
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    List<Integer> out = Vim.inRuns(numbers(3), 3, (index, run) -> {
      threads.add(Thread.currentThread().getName());
      started.countDown();
      if (!await(started)) {
        throw new AssertionError("the runs did not overlap");
      }
      return run;
    });
    assertThat(out).containsExactly(0, 1, 2);
    assertThat(threads).containsExactlyInAnyOrder(Thread.currentThread().getName(), "nestcheck-vsphere-read-1",
        "nestcheck-vsphere-read-2");
  }

  @Test
  void aFailedRunFailsTheReadOnlyAfterEveryRunHasEnded() {
    ConcurrentHashMap<Integer, Boolean> ended = new ConcurrentHashMap<>();
    assertThatThrownBy(() -> Vim.inRuns(numbers(4), 4, (index, run) -> {
      int i = run.get(0);
      try {
        if (i == 1) {
          throw new RemoteException("run 1 failed");
        }
        if (i == 3) {
          throw new AdapterException("run 3 failed");
        }
        pause(i == 2 ? 200 : 0); // a slow run that succeeds
        return run;
      } finally {
        ended.put(i, true);
      }
    })).isInstanceOf(RemoteException.class).hasMessageContaining("run 1 failed")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
            .satisfies(s -> assertThat(s).isInstanceOf(AdapterException.class).hasMessage("run 3 failed")));
    assertThat(ended).containsOnlyKeys(0, 1, 2, 3);
  }

  @Test
  void anUncheckedFailureOfARunIsRethrownAsItIs() {
    assertThatThrownBy(() -> Vim.inRuns(numbers(2), 2, (index, run) -> {
      if (run.get(0) == 1) {
        throw new IllegalStateException("bad reply");
      }
      return run;
    })).isInstanceOf(IllegalStateException.class).hasMessage("bad reply");
  }

  @Test
  void anInterruptDoesNotCutTheWaitShortAndIsKept() throws Exception {
    Thread caller = Thread.currentThread();
    try {
      List<Integer> out = Vim.inRuns(numbers(2), 2, (index, run) -> {
        if (run.get(0) == 0) {
          caller.interrupt(); // the caller is interrupted while run 1 is still going
        } else {
          pause(200);
        }
        return run;
      });
      assertThat(out).containsExactly(0, 1);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void readObjectsAsksForMissingObjectsToBeReportedAndLeavesThemOut() throws Exception {
    List<PropertyFilterSpec> asked = new ArrayList<>();
    DynamicProperty name = new DynamicProperty();
    name.setName("name");
    name.setVal("vm");
    ObjectContent kept = content(new DynamicProperty[] {name});
    ObjectContent deleted = content(null, missing("", new ManagedObjectNotFound()));
    PropertyPages pc = new PropertyPages() {
      @Override
      public RetrieveResult first(PropertyFilterSpec[] specs, RetrieveOptions options) {
        asked.addAll(List.of(specs));
        assertThat(options.getMaxObjects()).isEqualTo(100);
        RetrieveResult r = new RetrieveResult();
        r.setObjects(new ObjectContent[] {kept, deleted});
        return r;
      }

      @Override
      public RetrieveResult next(String token) {
        throw new AssertionError("no token was given");
      }

      @Override
      public void cancel(String token) {
        throw new AssertionError("no token was given");
      }
    };
    List<ObjectContent> out = Vim.readObjects(pc, List.of(Session.mor("VirtualMachine", "vm-1"),
        Session.mor("VirtualMachine", "vm-2")), "VirtualMachine", List.of("name"), 100);
    assertThat(out).containsExactly(kept);
    assertThat(asked).singleElement().satisfies(f -> {
      assertThat(f.getReportMissingObjectsInResults()).isTrue();
      assertThat(f.getObjectSet()).extracting(os -> os.getObj().getVal()).containsExactly("vm-1", "vm-2");
      assertThat(f.getPropSet()).singleElement().satisfies(ps -> {
        assertThat(ps.getType()).isEqualTo("VirtualMachine");
        assertThat(ps.getPathSet()).containsExactly("name");
      });
    });
    assertThat(Vim.readObjects(pc, List.of(), "VirtualMachine", List.of("name"), 100)).isEmpty();
    assertThat(asked).hasSize(1); // no call for no objects
  }

  private static ObjectContent content(DynamicProperty[] props, MissingProperty... missing) {
    ObjectContent oc = new ObjectContent();
    oc.setObj(Session.mor("VirtualMachine", "vm-1"));
    oc.setPropSet(props);
    oc.setMissingSet(missing.length == 0 ? null : missing);
    return oc;
  }

  private static MissingProperty missing(String path, com.vmware.vim25.MethodFault fault) {
    LocalizedMethodFault lmf = new LocalizedMethodFault();
    lmf.setFault(fault);
    MissingProperty m = new MissingProperty();
    m.setPath(path);
    m.setFault(lmf);
    return m;
  }

  @Test
  void anObjectIsGoneOnlyWhenTheServerSaysItWasNotFoundAndSentNothingElse() {
    DynamicProperty name = new DynamicProperty();
    name.setName("name");
    name.setVal("vm");
    assertThat(Vim.gone(content(null, missing("", new ManagedObjectNotFound())))).isTrue();
    assertThat(Vim.gone(content(new DynamicProperty[0], missing("", new ManagedObjectNotFound())))).isTrue();
    // a property the server could not read is not a deleted object
    assertThat(Vim.gone(content(null, missing("config.hardware.device", new NoPermission())))).isFalse();
    assertThat(Vim.gone(content(new DynamicProperty[] {name}, missing("x", new ManagedObjectNotFound())))).isFalse();
    assertThat(Vim.gone(content(new DynamicProperty[] {name}))).isFalse();
    assertThat(Vim.gone(content(null))).isFalse();
  }
}
