package io.nestcheck.core.fix;

import io.nestcheck.api.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Edits of a raw settings list, keys compared ignoring case; every edit returns a new list. */
final class Settings {
  private Settings() {}

  /**
   * Sets {@code key} to {@code value}: the first occurrence keeps its position, key case and line and takes the
   * value; later occurrences (duplicates) are dropped; an absent key is appended without a line.
   */
  static List<Setting> set(List<Setting> settings, String key, String value) {
    List<Setting> out = new ArrayList<>(settings.size() + 1);
    boolean seen = false;
    for (Setting s : settings) {
      if (s.key().equalsIgnoreCase(key)) {
        if (!seen) {
          out.add(s.value().equals(value) ? s : Setting.of(s.key(), value, s.line()));
          seen = true;
        }
      } else {
        out.add(s);
      }
    }
    if (!seen) {
      out.add(Setting.of(key, value));
    }
    return out;
  }

  /** Like {@link #set}, but only when the key is already present. */
  static List<Setting> update(List<Setting> settings, String key, String value) {
    return contains(settings, key) ? set(settings, key, value) : settings;
  }

  /** Sets the key when {@code add}, updates it only when present otherwise. */
  static List<Setting> mirror(List<Setting> settings, String key, String value, boolean add) {
    return add ? set(settings, key, value) : update(settings, key, value);
  }

  /** Removes every occurrence of {@code key}. */
  static List<Setting> remove(List<Setting> settings, String key) {
    if (!contains(settings, key)) {
      return settings;
    }
    List<Setting> out = new ArrayList<>(settings.size());
    for (Setting s : settings) {
      if (!s.key().equalsIgnoreCase(key)) {
        out.add(s);
      }
    }
    return out;
  }

  static boolean contains(List<Setting> settings, String key) {
    return first(settings, key).isPresent();
  }

  /** The value of the first occurrence of {@code key}. */
  static Optional<String> first(List<Setting> settings, String key) {
    for (Setting s : settings) {
      if (s.key().equalsIgnoreCase(key)) {
        return Optional.of(s.value());
      }
    }
    return Optional.empty();
  }
}
