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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Finds the files a scan reads: every file named directly, and below every folder the files matching the include
 * globs and none of the exclude globs, in a deterministic order (sorted by path within each root, roots in the
 * order given). Links are followed; a loop of links, a folder that cannot be read or a root that does not exist
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
    List<PathMatcher> inc = matchers(includes.isEmpty() ? DEFAULT_INCLUDES : includes);
    List<PathMatcher> exc = matchers(excludes);
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
      List<Path> found = new ArrayList<>();
      try {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            Path rel = root.relativize(dir);
            return !rel.toString().isEmpty() && matches(exc, rel) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Path rel = root.relativize(file);
            if (attrs.isRegularFile() && matches(inc, rel) && !matches(exc, rel)) {
              found.add(file);
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
        });
      } catch (IOException e) {
        errors.add(error(root, "cannot walk: " + e));
      }
      found.sort(null);
      files.addAll(found);
    }
    return new Result(files, errors);
  }

  private static boolean matches(List<PathMatcher> matchers, Path rel) {
    for (PathMatcher m : matchers) {
      if (m.matches(rel)) {
        return true;
      }
    }
    return false;
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
