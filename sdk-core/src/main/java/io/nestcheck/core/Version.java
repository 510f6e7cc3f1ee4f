package io.nestcheck.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of nestcheck, from the build.
 *
 * @since 0.1
 */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/io/nestcheck/core/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The version, for example {@code 0.1.0}; {@code unknown} when run from unpackaged classes. Never {@code null}. */
  public static String current() {
    return VERSION;
  }

  /** The project home page. */
  public static String homepage() {
    return "https://github.com/nestcheck/nestcheck";
  }
}
