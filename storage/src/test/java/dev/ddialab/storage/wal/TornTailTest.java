package dev.ddialab.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddialab.core.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A crash mid-append leaves a torn tail on the last segment: part of a frame, a frame whose bytes
 * did not all reach the disk, zero-filled space. Recovery must cut exactly that and keep every
 * synced record, and the log must be appendable and recoverable again afterwards.
 */
class TornTailTest {
  private static final int SYNCED_RECORDS = 7;
  private static final RecordLog.Options OPTIONS = RecordLog.Options.defaults();

  static Stream<Arguments> tails() {
    byte[] frame = Frame.encode(WalTestFiles.payload(300, 99));
    byte[] badCrc = frame.clone();
    badCrc[Frame.HEADER_BYTES + 150] ^= 1;
    byte[] zeroedPayload = frame.clone();
    Arrays.fill(zeroedPayload, Frame.HEADER_BYTES, zeroedPayload.length, (byte) 0);
    byte[] garbage = WalTestFiles.payload(5000, 7);
    garbage[0] = (byte) 0xf3; // a length field far past the end of the file, as garbage has
    List<Arguments> cases = new ArrayList<>();
    for (int prefix : new int[] {1, 3, 4, 7, 8, 9, 150, frame.length - 1}) {
      cases.add(
          Arguments.of("first " + prefix + " bytes of a frame", Arrays.copyOf(frame, prefix)));
    }
    cases.add(Arguments.of("a whole frame with a bad checksum", badCrc));
    cases.add(Arguments.of("a frame whose payload stayed zero", zeroedPayload));
    cases.add(
        Arguments.of("a bad-checksum frame then zero padding", concat(badCrc, new byte[4096])));
    cases.add(Arguments.of("garbage", garbage));
    cases.add(Arguments.of("five zero bytes", new byte[5]));
    cases.add(Arguments.of("a zero-filled page", new byte[4096]));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tails")
  void recoveryCutsTheTornTailAndKeepsEverySyncedRecord(String name, byte[] tail, @TempDir Path dir)
      throws IOException {
    RecordLog crashed = RecordLog.open(dir, OPTIONS);
    List<byte[]> synced = appendSynced(crashed, SYNCED_RECORDS);
    Path last = crashed.segmentFile(crashed.activeSegmentId());
    long validBytes = Files.size(last);
    WalTestFiles.appendBytes(last, tail); // the crash: a partial append, never acknowledged

    try (RecordLog recovered = RecordLog.open(dir, OPTIONS)) {
      assertThat(WalTestFiles.payloads(recovered)).containsExactlyElementsOf(synced);
      assertThat(Files.size(last)).isEqualTo(validBytes);
      byte[] after = WalTestFiles.payload(40, 1234);
      long position = recovered.append(after);
      assertThat(LogPosition.offset(position)).isEqualTo(validBytes);
      recovered.sync();
      synced.add(after);
    } finally {
      crashed.close();
    }
    try (RecordLog reopened = RecordLog.open(dir, OPTIONS)) {
      assertThat(WalTestFiles.payloads(reopened)).containsExactlyElementsOf(synced);
    }
  }

  /** Any proper prefix of any further appends (several frames in flight) is a torn tail. */
  @Property(tries = 100)
  void anyPrefixOfUnsyncedAppendsRecoversToASyncedPrefix(
      @ForAll @IntRange(min = 0, max = 4) int syncedRecords,
      @ForAll @IntRange(min = 1, max = 4) int unsyncedRecords,
      @ForAll @IntRange(min = 0, max = 100_000) int cutSeed)
      throws IOException {
    Path dir = Files.createTempDirectory("wal-torn");
    try {
      List<byte[]> all = new ArrayList<>();
      long syncedEnd;
      long fullEnd;
      Path last;
      try (RecordLog log = RecordLog.open(dir, OPTIONS)) {
        for (int i = 0; i < syncedRecords + unsyncedRecords; i++) {
          byte[] payload = WalTestFiles.payload(i * 37 % 200, i);
          log.append(payload);
          all.add(payload);
          if (i == syncedRecords - 1) {
            log.sync();
          }
        }
        last = log.segmentFile(log.activeSegmentId());
        syncedEnd = SegmentHeader.BYTES;
        for (int i = 0; i < syncedRecords; i++) {
          syncedEnd += Frame.encodedSize(all.get(i).length);
        }
        fullEnd = log.stats().sizeBytes();
      }
      long cut = syncedEnd + cutSeed % (fullEnd - syncedEnd); // strictly inside the unsynced part
      WalTestFiles.truncate(last, cut);

      try (RecordLog recovered = RecordLog.open(dir, OPTIONS)) {
        List<byte[]> seen = WalTestFiles.payloads(recovered);
        assertThat(seen.size()).isBetween(syncedRecords, syncedRecords + unsyncedRecords - 1);
        for (int i = 0; i < seen.size(); i++) {
          assertThat(seen.get(i)).isEqualTo(all.get(i));
        }
        assertThat(Files.size(last)).isEqualTo(recovered.stats().sizeBytes());
      }
    } finally {
      WalTestFiles.deleteRecursively(dir);
    }
  }

  @Test
  void recoveryReportsWhatItCut(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("000000000001.log");
    try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
      writer.append(new byte[10]);
      writer.append(new byte[20]);
    }
    long validEnd = Files.size(file);
    WalTestFiles.appendBytes(file, Arrays.copyOf(Frame.encode(new byte[50]), 30));

    RecoveredSegment recovered = SegmentReader.recover(file, true);

    assertThat(recovered).isEqualTo(new RecoveredSegment(file, 1, validEnd, 2, 30));
    assertThat(Files.size(file)).isEqualTo(validEnd);
    assertThat(SegmentReader.recover(file, true))
        .isEqualTo(new RecoveredSegment(file, 1, validEnd, 2, 0));
  }

