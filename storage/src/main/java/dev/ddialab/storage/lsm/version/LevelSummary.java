package dev.ddialab.storage.lsm.version;

import dev.ddialab.core.Units;
import java.util.List;
import java.util.Locale;

/**
 * A group of tables (a level, or the runs of a tier) in the words of {@code ddia kv stats}:
 * {@code 5 SSTables, 12.3 MiB, 81,234 keys}. Keys are the entries the manifest records per table,
 * so no table is opened; in L1+ a key is in at most one table of a level, so they are distinct
 * keys there, while L0 tables and tiered runs may repeat a key, each copy counted.
 */
public record LevelSummary(int tables, long bytes, long keys, long tombstones) {

  public static LevelSummary of(List<FileMeta> files) {
    long bytes = 0;
    long keys = 0;
    long tombstones = 0;
    for (FileMeta f : files) {
      bytes += f.sizeBytes();
      keys += f.entries();
      tombstones += f.tombstones();
    }
    return new LevelSummary(files.size(), bytes, keys, tombstones);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%,d %s, %s, %,d %s%s", tables,
        tables == 1 ? "SSTable" : "SSTables", Units.formatBytes(bytes), keys,
        keys == 1 ? "key" : "keys", tombstones == 0 ? ""
            : String.format(Locale.ROOT, ", %,d of them tombstones", tombstones));
  }
}
