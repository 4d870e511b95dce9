package dev.ddialab.encoding.container;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Varint;
import java.io.IOException;
import java.io.InputStream;

/** Reads a container file's stream, counting the offset for error messages. Not thread-safe. */
final class CountingInput {
  private final InputStream in;
  private long offset;

  CountingInput(InputStream in) {
    this.in = in;
  }

  long offset() {
    return offset;
  }

  /** The next byte, or -1 at the end of the stream. */
  int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      offset++;
    }
    return b;
  }

  long readZigZagLong() throws IOException {
    long start = offset;
    long value = 0;
    for (int i = 0; i < Varint.MAX_BYTES; i++) {
      int b = read();
      if (b < 0) {
        throw new MalformedDataException("truncated varint (file ends)", start);
      }
      if (i == Varint.MAX_BYTES - 1 && b > 1) {
        throw new MalformedDataException("varint overflows 64 bits", start);
      }
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return Varint.zigZagDecode(value);
      }
    }
    throw new MalformedDataException("varint longer than 10 bytes", start);
  }

  /** A length in {@code 0..max}, checked before anything is allocated for it. */
  int readLength(String what, int max) throws IOException {
    long start = offset;
    long length = readZigZagLong();
    if (length < 0 || length > max) {
      throw new MalformedDataException(what + " length " + length + " outside 0.." + max, start);
    }
    return (int) length;
  }

  byte[] readFully(int length, String what) throws IOException {
    long start = offset;
    byte[] bytes = in.readNBytes(length);
    offset += bytes.length;
    if (bytes.length < length) {
      throw new MalformedDataException(what + " truncated: " + bytes.length + " of " + length
          + " bytes before the end of the file", start);
    }
    return bytes;
  }

  void close() throws IOException {
    in.close();
  }
}
