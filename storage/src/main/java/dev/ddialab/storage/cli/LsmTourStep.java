package dev.ddialab.storage.cli;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Units;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.core.tour.TourStep;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.EngineStats;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.lsm.LsmEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DDIA ch. 3, "SSTables and LSM-Trees": loads keys in random order into an LSM database with small
 * memtables and tables, and shows the tree forming as memtables are flushed to L0 and compacted
 * into levels, what that costs in write amplification, and how bloom filters spare reads of keys
 * that are not there.
 */
public final class LsmTourStep implements TourStep {
  private static final int KEYS = 100_000;
  private static final int ROUNDS = 4;
  private static final int PROBES = 20_000;
  private static final Pattern LEVEL_LINE = Pattern.compile("Level (\\d+)");
  private static final Pattern TABLES_AND_BYTES = Pattern.compile("[\\d,]+ SSTables?, [^,]+");

  @Override
  public int chapter() {
    return 3;
  }

  @Override
  public String title() {
    return "SSTables and LSM-trees: memtables, flushes, leveled compaction, bloom filters";
  }

  @Override
  public void run(TourContext tour) throws Exception {
    Path db = tour.newDirectory("kv-lsm");
    Map<String, String> small = Map.of("memtable_bytes", "262144", "table_bytes", "262144",
        "level1_bytes", "1048576");
    try (KvEngine engine = Engines.create(db, LsmEngine.NAME, small)) {
      LsmEngine lsm = (LsmEngine) engine;
      tour.say("Created an lsm database in %s, with 256 KiB memtables and tables and a 1 MiB L1", db);
      tour.say("(./ddia kv create DB --engine lsm -o memtable_bytes=262144 ...).");
      tour.say("Every write goes to the write-ahead log, then into a sorted in-memory memtable;");
      tour.say("a full memtable is written out as a sorted file (an SSTable) in level 0, and");
      tour.say("compaction merges tables down into levels L1, L2, ..., each 10x the one above.");
      tour.say("");
      tour.say("Writing %,d keys of 100 bytes in random order, in %d rounds:", KEYS, ROUNDS);
      RandomGenerator random = tour.random();
      byte[] value = new byte[100];
      int[] order = shuffled(KEYS, random);
      for (int round = 0; round < ROUNDS; round++) {
        for (int i = round * KEYS / ROUNDS; i < (round + 1) * KEYS / ROUNDS; i++) {
          random.nextBytes(value);
          engine.put(key(order[i]), value, Durability.BUFFERED);
        }
        tour.say("  after %,7d keys: %s", (round + 1) * KEYS / ROUNDS, levels(engine.stats()));
      }
      lsm.awaitBackgroundWork(Duration.ofMinutes(1));
      EngineStats stats = engine.stats();
      tour.say("  settled:          %s", levels(stats));
      tour.measured("flushes and compactions", stats.details().get("flushes") + "; "
          + stats.details().get("compactions"));
      tour.measured("write amplification", stats.details().get("write amplification"));
      tour.say("Each byte was written once to the log, once by a flush, and again by every");
      tour.say("compaction that carried it down a level: the price of sequential writes.");

      tour.say("");
      tour.say("Now %,d reads of keys that do not exist. Without help, each would search every", PROBES);
      tour.say("table whose key range covers it; a bloom filter per table answers 'certainly not");
      tour.say("here' for most of them without touching the disk.");
      int found = 0;
      for (int i = 0; i < PROBES; i++) {
        found += engine.get(Bytes.utf8(String.format("user:%06d-absent", random.nextInt(KEYS))))
            .isPresent() ? 1 : 0;
      }
      for (int i = 0; i < PROBES; i++) {
        found += engine.get(key(random.nextInt(KEYS))).isPresent() ? 1 : 0;
      }
      stats = engine.stats();
      tour.measured("bloom filter false positives", stats.details().get("bloom FP rate in reads"));
      tour.say("(the target is %s)", stats.details().get("bloom filters"));
      tour.measured("block cache, after %,d more reads of existing keys".formatted(PROBES),
          stats.details().get("block cache"));
      tour.measured("on disk", Units.formatBytes(stats.diskBytes()) + " for "
          + String.format("%,d keys (%,d of the reads found a value)", stats.liveKeys(), found));
      tour.say("./ddia kv stats DB prints all of this for any lsm database.");
    }
  }

  private static byte[] key(int i) {
    return Bytes.utf8(String.format("user:%06d", i));
  }

  private static int[] shuffled(int n, RandomGenerator random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** "L0 2 SSTables, 510.2 KiB | L1 ..." from the stats' "Level N" lines. */
  private static String levels(EngineStats stats) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> detail : stats.details().entrySet()) {
      Matcher level = LEVEL_LINE.matcher(detail.getKey());
      if (level.matches()) {
        Matcher shape = TABLES_AND_BYTES.matcher(detail.getValue());
        out.append(out.isEmpty() ? "" : " | ").append('L').append(level.group(1)).append(' ')
            .append(shape.lookingAt() ? shape.group() : detail.getValue());
      }
    }
    return out.toString();
  }
}
