package dev.ddialab.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers for people: sizes, durations and rates in the forms reports and the CLI print, and
 * byte sizes as users type them.
 *
 * <p>Sizes are binary throughout: {@code k}, {@code KB} and {@code KiB} all mean 1024, as in JVM
 * flags and most storage-engine settings, because page, block and buffer sizes are powers of
 * two; decimal-thousand sizes are not accepted, to keep one meaning per spelling. Durations and
 * rates show three significant digits, enough to compare runs without implying false precision.
 * Output never depends on the default locale. Stateless, thread-safe.
 */
public final class Units {
  private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final String[] TIME_UNITS = {"ns", "µs", "ms", "s"};
  private static final String[] RATE_PREFIXES = {"", "k", "M", "G", "T"};
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_UP);
  private static final Pattern SIZE =
      Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");

  private Units() {}

  /** E.g. {@code 512 B}, {@code 1.5 MiB}: whole bytes below 1 KiB, one decimal above. */
  public static String formatBytes(long bytes) {
    String sign = bytes < 0 ? "-" : "";
    double magnitude = Math.abs((double) bytes);
    if (magnitude < 1024) {
      return sign + (long) magnitude + " B";
    }
    int unit = 0;
    while (unit < BYTE_UNITS.length - 1 && roundedToTenths(magnitude) >= 1024) {
      magnitude /= 1024;
      unit++;
    }
    return sign + String.format(Locale.ROOT, "%.1f %s", magnitude, BYTE_UNITS[unit]);
  }

  /** E.g. {@code 850 ns}, {@code 12.3 µs}, {@code 4.56 ms}, {@code 1.20 s}. */
  public static String formatNanos(long nanos) {
    return scaled(nanos, TIME_UNITS, " ");
  }

  /** E.g. {@code 850/s}, {@code 12.3k/s}, {@code 1.20M/s}. */
  public static String formatRate(double perSecond) {
    Invariants.require(Double.isFinite(perSecond), "rate is not a finite number: %s", perSecond);
    return scaled(perSecond, RATE_PREFIXES, "") + "/s";
  }

  /**
   * Parses a size such as {@code 100}, {@code 4k}, {@code 64KiB}, {@code 1MB} or {@code 1.5 GiB}
   * (case-insensitive, binary units, fractions rounded to the nearest byte).
   *
   * @throws IllegalArgumentException naming the input when it is not such a size or exceeds
   *     {@link Long#MAX_VALUE} bytes
   */
  public static long parseBytes(String text) {
    Invariants.requireNonNull(text, "text");
    Matcher m = SIZE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a size: '" + text + "' (expected a number and an optional unit: 64KiB, 4k, 1MB)");
    }
    int power = unitPower(m.group(2));
    if (power < 0) {
      throw new IllegalArgumentException(
          "unknown size unit '" + m.group(2) + "' in '" + text + "' (use B, k/KB/KiB, M/MB/MiB, "
              + "G/GB/GiB, T/TB/TiB, P/PB/PiB or E/EB/EiB)");
    }
    BigDecimal bytes =
        new BigDecimal(m.group(1))
            .multiply(BigDecimal.valueOf(1024).pow(power))
            .setScale(0, RoundingMode.HALF_UP);
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("size too large: '" + text + "'");
    }
    return bytes.longValueExact();
  }

  /** Power of 1024 a unit stands for, or -1 when the unit is unknown. */
  private static int unitPower(String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "", "b" -> 0;
      case "k", "kb", "kib" -> 1;
      case "m", "mb", "mib" -> 2;
      case "g", "gb", "gib" -> 3;
      case "t", "tb", "tib" -> 4;
      case "p", "pb", "pib" -> 5;
      case "e", "eb", "eib" -> 6;
      default -> -1;
    };
  }

  /**
   * Three significant digits in the largest unit that keeps the number below 1000, deciding
   * after rounding so that 999,999 ns reads {@code 1.00 ms}, not {@code 1000 µs}. Whole numbers
   * of the base unit print as they are ({@code 850 ns}, {@code 12/s}).
   */
  private static String scaled(double value, String[] units, String separator) {
    String sign = value < 0 ? "-" : "";
    BigDecimal magnitude = BigDecimal.valueOf(Math.abs(value));
    BigDecimal rounded = threeSignificantDigits(magnitude);
    int unit = 0;
    while (unit < units.length - 1 && rounded.compareTo(THOUSAND) >= 0) {
      magnitude = magnitude.movePointLeft(3);
      rounded = threeSignificantDigits(magnitude);
      unit++;
    }
    if (unit == 0 && rounded.compareTo(THOUSAND) < 0 && isWhole(magnitude)) {
      rounded = magnitude.setScale(0, RoundingMode.UNNECESSARY);
    }
    return sign + rounded.toPlainString() + separator + units[unit];
  }

  /** Rounds to three significant digits and keeps trailing zeros: 0.5 → 0.500, 1234 → 1230. */
  private static BigDecimal threeSignificantDigits(BigDecimal value) {
    BigDecimal rounded = value.round(THREE_DIGITS);
    int integerDigits = rounded.precision() - rounded.scale();
    return rounded.setScale(Math.max(0, 3 - integerDigits), RoundingMode.UNNECESSARY);
  }

  private static boolean isWhole(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  private static double roundedToTenths(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
