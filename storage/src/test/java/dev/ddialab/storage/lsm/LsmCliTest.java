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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    assertThat(stats.out()).contains("engine: lsm\n").contains("size-tiered")
        .contains("Level 0: 1 SSTable, ").contains("1 key (each a sorted run)")
        .contains("sorted runs").contains("Total keys: 1 ").contains("memtable: ")
        .contains("write amplification").contains("bloom measured FP rate")
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
    assertThat(kv("stats", db).out()).contains("leveled")
        .containsPattern("\nLevel 0: [\\d,]+ SSTables?, [\\d.]+ [KMG]?i?B, [\\d,]+ keys?")
        .containsPattern("\nLevel 1: [\\d,]+ SSTables?, [\\d.]+ [KMG]?i?B, [\\d,]+ keys?")
        .containsPattern("\nLevel 1: [^\n]*, 200 keys").contains("\nTotal keys: 200 (")
        .contains("\nmemtable: ")
        .containsPattern("\nbloom measured FP rate: [0-9.]+% \\(")
        .containsPattern("\nwrite amplification: [0-9.]+ \\(WAL");
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

  /**
   * DDIA ch. 3's trade-off, as the simulator measures it: leveled compaction rewrites a byte about
   * once per level it descends, size-tiered about once per tier, so tiered writes less; but
   * tiered leaves several runs that each hold a copy of most keys until enough of them merge,
   * while leveled keeps most data in its last level with one copy per key, so leveled needs less
   * space per live byte. With each key overwritten about ten times, both show.
   */
  @Test
  void simulateCompactionShowsLeveledWritesMoreAndTieredTakesMoreSpace() {
    KvCliTest.Run run = kv("simulate-compaction", "--policy", "both", "--writes", "200000",
        "--key-space", "20000", "--seed", "7");
    assertThat(run.exitCode()).as(run.err()).isZero();
    String out = run.out();
    int tieredStart = out.indexOf("\nsize-tiered (");
    assertThat(out).contains("\nleveled (").contains("Level 1: ").contains("tier ")
        .contains("tiered against leveled");
    assertThat(tieredStart).isPositive();
    String leveled = out.substring(0, tieredStart);
    String tiered = out.substring(tieredStart);
    assertThat(figure(tiered, "write amplification"))
        .isLessThan(figure(leveled, "write amplification"));
    assertThat(figure(leveled, "space amplification"))
        .isLessThan(figure(tiered, "space amplification"));
  }

  private static double figure(String section, String name) {
    Matcher m = Pattern.compile(name + ": ([0-9.]+)").matcher(section);
    assertThat(m.find()).as("%s in %s", name, section).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void simulateCompactionRejectsBadInput() {
    assertThat(kv("simulate-compaction", "--writes", "10", "--policy", "sideways").err())
        .contains("unknown --policy 'sideways'");
    assertThat(kv("simulate-compaction", "--writes", "0").exitCode()).isEqualTo(2);
    assertThat(kv("simulate-compaction", "--writes", "10", "--key-space", "0").exitCode())
        .isEqualTo(2);
    assertThat(kv("simulate-compaction", "--writes", "10", "--value-size", "-1").exitCode())
        .isEqualTo(2);
    KvCliTest.Run badOption = kv("simulate-compaction", "--writes", "10", "-o",
        "level_size_ratio=1");
    assertThat(badOption.exitCode()).isEqualTo(2);
    assertThat(badOption.err()).contains("level_size_ratio 1 < 2");
    assertThat(kv("simulate-compaction").exitCode()).as("--writes is required").isEqualTo(2);
  }

  @Test
  void simulateCompactionRunsOnePolicy() {
    KvCliTest.Run run = kv("simulate-compaction", "--policy", "tiered", "--writes", "5000",
        "--value-size", "0");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("size-tiered (").doesNotContain("leveled (")
        .contains("16 B each").contains("space amplification: ");
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
