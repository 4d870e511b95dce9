package dev.ddialab.storage.lsm;

import static dev.ddialab.storage.cli.KvCliTest.kv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.tour.TourContext;
import dev.ddialab.storage.cli.KvCliTest;
import dev.ddialab.storage.cli.LsmTourStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ddia kv} on an lsm database as a user drives it, and the tour step. */
class LsmCliTest {
  @TempDir
  Path tmp;

  @Test
  void createSetGetAndStatsOnATieredDatabase() throws Exception {
    String db = tmp.resolve("mydb").toString();
    KvCliTest.Run created = kv("create", db, "--engine", "lsm", "--compaction", "tiered");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("created lsm database");
    assertThat(Files.readString(tmp.resolve("mydb").resolve(OptionsFile.NAME)))
        .startsWith("ddia-lsm-options 1\n").contains("compaction=tiered\n");
    assertThat(kv("set", db, "user:1", "Ada").out()).isEqualTo("OK\n");
    assertThat(kv("get", db, "user:1").out()).isEqualTo("Ada\n");
    assertThat(kv("compact", db).exitCode()).isZero();
    KvCliTest.Run stats = kv("stats", db);
    assertThat(stats.out()).contains("engine                 lsm").contains("size-tiered")
        .contains("sorted runs").contains("write amplification").contains("bloom measured FP rate")
        .contains("block cache");
  }

  @Test
  void leveledStatsShowLevels() {
    String db = tmp.resolve("mydb").toString();
    assertThat(kv("create", db, "--engine", "lsm", "-o", "memtable_bytes=4096").exitCode()).isZero();
    for (int i = 0; i < 200; i++) {
      kv("set", db, "key" + i, "value-" + i + "-".repeat(50));
    }
    kv("compact", db);
    assertThat(kv("stats", db).out()).contains("leveled").contains("L0 ").contains("L1 ")
        .containsPattern("write amplification +[0-9.]+ \\(WAL");
    assertThat(kv("range", db, "key10", "key11").out()).startsWith("key10: value-10-");
  }

  @Test
  void badOptionsAreUsageErrors() {
    String db = tmp.resolve("mydb").toString();
    KvCliTest.Run wrongEngine = kv("create", db, "--compaction", "tiered");
    assertThat(wrongEngine.exitCode()).isEqualTo(2);
    assertThat(wrongEngine.err()).contains("--compaction applies to --engine lsm");
    KvCliTest.Run badStyle = kv("create", db, "--engine", "lsm", "--compaction", "sideways");
    assertThat(badStyle.exitCode()).isEqualTo(2);
    assertThat(badStyle.err()).contains("unknown compaction style 'sideways'");
    KvCliTest.Run badOption = kv("create", db, "--engine", "lsm", "-o", "colour=blue");
    assertThat(badOption.exitCode()).isEqualTo(2);
    assertThat(badOption.err()).contains("unknown lsm option 'colour'");
    assertThat(tmp.resolve("mydb")).doesNotExist();
  }

  @Test
  void theTourStepShowsLevelsAmplificationAndBloomFilters() throws Exception {
    StringWriter out = new StringWriter();
    try (TourContext tour = new TourContext(new PrintWriter(out, true), false, 7)) {
      new LsmTourStep().run(tour);
    }
    assertThat(out.toString()).contains("L0").contains("L1").contains("write amplification")
        .contains("bloom filter false positives").contains("block cache");
    System.out.println(out);
  }
}
