package dev.ddialab.storage.lsm;

import dev.ddialab.core.Units;
import dev.ddialab.storage.lsm.compaction.LeveledPolicy;
import dev.ddialab.storage.lsm.compaction.TieredPolicy;
import dev.ddialab.storage.lsm.sstable.BlockCache;
import dev.ddialab.storage.lsm.sstable.BloomFilter;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.LevelSummary;
import dev.ddialab.storage.lsm.version.Version;
import dev.ddialab.storage.lsm.version.VersionEdit;
import dev.ddialab.storage.wal.RecordLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine-specific lines of {@code ddia kv stats} for an LSM database, in display order: the
 * tree's shape (tables, bytes and keys per level, or sorted runs and tiers), the memtables, write
 * amplification and its parts, the bloom filters' false-positive rate (measured by probing them
 * now, and as reads since open met it), the block cache's hit rate and write stalls. Lifetime figures come from the manifest; per-process ones say so.
 */
final class LsmStatsReport {
  private static final String LEVEL = "Level ";
  private static final String TOTAL_KEYS = "Total keys";

  private LsmStatsReport() {}

  static Map<String, String> details(LsmEngine engine, long liveKeys,
      VersionEdit.Counters totals) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Version version = engine.versions().version();
    out.put("compaction", engine.compactor().policy().describe());
    switch (engine.compactor().policy()) {
      case LeveledPolicy leveled -> levels(out, version, leveled);
      case TieredPolicy tiered -> runs(out, version, tiered);
    }
    BloomProbe.Result probe;
    ReadView view = engine.versions().acquire();
    try {
      probe = BloomProbe.measure(view, engine.visibleSequence());
      long frozenBytes = 0;
      for (MemTable m : view.immutables) {
        frozenBytes += m.approximateBytes();
      }
      out.put("memtable", String.format(Locale.ROOT, "%s in %,d entries; %d frozen (%s) awaiting"
              + " flush", Units.formatBytes(view.memtable.approximateBytes()),
          view.memtable.entries(), view.immutables.size(), Units.formatBytes(frozenBytes)));
    } finally {
      view.unref();
    }
    out.put(TOTAL_KEYS, liveKeys + " (live keys, counted by a full scan)");
    out.put("last sequence", String.format(Locale.ROOT, "%,d", engine.visibleSequence()));
    out.put("write amplification", amplification(totals));
    out.put("written (lifetime)", String.format(Locale.ROOT, "%s by users; %s to disk: WAL %s,"
            + " flushes %s, compactions %s", Units.formatBytes(totals.userBytes()),
        Units.formatBytes(totals.diskBytes()), Units.formatBytes(totals.walBytes()),
        Units.formatBytes(totals.flushBytes()), Units.formatBytes(totals.compactionBytes())));
    Flusher flusher = engine.flusher();
    Compactor compactor = engine.compactor();
    out.put("flushes", String.format(Locale.ROOT, "%,d (%s) in this process",
        flusher.flushes.sum(), Units.formatBytes(flusher.bytesWritten.sum())));
    out.put("compactions", String.format(Locale.ROOT, "%,d merges (%s read, %s written), %,d"
            + " moves in this process", compactor.merges.sum(),
        Units.formatBytes(compactor.bytesRead.sum()), Units.formatBytes(compactor.bytesWritten.sum()),
        compactor.moves.sum()));
    out.put("last compaction", compactor.lastTask());
    int bitsPerKey = engine.options().table().bloomBitsPerKey();
    out.put("bloom filters", bitsPerKey == 0 ? "off" : String.format(Locale.ROOT,
        "%d bits per key, %.2f%% false positives expected", bitsPerKey,
        100 * BloomFilter.expectedFalsePositiveRate(bitsPerKey)));
    out.put("bloom measured FP rate", probed(probe));
    out.put("bloom FP rate in reads", bloom(engine.reads()));
    out.put("block cache", cache(engine.versions().cache()));
    WriteStalls stalls = engine.stalls();
    out.put("write stalls", String.format(Locale.ROOT, "%,d slowdowns (%s); %,d stops for a full"
            + " L0, %,d for flushes (%s) in this process", stalls.slowdowns.sum(),
        Units.formatNanos(stalls.slowdownNanos.sum()), stalls.level0Stops.sum(),
        stalls.flushStops.sum(), Units.formatNanos(stalls.stopNanos.sum())));
    RecordLog.Stats wal = engine.wal().stats();
    out.put("WAL", String.format(Locale.ROOT, "%d segments, %s; %,d fsyncs for %,d sync requests"
            + " in this process", wal.segments(), Units.formatBytes(wal.sizeBytes()), wal.forces(),
        wal.syncCalls()));
    out.put("manifest", Units.formatBytes(engine.versions().manifest().sizeBytes()) + ", "
        + engine.versions().tablesDeleted() + " obsolete tables deleted in this process");
    IOException deletion = engine.versions().releaseFailure();
    if (deletion != null) {
      out.put("table cleanup failed", deletion.toString());
    }
    return out;
  }

  private static void levels(Map<String, String> out, Version version, LeveledPolicy policy) {
    int deepest = Math.max(1, version.deepestNonEmptyLevel());
    for (int level = 0; level <= deepest; level++) {
      String shape = LevelSummary.of(version.level(level)).toString();
      if (level == 0) {
        shape += " (compacts at " + policy.l0CompactionTrigger() + " tables)";
      } else if (level < version.levelCount() - 1) {
        shape += String.format(Locale.ROOT, " (target %s, score %.2f)",
            Units.formatBytes(policy.maxBytes(level)), policy.score(version, level));
      }
      out.put(LEVEL + level, shape);
    }
  }

  private static void runs(Map<String, String> out, Version version, TieredPolicy policy) {
    List<FileMeta> runs = version.level(0);
    out.put(LEVEL + 0, LevelSummary.of(runs) + " (each a sorted run)");
    List<String> sizes = new ArrayList<>();
    TreeMap<Integer, List<FileMeta>> tiers = new TreeMap<>();
    for (FileMeta run : runs) {
      if (sizes.size() < 8) {
        sizes.add(Units.formatBytes(run.sizeBytes()));
      }
      tiers.computeIfAbsent(policy.tier(run.sizeBytes()), t -> new ArrayList<>()).add(run);
    }
    out.put("sorted runs", runs.size() + (runs.isEmpty() ? "" : ", newest first: "
        + String.join(", ", sizes) + (runs.size() > sizes.size() ? ", ..." : "")));
    for (Map.Entry<Integer, List<FileMeta>> tier : tiers.entrySet()) {
      out.put("tier " + tier.getKey(), LevelSummary.of(tier.getValue()).toString());
    }
  }

  private static String amplification(VersionEdit.Counters totals) {
    if (totals.userBytes() == 0) {
      return "n/a (nothing written yet)";
    }
    double user = totals.userBytes();
    return String.format(Locale.ROOT, "%.2f (WAL %.2f + flush %.2f + compaction %.2f)",
        totals.diskBytes() / user, totals.walBytes() / user, totals.flushBytes() / user,
        totals.compactionBytes() / user);
  }

  private static String probed(BloomProbe.Result probe) {
    if (probe.tables() == 0) {
      return "n/a (no table has a filter)";
    }
    return String.format(Locale.ROOT, "%.2f%% (%,d of %,d random keys absent from the %,d tables"
            + " with filters got past them)", 100 * probe.rate(), probe.falsePositives(),
        probe.negatives(), probe.tables());
  }

  private static String bloom(ReadCounters reads) {
    double rate = reads.measuredFalsePositiveRate();
    if (Double.isNaN(rate)) {
      return "n/a (no table probed for a key it lacks yet in this process)";
    }
    long falsePositives = reads.filterFalsePositives.sum();
    return String.format(Locale.ROOT, "%.2f%% (%,d of %,d probes of tables without the key;"
            + " %,d table reads skipped)", 100 * rate, falsePositives,
        reads.filterSkips.sum() + falsePositives, reads.filterSkips.sum());
  }

  private static String cache(BlockCache cache) {
    long hits = cache.hits();
    long misses = cache.misses();
    String rate = hits + misses == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%",
        100.0 * hits / (hits + misses));
    return String.format(Locale.ROOT, "hit rate %s (%,d hits, %,d misses), %s of %s used", rate,
        hits, misses, Units.formatBytes(cache.usedBytes()), Units.formatBytes(cache.capacityBytes()));
  }
}
