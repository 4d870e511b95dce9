package dev.ddialab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** LEB128 varints and zig-zag (DDIA ch. 4, "Thrift and Protocol Buffers"). */
class VarintTest {

  @Provide
  Arbitrary<Long> longsAndEdges() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, 127L, 128L, 16_383L, 16_384L));
  }

  @Property
  void roundTripsThroughByteArrayUsingExactlySizeOfBytes(
      @ForAll("longsAndEdges") long value, @ForAll @IntRange(max = 5) int off) {
    byte[] buffer = new byte[off + Varint.MAX_BYTES + 2];
    Arrays.fill(buffer, (byte) 0xA5);

    int end = Varint.write(value, buffer, off);

    assertThat(end - off).isEqualTo(Varint.sizeOf(value));
    assertThat(Varint.read(buffer, off)).isEqualTo(value);
    assertThat(Varint.readLength(buffer, off)).isEqualTo(end - off);
    assertThat(buffer[end]).as("byte after the varint is untouched").isEqualTo((byte) 0xA5);
  }

  @Property
  void roundTripsThroughByteBufferAndAdvancesPosition(
      @ForAll("longsAndEdges") long value, @ForAll @IntRange(max = 5) int off) {
    ByteBuffer buffer = ByteBuffer.allocate(off + Varint.MAX_BYTES);
    buffer.position(off);

    Varint.write(value, buffer);
    assertThat(buffer.position() - off).isEqualTo(Varint.sizeOf(value));

    buffer.flip().position(off);
    assertThat(Varint.read(buffer)).isEqualTo(value);
    assertThat(buffer.position()).isEqualTo(off + Varint.sizeOf(value));
  }

  @Property
  void sizeOfStepsAtEachSevenBitBoundary(@ForAll @IntRange(min = 1, max = 9) int groups) {
    long largestInGroups = (1L << (7 * groups)) - 1;
    assertThat(Varint.sizeOf(largestInGroups)).isEqualTo(groups);
    assertThat(Varint.sizeOf(largestInGroups + 1)).isEqualTo(groups + 1);
  }

  @Example
  void matchesProtobufDocumentationBytes() {
    byte[] buffer = new byte[Varint.MAX_BYTES];
    assertThat(Arrays.copyOf(buffer, Varint.write(150, buffer, 0)))
        .containsExactly(0x96, 0x01);
    assertThat(Arrays.copyOf(buffer, Varint.write(300, buffer, 0)))
        .containsExactly(0xAC, 0x02);
    assertThat(Varint.sizeOf(0)).isEqualTo(1);
    assertThat(Varint.sizeOf(-1)).isEqualTo(10);
  }

  @Property
  void zigZagRoundTripsLongs(@ForAll("longsAndEdges") long value) {
    assertThat(Varint.zigZagDecode(Varint.zigZagEncode(value))).isEqualTo(value);
  }

  @Property
  void zigZagRoundTripsInts(@ForAll int value) {
    assertThat(Varint.zigZagDecodeInt(Varint.zigZagEncodeInt(value))).isEqualTo(value);
    assertThat(Integer.toUnsignedLong(Varint.zigZagEncodeInt(value)))
        .as("the 32-bit mapping agrees with the 64-bit one")
        .isEqualTo(Varint.zigZagEncode(value));
  }

  @Property
  void smallMagnitudesOfEitherSignEncodeSmall(@ForAll @IntRange(min = -64, max = 63) int value) {
    assertThat(Varint.sizeOf(Varint.zigZagEncode(value))).isEqualTo(1);
    assertThat(Varint.zigZagEncode(value)).isEqualTo(value >= 0 ? 2L * value : -2L * value - 1);
  }

  @Property
  void everyStrictPrefixIsTruncated(@ForAll("longsAndEdges") long value) {
    byte[] encoded = new byte[Varint.sizeOf(value)];
    Varint.write(value, encoded, 0);
    for (int cut = 0; cut < encoded.length; cut++) {
      byte[] prefix = Arrays.copyOf(encoded, cut);
      assertThatThrownBy(() -> Varint.read(prefix, 0))
          .isInstanceOf(MalformedDataException.class)
          .hasMessageContaining("truncated")
          .hasMessageContaining("offset 0");
      assertThatThrownBy(() -> Varint.readLength(prefix, 0))
          .isInstanceOf(MalformedDataException.class);
      ByteBuffer buffer = ByteBuffer.wrap(prefix);
      assertThatThrownBy(() -> Varint.read(buffer)).isInstanceOf(MalformedDataException.class);
      assertThat(buffer.position()).as("failed read leaves position").isZero();
    }
  }

  @Example
  void rejectsElevenByteVarint() {
    byte[] eleven = new byte[11];
    Arrays.fill(eleven, 0, 10, (byte) 0x80);
    byte[] shifted = new byte[14];
    System.arraycopy(eleven, 0, shifted, 3, 11);

    assertThatThrownBy(() -> Varint.read(shifted, 3))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("longer than 10 bytes")
        .hasMessageContaining("offset 3");
    assertThatThrownBy(() -> Varint.readLength(eleven, 0))
        .isInstanceOf(MalformedDataException.class);
    assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(eleven)))
        .isInstanceOf(MalformedDataException.class);
  }

  @Example
  void rejectsTenthByteCarryingBitsBeyond64() {
    byte[] overflow = new byte[10];
    Arrays.fill(overflow, 0, 9, (byte) 0xFF);
    overflow[9] = 0x02;
    assertThatThrownBy(() -> Varint.read(overflow, 0))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("overflows 64 bits");
    assertThatThrownBy(() -> Varint.read(ByteBuffer.wrap(overflow)))
        .isInstanceOf(MalformedDataException.class);

    overflow[9] = 0x01;
    assertThat(Varint.read(overflow, 0)).isEqualTo(-1L);
  }

  @Example
  void acceptsOverlongEncodingAndReportsBytesConsumed() {
    byte[] overlongZero = {(byte) 0x80, 0x00};
    assertThat(Varint.read(overlongZero, 0)).isZero();
    assertThat(Varint.readLength(overlongZero, 0)).isEqualTo(2);
  }

  @Example
  void writersRefuseToWritePartially() {
    byte[] small = new byte[3];
    assertThatThrownBy(() -> Varint.write(1L << 21, small, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(small).containsOnly(0);
    ByteBuffer buffer = ByteBuffer.allocate(3);
    assertThatThrownBy(() -> Varint.write(1L << 21, buffer))
        .isInstanceOf(java.nio.BufferOverflowException.class);
    assertThat(buffer.position()).isZero();
  }
}
