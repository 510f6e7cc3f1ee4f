package io.nestcheck.core.scan;

import io.nestcheck.api.ScanError;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Finds the files a scan reads: every file named directly, and below every folder the files matching the include
 * globs and none of the exclude globs, in a deterministic order: within each root sorted by path
 * ({@link Path#compareTo}), roots in the order given. Links are followed; a loop of links, a folder that cannot be
 * listed (what was listed before a failure is kept) or a root that does not exist becomes a {@link ScanError}, and
 * discovery goes on; a dangling link is skipped (it is neither a file nor a folder), and an excluded folder is not
 * entered, so nothing in it is reported.
 * Folders are listed, and their entries looked at, on up to four threads; what is found does not depend on them:
 * each root's errors come in the order of the paths they are about.
 *
 * <p>Globs use {@link java.nio.file.FileSystem#getPathMatcher} syntax and match the path relative to its root
 * (for example {@code **}{@code /*.vmx}, {@code archive/**}). The default includes are the export file types.
 *
 * @since 0.1
 */
public final class FileDiscovery {
  /** The default include globs: the file types the built-in readers handle. */
  public static final List<String> DEFAULT_INCLUDES = List.of("**.vmx", "**.ovf", "**.ova", "**.xml", "**.json");
  /** U+FFFD, the character a decoder puts for bytes it cannot decode. */
  private static final char REPLACEMENT = (char) 0xFFFD;

  private FileDiscovery() {}

  /** The files found and the problems met. */
  public record Result(List<Path> files, List<ScanError> errors) {
    /** Copies the lists. */
    public Result {
      files = List.copyOf(files);
      errors = List.copyOf(errors);
    }
  }

  /**
   * Discovers files.
   *
   * @param roots files and folders; never {@code null}
   * @param includes include globs; empty means {@link #DEFAULT_INCLUDES}
   * @param excludes exclude globs
   * @return files and errors; never {@code null}
   */
  public static Result discover(List<Path> roots, List<String> includes, List<String> excludes) {
    List<String> incGlobs = includes.isEmpty() ? DEFAULT_INCLUDES : includes;
    List<PathMatcher> inc = matchers(incGlobs);
    List<PathMatcher> exc = matchers(excludes);
    // the default includes (and any like them) only look at how a name ends: no relative path to build per file
    List<String> suffixes = excludes.isEmpty() ? suffixes(incGlobs) : null;
    List<Path> files = new ArrayList<>();
    List<ScanError> errors = new ArrayList<>();
    ForkJoinPool pool = null;
    try {
      for (Path root : roots) {
        if (!Files.exists(root)) {
          errors.add(error(root, "does not exist"));
          continue;
        }
        if (!Files.isDirectory(root)) {
          files.add(root);
          continue;
        }
        if (pool == null) {
          pool = new ForkJoinPool(Math.max(1, Math.min(Walk.MAX_THREADS, Runtime.getRuntime().availableProcessors())));
        }
        new Walk(root, inc, exc, suffixes).run(pool, files, errors);
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow(); // after a failure, tasks still queued must not go on walking the disk
      }
    }
    return new Result(files, errors);
  }

  /**
   * One root's walk: every folder is listed by a task of its own and a large folder's entries are looked at
   * (one {@code stat} each, links followed) in slices, on a pool of up to {@link #MAX_THREADS} threads. Each task
   * writes only its own {@link Node}; the pool's completion orders those writes before the tree is read. What a
   * walk finds does not depend on the threads: files come out in path order and errors in the order of the paths
   * they are about.
   */
  private static final class Walk {
    static final int MAX_THREADS = 4;
    /** Entries per slice of a folder's {@code stat}s. */
    static final int SLICE = 512;
    /**
     * Folder depth below which subfolders are walked as tasks of their own; deeper ones are walked in a loop by
     * the task that reached this depth, so that a deep tree cannot overflow a worker's stack.
     */
    static final int MAX_TASK_DEPTH = 64;

    private final Path root;
    private final List<PathMatcher> inc;
    private final List<PathMatcher> exc;
    private final List<String> suffixes;
    private final String separator;
    /**
     * Whether paths compare as their bytes (Unix: {@code UnixPath.compareTo}), where names of ASCII characters
     * compare as their strings do.
     */
    private final boolean bytewise;
    /** Cleared by a task that finds a wanted file or a folder whose name is not all ASCII. */
    private volatile boolean asciiNames = true;

    Walk(Path root, List<PathMatcher> inc, List<PathMatcher> exc, List<String> suffixes) {
      this.root = root;
      this.inc = inc;
      this.exc = exc;
      // the suffix shortcut stands for the glob matchers only where they compare case as written (not on Windows)
      this.suffixes = suffixes != null && caseSensitiveGlobs(root) ? suffixes : null;
      this.separator = root.getFileSystem().getSeparator();
      this.bytewise = pathsAreBytes(root.getFileSystem());
    }

    /** Clears {@link #asciiNames} for a name with a character beyond ASCII. */
    void noteName(String name) {
      if (asciiNames) {
        for (int i = 0, n = name.length(); i < n; i++) {
          if (name.charAt(i) >= 0x80) {
            asciiNames = false;
            return;
          }
        }
      }
    }

    void run(ForkJoinPool pool, List<Path> files, List<ScanError> errors) {
      Node top = new Node("", null);
      BasicFileAttributes rootAttrs;
      try {
        rootAttrs = Files.readAttributes(root, BasicFileAttributes.class);
      } catch (IOException e) {
        errors.add(failure(root, e));
        return;
      }
      pool.invoke(new ListFolder(root, top, new Ancestor(root, rootAttrs.fileKey(), null), 0, true));
      int firstFile = files.size();
      List<Map.Entry<Path, ScanError>> problems = new ArrayList<>();
      top.addInOrder(files, problems);
      // The folder-by-folder order is the whole paths' order where a path compares as its characters do in UTF-16
      // (Unix file names in UTF-8 without characters beyond U+FFFF). Elsewhere (a name with such a character,
      // Windows comparing ignoring case, macOS comparing decomposed bytes, a Unix name that is not UTF-8) one pass
      // finds a pair out of order and the root's files are sorted as paths. The pass is left out where it cannot
      // find one: ASCII names on a file system that compares paths as bytes.
      List<Path> found = files.subList(firstFile, files.size());
      for (int i = bytewise && asciiNames ? found.size() : 1; i < found.size(); i++) {
        if (found.get(i - 1).compareTo(found.get(i)) > 0) {
          found.sort(null);
          break;
        }
      }
      problems.sort(Map.Entry.comparingByKey());
      for (Map.Entry<Path, ScanError> p : problems) {
        errors.add(p.getValue());
      }
    }

    /** Lists one folder, then looks at its entries (in slices if there are many) and walks its subfolders. */
    private final class ListFolder extends RecursiveAction {
      private final Path dir;
      private final Node node;
      private final Ancestor ancestors;
      private final int depth;
      /** Whether the path below the root has no line terminator (see {@link #hasLineTerminator}). */
      private final boolean plain;

      ListFolder(Path dir, Node node, Ancestor ancestors, int depth, boolean plain) {
        this.dir = dir;
        this.node = node;
        this.ancestors = ancestors;
        this.depth = depth;
        this.plain = plain;
      }

      @Override
      protected void compute() {
        List<ListFolder> subfolders = listAndLook();
        if (depth < MAX_TASK_DEPTH) {
          invokeAll(subfolders);
          return;
        }
        ArrayDeque<ListFolder> todo = new ArrayDeque<>(subfolders);
        while (!todo.isEmpty()) {
          todo.addAll(todo.pop().listAndLook());
        }
      }

      /** Lists this folder and looks at its entries; returns the walks of its subfolders, not yet run. */
      private List<ListFolder> listAndLook() {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
          for (Path entry : stream) {
            entries.add(entry);
          }
        } catch (DirectoryIteratorException e) {
          // the entries read before the failure stay found
          node.error(dir, error(dir, "cannot list: " + e.getCause()));
        } catch (IOException e) {
          node.error(dir, failure(dir, e));
        } catch (SecurityException e) {
          return List.of(); // as Files.walkFileTree: a folder below the root that a security manager hides
        }
        if (entries.size() <= SLICE) {
          Look here = new Look(entries, this);
          here.compute();
          node.addAll(here.found);
          node.sortEntries(); // here, on the walk's threads, rather than folder after folder at the end
          return here.subfolders;
        }
        List<Look> slices = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += SLICE) {
          slices.add(new Look(entries.subList(from, Math.min(entries.size(), from + SLICE)), this));
        }
        invokeAll(slices);
        List<ListFolder> subfolders = new ArrayList<>();
        for (Look slice : slices) {
          node.addAll(slice.found);
          subfolders.addAll(slice.subfolders);
        }
        node.sortEntries();
        return subfolders;
      }
    }

    /** Looks at a slice of one folder's entries: keeps the matching files, makes tasks for the subfolders. */
    private final class Look extends RecursiveAction {
      private final List<Path> entries;
      private final ListFolder folder;
      final Node found = new Node("", null);
      final List<ListFolder> subfolders = new ArrayList<>();

      Look(List<Path> entries, ListFolder folder) {
        this.entries = entries;
        this.folder = folder;
      }

      @Override
      protected void compute() {
        for (Path entry : entries) {
          BasicFileAttributes attrs;
          try {
            attrs = Files.readAttributes(entry, BasicFileAttributes.class);
          } catch (IOException e) {
            try {
              // a dangling link, seen as the link itself: neither a file to read nor a folder to enter
              attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException gone) {
              found.error(entry, failure(entry, gone));
              continue;
            } catch (SecurityException hidden) {
              continue;
            }
          } catch (SecurityException hidden) {
            continue; // as Files.walkFileTree: an entry a security manager hides is left out
          }
          if (attrs.isDirectory()) {
            if (matches(exc, root.relativize(entry))) {
              continue;
            }
            Ancestor loop = folder.ancestors.find(entry, attrs.fileKey());
            if (loop != null) {
              found.error(entry, error(entry, "symbolic link loop"));
              continue;
            }
            String name = fileName(entry, bytewise);
            noteName(name);
            Node child = new Node(name + separator, null);
            found.add(child);
            subfolders.add(new ListFolder(entry, child, new Ancestor(entry, attrs.fileKey(), folder.ancestors),
                folder.depth + 1, folder.plain && !hasLineTerminator(name)));
          } else if (attrs.isRegularFile()) {
            String name = fileName(entry, bytewise);
            boolean wanted;
            if (suffixes != null && folder.plain && !hasLineTerminator(name)) {
              wanted = endsWithAny(name, suffixes);
            } else {
              Path rel = root.relativize(entry);
              wanted = matches(inc, rel) && !matches(exc, rel);
            }
            if (wanted) {
              noteName(name);
              // the path's string now, on the walk's threads (fileName has made it where paths are bytes):
              // Path.toString() keeps what it makes in the path, so the scan's targets (Scanner.fileTargets) take it
              // without building 100,000 strings on one thread
              entry.toString();
              found.add(new Node(name, entry));
            }
          }
        }
      }
    }
  }

  /** The folders from a root down to one being walked, to tell a link back up the tree (a loop). */
  private record Ancestor(Path path, Object fileKey, Ancestor parent) {
    /** The ancestor that is the same folder as {@code dir}, or {@code null}. */
    Ancestor find(Path dir, Object key) {
      for (Ancestor a = this; a != null; a = a.parent()) {
        if (key != null && a.fileKey() != null) {
          if (key.equals(a.fileKey())) {
            return a;
          }
        } else {
          try {
            if (Files.isSameFile(dir, a.path())) {
              return a;
            }
          } catch (IOException | SecurityException e) {
            // cannot tell: not a loop we can prove
          }
        }
      }
      return null;
    }
  }

  private static ScanError failure(Path p, IOException e) {
    if (e instanceof AccessDeniedException) {
      return error(p, "permission denied");
    }
    if (e instanceof NoSuchFileException) {
      return error(p, "vanished during the scan (or a dangling link)");
    }
    return error(p, "cannot read: " + e);
  }

  /**
   * A folder's found files and subfolders, put in the order of their full paths without comparing full paths:
   * siblings compare by name, a folder's name followed by the separator ({@code /} below). A path's characters
   * after its parent's are its name and then, for a folder, the separator and the rest; so comparing {@code name/}
   * of a folder with the name of a file (or {@code name/} of another folder) orders every path below them as
   * comparing the whole paths' characters would, and sorting each folder's entries (a thousand short names, say)
   * replaces sorting every path of the root against each other (100,000 paths sharing a long prefix took most of a
   * large discovery's time). Names compare as strings; where that is not {@link Path#compareTo}'s order (see
   * {@link Walk#run}), the walk's one check finds it and sorts the root's files as paths.
   */
  private static final class Node implements Comparable<Node> {
    /** The name, with a trailing {@code /} for a folder. */
    final String key;
    /** The file, or {@code null} for a folder. */
    final Path file;
    List<Node> entries;
    /** Problems met in this folder, with the paths they are about (to put them in order). */
    List<Map.Entry<Path, ScanError>> errors;

    Node(String key, Path file) {
      this.key = key;
      this.file = file;
    }

    void add(Node entry) {
      if (entries == null) {
        entries = new ArrayList<>();
      }
      entries.add(entry);
    }

    void error(Path about, ScanError error) {
      if (errors == null) {
        errors = new ArrayList<>(1);
      }
      errors.add(Map.entry(about, error));
    }

    /** Takes another node's entries and errors (a slice of the same folder). */
    void addAll(Node other) {
      if (other.entries != null) {
        for (Node e : other.entries) {
          add(e);
        }
      }
      if (other.errors != null) {
        for (Map.Entry<Path, ScanError> e : other.errors) {
          error(e.getKey(), e.getValue());
        }
      }
    }

    /** Puts this folder's entries in order (see {@link #addInOrder}). */
    void sortEntries() {
      if (entries != null) {
        entries.sort(null);
      }
    }

    /**
     * This folder's files and subfolders' files in path order, each folder's entries already sorted ({@link
     * #sortEntries}); the problems met in them in no order.
     */
    void addInOrder(List<Path> files, List<Map.Entry<Path, ScanError>> problems) {
      if (file != null) {
        files.add(file);
        return;
      }
      if (errors != null) {
        problems.addAll(errors);
      }
      if (entries == null) {
        return;
      }
      for (Node e : entries) {
        e.addInOrder(files, problems);
      }
    }

    @Override
    public int compareTo(Node o) {
      return key.compareTo(o.key);
    }
  }

  /**
   * Whether {@code fs} is the default file system with {@code /} as its separator: a Unix one, whose paths are their
   * bytes, compare as their bytes and have as their string those bytes decoded.
   */
  static boolean pathsAreBytes(FileSystem fs) {
    return fs == FileSystems.getDefault() && "/".equals(fs.getSeparator());
  }

  /**
   * An entry's file name, as {@code entry.getFileName().toString()}. Where paths are their bytes separated by
   * {@code /} ({@code bytewise}), the end of the path's string after its last {@code /}: that string is made anyway
   * (the scan's targets take it), while {@code getFileName()} makes a path, its bytes and a string, and leaves an
   * array of name offsets on the entry (77 -> 67 MB allocated by a 100,000-file discovery). Valid text never has
   * {@code /} inside a character, so the end decodes as the name alone does; but some decoders (EUC-JP, GB18030,
   * Big5-HKSCS, as file names are decoded in such locales) take a {@code /} after a malformed byte into the
   * replacement character, and then the end is not the name. Such a decoding leaves a U+FFFD after the last
   * {@code /} it kept, so a name with one is taken from {@code getFileName()}.
   */
  static String fileName(Path entry, boolean bytewise) {
    if (bytewise) {
      String path = entry.toString();
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.indexOf(REPLACEMENT) < 0) {
        return name;
      }
    }
    return entry.getFileName().toString();
  }

  private static boolean matches(List<PathMatcher> matchers, Path rel) {
    for (PathMatcher m : matchers) {
      if (m.matches(rel)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code s} has a character that a glob's {@code *} or {@code **} does not match (they become the
   * regular expression {@code .}, which stops at line terminators), so that only the glob matchers can judge it.
   */
  private static boolean hasLineTerminator(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code root}'s file system matches globs with case as written (Windows does not). */
  private static boolean caseSensitiveGlobs(Path root) {
    FileSystem fs = root.getFileSystem();
    return !fs.getPathMatcher("glob:a.x").matches(fs.getPath("A.X"));
  }

  private static boolean endsWithAny(String name, List<String> suffixes) {
    for (String suffix : suffixes) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The literal endings of the globs if every glob is {@code **S} or {@code **}{@code /*S} with a literal {@code S}
   * (no glob syntax, no separator), else {@code null}. On a file system that matches globs with case as written, a
   * relative path without line terminators matches such a glob exactly when its file name ends with {@code S}:
   * {@code **} matches across folders, and {@code **}{@code /*S} comes with {@code *S} for the root's own files
   * (see {@link #matchers}).
   */
  static List<String> suffixes(List<String> globs) {
    List<String> out = new ArrayList<>(globs.size());
    for (String g : globs) {
      String s = g.startsWith("**/*") ? g.substring(4) : g.startsWith("**") ? g.substring(2) : null;
      if (s == null || s.isEmpty()) {
        return null;
      }
      for (int i = 0; i < s.length(); i++) {
        if ("*?[]{}\\/".indexOf(s.charAt(i)) >= 0) {
          return null;
        }
      }
      out.add(s);
    }
    return out;
  }

  private static List<PathMatcher> matchers(List<String> globs) {
    List<PathMatcher> list = new ArrayList<>();
    for (String g : globs) {
      list.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
      if (g.startsWith("**/")) {
        // "**/*.vmx" should also match files directly in the root
        list.add(FileSystems.getDefault().getPathMatcher("glob:" + g.substring(3)));
      }
    }
    return list;
  }

  private static ScanError error(Path p, String reason) {
    return ScanError.builder().location(SourceLocation.ofFile(p.toString())).kind(ExportParseException.Kind.IO).reason(reason).build();
  }
}
