package dev.ddialab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** CRC32C against published vectors (RFC 3720 appendix B.4) and LevelDB-style masking. */
class Crc32cTest {

  @Example
  void knownVectors() {
    byte[] bytes = new byte[32];
    assertThat(Crc32c.of(bytes)).isEqualTo(0x8a9136aa);

    Arrays.fill(bytes, (byte) 0xff);
    assertThat(Crc32c.of(bytes)).isEqualTo(0x62a8ab43);

    for (int i = 0; i < 32; i++) {
      bytes[i] = (byte) i;
    }
    assertThat(Crc32c.of(bytes)).isEqualTo(0x46dd794e);

    assertThat(Crc32c.of(Bytes.utf8("123456789"))).isEqualTo(0xe3069283);
  }

  @Property
  void maskAndUnmaskAreInverses(@ForAll int crc) {
    assertThat(Crc32c.unmask(Crc32c.mask(crc))).isEqualTo(crc);
    assertThat(Crc32c.mask(Crc32c.unmask(crc))).isEqualTo(crc);
  }

  @Example
  void maskedCrcOfNothingIsNotZero() {
    assertThat(Crc32c.of(new byte[0])).isZero();
    assertThat(Crc32c.mask(0)).isNotZero();
  }

  @Property
  void bufferSliceArrayAndWholeArrayAgree(
      @ForAll byte[] bytes, @ForAll @IntRange(max = 7) int pad) {
    byte[] padded = new byte[pad + bytes.length + pad];
    System.arraycopy(bytes, 0, padded, pad, bytes.length);
    int expected = Crc32c.of(bytes);

    assertThat(Crc32c.of(padded, pad, bytes.length)).isEqualTo(expected);

    ByteBuffer buffer = ByteBuffer.wrap(padded, pad, bytes.length);
    assertThat(Crc32c.of(buffer)).isEqualTo(expected);
    assertThat(buffer.position()).as("position is left where it was").isEqualTo(pad);

    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    assertThat(Crc32c.of(direct)).isEqualTo(expected);
  }
}
