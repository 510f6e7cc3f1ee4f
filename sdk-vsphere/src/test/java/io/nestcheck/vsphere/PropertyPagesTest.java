package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paging loop, against a fake collector that pages like vCenter (vcsim 0.24.2 never returns a token). */
class PropertyPagesTest {

  /** Serves {@code total} objects in pages of {@code maxObjects}, with tokens "t1", "t2", ... */
  static final class FakeCollector implements PropertyPages {
    final int total;
    final List<String> calls = new ArrayList<>();
    int served;
    int pageSize;
    String failOn;

    FakeCollector(int total) {
      this.total = total;
    }

    private RetrieveResult page() {
      if (total == 0) {
        return null; // yavijava returns null when nothing matches
      }
      RetrieveResult r = new RetrieveResult();
      int n = Math.min(pageSize, total - served);
      ObjectContent[] objs = new ObjectContent[n];
      for (int i = 0; i < n; i++) {
        objs[i] = new ObjectContent();
        objs[i].setObj(Session.mor("VirtualMachine", "vm-" + (served + i)));
      }
      served += n;
      r.setObjects(objs);
      if (served < total) {
        r.setToken("t" + (served / pageSize));
      }
      return r;
    }

    @Override
    public RetrieveResult first(PropertyFilterSpec[] specs, RetrieveOptions options) {
      calls.add("RetrievePropertiesEx(maxObjects=" + options.getMaxObjects() + ")");
      pageSize = options.getMaxObjects();
      return page();
    }

    @Override
    public RetrieveResult next(String token) throws RemoteException {
      calls.add("ContinueRetrievePropertiesEx(" + token + ")");
      if (token.equals(failOn)) {
        throw new RemoteException("connection reset");
      }
      return page();
    }

    @Override
    public void cancel(String token) {
      calls.add("CancelRetrievePropertiesEx(" + token + ")");
    }
  }

  private static List<String> ids(List<ObjectContent> objs) {
    List<String> out = new ArrayList<>();
    for (ObjectContent oc : objs) {
      ManagedObjectReference m = oc.getObj();
      out.add(m.getVal());
    }
    return out;
  }

  @Test
  void followsContinuationTokensToTheLastPage() throws Exception {
    FakeCollector pc = new FakeCollector(2500);
    List<ObjectContent> all = PropertyPages.retrieveAll(pc, new PropertyFilterSpec[0], 1000);
    assertThat(all).hasSize(2500);
    assertThat(ids(all)).startsWith("vm-0", "vm-1").endsWith("vm-2499").doesNotHaveDuplicates();
    assertThat(pc.calls).containsExactly("RetrievePropertiesEx(maxObjects=1000)", "ContinueRetrievePropertiesEx(t1)",
        "ContinueRetrievePropertiesEx(t2)");
  }

  @Test
  void onePageWithoutToken() throws Exception {
    FakeCollector pc = new FakeCollector(10);
    assertThat(PropertyPages.retrieveAll(pc, new PropertyFilterSpec[0], 500)).hasSize(10);
    assertThat(pc.calls).containsExactly("RetrievePropertiesEx(maxObjects=500)");
  }

  @Test
  void nothingMatches() throws Exception {
    FakeCollector pc = new FakeCollector(0);
    assertThat(PropertyPages.retrieveAll(pc, new PropertyFilterSpec[0], 500)).isEmpty();
  }

  @Test
  void exactMultipleOfThePageSize() throws Exception {
    FakeCollector pc = new FakeCollector(300);
    assertThat(PropertyPages.retrieveAll(pc, new PropertyFilterSpec[0], 100)).hasSize(300);
    assertThat(pc.calls).hasSize(3);
  }

  @Test
  void aFailedPageCancelsTheResultSet() {
    FakeCollector pc = new FakeCollector(5000);
    pc.failOn = "t2";
    assertThatThrownBy(() -> PropertyPages.retrieveAll(pc, new PropertyFilterSpec[0], 1000))
        .isInstanceOf(RemoteException.class).hasMessageContaining("connection reset");
    assertThat(pc.calls).containsExactly("RetrievePropertiesEx(maxObjects=1000)", "ContinueRetrievePropertiesEx(t1)",
        "ContinueRetrievePropertiesEx(t2)", "CancelRetrievePropertiesEx(t2)");
  }
}
