package dev.ddialab.storage.hashlog;

import dev.ddialab.core.Varint;
import dev.ddialab.storage.wal.Cursor;
import dev.ddialab.storage.wal.LogPosition;
import dev.ddialab.storage.wal.SegmentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The output of a merge: one data file holding the newest value of every key that was live in
 * the merged segments, and its hint file, which lists each key with its location so that
 * start-up reads the hints instead of every value (Bitcask's hint files).
 *
 * <p>Generation {@code g} replaces every record-log segment with id {@code <= g} and every older
 * generation. Its records are addressed with segment id {@code GENERATION_BASE + g}, a range the
 * record log never reaches, so a position can never mean two files while the old files wait to
 * be deleted. Both files use the record-log segment format; a hint record's payload is
 * {@code varint(keyLength) key varint(offset) varint(valueOffset) varint(valueLength)
 * varint(recordBytes)}.
 */
final class MergedFile implements AutoCloseable {
  /** Half of the 23 bits that keep packed positions non-negative: 4M log segments are plenty. */
  static final long GENERATION_BASE = 1L << 22;
  static final String DATA_PREFIX = "merged-";
  static final String DATA_SUFFIX = ".data";
  static final String HINT_SUFFIX = ".hint";
  static final String TMP_SUFFIX = ".tmp";

  final long generation;
  final SegmentReader reader;

  private MergedFile(long generation, SegmentReader reader) {
    this.generation = generation;
    this.reader = reader;
  }

  static MergedFile open(Path dir, long generation) throws IOException {
    return new MergedFile(generation, SegmentReader.open(dataFile(dir, generation)));
  }

  static boolean isMergedSegment(long segmentId) {
    return segmentId >= GENERATION_BASE;
  }

  long segmentId() {
    return GENERATION_BASE + generation;
  }

  long position(long offset) {
    return LogPosition.pack(segmentId(), offset);
  }

  static Path dataFile(Path dir, long generation) {
    return dir.resolve(String.format("%s%012d%s", DATA_PREFIX, generation, DATA_SUFFIX));
  }

  static Path hintFile(Path dir, long generation) {
    return dir.resolve(String.format("%s%012d%s", DATA_PREFIX, generation, HINT_SUFFIX));
  }

  /** The generation named by a merged data file, or -1 if the name is not one. */
  static long generationOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.startsWith(DATA_PREFIX) || !name.endsWith(DATA_SUFFIX)) {
      return -1;
    }
    String digits = name.substring(DATA_PREFIX.length(), name.length() - DATA_SUFFIX.length());
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  long sizeBytes(Path dir) throws IOException {
    long hint = Files.exists(hintFile(dir, generation)) ? Files.size(hintFile(dir, generation)) : 0;
    return Files.size(dataFile(dir, generation)) + hint;
  }

  static byte[] encodeHint(byte[] key, long offset, Location location) {
    byte[] out = new byte[Varint.sizeOf(key.length) + key.length + Varint.sizeOf(offset)
        + Varint.sizeOf(location.valueOffset()) + Varint.sizeOf(location.valueLength())
        + Varint.sizeOf(location.recordBytes())];
    int at = Varint.write(key.length, out, 0);
    System.arraycopy(key, 0, out, at, key.length);
    at += key.length;
    at = Varint.write(offset, out, at);
    at = Varint.write(location.valueOffset(), out, at);
    at = Varint.write(location.valueLength(), out, at);
    at = Varint.write(location.recordBytes(), out, at);
    dev.ddialab.core.Invariants.check(at == out.length, "hint sized %d, wrote %d", out.length, at);
    return out;
  }

  /** Receives one decoded hint. */
  interface HintVisitor {
    void hint(byte[] key, Location location);
  }

  /** Loads the hint file into {@code visitor}, addressing locations in this generation. */
  void readHints(Path dir, HintVisitor visitor) throws IOException {
    Path file = hintFile(dir, generation);
    try (SegmentReader hints = SegmentReader.open(file);
        Cursor cursor = hints.cursor(0)) {
      while (cursor.next()) {
        byte[] p = cursor.payload();
        try {
          int at = 0;
          int keyLength = (int) Varint.read(p, at);
          at += Varint.readLength(p, at);
          if (keyLength < 0 || at + keyLength > p.length) {
            throw new dev.ddialab.core.MalformedDataException("key length " + keyLength, at);
          }
          byte[] key = java.util.Arrays.copyOfRange(p, at, at + keyLength);
          at += keyLength;
          long[] fields = new long[4];
          for (int i = 0; i < fields.length; i++) {
            fields[i] = Varint.read(p, at);
            at += Varint.readLength(p, at);
          }
          visitor.hint(key, new Location(position(fields[0]), Math.toIntExact(fields[1]),
              Math.toIntExact(fields[2]), Math.toIntExact(fields[3])));
        } catch (RuntimeException e) {
          throw new IOException("malformed hint in " + file + " at offset " + LogPosition.offset(cursor.position())
              + ": " + e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
