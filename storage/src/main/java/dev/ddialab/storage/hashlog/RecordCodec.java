package dev.ddialab.storage.hashlog;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Varint;
import dev.ddialab.storage.WriteBatch;
import java.util.List;

/**
 * The payload of one hashlog record, carried inside a record-log frame (which supplies length and
 * CRC32C). Layout, frozen on disk (see {@code storage/docs/format.md}):
 *
 * <pre>
 *   PUT    = 0x01 varint(keyLength) key value          (the value runs to the payload's end)
 *   DELETE = 0x02 varint(keyLength) key
 *   BATCH  = 0x03 varint(count) count * (0x01 varint(keyLength) key varint(valueLength) value
 *                                      | 0x02 varint(keyLength) key)
 * </pre>
 *
 * A batch is one frame, which is what makes it atomic: its checksum covers every operation, and a
 * torn batch is dropped whole. Decoding validates every length against the payload before use.
 */
final class RecordCodec {
  static final byte PUT = 0x01;
  static final byte DELETE = 0x02;
  static final byte BATCH = 0x03;

  private RecordCodec() {}

  /** Receives the operations of a decoded record. */
  interface Visitor {
    /** A put whose value is {@code payload[valueOffset, valueOffset + valueLength)}. */
    void put(byte[] key, int valueOffset, int valueLength, int opBytes);

    void delete(byte[] key, int opBytes);
  }

  static byte[] put(byte[] key, byte[] value) {
    byte[] out = new byte[1 + Varint.sizeOf(key.length) + key.length + value.length];
    out[0] = PUT;
    int at = Varint.write(key.length, out, 1);
    System.arraycopy(key, 0, out, at, key.length);
    System.arraycopy(value, 0, out, at + key.length, value.length);
    return out;
  }

  /** Offset of the value inside a PUT payload built by {@link #put}. */
  static int putValueOffset(byte[] key) {
    return 1 + Varint.sizeOf(key.length) + key.length;
  }

  static byte[] delete(byte[] key) {
    byte[] out = new byte[1 + Varint.sizeOf(key.length) + key.length];
    out[0] = DELETE;
    int at = Varint.write(key.length, out, 1);
    System.arraycopy(key, 0, out, at, key.length);
    return out;
  }

  static byte[] batch(WriteBatch batch) {
    List<WriteBatch.Op> ops = batch.ops();
    long size = 1 + Varint.sizeOf(ops.size());
    for (WriteBatch.Op op : ops) {
      size += 1 + Varint.sizeOf(op.key().length) + op.key().length;
      if (!op.isDelete()) {
        size += Varint.sizeOf(op.value().length) + op.value().length;
      }
    }
    if (size > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException("write batch of " + size + " bytes is too large");
    }
    byte[] out = new byte[(int) size];
    out[0] = BATCH;
    int at = Varint.write(ops.size(), out, 1);
    for (WriteBatch.Op op : ops) {
      out[at++] = op.isDelete() ? DELETE : PUT;
      at = Varint.write(op.key().length, out, at);
      System.arraycopy(op.key(), 0, out, at, op.key().length);
      at += op.key().length;
      if (!op.isDelete()) {
        at = Varint.write(op.value().length, out, at);
        System.arraycopy(op.value(), 0, out, at, op.value().length);
        at += op.value().length;
      }
    }
    return out;
  }

  /**
   * Decodes a record and reports its operations in order. {@code opBytes} is the share of the
   * record each operation occupies, used to count dead bytes once it is overwritten.
   *
   * @throws MalformedDataException if the payload is not a well-formed record
   */
  static void decode(byte[] payload, Visitor visitor) {
    if (payload.length == 0) {
      throw new MalformedDataException("empty hashlog record", 0);
    }
    Reader in = new Reader(payload, 1);
    switch (payload[0]) {
      case PUT -> {
        byte[] key = in.bytes(in.length());
        visitor.put(key, in.at, payload.length - in.at, payload.length);
      }
      case DELETE -> {
        byte[] key = in.bytes(in.length());
        in.expectEnd();
        visitor.delete(key, payload.length);
      }
      case BATCH -> {
        int count = in.length();
        for (int i = 0; i < count; i++) {
          int opStart = in.at;
          byte type = in.type();
          byte[] key = in.bytes(in.length());
          if (type == PUT) {
            int valueLength = in.length();
            int valueAt = in.skip(valueLength);
            visitor.put(key, valueAt, valueLength, in.at - opStart);
          } else if (type == DELETE) {
            visitor.delete(key, in.at - opStart);
          } else {
            throw new MalformedDataException(
                String.format("unknown batch operation type 0x%02x", type), opStart);
          }
        }
        in.expectEnd();
      }
      default -> throw new MalformedDataException(
          String.format("unknown hashlog record type 0x%02x", payload[0]), 0);
    }
  }

  /** A bounds-checked cursor over a payload: no length is trusted before it is checked. */
  private static final class Reader {
    private final byte[] payload;
    int at;

    Reader(byte[] payload, int at) {
      this.payload = payload;
      this.at = at;
    }

    byte type() {
      if (at >= payload.length) {
        throw new MalformedDataException("record ends inside a batch", at);
      }
      return payload[at++];
    }

    int length() {
      long length = Varint.read(payload, at);
      if (length < 0 || length > payload.length) {
        throw new MalformedDataException(
            "length " + length + " exceeds the record's " + payload.length + " bytes", at);
      }
      at += Varint.readLength(payload, at);
      return (int) length;
    }

    /** Skips {@code length} bytes and returns where they start. */
    int skip(int length) {
      if (at + (long) length > payload.length) {
        throw new MalformedDataException("field of length " + length + " overruns the record's "
            + payload.length + " bytes", at);
      }
      int start = at;
      at += length;
      return start;
    }

    byte[] bytes(int length) {
      int start = skip(length);
      return java.util.Arrays.copyOfRange(payload, start, start + length);
    }

    void expectEnd() {
      if (at != payload.length) {
        throw new MalformedDataException(
            "record has " + (payload.length - at) + " unexpected trailing bytes", at);
      }
    }
  }
}
