package dev.ddialab.storage.cli;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Units;
import dev.ddialab.core.tour.TourContext;
import dev.ddialab.core.tour.TourStep;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.EngineStats;
import dev.ddialab.storage.Engines;
import dev.ddialab.storage.KvEngine;
import dev.ddialab.storage.crash.CrashHarness;
import dev.ddialab.storage.hashlog.HashLogEngine;
import java.nio.file.Path;

/**
 * DDIA ch. 3, "Hash Indexes": the log-structured store with an in-memory hash index. Kills a
 * writer process with SIGKILL and shows that every acknowledged write survived, then overwrites
 * keys and compacts to show the space a merge reclaims.
 */
public final class KvTourStep implements TourStep {
  private static final int KILLS = 3;
  private static final int OVERWRITE_ROUNDS = 20;
  private static final int KEYS = 2_000;

  @Override
  public int chapter() {
    return 3;
  }

  @Override
  public String title() {
    return "A log with a hash index (Bitcask): durability under kill -9, and merging";
  }

  @Override
  public void run(TourContext tour) throws Exception {
    Path db = tour.newDirectory("kv-hashlog");
    Engines.create(db, HashLogEngine.NAME).close();
    tour.say("Created a hashlog database in %s:", db);
    tour.say("an append-only log, and an in-memory hash map from each key to where its newest");
    tour.say("value sits in the log.");
    tour.say("");
    tour.say("A writer process now appends synced writes and prints 'ack N' after each one.");
    tour.say("We kill it with SIGKILL at a random moment, %d times, and after each kill reopen", KILLS);
    tour.say("the database and compare it with every acknowledged write ...");
    CrashHarness.Plan plan = CrashHarness.Plan.strict(KILLS, 1_500)
        .withListener((kill, thisRun, total) -> tour.say("  kill %d: %,d writes acknowledged"
            + " before SIGKILL; reopened, all present", kill, thisRun))
        .onStart(tour::onCleanup);
    CrashHarness.Result result = CrashHarness.run(db, plan, tour.random());
    tour.measured("acknowledged writes", String.format("%,d over %d kills", result.acknowledged(),
        result.kills()));
    tour.measured("acknowledged writes lost", "0 (the check compares every key and value)");
    tour.say("Each acknowledgment came after an fsync, and recovery cut off any torn record at");
    tour.say("the log's tail, so what was promised is exactly what is there.");

    tour.say("");
    tour.say("Now %,d keys are overwritten %d times with buffered writes (one fsync at the end).",
        KEYS, OVERWRITE_ROUNDS);
    try (KvEngine engine = Engines.open(db)) {
      byte[] value = new byte[100];
      for (int round = 0; round < OVERWRITE_ROUNDS; round++) {
        for (int key = 0; key < KEYS; key++) {
          java.util.Arrays.fill(value, (byte) ('a' + round % 26));
          engine.put(Bytes.utf8(String.format("user:%05d", key)), value, Durability.BUFFERED);
        }
      }
      engine.flush();
      EngineStats before = engine.stats();
      tour.measured("before merging", Units.formatBytes(before.diskBytes()) + " on disk, "
          + before.details().get("dead bytes") + " dead");
      engine.compact();
      EngineStats after = engine.stats();
      tour.measured("after merging ", Units.formatBytes(after.diskBytes()) + " on disk, "
          + after.details().get("dead bytes") + " dead");
      tour.measured("space reclaimed", Units.formatBytes(before.diskBytes() - after.diskBytes()));
      tour.say("Old values stay in the log until a merge copies the live ones to a new file");
      tour.say("(with a hint file, so start-up need not read every value) and deletes the old.");
      String sample = Bytes.utf8(engine.get(Bytes.utf8("user:00042")).orElseThrow());
      tour.say("./ddia kv get DB user:00042  ->  %s...", sample.substring(0, 10));
    }
  }
}
