package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import com.vmware.vim25.ws.Argument;
import com.vmware.vim25.ws.WSClient;
import io.nestcheck.api.Inventory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link VimReplyReader} against yavijava's own unmarshaller on the raw bytes of vcsim's real replies: the
 * adapter's whole-fleet {@code RetrievePropertiesEx} (every path of {@link Paths}, 2000 VMs, the launcher FleetIT
 * uses), its newer-API read, and a {@code RetrieveProperties} of explicit objects. Both object graphs must be equal
 * field by field (but for the single-reference type, see {@link ObjectGraphs}), and the inventory mapped from each
 * must equal what the adapter returns.
 */
class VimReplyReaderIT {

  private static Object field(Object o, Class<?> c, String name) throws Exception {
    Field f = c.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  /** Sends {@code method} through the session's client and returns the reply's bytes as they came. */
  private static byte[] rawCall(VimClient client, String method, Argument... args) throws Exception {
    Method post = WSClient.class.getDeclaredMethod("post", String.class);
    post.setAccessible(true);
    try (InputStream in = (InputStream) post.invoke(client, client.marshall(method, args))) {
      return in.readAllBytes();
    }
  }

  private static byte[] retrieveEx(Session s, VimClient client, PropertyFilterSpec f) throws Exception {
    RetrieveOptions o = new RetrieveOptions();
    o.setMaxObjects(1000);
    return rawCall(client, "RetrievePropertiesEx",
        new Argument("_this", "ManagedObjectReference", s.content().getPropertyCollector()),
        new Argument("specSet", "PropertyFilterSpec[]", new PropertyFilterSpec[] {f}),
        new Argument("options", "RetrieveOptions", o));
  }

  /** {@link #retrieveEx} for a {@link Session.Work} (which may not throw checked exceptions of its own). */
  private static byte[] retrieveExOrFail(Session s, VimClient client, PropertyFilterSpec f) {
    try {
      return retrieveEx(s, client, f);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Both parsers on one reply: the graphs are equal, and the reader skipped nothing. */
  private static Object both(String returnType, byte[] reply, int minCompared) throws Exception {
    Object yavijava = ObjectGraphs.yavijava(returnType, reply);
    VimReplyReader.Result ours = VimReplyReader.parse(returnType, new ByteArrayInputStream(reply));
    ObjectGraphs g = ObjectGraphs.compare(yavijava, ours.value);
    System.out.println(returnType + " reply of " + reply.length + " bytes: " + g.compared + " values compared, "
        + g.morTypesNormalized + " single-reference types normalized, reader skipped " + ours.skipped);
    assertThat(g.differences).isEmpty();
    assertThat(ours.skippedTotal).isZero();
    assertThat(g.compared).isGreaterThan(minCompared);
    return yavijava;
  }

  private static List<ObjectContent> objects(Object retrieveResult) {
    RetrieveResult rr = (RetrieveResult) retrieveResult;
    assertThat(rr.getToken()).isNull();
    return new ArrayList<>(Arrays.asList(rr.getObjects()));
  }

  @Test
  void fleetRepliesParseAsInYavijavaAndGiveTheSameInventory(@Launch(vms = FleetIT.FLEET) Vcsim v) throws Exception {
    try (VsphereAdapter a = v.connect()) {
      Session s = (Session) field(a, VsphereAdapter.class, "session");
      VimClient client = (VimClient) field(s, Session.class, "client");
      Vim.Extra newer = InventoryReader.versionedVmRead(s);
      assertThat(newer).isNotNull();
      Map<String, List<String>> specs = InventoryReader.specs(null);
      ManagedObjectReference view = s.call(vim -> vim.createContainerView(s.content().getViewManager(),
          s.content().getRootFolder(), specs.keySet().toArray(new String[0]), true));
      byte[] main;
      byte[] newerOnly;
      byte[] asRead;
      try {
        main = retrieveEx(s, client, Vim.viewFilter(view, specs));
        newerOnly = s.callAs(newer.version, () -> retrieveExOrFail(s, client, Vim.viewFilter(view, newer.specs)));
        // the adapter's own read: every path in one reply, with the newer SOAPAction
        asRead = s.callAs(newer.version,
            () -> retrieveExOrFail(s, client, Vim.viewFilter(view, InventoryReader.specs(newer))));
      } finally {
        s.call(vim -> {
          vim.destroyView(view);
          return null;
        });
      }
      List<ObjectContent> yMain = objects(both("RetrieveResult", main, FleetIT.FLEET * 100));
      both("RetrieveResult", newerOnly, FleetIT.FLEET * 5);
      List<ObjectContent> yRead = objects(both("RetrieveResult", asRead, FleetIT.FLEET * 100));
      assertThat(yMain).hasSizeGreaterThan(FleetIT.FLEET);
      List<ObjectContent> oRead = objects(VimReplyReader.read("RetrieveResult", new ByteArrayInputStream(asRead)));

      Inventory fromYavijava = InventoryReader.map(InventoryReader.raw(yRead), a.sourcePrefix());
      Inventory fromReader = InventoryReader.map(InventoryReader.raw(oRead), a.sourcePrefix());
      assertThat(fromReader).isEqualTo(fromYavijava);
      assertThat(a.inventory()).isEqualTo(fromYavijava);
      assertThat(fromReader.vms()).hasSize(FleetIT.FLEET - 41);

      // RetrieveProperties (ObjectContent[]) of explicit objects: ten VMs and every host
      List<ObjectSpec> objs = new ArrayList<>();
      for (ObjectContent oc : yMain) {
        String type = oc.getObj().getType();
        if ((type.equals(Paths.VM) && objs.size() < 10) || type.equals(Paths.HOST)) {
          ObjectSpec os = new ObjectSpec();
          os.setObj(oc.getObj());
          os.setSkip(Boolean.FALSE);
          objs.add(os);
        }
      }
      PropertyFilterSpec f = new PropertyFilterSpec();
      f.setObjectSet(objs.toArray(new ObjectSpec[0]));
      f.setPropSet(new PropertySpec[] {Vim.propertySpec(Paths.VM, Paths.VM_PATHS),
          Vim.propertySpec(Paths.HOST, Paths.HOST_PATHS)});
      byte[] plain = rawCall(client, "RetrieveProperties",
          new Argument("_this", "ManagedObjectReference", s.content().getPropertyCollector()),
          new Argument("specSet", "PropertyFilterSpec[]", new PropertyFilterSpec[] {f}));
      Object ocs = both("ObjectContent[]", plain, objs.size() * 100);
      assertThat((ObjectContent[]) ocs).hasSize(objs.size());
    }
  }
}
