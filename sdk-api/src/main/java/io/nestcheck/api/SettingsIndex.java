package io.nestcheck.api;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * A case-insensitive index over a VM's settings, built once per {@link VmConfiguration} (lazily, on the first
 * lookup): an open-addressing table from the case-folded hash of each distinct key to its first occurrence, and the
 * groups of keys that occur more than once.
 *
 * <p>Lookups allocate nothing: the query key is hashed character by character with the same folding that
 * {@link String#equalsIgnoreCase} uses, and candidates are confirmed with {@code equalsIgnoreCase}. This is what
 * keeps rule evaluation independent of how many neutral settings a real .vmx carries (a vSphere-written file has
 * about a hundred).
 *
 * <p>Immutable after construction; safe to share between threads.
 */
final class SettingsIndex {
  private static final SettingsIndex EMPTY = new SettingsIndex(List.of(), new int[2], List.of());

  private final List<Setting> settings;
  /**
   * Pairs of ints, one pair per slot: index + 1 of the first occurrence of a key (0 for an empty slot), then the
   * key's folded hash. The number of slots is a power of two, at least 3/2 of the distinct keys; one array, so
   * that a probe reads one cache line.
   */
  private final int[] table;
  private final List<List<Setting>> duplicates;

  private SettingsIndex(List<Setting> settings, int[] table, List<List<Setting>> duplicates) {
    this.settings = settings;
    this.table = table;
    this.duplicates = duplicates;
  }

  /** Slots for {@code n} keys: a power of two, at least {@code 3n/2} (and 2). */
  static int capacity(int n) {
    int min = Math.max(2, n + (n + 1) / 2);
    return Integer.highestOneBit(min - 1) << 1;
  }

  static SettingsIndex of(List<Setting> settings) {
    if (settings.isEmpty()) {
      return EMPTY;
    }
    int capacity = capacity(settings.size());
    int[] table = new int[2 * capacity];
    int mask = capacity - 1;
    Map<Integer, List<Setting>> groups = null;
    Folded[] recent = RECENT.get();
    for (int i = 0; i < settings.size(); i++) {
      String key = settings.get(i).key();
      int h = foldedHash(key, recent);
      int at = h & mask;
      while (true) {
        int slot = table[2 * at];
        if (slot == 0) {
          table[2 * at] = i + 1;
          table[2 * at + 1] = h;
          break;
        }
        if (table[2 * at + 1] == h && settings.get(slot - 1).key().equalsIgnoreCase(key)) {
          if (groups == null) {
            groups = new TreeMap<>(); // by index of the first occurrence
          }
          groups.computeIfAbsent(slot - 1, first -> {
            List<Setting> g = new ArrayList<>(2);
            g.add(settings.get(first));
            return g;
          }).add(settings.get(i));
          break;
        }
        at = (at + 1) & mask;
      }
    }
    List<List<Setting>> duplicates = List.of();
    if (groups != null) {
      List<List<Setting>> out = new ArrayList<>(groups.size());
      for (List<Setting> g : groups.values()) {
        out.add(List.copyOf(g));
      }
      duplicates = List.copyOf(out);
    }
    return new SettingsIndex(settings, table, duplicates);
  }

  /** The first setting whose key equals {@code key} ignoring case, or {@code null}. */
  Setting first(String key) {
    int h = foldedHash(key);
    int mask = table.length / 2 - 1;
    int at = h & mask;
    while (true) {
      int slot = table[2 * at];
      if (slot == 0) {
        return null;
      }
      if (table[2 * at + 1] == h) {
        Setting s = settings.get(slot - 1);
        if (s.key().equalsIgnoreCase(key)) {
          return s;
        }
      }
      at = (at + 1) & mask;
    }
  }

  /** Every key that occurs more than once, as its occurrences in source order, in order of first occurrence. */
  List<List<Setting>> duplicates() {
    return duplicates;
  }

  /**
   * A hash equal for any two strings that are {@link String#equalsIgnoreCase equal ignoring case}: each char is
   * folded as {@code toLowerCase(toUpperCase(c))}, the last comparison {@code equalsIgnoreCase} makes.
   */
  static int foldedHash(String s) {
    if (isLowerCaseAscii(s)) {
      // folding changes nothing, so the sum is String.hashCode's, which the string caches
      int h = s.hashCode();
      return h ^ (h >>> 16);
    }
    return fold(s);
  }

  /**
   * {@link #foldedHash} through this thread's table of recent keys: a key object seen before (a parser's shared
   * keys repeat in every file it reads on this thread) is found by its cached {@code String.hashCode} and identity
   * instead of being folded char by char again.
   */
  static int foldedHash(String s, Folded[] recent) {
    int plain = s.hashCode();
    int slot = (plain ^ (plain >>> 16)) & (recent.length - 1);
    Folded known = recent[slot];
    if (known != null && known.key() == s) {
      return known.hash();
    }
    int h = foldedHash(s);
    recent[slot] = new Folded(s, h);
    return h;
  }

  /**
   * Per thread: the last key hashed into each slot, with its folded hash (4,096 slots: a fleet has a few hundred
   * keys; 1,024 left one key in fifteen evicting another on every file). Bounded: at most 4,096 entries of keys
   * the thread's VMs had.
   */
  private static final ThreadLocal<Folded[]> RECENT = ThreadLocal.withInitial(() -> new Folded[4096]);

  /** A key object and its folded hash. */
  record Folded(String key, int hash) {}

  private static int fold(String s) {
    int h = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 'A' && c <= 'Z') {
          c += 'a' - 'A';
        }
      } else {
        c = Character.toLowerCase(Character.toUpperCase(c));
      }
      h = 31 * h + c;
    }
    // spread the bits: keys share long prefixes ("ethernet0.", "scsi0:0.")
    return h ^ (h >>> 16);
  }

  /** Whether every char is ASCII and none is a capital (a loop without a carried dependency, unlike the hash). */
  private static boolean isLowerCaseAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return true;
  }
}
