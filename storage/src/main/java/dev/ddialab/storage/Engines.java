package dev.ddialab.storage;

import dev.ddialab.storage.hashlog.HashLogEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Creates and opens databases. A database is a directory; the engine that owns it is recorded in
 * {@code DIR/ENGINE} at creation ({@code "ddia-kv <engine> 1"}), so that {@code open} needs only
 * the path.
 */
public final class Engines {
  public static final String ENGINE_FILE = "ENGINE";
  private static final String ENGINE_FILE_PREFIX = "ddia-kv ";
  private static final String ENGINE_FILE_VERSION = "1";

  /** Engines that can be created today, in the order the CLI lists them. */
  public static final List<String> NAMES = List.of(HashLogEngine.NAME);

  private Engines() {}

  /** Creates a new database of the named engine in an empty or missing directory. */
  public static KvEngine create(Path dir, String engine) throws IOException {
    if (!NAMES.contains(engine)) {
      throw new IllegalArgumentException(
          "unknown engine '" + engine + "'; available: " + String.join(", ", NAMES));
    }
    if (Files.exists(dir.resolve(ENGINE_FILE))) {
      throw new IOException("database " + dir + " already exists (engine "
          + readEngineName(dir) + ")");
    }
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(dir + " is not empty; a new database needs an empty directory");
        }
      }
    } else if (Files.exists(dir)) {
      throw new IOException(dir + " exists and is not a directory");
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve(ENGINE_FILE + ".tmp");
    Files.writeString(tmp, ENGINE_FILE_PREFIX + engine + " " + ENGINE_FILE_VERSION + "\n");
    try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(tmp, dir.resolve(ENGINE_FILE), StandardCopyOption.ATOMIC_MOVE);
    return openEngine(dir, engine);
  }

  /** Opens an existing database with the engine recorded in its directory. */
  public static KvEngine open(Path dir) throws IOException {
    return openEngine(dir, readEngineName(dir));
  }

  /** The engine recorded in a database directory. */
  public static String readEngineName(Path dir) throws IOException {
    Path file = dir.resolve(ENGINE_FILE);
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new IOException("no database at " + dir + " (create one with: ddia kv create "
          + dir + ")");
    }
    String[] parts = content.split(" ");
    if (parts.length != 3 || !content.startsWith(ENGINE_FILE_PREFIX)
        || !parts[2].equals(ENGINE_FILE_VERSION)) {
      throw new IOException("unrecognised " + file + ": '" + content + "'");
    }
    return parts[1];
  }

  private static KvEngine openEngine(Path dir, String engine) throws IOException {
    return switch (engine) {
      case HashLogEngine.NAME -> HashLogEngine.open(dir, HashLogEngine.Options.defaults());
      default -> throw new IOException("database " + dir + " uses engine '" + engine
          + "', which this build does not have; available: " + String.join(", ", NAMES));
    };
  }
}
