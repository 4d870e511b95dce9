package dev.ddialab.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage that is not a torn tail is an error naming the file and the damaged frame's offset, never
 * silently dropped records or wrong payloads (DESIGN.md, durability rules).
 */
class CorruptionTest {
  private static final RecordLog.Options SMALL_SEGMENTS =
      RecordLog.Options.defaults().withSegmentBytesMax(1000);

  @TempDir Path dir;

  /** Positions of 12 records of 100 bytes: 9 per 1000-byte segment, so segments 1 and 2. */
  private List<Long> writeTwoSegments() throws IOException {
    List<Long> positions = new ArrayList<>();
    try (RecordLog log = RecordLog.open(dir, SMALL_SEGMENTS)) {
      for (int i = 0; i < 12; i++) {
        positions.add(log.append(WalTestFiles.payload(100, i)));
      }
      assertThat(log.segmentIds()).containsExactly(1L, 2L);
    }
    return positions;
  }

  @Test
  void aFlippedByteInAnEarlyRecordOfTheLastSegmentFailsOpen() throws IOException {
    List<Long> positions = writeTwoSegments();
    long damaged = positions.get(10); // second record of segment 2, the last segment
    Path file = dir.resolve("000000000002.log");
    WalTestFiles.flipByte(file, LogPosition.offset(damaged) + Frame.HEADER_BYTES + 40);

    assertCorruptAt(() -> RecordLog.open(dir, SMALL_SEGMENTS), file, LogPosition.offset(damaged))
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void aFlippedLengthFieldInTheMiddleFailsOpen() throws IOException {
    List<Long> positions = writeTwoSegments();
    long damaged = positions.get(9);
    Path file = dir.resolve("000000000002.log");
    WalTestFiles.flipByte(file, LogPosition.offset(damaged) + 3); // low byte of the length

    assertCorruptAt(() -> RecordLog.open(dir, SMALL_SEGMENTS), file, LogPosition.offset(damaged));
  }

  /** Zeros are a torn tail only at the end; zeros with records after them are lost records. */
  @Test
  void aZeroedRecordFollowedByRecordsFailsOpen() throws IOException {
    List<Long> positions = writeTwoSegments();
    long damaged = positions.get(9);
    Path file = dir.resolve("000000000002.log");
    WalTestFiles.overwrite(file, LogPosition.offset(damaged), new byte[Frame.encodedSize(100)]);

    assertCorruptAt(() -> RecordLog.open(dir, SMALL_SEGMENTS), file, LogPosition.offset(damaged));
  }

  @Test
  void aFlippedByteInASealedSegmentFailsTheCursorAndTheRead() throws IOException {
    List<Long> positions = writeTwoSegments();
    long damaged = positions.get(3);
    Path file = dir.resolve("000000000001.log");
    WalTestFiles.flipByte(file, LogPosition.offset(damaged) + Frame.HEADER_BYTES + 99);

    try (RecordLog log = RecordLog.open(dir, SMALL_SEGMENTS)) {
      assertThat(log.read(positions.get(2))).isEqualTo(WalTestFiles.payload(100, 2));
      assertCorruptAt(() -> log.read(damaged), file, LogPosition.offset(damaged));
      assertCorruptAt(() -> WalTestFiles.readAll(log), file, LogPosition.offset(damaged));
    }
    assertCorruptAt(() -> SegmentReader.recover(file, false), file, LogPosition.offset(damaged));
  }

  /** A sealed segment was forced before the next one existed: a short one is damaged, not torn. */
  @Test
  void aTruncatedSealedSegmentFailsTheCursor() throws IOException {
    List<Long> positions = writeTwoSegments();
    Path file = dir.resolve("000000000001.log");
    long lastFrame = LogPosition.offset(positions.get(8));
    WalTestFiles.truncate(file, Files.size(file) - 3);

    try (RecordLog log = RecordLog.open(dir, SMALL_SEGMENTS)) {
      assertCorruptAt(() -> WalTestFiles.readAll(log), file, lastFrame)
          .hasMessageContaining("past the end");
    }
    assertCorruptAt(() -> SegmentReader.recover(file, false), file, lastFrame)
        .hasMessageContaining("not the last segment");
  }

  @Test
  void aBadMagicIsAClearError() throws IOException {
    writeTwoSegments();
    for (String name : new String[] {"000000000001.log", "000000000002.log"}) {
      Path file = dir.resolve(name);
      WalTestFiles.overwrite(file, 0, Bytes.utf8("PK\3\4"));
      assertCorruptAt(() -> RecordLog.open(dir, SMALL_SEGMENTS), file, 0)
          .hasMessageContaining("corrupt segment header")
          .hasMessageContaining("bad magic 0x504b0304")
          .hasMessageContaining("not a record log segment");
      WalTestFiles.overwrite(file, 0, Bytes.utf8("DDLG"));
    }
    try (RecordLog log = RecordLog.open(dir, SMALL_SEGMENTS)) {
      assertThat(WalTestFiles.readAll(log)).hasSize(12);
    }
  }

  @Test
  void anUnknownVersionIsRefused() throws IOException {
    writeTwoSegments();
    Path file = dir.resolve("000000000001.log");
    WalTestFiles.overwrite(file, 4, new byte[] {0, 2});

    assertCorruptAt(() -> RecordLog.open(dir, SMALL_SEGMENTS), file, 0)
        .hasMessageContaining("unsupported format version 2 in bytes 4..5");
  }

  @Test
  void aHeaderThatDisagreesWithTheFileNameIsRefused() throws IOException {
    writeTwoSegments();
    Path file = dir.resolve("000000000001.log");
    WalTestFiles.overwrite(file, 8, new byte[] {0, 0, 0, 0, 0, 0, 0, 7});

    assertCorruptAt(() -> RecordLog.open(dir, SMALL_SEGMENTS), file, 0)
        .hasMessageContaining("the header says segment 7 (bytes 8..15), the file name says 1");
  }

  @Test
  void aMissingSegmentBetweenOthersIsRefused() throws IOException {
    try (RecordLog log = RecordLog.open(dir, SMALL_SEGMENTS)) {
      log.rollSegment();
      log.rollSegment();
    }
    Files.delete(dir.resolve("000000000002.log"));

    assertThatThrownBy(() -> RecordLog.open(dir, SMALL_SEGMENTS))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not consecutive")
        .hasMessageContaining("000000000002.log is missing");
  }

  @Test
  void aShortNonLastSegmentIsAHeaderError() throws IOException {
    try (RecordLog log = RecordLog.open(dir, SMALL_SEGMENTS)) {
      log.rollSegment();
    }
    Path file = dir.resolve("000000000001.log");
    WalTestFiles.truncate(file, 5);

    assertCorruptAt(() -> RecordLog.open(dir, SMALL_SEGMENTS), file, 0)
        .hasMessageContaining("shorter than the 16-byte segment header");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
      assertCorruptAt(ThrowingCallable call, Path file, long offset) {
    var thrown =
        assertThatThrownBy(call)
            .isInstanceOf(CorruptLogException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("at offset " + offset + ":");
    thrown.satisfies(
        e -> {
          assertThat(((CorruptLogException) e).file()).isEqualTo(file);
          assertThat(((CorruptLogException) e).offset()).isEqualTo(offset);
        });
    return thrown;
  }
}
