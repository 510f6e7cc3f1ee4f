package io.nestcheck.vsphere;

import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import io.nestcheck.api.spi.AdapterException;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;

/**
 * The three paging calls of the PropertyCollector, so that {@link #retrieveAll} can be tested with a fake (vcsim
 * 0.24.2 never returns a continuation token).
 */
interface PropertyPages {

  /** {@code RetrievePropertiesEx}; may return {@code null} when nothing matches. */
  RetrieveResult first(PropertyFilterSpec[] specs, RetrieveOptions options) throws RemoteException, AdapterException;

  /** {@code ContinueRetrievePropertiesEx}. */
  RetrieveResult next(String token) throws RemoteException, AdapterException;

  /** {@code CancelRetrievePropertiesEx}. */
  void cancel(String token) throws RemoteException, AdapterException;

  /**
   * Reads every page: the first with {@code RetrievePropertiesEx}, the rest with {@code
   * ContinueRetrievePropertiesEx} while the server returns a token. If reading a page fails, the pending result
   * set is cancelled (best effort) and the failure is rethrown.
   *
   * @param pageSize {@code RetrieveOptions.maxObjects}
   * @return every object, in server order
   */
  static List<ObjectContent> retrieveAll(PropertyPages pc, PropertyFilterSpec[] specs, int pageSize)
      throws RemoteException, AdapterException {
    RetrieveOptions options = new RetrieveOptions();
    options.setMaxObjects(pageSize);
    List<ObjectContent> out = new ArrayList<>();
    RetrieveResult page = pc.first(specs, options);
    String token = null;
    try {
      while (page != null) {
        if (page.getObjects() != null) {
          for (ObjectContent oc : page.getObjects()) {
            if (oc != null) {
              out.add(oc);
            }
          }
        }
        token = page.getToken();
        if (token == null || token.isEmpty()) {
          token = null;
          break;
        }
        page = pc.next(token);
      }
    } catch (RemoteException | AdapterException | RuntimeException e) {
      if (token != null) {
        try {
          pc.cancel(token);
        } catch (RemoteException | AdapterException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return out;
  }
}
