package dev.ddialab.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * Byte-array helpers every module shares: the one key order, big-endian fixed-width integers,
 * UTF-8, and rendering keys for people.
 *
 * <p>Why unsigned order: storage engines compare keys as unsigned bytes (LevelDB's
 * {@code BytewiseComparator}), so that the order of UTF-8 keys equals the order of their code
 * points and an encoded integer sorts like the integer. Java's {@code byte} is signed, so a plain
 * comparison would put {@code 0x80..0xff} before {@code 0x00}.
 *
 * <p>Why big-endian: on-disk integers in our formats are big-endian (network order), so a
 * hex dump reads left to right and fixed-width unsigned integers sort correctly as bytes.
 *
 * <p>Fixed-width accessors check bounds and throw {@link IndexOutOfBoundsException}. Stateless,
 * thread-safe.
 */
public final class Bytes {
  /** Unsigned lexicographic order; a proper prefix sorts before the longer array. */
  public static final Comparator<byte[]> UNSIGNED = Bytes::compare;

  private static final VarHandle SHORT_BE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final HexFormat HEX = HexFormat.of();

  private Bytes() {}

  /** Unsigned lexicographic comparison; see {@link #UNSIGNED}. */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** Writes {@code value} (0..65535) as two big-endian bytes at {@code off}. */
  public static void putShort(byte[] dst, int off, int value) {
    Invariants.require((value & ~0xFFFF) == 0, "not an unsigned 16-bit value: %d", value);
    SHORT_BE.set(dst, off, (short) value);
  }

  /** Reads two big-endian bytes at {@code off} as an unsigned value 0..65535. */
  public static int getShort(byte[] src, int off) {
    return Short.toUnsignedInt((short) SHORT_BE.get(src, off));
  }

  public static void putInt(byte[] dst, int off, int value) {
    INT_BE.set(dst, off, value);
  }

  public static int getInt(byte[] src, int off) {
    return (int) INT_BE.get(src, off);
  }

  public static void putLong(byte[] dst, int off, long value) {
    LONG_BE.set(dst, off, value);
  }

  public static long getLong(byte[] src, int off) {
    return (long) LONG_BE.get(src, off);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Decodes UTF-8; malformed sequences become U+FFFD (use {@link #printable} to show keys). */
  public static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Lower-case hex, two digits per byte, no prefix. */
  public static String toHex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * A key as a person should see it: the text itself when the bytes are valid UTF-8 made of
   * printable characters, otherwise {@code 0x} followed by hex. Text that itself starts with
   * {@code 0x} is shown as hex too, so that the two renderings never collide.
   */
  public static String printable(byte[] bytes) {
    String text = strictUtf8(bytes);
    if (text != null && !text.startsWith("0x") && text.codePoints().allMatch(Bytes::isPrintable)) {
      return text;
    }
    return "0x" + toHex(bytes);
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isPrintable(int codePoint) {
    if (Character.isISOControl(codePoint)) {
      return false;
    }
    return switch (Character.getType(codePoint)) {
      case Character.UNASSIGNED,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
