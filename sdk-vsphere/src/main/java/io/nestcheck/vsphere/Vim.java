package io.nestcheck.vsphere;

import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.ManagedObjectNotFound;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.MissingProperty;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import com.vmware.vim25.SelectionSpec;
import com.vmware.vim25.TaskInfoState;
import com.vmware.vim25.TraversalSpec;
import com.vmware.vim25.VimPortType;
import io.nestcheck.api.spi.AdapterException;
import java.rmi.RemoteException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** PropertyCollector reads and task waits over a {@link Session}. */
final class Vim {
  private Vim() {}

  /** The paging calls against the session's PropertyCollector. */
  static PropertyPages pages(Session s) {
    return pages(s, s.content().getPropertyCollector());
  }

  /** The paging calls against the PropertyCollector {@code pc}. */
  static PropertyPages pages(Session s, ManagedObjectReference pc) {
    return new PropertyPages() {
      @Override
      public RetrieveResult first(PropertyFilterSpec[] specs, RetrieveOptions options)
          throws RemoteException, AdapterException {
        return s.call(vim -> vim.retrievePropertiesEx(pc, specs, options));
      }

      @Override
      public RetrieveResult next(String token) throws RemoteException, AdapterException {
        return s.call(vim -> vim.continueRetrievePropertiesEx(pc, token));
      }

      @Override
      public void cancel(String token) throws RemoteException, AdapterException {
        s.call(vim -> {
          vim.cancelRetrievePropertiesEx(pc, token);
          return null;
        });
      }
    };
  }

  static PropertySpec propertySpec(String type, List<String> paths) {
    PropertySpec ps = new PropertySpec();
    ps.setType(type);
    ps.setAll(Boolean.FALSE);
    ps.setPathSet(paths.toArray(new String[0]));
    return ps;
  }

  /** Paths (type → paths) of a newer API and the SOAPAction version {@code version} that may ask for them. */
  static final class Extra {
    final String version;
    final Map<String, List<String>> specs;

    Extra(String version, Map<String, List<String>> specs) {
      this.version = version;
      this.specs = specs;
    }
  }

  /**
   * Creates one ContainerView over the whole inventory for {@code specs}' types, reads every object of those types
   * with the given paths (all pages), and destroys the view: three calls, plus one per further page. The {@code
   * RetrievePropertiesEx} calls go out with the SOAPAction of API {@code version} ({@code null}: the session's
   * default).
   *
   * @return the objects, in server order
   */
  static List<ObjectContent> readView(Session s, String version, Map<String, List<String>> specs, int pageSize)
      throws RemoteException, AdapterException {
    ManagedObjectReference view = s.call(vim -> vim.createContainerView(s.content().getViewManager(),
        s.content().getRootFolder(), specs.keySet().toArray(new String[0]), true));
    try {
      PropertyFilterSpec[] filter = {viewFilter(view, specs)};
      return version == null ? PropertyPages.retrieveAll(pages(s), filter, pageSize)
          : s.callAs(version, () -> PropertyPages.retrieveAll(pages(s), filter, pageSize));
    } finally {
      release(s, vim -> vim.destroyView(view));
    }
  }

  /** The filter that reads {@code specs} (type → paths) of every object in {@code view}. */
  static PropertyFilterSpec viewFilter(ManagedObjectReference view, Map<String, List<String>> specs) {
    TraversalSpec ts = new TraversalSpec();
    ts.setName("view");
    ts.setType("ContainerView");
    ts.setPath("view");
    ts.setSkip(Boolean.FALSE);
    ObjectSpec os = new ObjectSpec();
    os.setObj(view);
    os.setSkip(Boolean.TRUE);
    os.setSelectSet(new SelectionSpec[] {ts});
    List<PropertySpec> props = new ArrayList<>();
    specs.forEach((type, paths) -> props.add(propertySpec(type, paths)));
    PropertyFilterSpec f = new PropertyFilterSpec();
    f.setObjectSet(new ObjectSpec[] {os});
    f.setPropSet(props.toArray(new PropertySpec[0]));
    return f;
  }