  /** A crash inside SegmentWriter.create leaves less than a header; the segment starts afresh. */
  @Test
  void aLastSegmentWithoutACompleteHeaderIsRecreated(@TempDir Path dir) throws IOException {
    List<byte[]> synced;
    Path second;
    try (RecordLog log = RecordLog.open(dir, OPTIONS)) {
      synced = appendSynced(log, 3);
      log.rollSegment();
      second = log.segmentFile(log.activeSegmentId());
    }
    WalTestFiles.truncate(second, 5);

    try (RecordLog log = RecordLog.open(dir, OPTIONS)) {
      assertThat(log.segmentIds()).containsExactly(1L, 2L);
      assertThat(WalTestFiles.payloads(log)).containsExactlyElementsOf(synced);
      long position = log.append(new byte[] {42});
      assertThat(LogPosition.segment(position)).isEqualTo(2);
      log.sync();
    }
    try (SegmentReader reader = SegmentReader.open(second)) {
      assertThat(reader.segmentId()).isEqualTo(2);
    }
  }

  /** On file systems that expose unwritten blocks as zeros, the same crash leaves a zero header. */
  @Test
  void aLastSegmentOfZerosIsRecreated(@TempDir Path dir) throws IOException {
    Path file;
    try (RecordLog log = RecordLog.open(dir, OPTIONS)) {
      file = log.segmentFile(log.activeSegmentId());
    }
    WalTestFiles.truncate(file, 0);
    WalTestFiles.appendBytes(file, new byte[SegmentHeader.BYTES]);

    try (RecordLog log = RecordLog.open(dir, OPTIONS)) {
      assertThat(WalTestFiles.payloads(log)).isEmpty();
      log.append(new byte[] {1, 2, 3});
    }
    try (RecordLog log = RecordLog.open(dir, OPTIONS)) {
      assertThat(WalTestFiles.payloads(log)).containsExactly(new byte[] {1, 2, 3});
    }
  }

  private static List<byte[]> appendSynced(RecordLog log, int count) throws IOException {
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] payload = WalTestFiles.payload(i * 100, i);
      log.append(payload);
      payloads.add(payload);
    }
    log.sync();
    return payloads;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
