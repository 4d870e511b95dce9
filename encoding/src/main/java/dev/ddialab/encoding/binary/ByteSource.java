package dev.ddialab.encoding.binary;

import dev.ddialab.core.MalformedDataException;
import dev.ddialab.core.Varint;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bounded reads over a byte array, for decoders that trust nothing: every length is checked
 * against the bytes that remain before anything is allocated or copied, and every failure is a
 * {@link MalformedDataException} naming the offset (relative to the start of the input). A limit
 * can be narrowed to a sub-range (a length-delimited Protobuf message) and restored. Not
 * thread-safe.
 */
public final class ByteSource {
  private final ByteBuffer buffer;
  private final int base;

  public ByteSource(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  public ByteSource(byte[] bytes, int off, int len) {
    this.buffer = ByteBuffer.wrap(bytes, off, len);
    this.base = off;
  }

  /** Offset of the next byte, relative to the start of the input. */
  public int position() {
    return buffer.position() - base;
  }

  public int remaining() {
    return buffer.remaining();
  }

  public boolean hasRemaining() {
    return buffer.hasRemaining();
  }

  /** Narrows the readable range to the next {@code length} bytes; returns the old limit. */
  public int pushLimit(long length) {
    requireAvailable(length, "nested message");
    int old = buffer.limit();
    buffer.limit(buffer.position() + (int) length);
    return old;
  }

  public void popLimit(int oldLimit) {
    buffer.limit(oldLimit);
  }

  public int readByte() {
    requireAvailable(1, "byte");
    return buffer.get() & 0xFF;
  }

  public long readVarint() {
    int start = position();
    try {
      return Varint.read(buffer);
    } catch (MalformedDataException e) {
      throw new MalformedDataException(e.getMessage().replaceFirst(" at offset \\d+$", ""), start);
    }
  }

  /** Avro's long: a zig-zag varint. */
  public long readZigZagLong() {
    return Varint.zigZagDecode(readVarint());
  }

  /** Avro's int: a zig-zag varint whose value fits 32 bits. */
  public int readZigZagInt() {
    int start = position();
    long encoded = readVarint();
    if ((encoded >>> 32) != 0) {
      throw new MalformedDataException("int varint out of 32-bit range", start);
    }
    return Varint.zigZagDecodeInt((int) encoded);
  }

  public int readFixed32() {
    requireAvailable(4, "fixed32");
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value |= (buffer.get() & 0xFF) << (8 * i);
    }
    return value;
  }

  public long readFixed64() {
    requireAvailable(8, "fixed64");
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value |= (buffer.get() & 0xFFL) << (8 * i);
    }
    return value;
  }

  public float readFloat() {
    return Float.intBitsToFloat(readFixed32());
  }

  public double readDouble() {
    return Double.longBitsToDouble(readFixed64());
  }

  /** Reads exactly {@code length} bytes, validated against what remains before allocating. */
  public byte[] readBytes(long length) {
    requireAvailable(length, "bytes");
    byte[] bytes = new byte[(int) length];
    buffer.get(bytes);
    return bytes;
  }

  /**
   * Reads {@code length} bytes as a UTF-8 string without copying them first.
   *
   * @return the string, or null when the bytes are not valid UTF-8 (the position then stays)
   */
  public String readUtf8(int length) {
    requireAvailable(length, "string");
    int at = buffer.position();
    String text = new String(buffer.array(), at, length, StandardCharsets.UTF_8);
    // The lenient constructor turns malformed input into U+FFFD; only then is a strict decode
    // needed, to tell a malformed sequence from a real U+FFFD.
    if (text.indexOf('\uFFFD') >= 0 && !strictlyValid(at, length)) {
      return null;
    }
    buffer.position(at + length);
    return text;
  }

  private boolean strictlyValid(int at, int length) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer.array(), at, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  public void skip(long length) {
    requireAvailable(length, "skipped bytes");
    buffer.position(buffer.position() + (int) length);
  }

  /** Reads a length (as Avro writes it: a zig-zag long) and checks it against what remains. */
  public long readLength(String what) {
    int start = position();
    long length = readZigZagLong();
    if (length < 0) {
      throw new MalformedDataException("negative " + what + " length " + length, start);
    }
    if (length > remaining()) {
      throw new MalformedDataException(what + " length " + length + " exceeds the "
          + remaining() + " bytes that remain", start);
    }
    return length;
  }

  public void requireAvailable(long length, String what) {
    if (length < 0 || length > buffer.remaining()) {
      throw new MalformedDataException(what + " of " + length + " bytes runs past the end ("
          + buffer.remaining() + " remain)", position());
    }
  }

  /** The remaining bytes, for diagnostics. */
  public byte[] peekRemaining() {
    return Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
  }
}