  /**
   * Reads {@code paths} of {@code objs} (all of type {@code type}) in {@code parts} concurrent requests, each over an
   * equal run of consecutive objects and each paged by {@code pageSize} ({@link #inRuns}). The first run goes to the
   * session's PropertyCollector; every other run to a PropertyCollector of its own, created for it and destroyed
   * after it: a continuation token belongs to one result set of one collector ("the token returned in the previous
   * RetrieveResult returned on the same session by the same PropertyCollector"), so two paged reads must not share
   * one. Objects deleted since their reference was read are left out ({@code reportMissingObjectsInResults}).
   *
   * @return the objects, runs in order
   */
  static List<ObjectContent> readConcurrently(Session s, List<ManagedObjectReference> objs, String type,
      List<String> paths, int pageSize, int parts) throws RemoteException, AdapterException {
    return inRuns(objs, parts, (index, run) -> {
      if (index == 0) {
        return readObjects(pages(s), run, type, paths, pageSize);
      }
      ManagedObjectReference pc = s.call(vim -> vim.createPropertyCollector(s.content().getPropertyCollector()));
      try {
        return readObjects(pages(s, pc), run, type, paths, pageSize);
      } finally {
        release(s, vim -> vim.destroyPropertyCollector(pc));
      }
    });
  }

  /** A call that destroys a server-side object made for one read (a view, a PropertyCollector). */
  private interface Release {
    void run(VimPortType vim) throws RemoteException;
  }

  /**
   * Destroys a server-side object made for one read, best effort: a failure is ignored, since the server drops a
   * session's views and collectors with the session, and the read's own outcome is what the caller needs.
   */
  private static void release(Session s, Release release) {
    try {
      s.call(vim -> {
        release.run(vim);
        return null;
      });
    } catch (RemoteException | AdapterException | RuntimeException ignored) {
      // best effort (see above)
    }
  }

  /** A read of one run of items: run {@code index} (0 = the first, read on the calling thread). */
  interface RunRead<E, T> {
    List<T> read(int index, List<E> run) throws RemoteException, AdapterException;
  }

