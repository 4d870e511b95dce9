package dev.ddialab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ddialab.core.Frame.Decoded;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The CRC32C frame: torn tails read as Truncated, damage reads as Corrupt, never as data. */
class FrameTest {
  private static final int MAX = 1 << 20;

  @Property
  void roundTripsAtAnyOffsetWithBytesAround(
      @ForAll @Size(max = 3000) byte[] payload,
      @ForAll @IntRange(max = 9) int before,
      @ForAll @Size(max = 9) byte[] after) {
    byte[] buffer = new byte[before + Frame.encodedSize(payload.length) + after.length];
    int end = Frame.encode(payload, 0, payload.length, buffer, before);
    System.arraycopy(after, 0, buffer, end, after.length);

    assertThat(end - before).isEqualTo(Frame.encodedSize(payload.length));
    Decoded decoded = Frame.decode(buffer, before, buffer.length, MAX);
    assertThat(decoded).isInstanceOf(Decoded.Ok.class);
    Decoded.Ok ok = (Decoded.Ok) decoded;
    assertThat(ok.payload()).isEqualTo(payload);
    assertThat(ok.nextOffset()).isEqualTo(end);
  }

  @Property
  void consecutiveFramesDecodeInOrder(
      @ForAll @Size(max = 10) List<@Size(max = 50) byte[]> payloads) {
    byte[] log = new byte[payloads.stream().mapToInt(p -> Frame.encodedSize(p.length)).sum()];
    int off = 0;
    for (byte[] payload : payloads) {
      off = Frame.encode(payload, 0, payload.length, log, off);
    }
    off = 0;
    for (byte[] payload : payloads) {
      Decoded.Ok ok = (Decoded.Ok) Frame.decode(log, off, log.length, MAX);
      assertThat(ok.payload()).isEqualTo(payload);
      off = ok.nextOffset();
    }
    assertThat(off).isEqualTo(log.length);
    assertThat(Frame.decode(log, off, log.length, MAX)).isEqualTo(new Decoded.Truncated(off));
  }

  /** Every bit of header and payload, for each generated payload, with other bytes following. */
  @Property(tries = 200)
  void anySingleBitFlipIsDetected(
      @ForAll @Size(max = 64) byte[] payload, @ForAll @Size(max = 16) byte[] following) {
    byte[] frame = Frame.encode(payload);
    byte[] buffer = Arrays.copyOf(frame, frame.length + following.length);
    System.arraycopy(following, 0, buffer, frame.length, following.length);

    for (int bit = 0; bit < frame.length * 8; bit++) {
      byte[] damaged = buffer.clone();
      damaged[bit / 8] ^= (byte) (1 << (bit % 8));
      Decoded decoded = Frame.decode(damaged, 0, damaged.length, MAX);
      assertThat(decoded)
          .as("bit %d of a %d-byte frame", bit, frame.length)
          .isInstanceOfAny(Decoded.Corrupt.class, Decoded.Truncated.class);
    }
  }

  @Property
  void everyStrictPrefixIsTruncated(
      @ForAll @Size(max = 200) byte[] payload, @ForAll @IntRange(max = 5) int off) {
    byte[] frame = Frame.encode(payload);
    byte[] buffer = new byte[off + frame.length];
    System.arraycopy(frame, 0, buffer, off, frame.length);

    for (int limit = off; limit < buffer.length; limit++) {
      assertThat(Frame.decode(buffer, off, limit, MAX)).isEqualTo(new Decoded.Truncated(off));
    }
    assertThat(Frame.decode(buffer, off, buffer.length, MAX)).isInstanceOf(Decoded.Ok.class);
  }

  @Property
  void declaredLengthOverTheMaximumIsCorrupt(@ForAll @Size(min = 1, max = 100) byte[] payload) {
    byte[] frame = Frame.encode(payload);
    Decoded decoded = Frame.decode(frame, 0, frame.length, payload.length - 1);
    assertThat(decoded).isInstanceOf(Decoded.Corrupt.class);
    assertThat(((Decoded.Corrupt) decoded).reason()).contains("exceeds maximum");
    assertThat(Frame.decode(frame, 0, frame.length, payload.length))
        .isInstanceOf(Decoded.Ok.class);
  }

  @Example
  void lengthIsUnsignedSoAHugeLengthIsCorruptNotNegative() {
    byte[] frame = Frame.encode(new byte[] {1, 2, 3});
    Bytes.putInt(frame, 0, 0xFFFFFFFF);
    Decoded decoded = Frame.decode(frame, 0, frame.length, Frame.MAX_PAYLOAD_BYTES);
    assertThat(decoded).isInstanceOf(Decoded.Corrupt.class);
    assertThat(((Decoded.Corrupt) decoded).reason()).contains("4294967295");
  }

  @Example
  void zeroFilledRegionIsCorruptNotAnEmptyFrame() {
    Decoded decoded = Frame.decode(new byte[64], 16, 64, MAX);
    assertThat(decoded).isInstanceOf(Decoded.Corrupt.class);
    assertThat(((Decoded.Corrupt) decoded).offset()).isEqualTo(16);
    assertThat(((Decoded.Corrupt) decoded).reason()).contains("checksum mismatch");
  }

  @Example
  void headerLayoutIsLengthThenMaskedCrcBigEndian() {
    byte[] payload = Bytes.utf8("abc");
    byte[] frame = Frame.encode(payload);
    assertThat(frame).hasSize(Frame.HEADER_BYTES + 3);
    assertThat(Arrays.copyOf(frame, 4)).containsExactly(0, 0, 0, 3);
    assertThat(Bytes.getInt(frame, 4)).isEqualTo(Crc32c.mask(Crc32c.of(payload)));
    assertThat(Arrays.copyOfRange(frame, 8, 11)).isEqualTo(payload);
  }

  @Example
  void rejectsBadArguments() {
    byte[] frame = Frame.encode(new byte[4]);
    assertThatThrownBy(() -> Frame.decode(frame, 0, frame.length + 1, MAX))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Frame.decode(frame, 0, frame.length, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Frame.encode(new byte[4], 0, 4, new byte[11], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Frame.encodedSize(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
