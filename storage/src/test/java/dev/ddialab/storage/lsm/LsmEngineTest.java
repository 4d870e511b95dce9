package dev.ddialab.storage.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.EngineStats;
import dev.ddialab.storage.KvEntry;
import dev.ddialab.storage.KvIterator;
import dev.ddialab.storage.lsm.compaction.CompactionStyle;
import dev.ddialab.storage.lsm.version.FileMeta;
import dev.ddialab.storage.lsm.version.Version;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LSM engine's own mechanisms, beyond the shared contract: the tree takes shape through
 * flushes and compactions, flushed WAL segments and obsolete tables leave the disk (the latter
 * only once no scan holds them), bloom filters answer absent-key reads, writes stall when L0 is
 * full, and recovery refuses what it cannot trust.
 */
class LsmEngineTest {
  @TempDir
  Path tmp;

  private static LsmOptions small(CompactionStyle style) {
    return LsmOptions.defaults(style).with(Map.of("memtable_bytes", "16384", "table_bytes",
        "16384", "level1_bytes", "65536", "block_bytes", "1024", "level_size_ratio", "4"));
  }

  private static byte[] key(int i) {
    return Bytes.utf8(String.format("key%07d", i));
  }

  private static byte[] value(int i, int round) {
    byte[] v = new byte[100];
    new Random(i * 31L + round).nextBytes(v);
    return v;
  }

  /** Loads keys 0..n-1 in a shuffled order with buffered writes. */
  private static void load(LsmEngine engine, int n, int round) throws IOException {
    Random random = new Random(round);
    int[] order = random.ints(0, n).distinct().limit(n).toArray();
    for (int i : order) {
      engine.put(key(i), value(i, round), Durability.BUFFERED);
    }
  }

