package dev.ddialab.core.tour;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * What a {@link TourStep} may use: a private temporary directory tree, free loopback ports,
 * a seeded random source, narration, and cleanup that is guaranteed to run.
 *
 * <p>Contract: everything a step creates lives under {@link #root()} or is registered with
 * {@link #onCleanup}; {@link #close()} stops registered resources newest first and deletes the
 * tree. The tour runner calls {@code close()} from a shutdown hook too, so an interrupted tour
 * still cleans up. Thread-safe for cleanup registration; narration is meant for one thread.
 */
public final class TourContext implements AutoCloseable {
  private final Path root;
  private final PrintWriter out;
  private final boolean color;
  private final long seed;
  private final RandomGenerator random;
  private final Deque<AutoCloseable> cleanups = new ArrayDeque<>();
  private boolean closed;

  public TourContext(PrintWriter out, boolean color, long seed) throws IOException {
    this.root = Files.createTempDirectory("ddia-tour-");
    this.out = out;
    this.color = color;
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** The temporary directory holding everything this tour writes. */
  public Path root() {
    return root;
  }

  /** A new, empty directory under the tour root. */
  public Path newDirectory(String name) {
    try {
      return Files.createTempDirectory(root, name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback TCP port that was free a moment ago. */
  public int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The seed behind {@link #random()}; the runner prints it so a tour can be replayed. */
  public long seed() {
    return seed;
  }

  public RandomGenerator random() {
    return random;
  }

  /** Narration: what the step is about to do and why. */
  public void say(String format, Object... args) {
    out.println("  " + String.format(format, args));
  }

  /** A figure the step measured, printed so it stands out from narration. */
  public void measured(String what, String value) {
    String label = color ? "\u001b[1;32mmeasured\u001b[0m" : "measured";
    out.println("  " + label + "  " + what + ": " + value);
  }

  /** Registers a resource (a server, a child process wrapper) to close when the tour ends. */
  public synchronized void onCleanup(AutoCloseable resource) {
    if (closed) {
      closeQuietly(resource);
      return;
    }
    cleanups.push(resource);
  }

  /** Registers a child process to kill (forcibly, with its descendants) when the tour ends. */
  public void onCleanup(Process process) {
    onCleanup(() -> {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    });
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!cleanups.isEmpty()) {
      closeQuietly(cleanups.pop());
    }
    deleteTree(root);
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      // Cleanup is best effort: one failing resource must not keep the others alive.
    }
  }

  /** Deletes a directory tree; a file that has already gone is not an error. */
  public static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      // Already gone.
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
