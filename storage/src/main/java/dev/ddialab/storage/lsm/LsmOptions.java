package dev.ddialab.storage.lsm;

import dev.ddialab.core.Invariants;
import dev.ddialab.storage.lsm.compaction.CompactionPolicy;
import dev.ddialab.storage.lsm.compaction.CompactionStyle;
import dev.ddialab.storage.lsm.compaction.LeveledPolicy;
import dev.ddialab.storage.lsm.compaction.TieredPolicy;
import dev.ddialab.storage.lsm.sstable.Compression;
import dev.ddialab.storage.lsm.sstable.TableOptions;
import dev.ddialab.storage.lsm.version.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of an LSM database. The compaction style is fixed at creation (the tree's shape depends
 * on it); everything else may change between opens. {@link OptionsFile} stores them in
 * {@code DB/OPTIONS} under the names of {@link #toSettings()}.
 *
 * @param memtableBytes a memtable is frozen and flushed once it holds about this much
 * @param maxImmutableMemtables frozen memtables waiting for the flush thread; when this many are
 *     waiting and the active one is full, writes stall until a flush finishes
 * @param tableBytes compaction outputs are split into tables of about this size (leveled)
 * @param level1Bytes target size of L1; each deeper level is {@code levelSizeRatio} times larger
 * @param l0CompactionTrigger L0 tables that make L0 due for compaction (leveled)
 * @param tieredFanout runs of one tier merged together, and the size ratio between tiers
 * @param tieredMaxRuns runs above which the cheapest adjacent runs are merged regardless of tier
 * @param slowdownTables L0 tables (sorted runs) from which every write is delayed by 1 ms
 * @param stopTables L0 tables at which a full memtable is not frozen: writes wait for compaction
 * @param blockCacheBytes capacity of the shared data-block cache
 * @param backgroundCompaction whether compactions start by themselves; {@code compact()} always
 *     works. Without it, writes never stop for L0 depth
 */
public record LsmOptions(
    CompactionStyle compaction,
    long memtableBytes,
    int maxImmutableMemtables,
    TableOptions table,
    long tableBytes,
    long level1Bytes,
    int levelSizeRatio,
    int l0CompactionTrigger,
    int tieredFanout,
    int tieredMaxRuns,
    int slowdownTables,
    int stopTables,
    long blockCacheBytes,
    long walSegmentBytes,
    long manifestRotateBytes,
    boolean backgroundCompaction) {

  public LsmOptions {
    Invariants.requireNonNull(compaction, "compaction");
    Invariants.requireNonNull(table, "table");
    Invariants.require(memtableBytes >= 1024, "memtable_bytes %d < 1 KiB", memtableBytes);
    Invariants.require(maxImmutableMemtables >= 1 && maxImmutableMemtables <= 16,
        "max_immutable_memtables %d outside 1..16", maxImmutableMemtables);
    Invariants.require(tableBytes >= 1024, "table_bytes %d < 1 KiB", tableBytes);
    Invariants.require(level1Bytes >= 1024, "level1_bytes %d < 1 KiB", level1Bytes);
    Invariants.require(levelSizeRatio >= 2, "level_size_ratio %d < 2", levelSizeRatio);
    Invariants.require(l0CompactionTrigger >= 1, "l0_compaction_trigger %d < 1",
        l0CompactionTrigger);
    Invariants.require(tieredFanout >= 2, "tiered_fanout %d < 2", tieredFanout);
    Invariants.require(tieredMaxRuns > tieredFanout, "tiered_max_runs %d must exceed"
        + " tiered_fanout %d", tieredMaxRuns, tieredFanout);
    Invariants.require(slowdownTables >= 1 && stopTables >= slowdownTables,
        "need 1 <= slowdown_tables (%d) <= stop_tables (%d)", slowdownTables, stopTables);
    Invariants.require(blockCacheBytes >= 0, "block_cache_bytes %d < 0", blockCacheBytes);
    Invariants.require(walSegmentBytes >= 64 * 1024, "wal_segment_bytes %d < 64 KiB",
        walSegmentBytes);
    Invariants.require(manifestRotateBytes >= 1024, "manifest_rotate_bytes %d < 1 KiB",
        manifestRotateBytes);
  }

  /**
   * Sizes between LevelDB's (4 MiB memtables, 2 MiB tables, 10 MiB L1) and RocksDB's (64, 64 and
   * 256 MiB): 16 MiB memtables, 8 MiB tables, a 64 MiB L1 that holds about what four L0 tables
   * hold, levels 10x apart; L0 compacted at 4 tables, writes slowed at 12 and stopped at 20
   * (tiered, where L0 holds every run: 24 and 36).
   */
  public static LsmOptions defaults(CompactionStyle style) {
    boolean leveled = style == CompactionStyle.LEVELED;
    return new LsmOptions(style, 16L << 20, 2, TableOptions.defaults(), 8L << 20, 64L << 20, 10,
        4, 4, 20, leveled ? 12 : 24, leveled ? 20 : 36, 32L << 20, 64L << 20, 4L << 20, true);
  }

  public static LsmOptions defaults() {
    return defaults(CompactionStyle.LEVELED);
  }

  /**
   * Tiny sizes that make flushes, compactions and manifest rotations happen every few dozen
   * writes: for tests and crash tests, which must exercise every path.
   */
  public static LsmOptions tiny(CompactionStyle style) {
    return defaults(style).with(Map.of("memtable_bytes", "4096", "block_bytes", "256",
        "table_bytes", "2048", "level1_bytes", "8192", "level_size_ratio", "4",
        "l0_compaction_trigger", "2", "block_cache_bytes", "65536",
        "wal_segment_bytes", "65536", "manifest_rotate_bytes", "4096",
        "restart_interval", "4"));
  }

  /** The compaction policy these options describe. */
  public CompactionPolicy policy() {
    return switch (compaction) {
      case LEVELED -> new LeveledPolicy(Version.DEFAULT_LEVELS, l0CompactionTrigger, level1Bytes,
          levelSizeRatio, tableBytes);
      case TIERED -> new TieredPolicy(tieredFanout, memtableBytes, tieredMaxRuns);
    };
  }

  /** Every option by its OPTIONS-file name, in a stable order. */
  public Map<String, String> toSettings() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("compaction", compaction.label());
    out.put("memtable_bytes", Long.toString(memtableBytes));
    out.put("max_immutable_memtables", Integer.toString(maxImmutableMemtables));
    out.put("block_bytes", Integer.toString(table.blockBytes()));
    out.put("restart_interval", Integer.toString(table.restartInterval()));
    out.put("bloom_bits_per_key", Integer.toString(table.bloomBitsPerKey()));
    out.put("compression", table.compression().label());
    out.put("table_bytes", Long.toString(tableBytes));
    out.put("level1_bytes", Long.toString(level1Bytes));
    out.put("level_size_ratio", Integer.toString(levelSizeRatio));
    out.put("l0_compaction_trigger", Integer.toString(l0CompactionTrigger));
    out.put("tiered_fanout", Integer.toString(tieredFanout));
    out.put("tiered_max_runs", Integer.toString(tieredMaxRuns));
    out.put("slowdown_tables", Integer.toString(slowdownTables));
    out.put("stop_tables", Integer.toString(stopTables));
    out.put("block_cache_bytes", Long.toString(blockCacheBytes));
    out.put("wal_segment_bytes", Long.toString(walSegmentBytes));
    out.put("manifest_rotate_bytes", Long.toString(manifestRotateBytes));
    out.put("background_compaction", Boolean.toString(backgroundCompaction));
    return out;
  }

  /**
   * These options with some replaced by name ({@link #toSettings()} names). Changing
   * {@code compaction} resets the stall limits to that style's defaults unless they are given
   * too.
   *
   * @throws IllegalArgumentException naming an unknown option or a bad value
   */
  public LsmOptions with(Map<String, String> changes) {
    Map<String, String> s = toSettings();
    if (changes.containsKey("compaction")) {
      LsmOptions styleDefaults = defaults(CompactionStyle.parse(changes.get("compaction")));
      s.put("slowdown_tables", Integer.toString(styleDefaults.slowdownTables));
      s.put("stop_tables", Integer.toString(styleDefaults.stopTables));
    }
    for (Map.Entry<String, String> change : changes.entrySet()) {
      if (!s.containsKey(change.getKey())) {
        throw new IllegalArgumentException("unknown lsm option '" + change.getKey()
            + "'; known: " + String.join(", ", s.keySet()));
      }
      s.put(change.getKey(), change.getValue().strip());
    }
    return fromSettings(s);
  }

  private static LsmOptions fromSettings(Map<String, String> s) {
    try {
      return new LsmOptions(
          CompactionStyle.parse(s.get("compaction")),
          Long.parseLong(s.get("memtable_bytes")),
          Integer.parseInt(s.get("max_immutable_memtables")),
          new TableOptions(Integer.parseInt(s.get("block_bytes")),
              Integer.parseInt(s.get("restart_interval")),
              Integer.parseInt(s.get("bloom_bits_per_key")),
              Compression.parse(s.get("compression"))),
          Long.parseLong(s.get("table_bytes")),
          Long.parseLong(s.get("level1_bytes")),
          Integer.parseInt(s.get("level_size_ratio")),
          Integer.parseInt(s.get("l0_compaction_trigger")),
          Integer.parseInt(s.get("tiered_fanout")),
          Integer.parseInt(s.get("tiered_max_runs")),
          Integer.parseInt(s.get("slowdown_tables")),
          Integer.parseInt(s.get("stop_tables")),
          Long.parseLong(s.get("block_cache_bytes")),
          Long.parseLong(s.get("wal_segment_bytes")),
          Long.parseLong(s.get("manifest_rotate_bytes")),
          parseBoolean(s.get("background_compaction")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad lsm option value: " + e.getMessage(), e);
    }
  }

  private static boolean parseBoolean(String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("background_compaction must be true or"
          + " false, not '" + text + "'");
    };
  }
}
