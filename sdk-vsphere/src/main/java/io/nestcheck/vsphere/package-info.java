/**
 * The vSphere adapter: {@link io.nestcheck.vsphere.VsphereAdapter} reads a vCenter/ESXi inventory into the model and
 * applies fix plans; {@link io.nestcheck.vsphere.VsphereConfig} says how to connect (URL, user, password source, TLS
 * trust, timeouts, page size); {@link io.nestcheck.vsphere.VsphereTargets} turns an inventory into scan targets.
 *
 * <p>Everything else in this package is package-private: no yavijava ({@code com.vmware}) type appears in a public
 * signature.
 */
package io.nestcheck.vsphere;
