package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.ArrayOfManagedObjectReference;
import com.vmware.vim25.ArrayOfOptionValue;
import com.vmware.vim25.ArrayOfString;
import com.vmware.vim25.ArrayOfVirtualDevice;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualVmxnet3;
import com.vmware.vim25.mo.util.PropertyCollectorUtil;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Props#unwrap} gives what yavijava's {@code PropertyCollectorUtil.convertProperty} gives, and null for null. */
class PropsTest {

  @Test
  void unwrapsArrayWrappersLikeYavijavaAndKeepsEveryOtherValue() {
    OptionValue o = new OptionValue();
    o.setKey("vhv.enable");
    o.setValue("TRUE");
    ArrayOfOptionValue options = new ArrayOfOptionValue();
    options.setOptionValue(new OptionValue[] {o});
    ArrayOfVirtualDevice devices = new ArrayOfVirtualDevice();
    devices.setVirtualDevice(new VirtualDevice[] {new VirtualVmxnet3()});
    ManagedObjectReference net = Session.mor("Network", "network-7");
    ArrayOfManagedObjectReference refs = new ArrayOfManagedObjectReference();
    refs.setManagedObjectReference(new ManagedObjectReference[] {net});
    ArrayOfString strings = new ArrayOfString();
    strings.setString(new String[] {"a", "b"});
    int[] ints = {1, 2};
    for (Object v : List.of(options, devices, refs, strings, "text", 42, Boolean.TRUE, net, ints)) {
      assertThat(Props.unwrap(v)).as("%s", v.getClass().getSimpleName())
          .isEqualTo(PropertyCollectorUtil.convertProperty(v));
    }
    assertThat((Object[]) Props.unwrap(options)).containsExactly(o);
    assertThat(Props.unwrap(null)).isNull();
  }
}
