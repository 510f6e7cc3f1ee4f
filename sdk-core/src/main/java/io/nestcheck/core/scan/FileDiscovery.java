package io.nestcheck.core.scan;

import io.nestcheck.api.ScanError;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Finds the files a scan reads: every file named directly, and below every folder the files matching the include
 * globs and none of the exclude globs, in a deterministic order: within each root sorted by path, comparing code
 * points (on Unix the order of the paths' UTF-8 bytes, as {@link Path#compareTo} orders them), roots in the order
 * given. Links are followed; a loop of links, a folder that cannot be read or a root that does not exist
 * becomes a {@link ScanError}, and discovery goes on.
 *
 * <p>Globs use {@link java.nio.file.FileSystem#getPathMatcher} syntax and match the path relative to its root
 * (for example {@code **}{@code /*.vmx}, {@code archive/**}). The default includes are the export file types.
 *
 * @since 0.1
 */
public final class FileDiscovery {
  /** The default include globs: the file types the built-in readers handle. */
  public static final List<String> DEFAULT_INCLUDES = List.of("**.vmx", "**.ovf", "**.ova", "**.xml", "**.json");

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
    for (Path root : roots) {
      if (!Files.exists(root)) {
        errors.add(error(root, "does not exist"));
        continue;
      }
      if (!Files.isDirectory(root)) {
        files.add(root);
        continue;
      }
      Node top = new Node("", null);
      String separator = root.getFileSystem().getSeparator();
      try {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
          private final ArrayDeque<Node> open = new ArrayDeque<>();

          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (open.isEmpty()) {
              open.push(top);
              return FileVisitResult.CONTINUE;
            }
            if (matches(exc, root.relativize(dir))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Node node = new Node(dir.getFileName() + separator, null);
            open.peek().add(node);
            open.push(node);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              String name = file.getFileName().toString();
              boolean found;
              if (suffixes != null) {
                found = endsWithAny(name, suffixes);
              } else {
                Path rel = root.relativize(file);
                found = matches(inc, rel) && !matches(exc, rel);
              }
              if (found) {
                open.peek().add(new Node(name, file));
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
              errors.add(error(file, "symbolic link loop"));
            } else if (e instanceof AccessDeniedException) {
              errors.add(error(file, "permission denied"));
            } else if (e instanceof NoSuchFileException) {
              errors.add(error(file, "vanished during the scan (or a dangling link)"));
            } else {
              errors.add(error(file, "cannot read: " + e));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            open.pop();
            if (e != null) {
              // the entries read before the failure stay found
              errors.add(error(dir, "cannot list: " + e));
            }
            return FileVisitResult.CONTINUE;
          }
        });
      } catch (IOException e) {
        errors.add(error(root, "cannot walk: " + e));
      }
      top.addFilesInOrder(files);
    }
    return new Result(files, errors);
  }

  /**
   * A folder's found files and subfolders, put in the order of their full paths without comparing full paths:
   * siblings compare by name, a folder's name followed by the separator ({@code /} below). A path's characters after its parent's
   * are its name and then, for a folder, the separator and the rest; so comparing {@code name/} of a folder with
   * the name of a file (or {@code name/} of another folder) orders every path below them as comparing the whole
   * paths would, and sorting each folder's entries (a thousand short names, say) replaces sorting every path of
   * the root against each other (100,000 paths sharing a long prefix took most of a large discovery's time).
   */
  private static final class Node implements Comparable<Node> {
    /** The name, with a trailing {@code /} for a folder. */
    final String key;
    /** The file, or {@code null} for a folder. */
    final Path file;
    /** Whether {@link #key} has a char at or above the surrogates, where UTF-16 order is not code point order. */
    final boolean wide;
    List<Node> entries;

    Node(String key, Path file) {
      this.key = key;
      this.file = file;
      this.wide = hasWide(key);
    }

    void add(Node entry) {
      if (entries == null) {
        entries = new ArrayList<>();
      }
      entries.add(entry);
    }

    void addFilesInOrder(List<Path> out) {
      if (file != null) {
        out.add(file);
        return;
      }
      if (entries == null) {
        return;
      }
      entries.sort(null);
      for (Node e : entries) {
        e.addFilesInOrder(out);
      }
    }

    /** Code point order (the order of the names' UTF-8 bytes, which is how a path compares on Unix). */
    @Override
    public int compareTo(Node o) {
      if (!wide && !o.wide) {
        return key.compareTo(o.key);
      }
      int i = 0;
      int j = 0;
      while (i < key.length() && j < o.key.length()) {
        int a = key.codePointAt(i);
        int b = o.key.codePointAt(j);
        if (a != b) {
          return Integer.compare(a, b);
        }
        i += Character.charCount(a);
        j += Character.charCount(b);
      }
      return Integer.compare(key.length() - i, o.key.length() - j);
    }

    private static boolean hasWide(String s) {
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) >= Character.MIN_SURROGATE) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean matches(List<PathMatcher> matchers, Path rel) {
    for (PathMatcher m : matchers) {
      if (m.matches(rel)) {
        return true;
      }
    }
    return false;
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
   * (no glob syntax, no separator), else {@code null}. A relative path matches such a glob exactly when its file
   * name ends with {@code S}: {@code **} matches across folders, and {@code **}{@code /*S} comes with {@code *S} for
   * the root's own files (see {@link #matchers}).
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
