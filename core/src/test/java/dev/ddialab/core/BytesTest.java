package dev.ddialab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Key order, big-endian integers and key rendering. */
class BytesTest {

  /** The specification of the order, written plainly: bytes as 0..255, then length. */
  private static int referenceCompare(byte[] a, byte[] b) {
    int common = Math.min(a.length, b.length);
    for (int i = 0; i < common; i++) {
      int x = a[i] & 0xff;
      int y = b[i] & 0xff;
      if (x != y) {
        return x < y ? -1 : 1;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /** Short keys over a few bytes on both sides of 0x80, so equal keys and prefixes are common. */
  @Provide
  Arbitrary<byte[]> keys() {
    Arbitrary<Byte> interesting =
        Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x7f, (byte) 0x80, (byte) 0xff);
    return Arbitraries.oneOf(
        interesting.array(byte[].class).ofMaxSize(4),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(12));
  }

  @Property
  void agreesWithReference(@ForAll("keys") byte[] a, @ForAll("keys") byte[] b) {
    assertThat(Integer.signum(Bytes.compare(a, b))).isEqualTo(referenceCompare(a, b));
    assertThat(Integer.signum(Bytes.UNSIGNED.compare(a, b))).isEqualTo(referenceCompare(a, b));
  }

  @Property
  void isAntisymmetricAndConsistentWithEquals(@ForAll("keys") byte[] a, @ForAll("keys") byte[] b) {
    assertThat(Integer.signum(Bytes.compare(a, b))).isEqualTo(-Integer.signum(Bytes.compare(b, a)));
    assertThat(Bytes.compare(a, b) == 0).isEqualTo(Arrays.equals(a, b));
  }

  @Property
  void isTransitive(@ForAll("keys") byte[] a, @ForAll("keys") byte[] b, @ForAll("keys") byte[] c) {
    List<byte[]> sorted = new ArrayList<>(List.of(a, b, c));
    sorted.sort(BytesTest::referenceCompare);
    byte[] low = sorted.get(0);
    byte[] mid = sorted.get(1);
    byte[] high = sorted.get(2);
    assertThat(Bytes.compare(low, mid)).isLessThanOrEqualTo(0);
    assertThat(Bytes.compare(mid, high)).isLessThanOrEqualTo(0);
    assertThat(Bytes.compare(low, high)).isLessThanOrEqualTo(0);
    if (Bytes.compare(low, mid) < 0 || Bytes.compare(mid, high) < 0) {
      assertThat(Bytes.compare(low, high)).isNegative();
    }
  }

  @Example
  void highBytesSortAfterLowAndPrefixesFirst() {
    assertThat(Bytes.compare(new byte[] {0x7f}, new byte[] {(byte) 0x80})).isNegative();
    assertThat(Bytes.compare(new byte[] {(byte) 0xff}, new byte[] {0x00, 0x00})).isPositive();
    assertThat(Bytes.compare(new byte[] {}, new byte[] {0x00})).isNegative();
    assertThat(Bytes.compare(new byte[] {1}, new byte[] {1, 0})).isNegative();
  }

  @Property
  void bigEndianLongsMatchByteBufferAndSortAsBytes(@ForAll long x, @ForAll long y) {
    byte[] a = new byte[9];
    byte[] b = new byte[8];
    Bytes.putLong(a, 1, x);
    Bytes.putLong(b, 0, y);
    assertThat(Bytes.getLong(a, 1)).isEqualTo(x);
    assertThat(Arrays.copyOfRange(a, 1, 9)).isEqualTo(ByteBuffer.allocate(8).putLong(x).array());
    assertThat(Integer.signum(Bytes.compare(Arrays.copyOfRange(a, 1, 9), b)))
        .as("big-endian fixed-width keys sort like unsigned numbers")
        .isEqualTo(Integer.signum(Long.compareUnsigned(x, y)));
  }

  @Property
  void bigEndianIntsRoundTrip(@ForAll int value, @ForAll @IntRange(max = 4) int off) {
    byte[] buffer = new byte[off + 4];
    Bytes.putInt(buffer, off, value);
    assertThat(Bytes.getInt(buffer, off)).isEqualTo(value);
    assertThat(Arrays.copyOfRange(buffer, off, off + 4))
        .isEqualTo(ByteBuffer.allocate(4).putInt(value).array());
  }

  @Property
  void unsignedShortsRoundTrip(@ForAll @IntRange(max = 0xFFFF) int value) {
    byte[] buffer = new byte[2];
    Bytes.putShort(buffer, 0, value);
    assertThat(Bytes.getShort(buffer, 0)).isEqualTo(value);
  }

  @Example
  void fixedWidthLayoutAndBounds() {
    byte[] buffer = new byte[4];
    Bytes.putInt(buffer, 0, 0x01020304);
    assertThat(buffer).containsExactly(1, 2, 3, 4);
    Bytes.putShort(buffer, 0, 0xABCD);
    assertThat(Bytes.getShort(buffer, 0)).isEqualTo(0xABCD);
    assertThatThrownBy(() -> Bytes.putShort(buffer, 0, 0x10000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes.putShort(buffer, 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Bytes.getInt(buffer, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Bytes.putLong(buffer, 0, 1L))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Provide
  Arbitrary<String> validText() {
    Arbitrary<Integer> codePoints =
        Arbitraries.integers()
            .between(0, Character.MAX_CODE_POINT)
            .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
    return codePoints
        .list()
        .ofMaxSize(20)
        .map(list -> list.stream().collect(
            StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
  }

  @Property
  void utf8RoundTrips(@ForAll("validText") String text) {
    assertThat(Bytes.utf8(Bytes.utf8(text))).isEqualTo(text);
  }

  @Example
  void hex() {
    assertThat(Bytes.toHex(new byte[] {0x00, (byte) 0xab, (byte) 0xff})).isEqualTo("00abff");
    assertThat(Bytes.toHex(new byte[0])).isEmpty();
  }

  @Example
  void printableShowsTextAsTextAndEverythingElseAsHex() {
    assertThat(Bytes.printable(Bytes.utf8("user:123"))).isEqualTo("user:123");
    assertThat(Bytes.printable(Bytes.utf8("naïve café"))).isEqualTo("naïve café");
    assertThat(Bytes.printable(new byte[] {(byte) 0xff, 0x00})).isEqualTo("0xff00");
    assertThat(Bytes.printable(Bytes.utf8("a\nb"))).isEqualTo("0x610a62");
    assertThat(Bytes.printable(Bytes.utf8("0x41"))).isEqualTo("0x30783431");
    assertThat(Bytes.printable(new byte[0])).isEmpty();
  }

  @Property
  void printableIsReversibleSoTwoKeysNeverLookTheSame(@ForAll("keysOrText") byte[] key) {
    String shown = Bytes.printable(key);
    byte[] recovered =
        shown.startsWith("0x") ? HexFormat.of().parseHex(shown.substring(2)) : Bytes.utf8(shown);
    assertThat(recovered).isEqualTo(key);
  }

  @Provide
  Arbitrary<byte[]> keysOrText() {
    return Arbitraries.oneOf(
        keys(),
        validText().map(Bytes::utf8),
        Arbitraries.strings().alpha().numeric().withChars("x:_ ").ofMaxLength(10).map(Bytes::utf8));
  }

  @Property
  void sortingWithUnsignedMatchesReference(
      @ForAll @Size(max = 30) List<@From("keys") byte[]> keys) {
    List<byte[]> byUs = new ArrayList<>(keys);
    byUs.sort(Bytes.UNSIGNED);
    List<byte[]> byReference = new ArrayList<>(keys);
    byReference.sort(BytesTest::referenceCompare);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(byUs.get(i)).isEqualTo(byReference.get(i));
    }
  }
}
