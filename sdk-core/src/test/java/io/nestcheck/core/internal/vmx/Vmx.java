package io.nestcheck.core.internal.vmx;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nestcheck.api.spi.ExportParseException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Test helpers. */
final class Vmx {
  private Vmx() {}

  static VmxDocument parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  static VmxDocument parse(String text, Charset charset) {
    return parse(text.getBytes(charset));
  }

  static VmxDocument parse(byte[] bytes) {
    try {
      return VmxDocument.parse(bytes, "test.vmx");
    } catch (ExportParseException e) {
      throw new AssertionError("unexpected parse error: " + e.getMessage(), e);
    }
  }

  static ExportParseException error(String text) {
    return error(text.getBytes(StandardCharsets.UTF_8));
  }

  static ExportParseException error(byte[] bytes) {
    ExportParseException e =
        catchThrowableOfType(ExportParseException.class, () -> VmxDocument.parse(bytes, "test.vmx"));
    if (e == null) {
      throw new AssertionError("expected an ExportParseException");
    }
    return e;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
