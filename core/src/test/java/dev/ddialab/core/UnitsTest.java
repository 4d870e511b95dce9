package dev.ddialab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;

class UnitsTest {

  @Example
  void formatsBytesInBinaryUnits() {
    assertThat(Units.formatBytes(0)).isEqualTo("0 B");
    assertThat(Units.formatBytes(1023)).isEqualTo("1023 B");
    assertThat(Units.formatBytes(1024)).isEqualTo("1.0 KiB");
    assertThat(Units.formatBytes(1536)).isEqualTo("1.5 KiB");
    assertThat(Units.formatBytes(3 * 512 * 1024)).isEqualTo("1.5 MiB");
    assertThat(Units.formatBytes(1024 * 1024 - 1)).isEqualTo("1.0 MiB");
    assertThat(Units.formatBytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    assertThat(Units.formatBytes(-2048)).isEqualTo("-2.0 KiB");
  }

  @Example
  void formatsNanosToThreeSignificantDigits() {
    assertThat(Units.formatNanos(0)).isEqualTo("0 ns");
    assertThat(Units.formatNanos(850)).isEqualTo("850 ns");
    assertThat(Units.formatNanos(999)).isEqualTo("999 ns");
    assertThat(Units.formatNanos(1_000)).isEqualTo("1.00 µs");
    assertThat(Units.formatNanos(12_345)).isEqualTo("12.3 µs");
    assertThat(Units.formatNanos(999_999)).isEqualTo("1.00 ms");
    assertThat(Units.formatNanos(4_560_000)).isEqualTo("4.56 ms");
    assertThat(Units.formatNanos(1_200_000_000)).isEqualTo("1.20 s");
    assertThat(Units.formatNanos(1_234_000_000_000L)).isEqualTo("1230 s");
    assertThat(Units.formatNanos(-1_500)).isEqualTo("-1.50 µs");
  }

  @Example
  void formatsRates() {
    assertThat(Units.formatRate(850)).isEqualTo("850/s");
    assertThat(Units.formatRate(0.5)).isEqualTo("0.500/s");
    assertThat(Units.formatRate(12_300)).isEqualTo("12.3k/s");
    assertThat(Units.formatRate(999.9)).isEqualTo("1.00k/s");
    assertThat(Units.formatRate(1_200_000)).isEqualTo("1.20M/s");
    assertThatThrownBy(() -> Units.formatRate(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void parsesSizesAsUsersWriteThem() {
    assertThat(Units.parseBytes("100")).isEqualTo(100);
    assertThat(Units.parseBytes("4k")).isEqualTo(4_096);
    assertThat(Units.parseBytes("64KiB")).isEqualTo(65_536);
    assertThat(Units.parseBytes("1MB")).isEqualTo(1_048_576);
    assertThat(Units.parseBytes(" 2 mib ")).isEqualTo(2_097_152);
    assertThat(Units.parseBytes("1.5 GiB")).isEqualTo(1_610_612_736L);
    assertThat(Units.parseBytes("7EiB")).isEqualTo(7L << 60);
  }

  @Example
  void rejectsBadSizesNamingTheInput() {
    for (String bad : new String[] {"", " ", "abc", "-1", "1.5.3", "k", "1 0", "12 parsecs"}) {
      assertThatThrownBy(() -> Units.parseBytes(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> Units.parseBytes("8EiB"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  @Property
  void parsesEveryUnitSpelling(
      @ForAll @LongRange(max = 1_000_000) long number,
      @ForAll @IntRange(max = 3) int power,
      @ForAll @From("spellings") String spellings) {
    String unit = spellings.split(",")[power];
    assertThat(Units.parseBytes(number + unit)).isEqualTo(number << (10 * power));
  }

  @Provide
  Arbitrary<String> spellings() {
    return Arbitraries.of(",k,m,g", "B,KB,MB,GB", "b,KiB,MiB,GiB", ",kib,mb,G");
  }

  @Property
  void formatThenParseIsWithinTheDisplayedPrecision(
      @ForAll @LongRange(max = 1L << 62) long bytes) {
    long parsed = Units.parseBytes(Units.formatBytes(bytes));
    if (bytes < 1024) {
      assertThat(parsed).isEqualTo(bytes);
    } else {
      // One decimal of a unit that the value is at least 1 of: within 5%.
      assertThat((double) Math.abs(parsed - bytes)).isLessThanOrEqualTo(bytes * 0.0501);
    }
  }

  @Property
  void formattedNanosShowThreeSignificantDigits(@ForAll long nanos) {
    String shown = Units.formatNanos(nanos);
    assertThat(shown)
        .matches("-?(([0-9]{1,3}|[0-9]\\.[0-9]{2}|[0-9]{2}\\.[0-9]) (ns|µs|ms|s)|[0-9]{3,}0 s)");
  }

  @Property
  void arbitraryTextNeverEscapesAsAnotherException(
      @ForAll @StringLength(max = 12) @NumericChars @Chars({'.', ' ', '-', 'k', 'K', 'i', 'B', 'x'})
          String text) {
    try {
      assertThat(Units.parseBytes(text)).isNotNegative();
    } catch (IllegalArgumentException expected) {
      assertThat(expected).hasMessageContaining(text.isEmpty() ? "''" : text);
    }
  }
}
