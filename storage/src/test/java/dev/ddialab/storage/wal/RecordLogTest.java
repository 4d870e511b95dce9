package dev.ddialab.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The log's directory of segments: naming, rollover, deletion, lifecycle, concurrent readers. */
class RecordLogTest {
  @TempDir Path dir;

  @Test
  void aNewLogIsSegmentOneInANewDirectory() throws IOException {
    Path logDir = dir.resolve("db/log");
    try (RecordLog log = RecordLog.open(logDir, RecordLog.Options.defaults())) {
      assertThat(log.segmentIds()).containsExactly(1L);
      assertThat(log.activeSegmentId()).isEqualTo(1);
      assertThat(log.segmentFile(1)).isEqualTo(logDir.resolve("000000000001.log"));
      assertThat(Files.size(log.segmentFile(1))).isEqualTo(SegmentHeader.BYTES);
      assertThat(log.append(new byte[] {1})).isEqualTo(LogPosition.pack(1, SegmentHeader.BYTES));
    }
  }

  @Test
  void rollsBeforeAnAppendWouldPassTheSegmentLimit() throws IOException {
    // 16 + 2 * 38 = 92 bytes fit in 100; a third 38-byte frame does not.
    RecordLog.Options options = RecordLog.Options.defaults().withSegmentBytesMax(100);
    try (RecordLog log = RecordLog.open(dir, options)) {
      long a = log.append(new byte[30]);
      long b = log.append(new byte[30]);
      long c = log.append(new byte[30]);
      long huge = log.append(new byte[500]); // larger than a segment: gets one of its own
      long after = log.append(new byte[1]);

      assertThat(List.of(a, b, c, huge, after).stream().map(LogPosition::segment).toList())
          .containsExactly(1L, 1L, 2L, 3L, 4L);
      assertThat(Files.size(log.segmentFile(1))).isEqualTo(92);
      assertThat(Files.size(log.segmentFile(3))).isEqualTo(16 + Frame.encodedSize(500));
      RecordLog.Stats stats = log.stats();
      assertThat(stats.appends()).isEqualTo(5);
      assertThat(stats.bytesAppended())
          .isEqualTo(3 * 38 + Frame.encodedSize(500) + Frame.encodedSize(1));
      assertThat(stats.segments()).isEqualTo(4);
      assertThat(stats.sizeBytes()).isEqualTo(stats.bytesAppended() + 4 * SegmentHeader.BYTES);
      assertThat(stats.forces()).as("each switch forces the sealed segment").isEqualTo(3);
    }
  }

  @Test
  void deletingOldSegmentsRemovesTheirFilesAndPositions() throws IOException {
    RecordLog.Options options = RecordLog.Options.defaults();
    List<Long> positions = new ArrayList<>();
    try (RecordLog log = RecordLog.open(dir, options)) {
      for (int i = 0; i < 4; i++) {
        positions.add(log.append(WalTestFiles.payload(10, i)));
        log.rollSegment();
      }
      log.deleteSegmentsBefore(3);

      assertThat(log.segmentIds()).containsExactly(3L, 4L, 5L);
      assertThat(Files.exists(log.segmentFile(2))).isFalse();
      assertThatThrownBy(() -> log.read(positions.get(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no segment 2");
      assertThatThrownBy(() -> log.deleteSegmentsBefore(6))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("segment 5 is active");
      assertThat(WalTestFiles.payloads(log))
          .containsExactly(WalTestFiles.payload(10, 2), WalTestFiles.payload(10, 3));
    }
    try (RecordLog log = RecordLog.open(dir, options)) {
      assertThat(log.segmentIds()).containsExactly(3L, 4L, 5L);
      assertThat(log.read(positions.get(3))).isEqualTo(WalTestFiles.payload(10, 3));
      assertThat(LogPosition.segment(log.append(new byte[0]))).isEqualTo(5);
    }
  }

  @Test
  void filesThatAreNotSegmentsAreIgnored() throws IOException {
    Files.writeString(dir.resolve("LOCK"), "");
    Files.writeString(dir.resolve("000000000009.log.tmp"), "junk");
    Files.writeString(dir.resolve("12.log"), "junk");
    try (RecordLog log = RecordLog.open(dir, RecordLog.Options.defaults())) {
      assertThat(log.segmentIds()).containsExactly(1L);
    }
  }

  @Test
  void everyOperationAfterCloseIsRefused() throws IOException {
    RecordLog log = RecordLog.open(dir, RecordLog.Options.defaults());
    long position = log.append(new byte[] {7});
    log.close();
    log.close();

    String closed = "record log is closed: " + dir;
    assertThatThrownBy(() -> log.append(new byte[1]))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(closed);
    assertThatThrownBy(log::sync).isInstanceOf(IllegalStateException.class).hasMessage(closed);
    assertThatThrownBy(() -> log.read(position))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(closed);
    assertThatThrownBy(log::cursorFromStart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(closed);
    assertThatThrownBy(log::rollSegment)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(closed);
    assertThatThrownBy(log::segmentIds)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(closed);
    assertThatThrownBy(() -> log.deleteSegmentsBefore(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(closed);
    assertThat(log.stats().appends()).isEqualTo(1);
    assertThat(log.stats().forces()).as("close syncs").isEqualTo(1);
  }

  @Test
  void argumentsOutOfContractAreRejected() throws IOException {
    try (RecordLog log =
        RecordLog.open(dir, RecordLog.Options.defaults().withMaxRecordBytes(100))) {
      assertThatThrownBy(() -> log.append(new byte[101]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exceeds maxRecordBytes 100");
      long position = log.append(new byte[100]);
      assertThatThrownBy(() -> log.read(LogPosition.pack(1, LogPosition.offset(position) + 108)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.read(LogPosition.pack(2, 16)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no segment 2");
      assertThatThrownBy(() -> log.cursor(LogPosition.pack(1, 10_000)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new RecordLog.Options(10, 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecordLog.Options(1000, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Readers never wait for the writer and never see a partial record: one thread appends across
   * many segment switches while another reads each returned position and a third tails a cursor.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void readsAndATailingCursorRunDuringAppends() throws Exception {
    int records = 3000;
    RecordLog.Options options = RecordLog.Options.defaults().withSegmentBytesMax(4096);
    try (RecordLog log = RecordLog.open(dir, options)) {
      BlockingQueue<Long> published = new ArrayBlockingQueue<>(64);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        Future<?> writer =
            pool.submit(
                () -> {
                  for (int i = 0; i < records; i++) {
                    published.put(log.append(WalTestFiles.payload(i % 300, i)));
                    if (i % 500 == 0) {
                      log.sync();
                    }
                  }
                  return null;
                });
        Future<?> reader =
            pool.submit(
                () -> {
                  for (int i = 0; i < records; i++) {
                    assertThat(log.read(published.take()))
                        .isEqualTo(WalTestFiles.payload(i % 300, i));
                  }
                  return null;
                });
        Future<?> tail =
            pool.submit(
                () -> {
                  try (Cursor cursor = log.cursorFromStart()) {
                    for (int i = 0; i < records; ) {
                      if (cursor.next()) {
                        assertThat(cursor.payload()).isEqualTo(WalTestFiles.payload(i % 300, i));
                        i++;
                      } else {
                        Thread.onSpinWait();
                      }
                    }
                    return null;
                  }
                });
        writer.get();
        reader.get();
        tail.get();
      } finally {
        pool.shutdownNow();
      }
      assertThat(log.segmentIds().size()).isGreaterThan(50);
    }
  }
}
