package dev.ddialab.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Packing (segment, offset) into one long: lossless, ordered, and range-checked. */
class LogPositionTest {
  @Property
  void unpacksWhatWasPacked(
      @ForAll @LongRange(max = (1L << 24) - 1) long segment,
      @ForAll @LongRange(max = (1L << 40) - 1) long offset) {
    long position = LogPosition.pack(segment, offset);
    assertThat(LogPosition.segment(position)).isEqualTo(segment);
    assertThat(LogPosition.offset(position)).isEqualTo(offset);
  }

  @Property
  void ordersLikeSegmentThenOffset(
      @ForAll @LongRange(max = (1L << 24) - 1) long segmentA,
      @ForAll @LongRange(max = (1L << 40) - 1) long offsetA,
      @ForAll @LongRange(max = (1L << 24) - 1) long segmentB,
      @ForAll @LongRange(max = (1L << 40) - 1) long offsetB) {
    int expected =
        segmentA != segmentB ? Long.compare(segmentA, segmentB) : Long.compare(offsetA, offsetB);
    int actual =
        Long.compareUnsigned(
            LogPosition.pack(segmentA, offsetA), LogPosition.pack(segmentB, offsetB));
    assertThat(Integer.signum(actual)).isEqualTo(Integer.signum(expected));
  }

  @Example
  void rejectsValuesThatDoNotFit() {
    assertThatThrownBy(() -> LogPosition.pack(1L << 24, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogPosition.pack(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogPosition.pack(1, 1L << 40))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogPosition.pack(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void formatsForPeople() {
    assertThat(LogPosition.format(LogPosition.pack(12, 4096))).isEqualTo("segment 12 offset 4096");
    assertThat(
            LogPosition.format(
                LogPosition.pack(LogPosition.MAX_SEGMENT_ID, LogPosition.MAX_OFFSET)))
        .isEqualTo("segment 16777215 offset 1099511627775");
  }
}
