package io.nestcheck.vsphere;

/**
 * Request types for vSphere API fields newer than yavijava 6.0.05's classes.
 *
 * <p>yavijava's {@code XmlGen} writes a value whose class differs from the declared field type with {@code
 * xsi:type} = the class's <em>simple</em> name, and writes the public fields of the class hierarchy, superclass
 * fields first. A subclass with the vSphere type's simple name and the missing fields therefore serializes as that
 * vSphere type, with the new fields after the old ones (their place in the schema sequence). These classes are
 * only ever sent, with the SOAPAction of an API version that has the fields ({@link Session#callAs}); replies
 * never contain them because the adapter reads the fields as leaf paths.
 *
 * <p>The nested classes are public so that yavijava's reflection can read their fields; the enclosing class keeps
 * them out of the module's API. They must declare no other fields: {@code XmlGen} serializes every declared field.
 */
final class Wire {
  private Wire() {}

  /** {@code VirtualMachineFlagInfo} with the vSphere 6.7 fields {@code vvtdEnabled} and {@code vbsEnabled}. */
  public static final class VirtualMachineFlagInfo extends com.vmware.vim25.VirtualMachineFlagInfo {
    /** Virtual IOMMU (6.7). */
    public Boolean vvtdEnabled;
    /** Virtualization-based security (6.7). */
    public Boolean vbsEnabled;
  }

  /** {@code VirtualMachineBootOptions} with the vSphere 6.5 field {@code efiSecureBootEnabled}. */
  public static final class VirtualMachineBootOptions extends com.vmware.vim25.VirtualMachineBootOptions {
    /** UEFI secure boot (6.5). */
    public Boolean efiSecureBootEnabled;
  }

  /** {@code VirtualNVMEController} (6.5), which yavijava 6.0.05 lacks. */
  public static final class VirtualNVMEController extends com.vmware.vim25.VirtualController {
  }
}
