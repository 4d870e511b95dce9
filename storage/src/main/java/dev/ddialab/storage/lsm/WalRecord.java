package dev.ddialab.storage.lsm;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.storage.WriteBatch;
import java.util.List;

/**
 * The payload of one WAL record: one write call (a put, a delete or a whole batch), carried in a
 * record-log frame, so its checksum covers every operation and a torn batch is dropped whole.
 * Layout, frozen (see {@code docs/format.md}, "LSM write-ahead log"):
 *
 * <pre>
 *   u64 sequence of the first operation (the i-th operation has sequence first + i)
 *   varint count (at least 1)
 *   count * ( u8 type  varint(keyLength) key  [varint(valueLength) value, for a put] )
 * </pre>
 *
 * Type bytes are the internal key types: {@code 01} put, {@code 00} delete. The first sequence is
 * written last, under the write lock, into a record encoded beforehand ({@link #setSequence}).
 */
public final class WalRecord {
  static final int SEQUENCE_BYTES = 8;

  private WalRecord() {}

  /** Receives decoded operations. */
  public interface Visitor {
    void op(long sequence, boolean tombstone, byte[] key, byte[] value);
  }

  public static byte[] put(byte[] key, byte[] value) {
    return new ByteSink(24 + key.length + value.length).putLong(0).putVarint(1)
        .put((byte) InternalKey.TYPE_PUT).putLengthPrefixed(key).putLengthPrefixed(value)
        .toByteArray();
  }

  public static byte[] delete(byte[] key) {
    return new ByteSink(16 + key.length).putLong(0).putVarint(1)
        .put((byte) InternalKey.TYPE_DELETE).putLengthPrefixed(key).toByteArray();
  }

  public static byte[] batch(WriteBatch batch) {
    List<WriteBatch.Op> ops = batch.ops();
    long size = 16 + batch.payloadBytes() + 12L * ops.size();
    if (size > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException("write batch of " + size + " bytes is too large");
    }
    ByteSink out = new ByteSink((int) size).putLong(0).putVarint(ops.size());
    for (WriteBatch.Op op : ops) {
      out.put((byte) (op.isDelete() ? InternalKey.TYPE_DELETE : InternalKey.TYPE_PUT));
      out.putLengthPrefixed(op.key());
      if (!op.isDelete()) {
        out.putLengthPrefixed(op.value());
      }
    }
    return out.toByteArray();
  }

  static void setSequence(byte[] record, long firstSequence) {
    dev.ddialab.core.Bytes.putLong(record, 0, firstSequence);
  }

  /** Operations in the record. */
  static int count(byte[] record) {
    return (int) dev.ddialab.core.Varint.read(record, SEQUENCE_BYTES);
  }

  /**
   * Decodes a record and reports its operations in order; returns the last sequence.
   *
   * @throws MalformedDataException if the payload is not a well-formed record
   */
  public static long decode(byte[] record, Visitor visitor) {
    ByteReader in = new ByteReader(record);
    long first = in.u64();
    int count = in.length(record.length);
    if (count < 1 || first < 1 || first > InternalKey.MAX_SEQUENCE - count) {
      throw new MalformedDataException("record of " + count + " operations from sequence "
          + first, 0);
    }
    for (int i = 0; i < count; i++) {
      int at = in.offset();
      int type = in.u8();
      byte[] key = in.lengthPrefixed();
      if (type == InternalKey.TYPE_PUT) {
        visitor.op(first + i, false, key, in.lengthPrefixed());
      } else if (type == InternalKey.TYPE_DELETE) {
        visitor.op(first + i, true, key, null);
      } else {
        throw new MalformedDataException("unknown operation type " + type, at);
      }
    }
    in.expectEnd("WAL record");
    return first + count - 1;
  }
}
