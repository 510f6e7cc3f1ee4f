package io.nestcheck.core.internal.ovf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link OvfManifest}: only the digest of the named file changes, with its algorithm, case and spacing. */
class OvfManifestTest {
  private static final byte[] OLD = "old descriptor\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEW = "new descriptor\n".getBytes(StandardCharsets.UTF_8);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @Test
  void rewritesTheSha256LineOfTheDescriptorOnly() {
    String disk = "SHA256(vm-disk1.vmdk)= " + OvfManifest.digest("SHA256", new byte[] {1, 2}) + "\n";
    String mf = "SHA256(vm.ovf)= " + OvfManifest.digest("SHA256", OLD) + "\n" + disk;
    OvfManifest.Update u = OvfManifest.update(bytes(mf), "vm.ovf", OLD, NEW).orElseThrow();
    assertThat(text(u.bytes())).isEqualTo("SHA256(vm.ovf)= " + OvfManifest.digest("SHA256", NEW) + "\n" + disk);
    assertThat(u.algorithms()).containsExactly("SHA256");
    assertThat(u.matchedBefore()).isTrue();
  }

  @Test
  void keepsSha1SpacingCaseAndLineEndings() {
    String oldHex = OvfManifest.digest("SHA1", OLD).toUpperCase(java.util.Locale.ROOT);
    String mf = "SHA1(vm.mf-not)= 00\r\n  SHA1(vm.ovf) = " + oldHex + " \r\nSHA1(other.ovf)= 11";
    OvfManifest.Update u = OvfManifest.update(bytes(mf), "vm.ovf", OLD, NEW).orElseThrow();
    assertThat(text(u.bytes())).isEqualTo("SHA1(vm.mf-not)= 00\r\n  SHA1(vm.ovf) = "
        + OvfManifest.digest("SHA1", NEW).toUpperCase(java.util.Locale.ROOT) + " \r\nSHA1(other.ovf)= 11");
    assertThat(OvfManifest.digest("SHA1", NEW)).hasSize(40);
  }

  @Test
  void updatesEveryLineThatNamesTheFileAndReportsAStaleDigest() {
    String mf = "SHA512(./vm.ovf)= ab\nSHA256(vm.ovf)=" + OvfManifest.digest("SHA256", OLD) + "\n";
    OvfManifest.Update u = OvfManifest.update(bytes(mf), "vm.ovf", OLD, NEW).orElseThrow();
    assertThat(text(u.bytes())).isEqualTo("SHA512(./vm.ovf)= " + OvfManifest.digest("SHA512", NEW)
        + "\nSHA256(vm.ovf)=" + OvfManifest.digest("SHA256", NEW) + "\n");
    assertThat(u.algorithms()).containsExactly("SHA512", "SHA256");
    assertThat(u.matchedBefore()).isFalse();
  }

  @Test
  void aManifestThatDoesNotListTheFileIsNotChanged() {
    assertThat(OvfManifest.update(bytes("SHA256(disk.vmdk)= 00\n"), "vm.ovf", OLD, NEW)).isEqualTo(Optional.empty());
    assertThat(OvfManifest.update(bytes(""), "vm.ovf", OLD, NEW)).isEmpty();
    assertThat(OvfManifest.lists(bytes("SHA1(vm.ovf)= 00"), "vm.ovf")).isTrue();
  }
}
