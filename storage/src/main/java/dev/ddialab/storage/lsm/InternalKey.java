package dev.ddialab.storage.lsm;

import dev.ddialab.core.Bytes;
import dev.ddialab.core.Invariants;
import java.util.Arrays;

/**
 * Internal keys: what the LSM-tree actually sorts. Every write gets a sequence number, and each
 * version of a user key is stored as {@code userKey ++ trailer}, where the 8-byte big-endian
 * trailer is {@code sequence << 8 | type}. Internal order is user key ascending (unsigned bytes),
 * then trailer descending (as an unsigned 64-bit number), so the newest version of a key comes
 * first and a read at snapshot
 * {@code s} seeks to {@code (key, s)} and takes the first entry with that user key.
 *
 * <p>Sequence numbers are what make snapshots and tombstones work: a reader at snapshot {@code s}
 * ignores every entry with a higher sequence, and a delete is an entry of type
 * {@link #TYPE_DELETE} that hides older versions until a compaction can drop both. The type values
 * and the trailer layout are frozen: they are in every SSTable and WAL record.
 *
 * <p>Stateless, thread-safe.
 */
public final class InternalKey {
  /** A tombstone. Frozen on disk. */
  public static final int TYPE_DELETE = 0;
  /** A value. Frozen on disk; also the highest type, used for seeks. */
  public static final int TYPE_PUT = 1;
  public static final int TRAILER_BYTES = 8;
  /** Sequence numbers use the 56 bits above the type byte. */
  public static final long MAX_SEQUENCE = (1L << 56) - 1;

  private InternalKey() {}

  public static long trailer(long sequence, int type) {
    Invariants.require(sequence >= 0 && sequence <= MAX_SEQUENCE, "sequence %d out of range",
        sequence);
    return sequence << 8 | type;
  }

  /** The trailer that sorts before every entry of a user key with sequence at most {@code seq}. */
  public static long seekTrailer(long sequence) {
    return trailer(sequence, TYPE_PUT);
  }

  public static long sequence(long trailer) {
    return trailer >>> 8;
  }

  public static int type(long trailer) {
    return (int) (trailer & 0xFF);
  }

  public static boolean isValidType(int type) {
    return type == TYPE_DELETE || type == TYPE_PUT;
  }

  /** {@code userKey ++ trailer}, as stored in SSTable blocks. */
  public static byte[] encode(byte[] userKey, long trailer) {
    byte[] out = Arrays.copyOf(userKey, userKey.length + TRAILER_BYTES);
    Bytes.putLong(out, userKey.length, trailer);
    return out;
  }

  /** Internal order of two decoded keys: user key ascending, then trailer descending. */
  public static int compare(byte[] userKeyA, long trailerA, byte[] userKeyB, long trailerB) {
    int c = Arrays.compareUnsigned(userKeyA, userKeyB);
    return c != 0 ? c : Long.compareUnsigned(trailerB, trailerA);
  }

  /**
   * Internal order of two encoded keys held in arrays, compared in place. REQUIRES: both lengths
   * are at least {@link #TRAILER_BYTES}.
   */
  public static int compareEncoded(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    int c = Arrays.compareUnsigned(a, aOff, aOff + aLen - TRAILER_BYTES,
        b, bOff, bOff + bLen - TRAILER_BYTES);
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(Bytes.getLong(b, bOff + bLen - TRAILER_BYTES),
        Bytes.getLong(a, aOff + aLen - TRAILER_BYTES));
  }

  /** A human-readable form for errors and tests: {@code key@seq} or {@code key@seq(del)}. */
  public static String format(byte[] userKey, long trailer) {
    return Bytes.printable(userKey) + "@" + sequence(trailer)
        + (type(trailer) == TYPE_DELETE ? "(del)" : "");
  }
}