  /**
   * Splits {@code items} into {@code min(parts, items.size())} runs of consecutive items of (almost) equal size and
   * reads them at once: the calling thread the first run, a new daemon thread ({@code nestcheck-vsphere-read-N})
   * each of the others (a run whose thread cannot be started is read on the calling thread after the first).
   * Returns after every run has ended: the results, runs in order; or, if any run failed, the first failed run's
   * exception (in run order) with the other runs' failures suppressed on it. An interrupt of
   * the calling thread does not cut the wait short (the runs end on their own, by the read timeout at worst); the
   * interrupt flag is kept.
   */
  static <E, T> List<T> inRuns(List<E> items, int parts, RunRead<E, T> read)
      throws RemoteException, AdapterException {
    int n = Math.max(1, Math.min(parts, items.size()));
    List<FutureTask<List<T>>> runs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      List<E> run = items.subList(i * items.size() / n, (i + 1) * items.size() / n);
      runs.add(new FutureTask<>(() -> read.read(index, run)));
    }
    List<FutureTask<List<T>>> unstarted = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      Thread t = new Thread(runs.get(i), "nestcheck-vsphere-read-" + i);
      t.setDaemon(true);
      try {
        t.start();
      } catch (OutOfMemoryError | RuntimeException e) { // no native thread: read it here, never return early
        unstarted.add(runs.get(i));
      }
    }
    runs.get(0).run();
    for (FutureTask<List<T>> run : unstarted) {
      run.run();
    }
    List<T> out = new ArrayList<>(items.size());
    Throwable failure = null;
    boolean interrupted = false;
    for (FutureTask<List<T>> run : runs) {
      while (true) {
        try {
          out.addAll(run.get());
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the requests end on their own (read timeout): wait for them, keep the flag
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          } else {
            failure.addSuppressed(e.getCause());
          }
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RemoteException) {
      throw (RemoteException) failure;
    }
    if (failure instanceof AdapterException) {
      throw (AdapterException) failure;
    }
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    return out;
  }

  /**
   * Reads {@code paths} of {@code objs} (all of one type), every page; objects that no longer exist are left out
   * (the server reports them as missing instead of failing the read).
   */
  static List<ObjectContent> readObjects(PropertyPages pc, List<ManagedObjectReference> objs, String type,
      List<String> paths, int pageSize) throws RemoteException, AdapterException {
    if (objs.isEmpty()) {
      return List.of();
    }
    PropertyFilterSpec f = objectsFilter(objs, type, paths);
    f.setReportMissingObjectsInResults(Boolean.TRUE);
    List<ObjectContent> out = new ArrayList<>(objs.size());
    for (ObjectContent oc : PropertyPages.retrieveAll(pc, new PropertyFilterSpec[] {f}, pageSize)) {
      if (!gone(oc)) {
        out.add(oc);
      }
    }
    return out;
  }

  /** The filter that reads {@code paths} of exactly {@code objs} (all of type {@code type}), no traversal. */
  private static PropertyFilterSpec objectsFilter(List<ManagedObjectReference> objs, String type, List<String> paths) {
    ObjectSpec[] os = new ObjectSpec[objs.size()];
    for (int i = 0; i < os.length; i++) {
      os[i] = new ObjectSpec();
      os[i].setObj(objs.get(i));
      os[i].setSkip(Boolean.FALSE);
    }
    PropertyFilterSpec f = new PropertyFilterSpec();
    f.setObjectSet(os);
    f.setPropSet(new PropertySpec[] {propertySpec(type, paths)});
    return f;
  }

  /** Whether {@code oc} only says that its object no longer exists. */
  static boolean gone(ObjectContent oc) {
    if (oc.getPropSet() != null && oc.getPropSet().length > 0 || oc.getMissingSet() == null) {
      return false;
    }
    for (MissingProperty m : oc.getMissingSet()) {
      if (m != null && m.getFault() != null && m.getFault().getFault() instanceof ManagedObjectNotFound) {
        return true;
      }
    }
    return false;
  }

  /** Reads {@code paths} of the given objects (all of one type) in one call; absent objects are left out. */
  static List<Props> read(Session s, List<ManagedObjectReference> objs, String type, List<String> paths)
      throws RemoteException, AdapterException {
    if (objs.isEmpty()) {
      return List.of();
    }
    PropertyFilterSpec f = objectsFilter(objs, type, paths);
    List<Props> out = new ArrayList<>();
    for (ObjectContent oc : PropertyPages.retrieveAll(pages(s), new PropertyFilterSpec[] {f}, 1000)) {
      out.add(Props.of(oc));
    }
    return out;
  }

  /** Reads one object; {@code null} when it does not exist. */
  static Props read(Session s, ManagedObjectReference obj, String type, List<String> paths)
      throws RemoteException, AdapterException {
    List<Props> all = read(s, List.of(obj), type, paths);
    return all.isEmpty() ? null : all.get(0);
  }

  /** The outcome of a task: {@code null} fault on success. */
  static final class TaskOutcome {
    final String fault;
    final LocalizedMethodFault error;

    TaskOutcome(String fault, LocalizedMethodFault error) {
      this.fault = fault;
      this.error = error;
    }

    boolean ok() {
      return fault == null;
    }
  }

  /**
   * Waits for {@code task} by polling {@code info.state} (50 ms, doubling to 1 s), at most {@code timeout}.
   *
   * @return the outcome; a timeout is a failed outcome naming the task
   */
  static TaskOutcome waitFor(Session s, ManagedObjectReference task, Duration timeout)
      throws RemoteException, AdapterException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long sleep = 50;
    while (true) {
      Props p = read(s, task, "Task", Paths.TASK_PATHS);
      if (p == null) {
        return new TaskOutcome("the task " + task.getVal() + " disappeared before it finished", null);
      }
      Object state = p.get("info.state");
      String st = state == null ? "" : state.toString();
      if (TaskInfoState.success.toString().equals(st)) {
        return new TaskOutcome(null, null);
      }
      if (TaskInfoState.error.toString().equals(st)) {
        Object err = p.get("info.error");
        LocalizedMethodFault lmf = err instanceof LocalizedMethodFault ? (LocalizedMethodFault) err : null;
        return new TaskOutcome(Faults.describe(lmf), lmf);
      }
      if (System.nanoTime() > deadline) {
        return new TaskOutcome("the task " + task.getVal() + " did not finish within " + timeout
            + " (state " + (st.isEmpty() ? "unknown" : st) + "); it may still complete on the server", null);
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new TaskOutcome("interrupted while waiting for task " + task.getVal(), null);
      }
      sleep = Math.min(1000, sleep * 2);
    }
  }
}
