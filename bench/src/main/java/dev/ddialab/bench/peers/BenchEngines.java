package dev.ddialab.bench.peers;

import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every engine the benchmark can drive: ours (from {@link Engines}) and the peers. */
public final class BenchEngines {
  public static final List<String> PEERS =
      List.of(RocksDbEngine.NAME, LevelDbEngine.NAME, MvStoreEngine.NAME, LmdbEngine.NAME);

  private BenchEngines() {}

  /** Ours first, then the peers. */
  public static List<String> all() {
    List<String> names = new ArrayList<>(Engines.NAMES);
    names.addAll(PEERS);
    return names;
  }

  public static boolean isOurs(String name) {
    return Engines.NAMES.contains(name);
  }

  /** Opens {@code name} in {@code dir}, creating the database if the directory is new. */
  public static KvEngine open(String name, Path dir) throws IOException {
    if (isOurs(name)) {
      return Files.exists(dir.resolve(Engines.ENGINE_FILE)) ? Engines.open(dir) : Engines.create(dir, name);
    }
    return switch (name) {
      case RocksDbEngine.NAME -> RocksDbEngine.open(dir);
      case LevelDbEngine.NAME -> LevelDbEngine.open(dir);
      case MvStoreEngine.NAME -> MvStoreEngine.open(dir);
      case LmdbEngine.NAME -> LmdbEngine.open(dir);
      default -> throw new IllegalArgumentException(
          "unknown engine '" + name + "'; available: " + String.join(", ", all()));
    };
  }
}
