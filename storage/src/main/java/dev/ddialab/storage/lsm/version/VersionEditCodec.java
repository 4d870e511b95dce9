package dev.ddialab.storage.lsm.version;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.storage.lsm.ByteReader;
import dev.ddialab.storage.lsm.ByteSink;

/**
 * The manifest record of a {@link VersionEdit}, carried in a record-log frame (which supplies
 * length and CRC32C). Layout, frozen (see {@code docs/format.md}, "Manifest"):
 *
 * <pre>
 *   u8 format (1), then fields, each a varint tag and its data, in any order:
 *   1 snapshot          (no data)
 *   2 logNumber         varint
 *   3 nextFileNumber    varint
 *   4 lastSequence      varint
 *   5 deleted table     varint level, varint number
 *   6 added table       varint level, varint number, varint sizeBytes, varint entries,
 *                       varint tombstones, varint minSequence, varint maxSequence,
 *                       varint(len) smallest, varint(len) largest
 *   7 counters          varint userBytes, varint walBytes, varint flushBytes,
 *                       varint compactionBytes
 * </pre>
 *
 * An unknown tag is an error rather than skipped, since an edit a reader half understands would
 * rebuild the wrong version. Stateless, thread-safe.
 */
public final class VersionEditCodec {
  static final int FORMAT = 1;
  static final int SNAPSHOT = 1;
  static final int LOG_NUMBER = 2;
  static final int NEXT_FILE_NUMBER = 3;
  static final int LAST_SEQUENCE = 4;
  static final int DELETED = 5;
  static final int ADDED = 6;
  static final int COUNTERS = 7;
  private static final int KEY_BYTES_MAX = 64 * 1024;

  private VersionEditCodec() {}

  public static byte[] encode(VersionEdit edit) {
    ByteSink out = new ByteSink(64);
    out.put((byte) FORMAT);
    if (edit.snapshot()) {
      out.putVarint(SNAPSHOT);
    }
    if (edit.logNumber() >= 0) {
      out.putVarint(LOG_NUMBER).putVarint(edit.logNumber());
    }
    if (edit.nextFileNumber() >= 0) {
      out.putVarint(NEXT_FILE_NUMBER).putVarint(edit.nextFileNumber());
    }
    if (edit.lastSequence() >= 0) {
      out.putVarint(LAST_SEQUENCE).putVarint(edit.lastSequence());
    }
    for (VersionEdit.DeletedFile d : edit.deleted()) {
      out.putVarint(DELETED).putVarint(d.level()).putVarint(d.number());
    }
    for (VersionEdit.NewFile n : edit.added()) {
      FileMeta f = n.meta();
      out.putVarint(ADDED).putVarint(n.level()).putVarint(f.number()).putVarint(f.sizeBytes())
          .putVarint(f.entries()).putVarint(f.tombstones()).putVarint(f.minSequence())
          .putVarint(f.maxSequence()).putLengthPrefixed(f.smallest())
          .putLengthPrefixed(f.largest());
    }
    VersionEdit.Counters c = edit.counters();
    if (c != null) {
      out.putVarint(COUNTERS).putVarint(c.userBytes()).putVarint(c.walBytes())
          .putVarint(c.flushBytes()).putVarint(c.compactionBytes());
    }
    return out.toByteArray();
  }

  /**
   * @throws MalformedDataException if the record is not a well-formed edit (offsets are within
   *     the record)
   */
  public static VersionEdit decode(byte[] record) {
    ByteReader in = new ByteReader(record);
    int format = in.u8();
    if (format != FORMAT) {
      throw new MalformedDataException("unknown manifest record format " + format, 0);
    }
    VersionEdit.Builder edit = VersionEdit.builder();
    // Bounded: every field consumes at least one byte.
    while (in.hasRemaining()) {
      int at = in.offset();
      long tag = in.varint();
      try {
        switch ((int) tag) {
          case SNAPSHOT -> edit.snapshot();
          case LOG_NUMBER -> edit.logNumber(nonNegative(in));
          case NEXT_FILE_NUMBER -> edit.nextFileNumber(nonNegative(in));
          case LAST_SEQUENCE -> edit.lastSequence(nonNegative(in));
          case DELETED -> edit.delete(in.length(64), nonNegative(in));
          case ADDED -> {
            int level = in.length(64);
            long number = nonNegative(in);
            long sizeBytes = nonNegative(in);
            long entries = nonNegative(in);
            long tombstones = nonNegative(in);
            long minSequence = nonNegative(in);
            long maxSequence = nonNegative(in);
            byte[] smallest = in.bytes(in.length(KEY_BYTES_MAX));
            byte[] largest = in.bytes(in.length(KEY_BYTES_MAX));
            edit.add(level, new FileMeta(number, sizeBytes, smallest, largest, entries, tombstones,
                minSequence, maxSequence));
          }
          case COUNTERS -> edit.counters(new VersionEdit.Counters(nonNegative(in),
              nonNegative(in), nonNegative(in), nonNegative(in)));
          default -> throw new MalformedDataException("unknown manifest field tag " + tag, at);
        }
      } catch (IllegalArgumentException e) {
        throw new MalformedDataException("field with tag " + tag + ": " + e.getMessage(), at);
      }
    }
    return edit.build();
  }

  private static long nonNegative(ByteReader in) {
    int at = in.offset();
    long value = in.varint();
    if (value < 0) {
      throw new MalformedDataException("value above 2^63", at);
    }
    return value;
  }
}
