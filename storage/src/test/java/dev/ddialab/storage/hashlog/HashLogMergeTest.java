package dev.ddialab.storage.hashlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Bytes;
import dev.ddialab.storage.Durability;
import dev.ddialab.storage.EngineStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DDIA ch. 3, "Hash Indexes": merging, hint files, and recovery from a merge cut short. */
class HashLogMergeTest {
  private static final HashLogEngine.Options SMALL_SEGMENTS_MANUAL_MERGE =
      new HashLogEngine.Options(4 * 1024, 0.5, 1024, false);

  @TempDir
  Path db;

  private HashLogEngine open() throws IOException {
    return HashLogEngine.open(db, SMALL_SEGMENTS_MANUAL_MERGE);
  }

  private static void overwrite(HashLogEngine engine, int keys, int rounds) throws IOException {
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < keys; k++) {
        engine.put(Bytes.utf8("key" + k), Bytes.utf8("round" + round + "-" + "x".repeat(50)),
            Durability.BUFFERED);
      }
    }
    engine.flush();
  }

  @Test
  void mergeKeepsOnlyLiveValuesAndReclaimsSpace() throws IOException {
    try (HashLogEngine engine = open()) {
      overwrite(engine, 100, 10);
      engine.delete(Bytes.utf8("key0"));
      EngineStats before = engine.stats();
      engine.compact();
      EngineStats after = engine.stats();
      assertThat(after.diskBytes()).isLessThan(before.diskBytes() / 4);
      assertThat(after.liveKeys()).isEqualTo(99);
      assertThat(engine.get(Bytes.utf8("key0"))).isEmpty();
      assertThat(engine.get(Bytes.utf8("key7"))).map(Bytes::utf8).hasValueSatisfying(
          v -> assertThat(v).startsWith("round9-"));
    }
    List<Long> generations = mergedGenerations();
    assertThat(generations).hasSize(1);
    assertThat(MergedFile.hintFile(db, generations.get(0))).exists();
  }

  @Test
  void startUpReadsHintsAndStillWorksWithoutThem() throws IOException {
    try (HashLogEngine engine = open()) {
      overwrite(engine, 50, 4);
      engine.compact();
      engine.put(Bytes.utf8("after-merge"), Bytes.utf8("yes"));
    }
    try (HashLogEngine engine = open()) {
      assertThat(engine.stats().liveKeys()).isEqualTo(51);
      assertThat(engine.get(Bytes.utf8("key3"))).map(Bytes::utf8).contains("round3-" + "x".repeat(50));
    }
    long generation = mergedGenerations().get(0);
    Files.delete(MergedFile.hintFile(db, generation));
    try (HashLogEngine engine = open()) {
      assertThat(engine.stats().liveKeys()).isEqualTo(51);
      assertThat(engine.get(Bytes.utf8("after-merge"))).map(Bytes::utf8).contains("yes");
    }
  }

  @Test
  void aMergeCutShortBeforeItsCommitIsIgnored() throws IOException {
    try (HashLogEngine engine = open()) {
      overwrite(engine, 50, 4);
    }
    // A crash while writing the new generation leaves temporary files only.
    Files.writeString(db.resolve("merged-000000000099.data.tmp"), "half-written");
    Files.writeString(db.resolve("merged-000000000099.hint.tmp"), "half-written");
    try (HashLogEngine engine = open()) {
      assertThat(engine.stats().liveKeys()).isEqualTo(50);
      assertThat(engine.get(Bytes.utf8("key1"))).map(Bytes::utf8).contains("round3-" + "x".repeat(50));
    }
    try (var files = Files.list(db)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aMergeCutShortAfterItsCommitFinishesTheCleanUp() throws IOException {
    Path saved = Files.createTempDirectory("hashlog-segments-");
    try (HashLogEngine engine = open()) {
      overwrite(engine, 50, 4);
      engine.log().rollSegment();
      // Closed segments are immutable: keep copies to put back after the merge deleted them,
      // which is the state a crash between the commit and the deletion leaves behind.
      try (var files = Files.list(db.resolve(HashLogEngine.LOG_DIR))) {
        for (Path f : files.toList()) {
          Files.copy(f, saved.resolve(f.getFileName()));
        }
      }
      engine.compact();
      engine.put(Bytes.utf8("key1"), Bytes.utf8("newest"));
    }
    try (var files = Files.list(saved)) {
      for (Path f : files.toList()) {
        Path target = db.resolve(HashLogEngine.LOG_DIR).resolve(f.getFileName());
        if (!Files.exists(target)) {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    try (HashLogEngine engine = open()) {
      assertThat(engine.get(Bytes.utf8("key1"))).map(Bytes::utf8).contains("newest");
      assertThat(engine.get(Bytes.utf8("key2"))).map(Bytes::utf8).contains("round3-" + "x".repeat(50));
      assertThat(engine.stats().liveKeys()).isEqualTo(50);
      long generation = mergedGenerations().get(0);
      assertThat(engine.log().segmentIds()).allMatch(id -> id > generation);
    }
  }

  @Test
  void backgroundMergeStartsWhenDeadBytesDominate() throws Exception {
    HashLogEngine.Options eager = new HashLogEngine.Options(4 * 1024, 0.5, 8 * 1024, true);
    try (HashLogEngine engine = HashLogEngine.open(db, eager)) {
      for (int round = 0; round < 200 && engine.stats().details().get("merges").equals("0"); round++) {
        overwrite(engine, 20, 5);
        Thread.sleep(10);
      }
      assertThat(engine.stats().details().get("merges")).isNotEqualTo("0");
      assertThat(engine.stats().liveKeys()).isEqualTo(20);
    }
  }

  private List<Long> mergedGenerations() throws IOException {
    try (var files = Files.list(db)) {
      return files.map(MergedFile::generationOf).filter(g -> g >= 0).toList();
    }
  }
}
