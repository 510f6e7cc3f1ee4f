package io.nestcheck.core.internal.ovf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Updates the digest of one file in an OVF package manifest ({@code .mf}, DSP0243 §5.2): lines such as {@code
 * SHA256(name.ovf)= 0123...} (ovftool's form), {@code SHA1(name.ovf)= ...} or {@code SHA256(name.ovf) = ...}.
 * Internal: public only for other packages of nestcheck-core. Stateless.
 *
 * <p>Contract: only the hexadecimal digest of the lines that name the file changes (same algorithm, same case of
 * hex digits as before); every other byte of the manifest, including other lines, spacing and line endings, is
 * kept. Algorithms: SHA1, SHA224, SHA256, SHA384, SHA512 (and MD5, which old packages use). The manifest is
 * handled as bytes (ISO-8859-1), so any encoding of other lines survives.
 */
public final class OvfManifest {
  private static final Pattern LINE = Pattern.compile(
      "([ \\t]*)(SHA1|SHA224|SHA256|SHA384|SHA512|MD5)\\((.*)\\)([ \\t]*=[ \\t]*)([0-9A-Fa-f]+)([ \\t]*)");
  private static final Pattern ANY_LINE = Pattern.compile("[^\r\n]*(\r\n|\r|\n)?");

  /** The largest manifest handled: 16 MiB (real manifests list a few files in a few hundred bytes). */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private OvfManifest() {}

  /**
   * The result of {@link #update}.
   *
   * @param bytes the new manifest
   * @param algorithms the algorithms of the lines updated, in order (for example {@code SHA256})
   * @param matchedBefore whether every updated line held the digest of the old content (false: the manifest was
   *     already inconsistent with the file)
   */
  public record Update(byte[] bytes, List<String> algorithms, boolean matchedBefore) {
    /** Copies the list. */
    public Update {
      Objects.requireNonNull(bytes, "bytes");
      algorithms = List.copyOf(algorithms);
    }
  }

  /**
   * Rewrites the digest lines of {@code fileName} for {@code newContent}.
   *
   * @param manifest the manifest bytes
   * @param fileName the name the manifest lists the file under (a leading {@code ./} in the manifest is ignored)
   * @param oldContent the file's current content, to tell whether the manifest matched it
   * @param newContent the file's new content
   * @return the new manifest; empty when no line names the file
   */
  public static Optional<Update> update(byte[] manifest, String fileName, byte[] oldContent, byte[] newContent) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(fileName, "fileName");
    String text = new String(manifest, StandardCharsets.ISO_8859_1);
    StringBuilder out = new StringBuilder(text.length() + 64);
    List<String> algorithms = new ArrayList<>();
    boolean matched = true;
    Matcher lines = ANY_LINE.matcher(text);
    int at = 0;
    while (at < text.length() && lines.find(at)) {
      String whole = lines.group();
      String terminator = lines.group(1) == null ? "" : lines.group(1);
      String line = whole.substring(0, whole.length() - terminator.length());
      Matcher m = LINE.matcher(line);
      if (m.matches() && names(m.group(3), fileName)) {
        String algorithm = m.group(2);
        String oldHex = m.group(5);
        matched &= oldHex.equalsIgnoreCase(digest(algorithm, oldContent));
        String newHex = digest(algorithm, newContent);
        if (!oldHex.equals(oldHex.toLowerCase(Locale.ROOT))) {
          newHex = newHex.toUpperCase(Locale.ROOT);
        }
        out.append(line, 0, m.start(5)).append(newHex).append(line, m.end(5), line.length()).append(terminator);
        algorithms.add(algorithm);
      } else {
        out.append(whole);
      }
      at = lines.end();
    }
    if (algorithms.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Update(out.toString().getBytes(StandardCharsets.ISO_8859_1), algorithms, matched));
  }

  /** Whether the manifest lists {@code fileName} for {@code listed}. */
  public static boolean lists(byte[] manifest, String fileName) {
    return update(manifest, fileName, new byte[0], new byte[0]).isPresent();
  }

  private static boolean names(String listed, String fileName) {
    String l = listed.strip();
    return l.equals(fileName) || l.startsWith("./") && l.substring(2).equals(fileName);
  }

  /** The lower-case hex digest of {@code content} with the manifest algorithm {@code algorithm}. */
  public static String digest(String algorithm, byte[] content) {
    String jca = algorithm.equals("MD5") ? "MD5" : "SHA-" + algorithm.substring(3);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + jca, e);
    }
  }
}
