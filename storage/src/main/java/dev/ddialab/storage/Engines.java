package dev.ddialab.storage;

import dev.ddialab.storage.hashlog.HashLogEngine;
import dev.ddialab.storage.lsm.LsmEngine;
import dev.ddialab.storage.lsm.LsmOptions;
import dev.ddialab.storage.lsm.OptionsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Creates and opens databases. A database is a directory; the engine that owns it is recorded in
 * {@code DIR/ENGINE} at creation ({@code "ddia-kv <engine> 1"}), so that {@code open} needs only
 * the path. Engines with settings record them beside it: an {@code lsm} database's are in
 * {@code DIR/OPTIONS} ({@link OptionsFile}), written before {@code ENGINE}, whose appearance is
 * the moment the database exists.
 */
public final class Engines {
  public static final String ENGINE_FILE = "ENGINE";
  private static final String ENGINE_FILE_PREFIX = "ddia-kv ";
  private static final String ENGINE_FILE_VERSION = "1";

  /** Engines that can be created today, in the order the CLI lists them. */
  public static final List<String> NAMES = List.of(HashLogEngine.NAME, LsmEngine.NAME);

  private Engines() {}

  /** Creates a new database of the named engine in an empty or missing directory. */
  public static KvEngine create(Path dir, String engine) throws IOException {
    return create(dir, engine, Map.of());
  }

  /**
   * Creates a new database with engine-specific options by name (for {@code lsm}: the names of
   * {@link LsmOptions#toSettings()}, e.g. {@code compaction=tiered}); {@code hashlog} takes none.
   *
   * @throws IllegalArgumentException for an unknown engine, option or value
   */
  public static KvEngine create(Path dir, String engine, Map<String, String> options)
      throws IOException {
    if (!NAMES.contains(engine)) {
      throw new IllegalArgumentException(
          "unknown engine '" + engine + "'; available: " + String.join(", ", NAMES));
    }
    LsmOptions lsmOptions = null;
    if (engine.equals(LsmEngine.NAME)) {
      lsmOptions = LsmOptions.defaults().with(options);
    } else if (!options.isEmpty()) {
      throw new IllegalArgumentException("engine '" + engine + "' takes no options; got "
          + String.join(", ", options.keySet()));
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
    if (lsmOptions != null) {
      OptionsFile.write(dir, lsmOptions);
    }
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
      case LsmEngine.NAME -> LsmEngine.open(dir,
          OptionsFile.exists(dir) ? OptionsFile.read(dir) : LsmOptions.defaults());
      default -> throw new IOException("database " + dir + " uses engine '" + engine
          + "', which this build does not have; available: " + String.join(", ", NAMES));
    };
  }
}
