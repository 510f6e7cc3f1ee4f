package io.nestcheck.cli;

import io.nestcheck.api.spi.AdapterException;
import io.nestcheck.vsphere.VsphereAdapter;
import io.nestcheck.vsphere.VsphereConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Connecting to vSphere. The password never comes from the command line: it is read from an environment variable
 * ({@code NESTCHECK_VSPHERE_PASSWORD} by default) or a file, and never logged.
 */
final class VsphereOptions {
  @Option(names = "--vsphere", paramLabel = "URL", description = "Scan a live vSphere inventory, e.g. https://vcenter.example.com/sdk.")
  Optional<String> url = Optional.empty();

  @Option(names = "--user", paramLabel = "USER", description = "vSphere user (default: $NESTCHECK_VSPHERE_USER).")
  Optional<String> user = Optional.empty();

  @Option(names = "--password-env", paramLabel = "VAR", defaultValue = "NESTCHECK_VSPHERE_PASSWORD",
      description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the password (first line).")
  Optional<Path> passwordFile = Optional.empty();

  @Option(names = "--trust-store", paramLabel = "FILE", description = "Trust store (PKCS12, JKS or PEM) for the server certificate.")
  Optional<Path> trustStore = Optional.empty();

  @Option(names = "--thumbprint", paramLabel = "SHA256", description = "Pin the server certificate's SHA-256 thumbprint (AA:BB:...).")
  Optional<String> thumbprint = Optional.empty();

  @Option(names = "--insecure", description = "Trust any server certificate (tests only; prints a warning).")
  boolean insecure;

  @Option(names = "--read-parallelism", paramLabel = "N",
      description = "Concurrent requests for the VMs' properties in the inventory read, 1 to 8 (default: 2; 1 reads "
          + "everything in one request, the lightest load on a busy vCenter).")
  int readParallelism = VsphereConfig.DEFAULT_READ_PARALLELISM;

  boolean present() {
    return url.isPresent();
  }

  VsphereAdapter connect(CommandLine cl) {
    VsphereConfig.Builder b = VsphereConfig.builder().url(url.get())
        .user(user.or(() -> Optional.ofNullable(System.getenv("NESTCHECK_VSPHERE_USER"))).orElse(""));
    if (passwordFile.isPresent()) {
      b.passwordFromFile(passwordFile.get());
    } else {
      b.passwordFromEnv(passwordEnv);
    }
    if (insecure) {
      cl.getErr().println("nestcheck: WARNING: --insecure trusts any certificate; anyone on the network path can read the credentials");
      b.insecureTrustAll();
    } else if (thumbprint.isPresent()) {
      b.pinThumbprint(thumbprint.get());
    } else if (trustStore.isPresent()) {
      b.trustStore(trustStore.get());
    }
    VsphereConfig config = b.readParallelism(readParallelism).build();
    List<String> problems = config.validate();
    if (!problems.isEmpty()) {
      throw new CommandLine.ParameterException(cl, "vSphere settings: " + String.join("; ", problems));
    }
    try {
      return VsphereAdapter.connect(config);
    } catch (AdapterException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
  }
}
