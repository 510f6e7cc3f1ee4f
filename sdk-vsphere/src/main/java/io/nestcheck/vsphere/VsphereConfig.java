package io.nestcheck.vsphere;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How to reach one vCenter or ESXi endpoint: URL, user, where the password comes from, how to trust the server's
 * TLS certificate, timeouts and the page size of inventory reads. Immutable; build it with {@link #builder()}.
 *
 * <p>The password is never part of the value: the configuration names its <em>source</em> (an environment variable
 * or a file, read when the adapter logs in, also on a re-login), so it never appears on a command line, in {@link
 * #toString()} or in a log.
 *
 * <p>TLS trust, one of:
 * <ul>
 *   <li>{@link TrustMode#JVM_DEFAULT} (the default): CA validation against the JVM trust store, with hostname
 *       verification;
 *   <li>{@link TrustMode#TRUST_STORE}: CA validation against a given trust store (PKCS12, JKS or a PEM file of
 *       certificates), with hostname verification;
 *   <li>{@link TrustMode#PINNED}: exactly the certificate with a given SHA-256 thumbprint (the pin is the
 *       identity, so no hostname or expiry check);
 *   <li>{@link TrustMode#INSECURE}: any certificate. Only on explicit request; callers should print a warning.
 * </ul>
 *
 * <p>{@link #validate()} lists every problem at once; {@link VsphereAdapter#connect} refuses an invalid
 * configuration with all of them in one message.
 *
 * @since 0.1
 */
public final class VsphereConfig {

  /** How the server certificate is trusted. */
  public enum TrustMode {
    /** CA validation against the JVM's trust store, with hostname verification. */
    JVM_DEFAULT,
    /** CA validation against a given trust store, with hostname verification. */
    TRUST_STORE,
    /** Only the certificate with the pinned SHA-256 thumbprint. */
    PINNED,
    /** Any certificate (no protection against an active attacker). */
    INSECURE
  }

  /** The default connect timeout: 15 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
  /** The default read timeout: 5 minutes (a large inventory page takes a while on a busy vCenter). */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
  /** The default page size of inventory reads ({@code RetrieveOptions.maxObjects}). */
  public static final int DEFAULT_PAGE_SIZE = 500;
  /** The largest page size accepted. */
  public static final int MAX_PAGE_SIZE = 10_000;
  /** The default number of concurrent VM reads of an inventory read ({@link #readParallelism()}). */
  public static final int DEFAULT_READ_PARALLELISM = 2;
  /** The largest number of concurrent VM reads accepted. */
  public static final int MAX_READ_PARALLELISM = 8;

  private final String rawUrl;
  private final String user;
  private final PasswordSource password;
  private final Set<TrustMode> modes;
  private final Path trustStore;
  private final char[] trustStorePassword;
  private final String rawThumbprint;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int pageSize;
  private final int readParallelism;
  private final Function<String, String> env;

  private VsphereConfig(Builder b) {
    this.rawUrl = b.url;
    this.user = b.user;
    this.password = b.password;
    this.modes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.modes));
    this.trustStore = b.trustStore;
    this.trustStorePassword = b.trustStorePassword == null ? null : b.trustStorePassword.clone();
    this.rawThumbprint = b.thumbprint;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.pageSize = b.pageSize;
    this.readParallelism = b.readParallelism;
    this.env = b.env;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  // --- accessors --------------------------------------------------------------------------------------------------

  /** The SDK URL, normalized ({@code https://host[:port]/sdk}); empty when the URL is missing or invalid. */
  public Optional<String> url() {
    try {
      return Optional.of(normalize(rawUrl).toString());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The endpoint as {@code host:port} (lower case), for messages; empty when the URL is missing or invalid. */
  public String endpoint() {
    try {
      URI u = normalize(rawUrl);
      return EndpointTrust.key(u.getHost(), u.getPort() < 0 ? 443 : u.getPort());
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** The user name, or an empty string when not set. */
  public String user() {
    return user == null ? "" : user;
  }

  /** Where the password comes from, for messages: {@code environment variable NAME}, {@code file PATH}, ... */
  public String passwordSource() {
    return password == null ? "none" : password.description;
  }

  /** The trust mode ({@link TrustMode#JVM_DEFAULT} when none was chosen). */
  public TrustMode trustMode() {
    return modes.isEmpty() ? TrustMode.JVM_DEFAULT : modes.iterator().next();
  }

  /** Whether certificate checks are switched off; callers should warn the user. */
  public boolean isInsecure() {
    return modes.contains(TrustMode.INSECURE);
  }

  /** The trust store file, in {@link TrustMode#TRUST_STORE}. */
  public Optional<Path> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /** The pinned SHA-256 thumbprint in canonical form ({@code AA:BB:...}), in {@link TrustMode#PINNED}. */
  public Optional<String> thumbprint() {
    return rawThumbprint == null ? Optional.empty() : Thumbprints.normalize(rawThumbprint);
  }

  /** The TCP connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The read timeout of one SOAP call. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** The page size of inventory reads ({@code RetrieveOptions.maxObjects}). */
  public int pageSize() {
    return pageSize;
  }

  /**
   * How many {@code RetrievePropertiesEx} requests an inventory read runs at once for the VMs' properties: the VM
   * references are read first and split into this many equal parts, read concurrently (each paged, each part after
   * the first through a PropertyCollector of its own). {@code 1} reads every object and property in a single
   * request.
   */
  public int readParallelism() {
    return readParallelism;
  }

  // --- validation -------------------------------------------------------------------------------------------------

  /**
   * Every problem of this configuration, in a stable order; empty when it can be used. Reads the password source
   * and the trust store to check them, but never reports their content.
   */
  public List<String> validate() {
    List<String> problems = new ArrayList<>();
    if (rawUrl == null || rawUrl.isBlank()) {
      problems.add("the vCenter/ESXi URL is missing (for example https://vcenter.example.com/sdk)");
    } else {
      try {
        normalize(rawUrl);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (user == null || user.isBlank()) {
      problems.add("the user name is missing");
    }
    if (password == null) {
      problems.add("no password source: read the password from an environment variable or a file");
    } else {
      String p = password.problem(env);
      if (p != null) {
        problems.add(p);
      }
    }
    if (modes.size() > 1) {
      problems.add("conflicting TLS trust settings: " + describe(modes) + "; choose one");
    }
    if (modes.contains(TrustMode.PINNED)) {
      if (rawThumbprint == null || rawThumbprint.isBlank()) {
        problems.add("the pinned thumbprint is empty");
      } else if (Thumbprints.normalize(rawThumbprint).isEmpty()) {
        problems.add(Thumbprints.problem(rawThumbprint));
      }
    }
    if (modes.contains(TrustMode.TRUST_STORE)) {
      if (trustStore == null) {
        problems.add("the trust store file is missing");
      } else if (!Files.isRegularFile(trustStore)) {
        problems.add("the trust store " + trustStore + " does not exist or is not a file");
      } else if (!Files.isReadable(trustStore)) {
        problems.add("the trust store " + trustStore + " is not readable");
      } else {
        try {
          KeyStore ks = loadTrustStore();
          if (ks.size() == 0) {
            problems.add("the trust store " + trustStore + " contains no certificate"
                + (trustStorePassword == null ? " that can be read without its password (PKCS12 stores usually "
                    + "encrypt their certificates: give the store's password)" : ""));
          }
        } catch (IOException | GeneralSecurityException e) {
          problems.add("the trust store " + trustStore + " cannot be read (wrong password or format?): "
              + e.getMessage());
        }
      }
    }
    if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
      problems.add("the connect timeout must be positive");
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      problems.add("the read timeout must be positive");
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      problems.add("the page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + pageSize);
    }
    if (readParallelism < 1 || readParallelism > MAX_READ_PARALLELISM) {
      problems.add("the read parallelism must be between 1 and " + MAX_READ_PARALLELISM + ", got "
          + readParallelism);
    }
    return problems;
  }

  private static String describe(Collection<TrustMode> modes) {
    List<String> names = new ArrayList<>();
    for (TrustMode m : TrustMode.values()) {
      if (modes.contains(m)) {
        names.add(m.name().toLowerCase(Locale.ROOT).replace('_', ' '));
      }
    }
    return String.join(" and ", names);
  }

  /** {@code https://host[:port]/sdk} from what a user typed (a host, {@code host:port}, or a URL). */
  static URI normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("the vCenter/ESXi URL is missing");
    }
    String s = raw.strip();
    if (!s.contains("://")) {
      s = "https://" + s;
    }
    URI u;
    try {
      u = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the URL \"" + raw + "\" is not valid: " + e.getReason());
    }
    if (!"https".equalsIgnoreCase(u.getScheme())) {
      throw new IllegalArgumentException("the URL \"" + raw + "\" must use https (the password is sent to it)");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException("the URL \"" + raw + "\" has no host name");
    }
    if (u.getUserInfo() != null) {
      throw new IllegalArgumentException("the URL must not contain a user or password; use the user setting and a "
          + "password source");
    }
    String path = u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/") ? "/sdk" : u.getPath();
    try {
      return new URI("https", null, u.getHost(), u.getPort(), path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the URL \"" + raw + "\" is not valid: " + e.getReason());
    }
  }

  // --- package-private use by the adapter --------------------------------------------------------------------------

  String sdkUrl() {
    return normalize(rawUrl).toString();
  }

  /** Reads the password from its source; the caller clears the array. */
  char[] password() {
    if (password == null) {
      throw new IllegalStateException("no password source");
    }
    return password.read(env);
  }

  /** The trust policy for this configuration. */
  TrustPolicy trustPolicy() throws IOException, GeneralSecurityException {
    switch (trustMode()) {
      case TRUST_STORE:
        return TrustPolicy.trustStore(trustStore.toString(), loadTrustStore());
      case PINNED:
        return TrustPolicy.pinned(thumbprint().orElseThrow());
      case INSECURE:
        return TrustPolicy.insecure();
      default:
        return TrustPolicy.jvmDefault();
    }
  }

  /** Loads the trust store: PKCS12 or JKS (by content), or a PEM file with one or more certificates. */
  KeyStore loadTrustStore() throws IOException, GeneralSecurityException {
    byte[] bytes = Files.readAllBytes(trustStore);
    String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).stripLeading();
    if (head.startsWith("-----BEGIN")) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(bytes))) {
        ks.setCertificateEntry("pem-" + i++, c);
      }
      return ks;
    }
    return KeyStore.getInstance(trustStore.toFile(), trustStorePassword);
  }

  @Override
  public String toString() {
    String trust;
    switch (trustMode()) {
      case TRUST_STORE:
        trust = "trust store " + trustStore + (trustStorePassword != null ? " (password ****)" : "");
        break;
      case PINNED:
        trust = "pinned SHA-256 " + thumbprint().orElse("<invalid>");
        break;
      case INSECURE:
        trust = "INSECURE (any certificate)";
        break;
      default:
        trust = "JVM trust store";
    }
    if (modes.size() > 1) {
      trust = "conflicting: " + describe(modes);
    }
    return "VsphereConfig{url=" + url().orElse(String.valueOf(rawUrl)) + ", user=" + user()
        + ", password=<" + passwordSource() + ">, trust=" + trust + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", pageSize=" + pageSize
        + ", readParallelism=" + readParallelism + "}";
  }

  // --- password sources -------------------------------------------------------------------------------------------

  private static final class PasswordSource {
    final String description;
    final String envName;
    final Path file;
    final Supplier<char[]> supplier;

    private PasswordSource(String description, String envName, Path file, Supplier<char[]> supplier) {
      this.description = description;
      this.envName = envName;
      this.file = file;
      this.supplier = supplier;
    }

    String problem(Function<String, String> env) {
      if (envName != null) {
        if (envName.isBlank()) {
          return "the password environment variable name is empty";
        }
        String v = env.apply(envName);
        return v == null || v.isEmpty() ? "the environment variable " + envName + " (the password) is not set or "
            + "empty" : null;
      }
      if (file != null) {
        if (!Files.isRegularFile(file)) {
          return "the password file " + file + " does not exist or is not a file";
        }
        if (!Files.isReadable(file)) {
          return "the password file " + file + " is not readable";
        }
        char[] p = null;
        try {
          p = readFile(file);
          return p.length == 0 ? "the password file " + file + " is empty" : null;
        } catch (IOException e) {
          return "the password file " + file + " cannot be read: " + e.getMessage();
        } finally {
          if (p != null) {
            Arrays.fill(p, '\0');
          }
        }
      }
      return supplier == null ? "no password source" : null;
    }

    char[] read(Function<String, String> env) {
      if (envName != null) {
        String v = env.apply(envName);
        if (v == null || v.isEmpty()) {
          throw new IllegalStateException("the environment variable " + envName + " is not set or empty");
        }
        return v.toCharArray();
      }
      if (file != null) {
        try {
          return readFile(file);
        } catch (IOException e) {
          throw new IllegalStateException("the password file " + file + " cannot be read: " + e.getMessage(), e);
        }
      }
      char[] p = supplier.get();
      if (p == null) {
        throw new IllegalStateException("the password supplier returned null");
      }
      return p;
    }

    /** The file's content as UTF-8, without one trailing line break. */
    private static char[] readFile(Path file) throws IOException {
      byte[] bytes = Files.readAllBytes(file);
      try {
        CharBuffer cb = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        int end = cb.limit();
        if (end > 0 && cb.get(end - 1) == '\n') {
          end--;
          if (end > 0 && cb.get(end - 1) == '\r') {
            end--;
          }
        }
        char[] out = new char[end];
        cb.get(out, 0, end);
        Arrays.fill(cb.array(), '\0');
        return out;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  /**
   * Builds {@link VsphereConfig} values. {@link #build()} never throws; call {@link VsphereConfig#validate()} for the
   * problems.
   */
  public static final class Builder {
    private String url;
    private String user;
    private PasswordSource password;
    private final Set<TrustMode> modes = new LinkedHashSet<>();
    private Path trustStore;
    private char[] trustStorePassword;
    private String thumbprint;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int readParallelism = DEFAULT_READ_PARALLELISM;
    private Function<String, String> env = System::getenv;

    private Builder() {}

    /** The vCenter or ESXi address: {@code vc.example.com}, {@code vc:8443} or {@code https://vc/sdk}. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /** The user, for example {@code administrator@vsphere.local}. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** Reads the password from environment variable {@code name} (at each login). */
    public Builder passwordFromEnv(String name) {
      this.password = new PasswordSource("environment variable " + name, Objects.requireNonNull(name, "name"), null,
          null);
      return this;
    }

    /** Reads the password from {@code file} (UTF-8, one trailing line break ignored; at each login). */
    public Builder passwordFromFile(Path file) {
      this.password = new PasswordSource("file " + file, null, Objects.requireNonNull(file, "file"), null);
      return this;
    }

    /**
     * For programs embedding the SDK: a supplier called at each login; the adapter clears the returned array after
     * use. Command lines should use {@link #passwordFromEnv} or {@link #passwordFromFile}.
     */
    public Builder passwordSupplier(Supplier<char[]> supplier) {
      this.password = new PasswordSource("supplied by the application", null, null,
          Objects.requireNonNull(supplier, "supplier"));
      return this;
    }

    /** CA validation against the JVM trust store (the default). */
    public Builder trustJvmDefault() {
      modes.add(TrustMode.JVM_DEFAULT);
      return this;
    }

    /**
     * CA validation against {@code file} without a store password: a PEM file of certificates, a JKS store, or a
     * PKCS12 store whose certificates are not encrypted (Java encrypts them by default: use {@link
     * #trustStore(Path, char[])}).
     */
    public Builder trustStore(Path file) {
      return trustStore(file, null);
    }

    /** CA validation against {@code file} with its password (copied). */
    public Builder trustStore(Path file, char[] password) {
      modes.add(TrustMode.TRUST_STORE);
      this.trustStore = file;
      this.trustStorePassword = password == null ? null : password.clone();
      return this;
    }

    /** Trusts exactly the certificate with this SHA-256 thumbprint ({@code AA:BB:...}, case and colons optional). */
    public Builder pinThumbprint(String sha256) {
      modes.add(TrustMode.PINNED);
      this.thumbprint = sha256;
      return this;
    }

    /** Trusts any certificate. Use only for labs; tell the user. */
    public Builder insecureTrustAll() {
      modes.add(TrustMode.INSECURE);
      return this;
    }

    /** The TCP connect timeout (default 15 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** The read timeout of one SOAP call (default 5 min). */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /** The page size of inventory reads (default 500; 1 to 10000). */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * How many requests an inventory read runs at once for the VMs' properties (default 2; 1 to 8; 1: everything
     * in one request). A large read is CPU-bound on both ends (the server encoding, the client parsing several
     * MB of XML), so splitting it lets both use more than one core; each further part costs three more calls (its
     * read, and a PropertyCollector of its own created and destroyed).
     */
    public Builder readParallelism(int readParallelism) {
      this.readParallelism = readParallelism;
      return this;
    }

    /** For tests: how environment variables are read. */
    Builder env(Function<String, String> env) {
      this.env = Objects.requireNonNull(env);
      return this;
    }

    /** The configuration; never throws (see {@link VsphereConfig#validate()}). */
    public VsphereConfig build() {
      return new VsphereConfig(this);
    }
  }
}
