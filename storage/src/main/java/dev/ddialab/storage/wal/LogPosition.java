package dev.ddialab.storage.wal;

import dev.ddialab.core.Invariants;

/**
 * A record's address in a {@link RecordLog}, packed into one {@code long} so that in-memory
 * indexes (a hash index's key directory, a Raft log's index) hold one primitive per entry.
 *
 * <pre>
 *   bits 63..40  segment id      (24 bits: 0 .. 16,777,215)
 *   bits 39..0   byte offset     (40 bits: 0 .. 1 TiB - 1) of the record's frame in that segment
 * </pre>
 *
 * Positions order like the records under {@link Long#compareUnsigned}: a later record has a larger
 * position. Signed comparison agrees while segment ids stay below 2^23. The packing is in memory
 * only (never written by this package), but callers may persist it, so it is kept stable.
 * Stateless, thread-safe.
 */
public final class LogPosition {
  public static final int OFFSET_BITS = 40;
  public static final long MAX_SEGMENT_ID = (1L << (Long.SIZE - OFFSET_BITS)) - 1;
  public static final long MAX_OFFSET = (1L << OFFSET_BITS) - 1;

  private LogPosition() {}

  public static long pack(long segmentId, long offset) {
    requireSegmentId(segmentId);
    Invariants.require(
        offset >= 0 && offset <= MAX_OFFSET, "offset %d outside 0..%d", offset, MAX_OFFSET);
    return (segmentId << OFFSET_BITS) | offset;
  }

  /** Fails with {@link IllegalArgumentException} unless {@code segmentId} fits a position. */
  public static void requireSegmentId(long segmentId) {
    Invariants.require(
        segmentId >= 0 && segmentId <= MAX_SEGMENT_ID,
        "segment id %d outside 0..%d",
        segmentId,
        MAX_SEGMENT_ID);
  }

  public static long segment(long position) {
    return position >>> OFFSET_BITS;
  }

  public static long offset(long position) {
    return position & MAX_OFFSET;
  }

  /** E.g. {@code segment 12 offset 4096}, for messages. */
  public static String format(long position) {
    return "segment " + segment(position) + " offset " + offset(position);
  }
}
