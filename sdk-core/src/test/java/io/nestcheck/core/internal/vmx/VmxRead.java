package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nestcheck.api.VmConfiguration;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers for {@link VmxReader}. */
final class VmxRead {
  static final VmxReader READER = new VmxReader();

  private VmxRead() {}

  static VmConfiguration read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8), "test.vmx");
  }

  static VmConfiguration read(byte[] bytes, String name) {
    try {
      List<VmConfiguration> vms = READER.read(ExportSource.of(name, bytes));
      if (vms.size() != 1) {
        throw new AssertionError("expected one VM, got " + vms.size());
      }
      return vms.get(0);
    } catch (ExportParseException e) {
      throw new AssertionError("unexpected read error: " + e.getMessage(), e);
    }
  }

  static ExportParseException error(String text) {
    return error(text.getBytes(StandardCharsets.UTF_8), "test.vmx");
  }

  static ExportParseException error(byte[] bytes, String name) {
    ExportParseException e =
        catchThrowableOfType(ExportParseException.class, () -> READER.read(ExportSource.of(name, bytes)));
    if (e == null) {
      throw new AssertionError("expected an ExportParseException");
    }
    return e;
  }

  static byte[] resource(String name) {
    try (InputStream in = VmxRead.class.getResourceAsStream("/vmx/" + name)) {
      if (in == null) {
        throw new AssertionError("missing test resource /vmx/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
