package io.nestcheck.vsphere;

import io.nestcheck.api.ApplyOptions;
import io.nestcheck.api.ApplyResult;
import io.nestcheck.api.FixPlan;
import io.nestcheck.api.Inventory;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.AdapterException;
import io.nestcheck.api.spi.PlatformAdapter;
import java.io.IOException;
import java.net.URI;
import java.rmi.RemoteException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;

/**
 * The vSphere {@link PlatformAdapter}: reads a vCenter or ESXi inventory and applies fix plans, over yavijava.
 *
 * <p>{@link #inventory()} reads every VM, host, distributed port group and cluster through one ContainerView and
 * a fixed number of paged {@code RetrievePropertiesEx} calls (the VMs' properties in {@link
 * VsphereConfig#readParallelism()} concurrent parts): the number of calls does not grow with the number of VMs beyond
 * paging. Templates and VMs that are not connected are left
 * out, each with a note in {@link Inventory#notes()}. VM sources are {@code vsphere://<host[:port]>/<moref>}.
 *
 * <p>{@link #apply} is a dry run unless {@link ApplyOptions#dryRun()} is false; see the module README for what each
 * action becomes. A session that expired is renewed once per call ({@code NotAuthenticated} → login → retry).
 *
 * <p>Instances are thread-safe (calls are serialized); {@link #close()} logs out and is idempotent.
 *
 * @since 0.1
 */
public final class VsphereAdapter implements PlatformAdapter {
  private final VsphereConfig config;
  private final Session session;
  private final String endpoint;
  private final String sourcePrefix;
  private final Fixer fixer;
  private boolean closed;

  private VsphereAdapter(VsphereConfig config, Session session, String sourcePrefix) {
    this.config = config;
    this.session = session;
    this.endpoint = config.endpoint();
    this.sourcePrefix = sourcePrefix;
    this.fixer = new Fixer(session, sourcePrefix);
  }

  /**
   * Validates {@code config}, checks the server's certificate per its trust mode and logs in.
   *
   * @throws AdapterException if the configuration is invalid (every problem is listed), the certificate is not
   *     trusted (the message names the endpoint and the presented SHA-256 thumbprint), the endpoint cannot be
   *     reached, or the login fails; the message never contains the password
   */
  public static VsphereAdapter connect(VsphereConfig config) throws AdapterException {
    Objects.requireNonNull(config, "config");
    List<String> problems = config.validate();
    if (!problems.isEmpty()) {
      throw new AdapterException("invalid vSphere connection settings:\n  - " + String.join("\n  - ", problems));
    }
    Logging.quietYavijava();
    TrustPolicy policy;
    try {
      policy = config.trustPolicy();
    } catch (IOException | GeneralSecurityException e) {
      throw new AdapterException("cannot set up TLS trust for " + config.endpoint() + ": " + e.getMessage(), e);
    }
    String endpoint = config.endpoint();
    EndpointTrust trust = EndpointTrust.get();
    try {
      trust.register(endpoint, policy);
    } catch (IllegalStateException e) {
      throw new AdapterException(e.getMessage(), e);
    }
    try {
      Session s = Session.open(config, trust.newSocketFactory());
      URI u = URI.create(config.sdkUrl());
      String authority = u.getPort() < 0 || u.getPort() == 443 ? u.getHost() : u.getHost() + ":" + u.getPort();
      return new VsphereAdapter(config, s, "vsphere://" + authority + "/");
    } catch (AdapterException | RuntimeException e) {
      trust.unregister(endpoint);
      throw e;
    }
  }

  /** {@code vsphere}. */
  @Override
  public String id() {
    return "vsphere";
  }

  /** The endpoint as {@code host:port}. */
  public String endpoint() {
    return endpoint;
  }

  /** The server's product name and version ({@code about.fullName}), for example {@code VMware vCenter Server 8.0.2}. */
  public String serverDescription() {
    return session.fullName();
  }

  /** The server's API version ({@code about.apiVersion}). */
  public String apiVersion() {
    return session.apiVersion();
  }

  /** The prefix of VM sources this adapter produces and accepts: {@code vsphere://<host[:port]>/}. */
  public String sourcePrefix() {
    return sourcePrefix;
  }

  @Override
  public synchronized Inventory inventory() throws AdapterException {
    ensureOpen();
    try {
      return InventoryReader.read(session, config.pageSize(), config.readParallelism(), sourcePrefix);
    } catch (RemoteException e) {
      throw session.unreachable("cannot read the inventory of", e);
    }
  }

  @Override
  public synchronized ApplyResult apply(VmConfiguration vm, FixPlan plan, ApplyOptions options)
      throws AdapterException {
    Objects.requireNonNull(vm, "vm");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(options, "options");
    ensureOpen();
    return fixer.apply(vm, plan, options);
  }

  private void ensureOpen() throws AdapterException {
    if (closed) {
      throw new AdapterException("the vSphere adapter for " + endpoint + " is closed");
    }
  }

  /** Logs out and releases the endpoint's TLS registration; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.logout();
    } finally {
      EndpointTrust.get().unregister(endpoint);
    }
  }

  /** For tests: how many logins the session made. */
  int logins() {
    return session.logins();
  }

  @Override
  public String toString() {
    return "VsphereAdapter{" + endpoint + (closed ? ", closed" : "") + "}";
  }
}