  /** Waits until nothing awaits a flush and the policy plans no compaction. */
  private static void awaitQuiet(LsmEngine engine) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (engine.versions().immutableCount() > 0
        || engine.compactor().policy().plan(engine.versions().version()).isPresent()) {
      assertThat(System.nanoTime()).as("background work settles").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static List<Path> tables(Path db) throws IOException {
    try (var files = Files.list(db.resolve(VersionSet.SST_DIR))) {
      return files.filter(f -> f.toString().endsWith(".sst")).sorted().toList();
    }
  }

  @Test
  void flushesAndCompactionsBuildLevelsAndReclaimTheWal() throws Exception {
    Path db = tmp.resolve("db");
    try (LsmEngine engine = LsmEngine.open(db, small(CompactionStyle.LEVELED))) {
      load(engine, 5_000, 1);
      load(engine, 5_000, 2);
      awaitQuiet(engine);
      Version version = engine.versions().version();
      assertThat(version.deepestNonEmptyLevel()).as("data reached L2 or below: %s", version)
          .isGreaterThanOrEqualTo(2);
      assertThat(engine.wal().segmentIds().size()).as("flushed WAL segments are deleted")
          .isLessThanOrEqualTo(engine.options().maxImmutableMemtables() + 2);
      for (int i = 0; i < 5_000; i += 7) {
        assertThat(engine.get(key(i))).contains(value(i, 2));
      }
      EngineStats stats = engine.stats();
      assertThat(stats.liveKeys()).isEqualTo(5_000);
      assertThat(stats.writeAmplification()).as("WAL + flush + compaction").isGreaterThan(2.0);
      assertThat(stats.details()).containsKeys("compaction", "Level 0", "Level 1", "Level 2",
          "memtable", "Total keys",
          "write amplification", "bloom measured FP rate", "block cache", "write stalls");
      assertThat(stats.details().get("compaction")).startsWith("leveled");
      assertThat(stats.details().get("Total keys")).startsWith("5000 ");
      assertThat(stats.details().get("Level 2"))
          .containsPattern("^[\\d,]+ SSTables?, [\\d.]+ [KMG]?i?B, [\\d,]+ keys");
      assertThat(tables(db)).as("only live tables remain on disk")
          .hasSize(version.fileCount());
    }
  }

  @Test
  void bloomFiltersAnswerMostReadsOfAbsentKeys() throws Exception {
    try (LsmEngine engine = LsmEngine.open(tmp.resolve("db"), small(CompactionStyle.LEVELED))) {
      load(engine, 5_000, 1);
      engine.compact();
      for (int i = 0; i < 5_000; i++) {
        // Between existing keys, so the key ranges do not rule the tables out.
        assertThat(engine.get(Bytes.utf8(String.format("key%07d-", i)))).isEmpty();
      }
      ReadCounters reads = engine.reads();
      assertThat(reads.filterSkips.sum()).isGreaterThan(4_800);
      assertThat(reads.measuredFalsePositiveRate()).as("10 bits per key targets 0.82%")
          .isBetween(0.001, 0.025);
      Map<String, String> details = engine.stats().details();
      assertThat(details.get("bloom FP rate in reads")).contains("%");
      String probed = details.get("bloom measured FP rate");
      assertThat(probed).as("probed now, as kv stats does").containsPattern("^[0-9.]+% \\(");
      assertThat(Double.parseDouble(probed.substring(0, probed.indexOf('%'))))
          .as("percent, in %s", probed).isBetween(0.1, 2.5);
    }
  }

  @Test
  void obsoleteTablesOutliveTheScansThatReadThem() throws Exception {
    Path db = tmp.resolve("db");
    try (LsmEngine engine = LsmEngine.open(db, small(CompactionStyle.LEVELED))) {
      load(engine, 2_000, 1);
      engine.compact();
      List<Path> before = tables(db);
      try (KvIterator scan = engine.scan(null, null)) {
        KvEntry first = scan.next();
        load(engine, 2_000, 2);
        engine.compact();
        assertThat(tables(db)).as("the scan still holds the old tables").containsAll(before);
        int seen = 1;
        while (scan.hasNext()) {
          KvEntry e = scan.next();
          int i = Integer.parseInt(Bytes.utf8(e.key()).substring(3));
          assertThat(e.value()).as("the scan's snapshot").isEqualTo(value(i, 1));
          seen++;
        }
        assertThat(seen).isEqualTo(2_000);
        assertThat(first.value()).isEqualTo(value(0, 1));
      }
      assertThat(tables(db)).as("released with the scan").doesNotContainAnyElementsOf(before);
      assertThat(engine.get(key(5))).contains(value(5, 2));
    }
  }

  @Test
  void writesStopWhenLevel0IsFullAndResumeAfterACompaction() throws Exception {
    // L0 never compacts by itself (trigger 100), so the writer must stop at 2 tables.
    LsmOptions options = small(CompactionStyle.LEVELED).with(Map.of("l0_compaction_trigger",
        "100", "slowdown_tables", "1", "stop_tables", "2", "max_immutable_memtables", "1"));
    try (LsmEngine engine = LsmEngine.open(tmp.resolve("db"), options)) {
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          load(engine, 2_000, 1);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (engine.stalls().level0Stops.sum() == 0) {
        assertThat(System.nanoTime()).as("the writer stops").isLessThan(deadline);
        assertThat(writer).as("the writer stopped before finishing").isNotDone();
        Thread.sleep(5);
      }
      assertThat(engine.versions().version().level(0)).hasSize(2);
      Thread.sleep(200);
      assertThat(writer).as("still stopped: nothing drains L0 by itself").isNotDone();
      assertThat(engine.versions().version().level(0)).hasSize(2);
      // Each compaction lets the writer make one more L0 table before it stops again.
      while (!writer.isDone()) {
        assertThat(System.nanoTime()).as("the writer finishes").isLessThan(deadline);
        engine.compactor().compactAll();
        Thread.sleep(5);
      }
      writer.get();
      assertThat(engine.stalls().slowdowns.sum()).isPositive();
      assertThat(engine.stats().details().get("write stalls")).doesNotStartWith("0 slowdowns");
      for (int i = 0; i < 2_000; i += 11) {
        assertThat(engine.get(key(i))).isPresent();
      }
    }
  }

  @Test
  void theCompactionStyleIsFixedWhenTheDatabaseIsCreated() throws IOException {
    Path db = tmp.resolve("db");
    LsmEngine.open(db, small(CompactionStyle.TIERED)).close();
    assertThatThrownBy(() -> LsmEngine.open(db, small(CompactionStyle.LEVELED)))
        .isInstanceOf(IOException.class).hasMessageContaining("created with tiered compaction");
    assertThat(OptionsFile.read(db).compaction()).isEqualTo(CompactionStyle.TIERED);
  }

  @Test
  void tieredCompactionKeepsEveryRunInLevel0() throws Exception {
    try (LsmEngine engine = LsmEngine.open(tmp.resolve("db"), small(CompactionStyle.TIERED))) {
      load(engine, 5_000, 1);
      load(engine, 5_000, 2);
      awaitQuiet(engine);
      Version version = engine.versions().version();
      assertThat(version.deepestNonEmptyLevel()).isZero();
      assertThat(version.level(0).size()).isBetween(1, engine.options().tieredMaxRuns());
      Map<String, String> details = engine.stats().details();
      assertThat(details).containsKey("sorted runs");
      assertThat(details.keySet()).anyMatch(k -> k.startsWith("tier "));
      for (int i = 0; i < 5_000; i += 13) {
        assertThat(engine.get(key(i))).contains(value(i, 2));
      }
    }
  }

  @Test
  void aDamagedTableIsNamedWhenItIsRead() throws IOException {
    Path db = tmp.resolve("db");
    try (LsmEngine engine = LsmEngine.open(db, small(CompactionStyle.LEVELED)
        .with(Map.of("background_compaction", "false")))) {
      load(engine, 500, 1);
      engine.compact();
    }
    Path table = tables(db).getFirst();
    try (RandomAccessFile file = new RandomAccessFile(table.toFile(), "rw")) {
      file.seek(100); // inside the first data block
      int b = file.read();
      file.seek(100);
      file.write(b ^ 0x04);
    }
    try (LsmEngine engine = LsmEngine.open(db, small(CompactionStyle.LEVELED)
        .with(Map.of("background_compaction", "false")))) {
      assertThatThrownBy(() -> engine.get(key(0))).isInstanceOf(IOException.class)
          .hasMessageContaining(table.getFileName().toString()).hasMessageContaining("checksum");
      assertThat(engine.get(key(499))).contains(value(499, 1));
    }
  }

  @Test
  void aLostManifestIsRefusedRatherThanItsTablesDeleted() throws IOException {
    Path db = tmp.resolve("db");
    try (LsmEngine engine = LsmEngine.open(db, small(CompactionStyle.LEVELED))) {
      load(engine, 500, 1);
      engine.compact();
    }
    int tableCount = tables(db).size();
    dev.ddialab.core.tour.TourContext.deleteTree(db.resolve(VersionSet.MANIFEST_DIR));
    assertThatThrownBy(() -> LsmEngine.open(db, small(CompactionStyle.LEVELED)))
        .hasMessageContaining("refusing");
    assertThat(tables(db)).hasSize(tableCount);
  }

  @Test
  void recoveryReplaysTheWalAndLifetimeCountersSurviveReopens() throws Exception {
    Path db = tmp.resolve("db");
    LsmOptions large = LsmOptions.defaults().with(Map.of("memtable_bytes", "67108864"));
    EngineStats before;
    try (LsmEngine engine = LsmEngine.open(db, large)) {
      load(engine, 3_000, 1);
      engine.delete(key(7), Durability.BUFFERED);
      before = engine.stats();
      assertThat(engine.versions().version().fileCount()).as("all in the memtable").isZero();
    }
    // Reopened with small memtables, the replayed memtable is too big and is flushed.
    try (LsmEngine engine = LsmEngine.open(db, small(CompactionStyle.LEVELED))) {
      awaitQuiet(engine);
      assertThat(engine.versions().version().fileCount()).isPositive();
      assertThat(engine.get(key(7))).isEmpty();
      assertThat(engine.get(key(8))).contains(value(8, 1));
      EngineStats after = engine.stats();
      assertThat(after.liveKeys()).isEqualTo(2_999);
      assertThat(after.userBytesWritten()).isEqualTo(before.userBytesWritten());
      assertThat(after.diskBytesWritten()).isGreaterThan(before.diskBytesWritten());
      assertThat(engine.visibleSequence()).isEqualTo(3_001);
    }
  }

  @Test
  void tablesRecordWhatTheyHold() throws Exception {
    Path db = tmp.resolve("db");
    try (LsmEngine engine = LsmEngine.open(db, small(CompactionStyle.LEVELED))) {
      load(engine, 3_000, 1);
      engine.compact();
      for (FileMeta f : engine.versions().version().allFiles()) {
        assertThat(Files.size(engine.versions().tablePath(f.number()))).isEqualTo(f.sizeBytes());
        assertThat(f.tombstones()).as("a full compaction drops tombstones").isZero();
      }
    }
  }
}
