package dev.ddialab.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/** What every engine does to its directory: make names durable, and measure its size. */
public final class Directories {
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private Directories() {}

  /**
   * Makes the directory entries of {@code dir} (files created, renamed or deleted in it) durable.
   * Without it a crash can lose a new file even though its contents were forced. Windows cannot
   * open a directory for fsync and persists entries itself, so there it does nothing.
   */
  public static void force(Path dir) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Bytes of every regular file under {@code dir}. Engines delete files in the background (a
   * merge, a compaction), so a file that disappears during the walk counts 0 rather than failing.
   */
  public static long sizeBytes(Path dir) throws IOException {
    long[] total = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        total[0] += attributes.isRegularFile() ? attributes.size() : 0;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return total[0];
  }
}
