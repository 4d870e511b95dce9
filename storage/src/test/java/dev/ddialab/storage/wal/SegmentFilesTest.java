package dev.ddialab.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Crc32c;
import dev.ddialab.core.Frame;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One segment file: the bytes on disk match docs/format.md, and the reader checks every frame. */
class SegmentFilesTest {
  @TempDir Path dir;

  @Test
  void theFileIsTheDocumentedHeaderThenFrames() throws IOException {
    Path file = dir.resolve("000000000258.log");
    try (SegmentWriter writer = SegmentWriter.create(file, 258)) {
      assertThat(writer.append(Bytes.utf8("hi"))).isEqualTo(16);
      assertThat(writer.append(new byte[0])).isEqualTo(26);
      assertThat(writer.sizeBytes()).isEqualTo(34);
    }
    byte[] bytes = Files.readAllBytes(file);
    byte[] expectedHeader = {'D', 'D', 'L', 'G', 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2};
    assertThat(Arrays.copyOfRange(bytes, 0, 16)).isEqualTo(expectedHeader);
    assertThat(Bytes.getInt(bytes, 16)).isEqualTo(2);
    assertThat(Bytes.getInt(bytes, 20)).isEqualTo(Crc32c.mask(Crc32c.of(Bytes.utf8("hi"))));
    assertThat(Arrays.copyOfRange(bytes, 24, 26)).isEqualTo(Bytes.utf8("hi"));
    assertThat(Bytes.getInt(bytes, 26)).isZero();
    assertThat(Bytes.getInt(bytes, 30)).isEqualTo(Crc32c.mask(Crc32c.of(new byte[0]))).isNotZero();
    assertThat(bytes).hasSize(34);
  }

  @Test
  void readsAndCursorsReturnWhatWasAppended() throws IOException {
    Path file = dir.resolve("000000000003.log");
    List<Long> offsets = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    byte[] source = WalTestFiles.payload(300_000, 5);
    try (SegmentWriter writer = SegmentWriter.create(file, 3)) {
      // Sizes straddle the cursor's 64 KiB buffer, including one frame larger than it.
      for (int size : new int[] {0, 1, 100, 65_536 - 8, 65_536, 200_000, 7, 0, 30_000}) {
        offsets.add(writer.append(source, 11, size));
        payloads.add(Arrays.copyOfRange(source, 11, 11 + size));
      }
      writer.sync();
    }
    try (SegmentReader reader = SegmentReader.open(file)) {
      assertThat(reader.segmentId()).isEqualTo(3);
      for (int i = 0; i < offsets.size(); i++) {
        assertThat(reader.read(offsets.get(i))).isEqualTo(payloads.get(i));
      }
      for (int from = 0; from < offsets.size(); from++) {
        try (Cursor cursor = reader.cursor(offsets.get(from))) {
          for (int i = from; i < offsets.size(); i++) {
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.position()).isEqualTo(LogPosition.pack(3, offsets.get(i)));
            assertThat(cursor.payload()).isEqualTo(payloads.get(i));
          }
          assertThat(cursor.next()).isFalse();
        }
      }
    }
  }

  @Test
  void aReadAtAnOffsetThatIsNotAFrameStartIsRefused() throws IOException {
    Path file = dir.resolve("000000000001.log");
    try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
      writer.append(WalTestFiles.payload(100, 1));
      writer.append(WalTestFiles.payload(100, 2));
    }
    try (SegmentReader reader = SegmentReader.open(file)) {
      assertThatThrownBy(() -> reader.read(20)).isInstanceOf(CorruptLogException.class);
      assertThatThrownBy(() -> reader.read(8)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> reader.read(Files.size(file)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aDeclaredLengthAboveTheMaximumIsCorruptWithoutReadingIt() throws IOException {
    Path file = dir.resolve("000000000001.log");
    try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
      writer.append(new byte[2000]);
    }
    try (SegmentReader reader = SegmentReader.open(file, 1000)) {
      assertThatThrownBy(() -> reader.read(16))
          .isInstanceOf(CorruptLogException.class)
          .hasMessageContaining("declared payload length 2000 exceeds maximum 1000");
    }
  }

  @Test
  void createNeverOverwritesASegmentWithContent() throws IOException {
    Path file = dir.resolve("000000000001.log");
    SegmentWriter.create(file, 1).close();
    long sizeBytes = Files.size(file);

    assertThatThrownBy(() -> SegmentWriter.create(file, 1))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.size(file)).isEqualTo(sizeBytes);
  }

  @Test
  void reopenRefusesAFileThatRecoveryDidNotCut() throws IOException {
    Path file = dir.resolve("000000000001.log");
    try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
      writer.append(new byte[10]);
    }
    WalTestFiles.appendBytes(file, new byte[] {1, 2, 3});

    assertThatThrownBy(() -> SegmentWriter.reopen(file, 1, 16 + Frame.encodedSize(10)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("recover it first");
    RecoveredSegment recovered = SegmentReader.recover(file, true);
    try (SegmentWriter writer = SegmentWriter.reopen(file, 1, recovered.validEndOffset())) {
      assertThat(writer.append(new byte[] {9})).isEqualTo(recovered.validEndOffset());
    }
  }

  @Test
  void recoveryOfANonLastSegmentNeverCuts() throws IOException {
    Path file = dir.resolve("000000000001.log");
    try (SegmentWriter writer = SegmentWriter.create(file, 1)) {
      writer.append(new byte[10]);
    }
    long sizeBytes = Files.size(file);
    WalTestFiles.appendBytes(file, new byte[3]);

    assertThatThrownBy(() -> SegmentReader.recover(file, false))
        .isInstanceOf(CorruptLogException.class)
        .hasMessageContaining("at offset " + sizeBytes);
    assertThat(Files.size(file)).isEqualTo(sizeBytes + 3);
  }
}
