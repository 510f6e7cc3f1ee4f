package io.nestcheck.core.internal.vmx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parser's per-thread table of the keys and short values it has built {@code String}s for, so that a text seen
 * again (in this file or an earlier one) comes back as the same {@code String}: a fleet's files repeat the same
 * hundred or so keys ({@code ethernet0.virtualDev}, {@code guestOS}) and values ({@code TRUE}, {@code vmxnet3}).
 * A repeated key then costs no allocation, and its hash, which the parser's index, the model's settings index and
 * every rule's lookup compute, is the one its {@code String} has cached.
 *
 * <p>Each text hashes to a set of two slots, which keep the last two texts that hashed to it (a bounded cache,
 * never a growing one): with one slot per text, two keys of a fleet that shared a slot took turns evicting each
 * other in every file (about one key in twenty missed). Texts longer than {@link #MAX_LENGTH} are not kept.
 * Confined to one thread: each thread has its own table of keys ({@link #keysOfThisThread()}) and of values
 * ({@link #valuesOfThisThread()}).
 * The strings it returns are ordinary immutable strings, safe to share. What a thread keeps is bounded: at most
 * 2,048 keys of up to 48 characters and 2,048 values of up to 16 (a few hundred KB at worst, a few tens of KB for a
 * fleet's usual few hundred keys), like the other per-thread buffers of the read path (the 8 KiB head buffer).
 */
final class VmxTexts {
  static final int MAX_LENGTH = 48;
  private static final int SLOTS = 2048;
  private static final ThreadLocal<VmxTexts> KEYS = ThreadLocal.withInitial(VmxTexts::new);
  private static final ThreadLocal<VmxTexts> VALUES = ThreadLocal.withInitial(VmxTexts::new);

  private final char[][] texts = new char[SLOTS][];
  private final String[] strings = new String[SLOTS];
  /** For a key: its lower-case form (the same string when it has no capitals); {@code null} for a value. */
  private final String[] lowers = new String[SLOTS];
  /**
   * For values: the hash last seen per set (at the set's first slot). A value is kept only when it comes a second
   * time, so that the values that are unique to a file (names, file names, sizes) neither pay for a copy into the
   * table nor evict the ones that repeat ({@code TRUE}, {@code vmxnet3}).
   */
  private final int[] seen = new int[SLOTS];
  private String lastLowerKey;
  private byte[] scratch = new byte[MAX_LENGTH];

  /** This thread's table for keys (use only {@link #key} on it). */
  static VmxTexts keysOfThisThread() {
    return KEYS.get();
  }

  /** This thread's table for values (use only {@link #value} on it). */
  static VmxTexts valuesOfThisThread() {
    return VALUES.get();
  }

  /**
   * The key in {@code chars[from, to)} (ASCII by the grammar) as a string, equal to
   * {@code new String(chars, from, to - from)}; {@link #lastLowerKey()} then gives its lower-case form. {@code hash}
   * is the characters' {@link #hash}, which the parser sums while it scans them.
   */
  String key(char[] chars, int from, int to, int hash) {
    int slot = slot(chars, from, to, hash, true);
    if (slot >= 0) {
      lastLowerKey = lowers[slot];
      return strings[slot];
    }
    String key = latin1(chars, from, to, false);
    lastLowerKey = lowerOf(key, chars, from, to);
    return key;
  }

  /** The lower-case form ({@code toLowerCase(Locale.ROOT)}) of the key {@link #key} returned last. */
  String lastLowerKey() {
    return lastLowerKey;
  }

  /**
   * The text in {@code chars[from, to)}, equal to {@code new String(chars, from, to - from)}; {@code hash} is the
   * characters' {@link #hash}.
   */
  String value(char[] chars, int from, int to, int hash) {
    int slot = slot(chars, from, to, hash, false);
    if (slot >= 0) {
      return strings[slot];
    }
    return new String(chars, from, to - from);
  }

  /**
   * The slot holding these characters, filled now if needed; -1 for a text too long to keep, or a value seen for
   * the first time.
   */
  private int slot(char[] chars, int from, int to, int hash, boolean key) {
    int len = to - from;
    if (len > MAX_LENGTH) {
      return -1;
    }
    int set = set(hash);
    char[] t = texts[set];
    if (t != null && Arrays.equals(t, 0, t.length, chars, from, to)) {
      return set;
    }
    t = texts[set + 1];
    if (t != null && Arrays.equals(t, 0, t.length, chars, from, to)) {
      return set + 1;
    }
    if (!key && seen[set] != hash) {
      seen[set] = hash; // first sight: build it plainly
      return -1;
    }
    // the newer text goes first, the older one moves to the second slot, and the second slot's text is dropped
    texts[set + 1] = texts[set];
    strings[set + 1] = strings[set];
    lowers[set + 1] = lowers[set];
    char[] copy = new char[len];
    System.arraycopy(chars, from, copy, 0, len);
    texts[set] = copy;
    if (key) {
      String k = latin1(chars, from, to, false);
      strings[set] = k;
      lowers[set] = lowerOf(k, chars, from, to);
    } else {
      strings[set] = new String(chars, from, len);
      lowers[set] = null;
    }
    return set;
  }

  /** The first of the two slots a text of this {@link #hash} may be kept in (an even number). */
  static int set(int hash) {
    return (hash ^ (hash >>> 11) ^ (hash >>> 22)) & (SLOTS - 2);
  }

  /** The hash {@link #key} and {@link #value} take: {@code String.hashCode}'s sum over the characters. */
  static int hash(char[] chars, int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + chars[i];
    }
    return h;
  }

  /** The lower-case form of {@code key}, the text in {@code chars[from, to)}: the same string if it has no capitals. */
  private String lowerOf(String key, char[] chars, int from, int to) {
    return hasUpperCase(chars, from, to) ? latin1(chars, from, to, true) : key;
  }

  private static boolean hasUpperCase(char[] chars, int from, int to) {
    for (int k = from; k < to; k++) {
      if (chars[k] >= 'A' && chars[k] <= 'Z') {
        return true;
      }
    }
    return false;
  }

  /**
   * ASCII characters as a Latin-1 string, lower-cased if asked: equal to {@code new String(...)} (and its
   * {@code toLowerCase(Locale.ROOT)}) without inflating or compressing characters.
   */
  private String latin1(char[] chars, int from, int to, boolean lower) {
    int len = to - from;
    if (scratch.length < len) {
      scratch = new byte[Math.max(len, scratch.length * 2)];
    }
    byte[] b = scratch;
    for (int k = 0; k < len; k++) {
      char c = chars[from + k];
      if (lower && c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      b[k] = (byte) c;
    }
    return new String(b, 0, len, StandardCharsets.ISO_8859_1);
  }
}
