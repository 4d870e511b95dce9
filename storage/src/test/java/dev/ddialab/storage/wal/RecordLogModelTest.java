package dev.ddialab.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.storage.wal.WalTestFiles.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The record log beside a trivially correct model (a list of payloads and the positions append
 * returned), in the style of LevelDB's db_test: random appends of every size (empty, small,
 * multi-KiB, larger than a segment), syncs, segment rolls, close-and-reopen, deletion of old
 * segments, point reads and full scans. Segments are tiny so that rollover happens constantly.
 */
class RecordLogModelTest {
  sealed interface Op {}

  record Append(int size, long seed) implements Op {}

  record Sync() implements Op {}

  record Roll() implements Op {}

  record Reopen() implements Op {}

  record Read(int pick) implements Op {}

  record ScanAll() implements Op {}

  record ScanFrom(int pick) implements Op {}

  record DeleteBefore(int pick) implements Op {}

  @Property(tries = 200)
  void behavesLikeAListOfPayloads(
      @ForAll("operations") List<Op> operations,
      @ForAll @IntRange(min = 24, max = 6000) int segmentBytesMax)
      throws IOException {
    RecordLog.Options options =
        RecordLog.Options.defaults()
            .withSegmentBytesMax(segmentBytesMax)
            .withMaxRecordBytes(1 << 16);
    Path dir = Files.createTempDirectory("wal-model");
    List<Entry> model = new ArrayList<>();
    RecordLog log = RecordLog.open(dir, options);
    try {
      for (Op op : operations) {
        switch (op) {
          case Append append -> {
            byte[] payload = WalTestFiles.payload(append.size(), append.seed());
            long position = log.append(payload);
            if (!model.isEmpty()) {
              assertThat(position).isGreaterThan(model.getLast().position());
            }
            model.add(new Entry(position, payload));
          }
          case Sync sync -> log.sync();
          case Roll roll -> {
            long before = log.activeSegmentId();
            assertThat(log.rollSegment()).isEqualTo(before + 1);
          }
          case Reopen reopen -> {
            log.close();
            log = RecordLog.open(dir, options);
          }
          case Read read -> {
            if (!model.isEmpty()) {
              Entry expected = model.get(read.pick() % model.size());
              assertThat(log.read(expected.position())).isEqualTo(expected.payload());
            }
          }
          case ScanAll scan -> assertSameEntries(WalTestFiles.readAll(log), model);
          case ScanFrom scan -> {
            if (!model.isEmpty()) {
              int from = scan.pick() % model.size();
              List<Entry> seen = new ArrayList<>();
              try (Cursor cursor = log.cursor(model.get(from).position())) {
                while (cursor.next()) {
                  seen.add(new Entry(cursor.position(), cursor.payload()));
                }
              }
              assertSameEntries(seen, model.subList(from, model.size()));
            }
          }
          case DeleteBefore delete -> {
            List<Long> ids = log.segmentIds();
            long before = ids.get(delete.pick() % ids.size());
            log.deleteSegmentsBefore(before);
            model.removeIf(entry -> LogPosition.segment(entry.position()) < before);
            assertThat(log.segmentIds().getFirst()).isEqualTo(before);
          }
        }
        checkShape(log, dir);
      }
      log.close();
      log = RecordLog.open(dir, options);
      assertSameEntries(WalTestFiles.readAll(log), model);
    } finally {
      log.close();
      WalTestFiles.deleteRecursively(dir);
    }
  }

  private static void checkShape(RecordLog log, Path dir) throws IOException {
    List<Long> ids = log.segmentIds();
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
    }
    assertThat(log.activeSegmentId()).isEqualTo(ids.getLast());
    long onDisk = 0;
    for (long id : ids) {
      onDisk += Files.size(log.segmentFile(id));
    }
    RecordLog.Stats stats = log.stats();
    assertThat(stats.segments()).isEqualTo(ids.size());
    assertThat(stats.sizeBytes()).isEqualTo(onDisk);
    assertThat(stats.forces())
        .isLessThanOrEqualTo(stats.syncCalls() + ids.size() + stats.appends());
  }

  private static void assertSameEntries(List<Entry> actual, List<Entry> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).position())
          .as("position of record %d", i)
          .isEqualTo(expected.get(i).position());
      assertThat(actual.get(i).payload())
          .as("payload of record %d", i)
          .isEqualTo(expected.get(i).payload());
    }
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Integer> sizes =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(0)),
            Tuple.of(6, Arbitraries.integers().between(1, 100)),
            Tuple.of(2, Arbitraries.integers().between(1000, 9000)));
    Arbitrary<Op> append =
        sizes.flatMap(size -> Arbitraries.longs().map(seed -> (Op) new Append(size, seed)));
    Arbitrary<Integer> picks = Arbitraries.integers().between(0, 1_000_000);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            Tuple.of(12, append),
            Tuple.of(2, Arbitraries.just(new Sync())),
            Tuple.of(1, Arbitraries.just(new Roll())),
            Tuple.of(1, Arbitraries.just(new Reopen())),
            Tuple.of(4, picks.map(Read::new)),
            Tuple.of(1, Arbitraries.just(new ScanAll())),
            Tuple.of(1, picks.map(ScanFrom::new)),
            Tuple.of(1, picks.map(DeleteBefore::new)));
    return op.list().ofMaxSize(50);
  }
}
