package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * What a finding is about: the VM itself, one of its devices, the host, or a network.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableSubject.class)
@JsonDeserialize(as = ImmutableSubject.class)
public abstract class Subject implements WithSubject {

  /** The kind of subject. */
  public enum Kind {
    /** The VM as a whole. */
    VM,
    /** A device of the VM (NIC, controller, disk, peripheral). */
    DEVICE,
    /** The outer host. */
    HOST,
    /** A network or port group. */
    NETWORK
  }

  /** The kind. */
  @Value.Parameter
  public abstract Kind kind();

  /** The id within the kind: the VM name, a device id such as {@code ethernet0}, a host or port-group name. */
  @Value.Parameter
  public abstract String id();

  /** A subject. */
  public static Subject of(Kind kind, String id) {
    return ImmutableSubject.of(kind, id);
  }

  /** The VM named {@code name}. */
  public static Subject vm(String name) {
    return of(Kind.VM, name);
  }

  /** The device {@code id}. */
  public static Subject device(String id) {
    return of(Kind.DEVICE, id);
  }

  /** The host {@code name}. */
  public static Subject host(String name) {
    return of(Kind.HOST, name);
  }

  /** The network {@code name}. */
  public static Subject network(String name) {
    return of(Kind.NETWORK, name);
  }

  @Override
  public String toString() {
    return kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + id();
  }
}
