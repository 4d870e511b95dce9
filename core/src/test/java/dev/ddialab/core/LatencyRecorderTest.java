package dev.ddialab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Percentiles, not averages (DDIA ch. 1), to HdrHistogram's three significant digits. */
class LatencyRecorderTest {

  /** Percentiles in tenths, so the nearest rank can be computed in exact integer arithmetic. */
  private static final int[] PERCENTILE_TENTHS = {500, 900, 990, 999, 1000};

  private static LatencyRecorder recorderOf(List<Long> samples) {
    LatencyRecorder recorder = new LatencyRecorder();
    samples.forEach(recorder::record);
    return recorder;
  }

  /**
   * Nearest rank, as HdrHistogram defines it: the sample of rank max(1, ceil(p/100 * n)) in
   * ascending order. (HdrHistogram nudges p down one ulp so that 99.9 * 1000 / 100 does not
   * round up to rank 1000; exact integer arithmetic needs no nudge.)
   */
  private static long nearestRank(long[] sorted, int percentileTenths) {
    long rank = Math.max(1, ((long) percentileTenths * sorted.length + 999) / 1000);
    return sorted[(int) rank - 1];
  }

  @Property(tries = 150)
  void percentilesMatchExactNearestRankToThreeSignificantDigits(
      @ForAll @Size(min = 1, max = 5000) List<@LongRange(min = 1, max = 1_000_000_000) Long>
          samples) {
    LatencyRecorder recorder = recorderOf(samples);
    long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();

    for (int tenths : PERCENTILE_TENTHS) {
      long exact = nearestRank(sorted, tenths);
      long reported = recorder.percentile(tenths / 10.0);
      // Reported values are the top of the sample's bucket: at most 1/1024 above it (< 0.1%).
      assertThat(reported).as("p%s", tenths / 10.0).isBetween(exact, exact + exact / 1000);
    }
    long max = sorted[sorted.length - 1];
    long min = sorted[0];
    assertThat(recorder.max()).isBetween(max, max + max / 1000);
    assertThat(recorder.min()).isBetween(min - min / 1000, min);
    assertThat(recorder.count()).isEqualTo(samples.size());
    double exactMean = samples.stream().mapToLong(Long::longValue).average().orElseThrow();
    assertThat(recorder.mean()).isBetween(exactMean * 0.999, exactMean * 1.001);
  }

  @Property(tries = 100)
  void mergeEqualsRecordingBothSampleSets(
      @ForAll @Size(max = 500) List<@LongRange(min = 1, max = 1_000_000_000) Long> first,
      @ForAll @Size(max = 500) List<@LongRange(min = 1, max = 1_000_000_000) Long> second) {
    LatencyRecorder merged = recorderOf(first);
    LatencyRecorder other = recorderOf(second);
    List<Long> both = new ArrayList<>(first);
    both.addAll(second);
    LatencyRecorder direct = recorderOf(both);

    merged.merge(other);

    assertThat(merged.snapshot()).isEqualTo(direct.snapshot());
    assertThat(merged.min()).isEqualTo(direct.min());
    assertThat(merged.cdf(21)).usingRecursiveComparison().isEqualTo(direct.cdf(21));
    assertThat(other.count()).as("merge leaves its argument alone").isEqualTo(second.size());
  }

  @Example
  void concurrentRecordingLosesNoCounts() throws Exception {
    int threads = 4;
    int perThread = 200_000;
    LatencyRecorder recorder = new LatencyRecorder();
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long base = (t + 1) * 1_000L;
        writers.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            recorder.record(base + i % 1000);
          }
          return null;
        }));
      }
      Future<Long> reader = pool.submit(() -> {
        start.await();
        long reads = 0;
        long last = 0;
        while (writing.get()) {
          long seen = recorder.count();
          assertThat(seen).as("count never goes backwards").isGreaterThanOrEqualTo(last);
          last = seen;
          reads++;
        }
        return reads;
      });
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      reader.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(recorder.count()).isEqualTo((long) threads * perThread);
    assertThat(recorder.min()).isEqualTo(1_000);
    assertThat(recorder.max()).isEqualTo(4_999);
  }

  @Example
  void jsonHasMicrosecondFieldsWithAtMostThreeDecimals() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (long nanos : new long[] {100, 200, 300, 1_500}) {
      recorder.record(nanos);
    }
    assertThat(recorder.toJson())
        .isEqualTo("{\"count\":4,\"mean_us\":0.525,\"p50_us\":0.2,\"p90_us\":1.5,"
            + "\"p99_us\":1.5,\"p999_us\":1.5,\"max_us\":1.5}");

    recorder.recordMicros(123_456_789);
    String number = "[0-9]+(\\.[0-9]{1,3})?";
    assertThat(recorder.toJson())
        .matches("\\{\"count\":5,\"mean_us\":" + number
            + "(,\"p(50|90|99|999)_us\":" + number + "){4},\"max_us\":" + number + "}");
  }

  @Example
  void emptyRecorderReportsZeros() {
    LatencyRecorder recorder = new LatencyRecorder();
    assertThat(recorder.snapshot()).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0, 0));
    assertThat(recorder.toJson())
        .isEqualTo("{\"count\":0,\"mean_us\":0,\"p50_us\":0,\"p90_us\":0,"
            + "\"p99_us\":0,\"p999_us\":0,\"max_us\":0}");
    assertThat(recorder.cdf(10)).isEmpty();
  }

  @Example
  void resetForgetsAndMicrosAreScaled() {
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.recordMicros(5);
    // 5,000 ns falls in a bucket 4 ns wide (three significant digits): 5000..5003.
    assertThat(recorder.max()).isEqualTo(5_003);
    assertThat(recorder.p50()).isEqualTo(5_003);
    assertThat(recorder.min()).isEqualTo(5_000);
    recorder.reset();
    assertThat(recorder.count()).isZero();
    recorder.record(7);
    assertThat(recorder.p999()).isEqualTo(7);
    assertThatThrownBy(() -> recorder.record(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> recorder.percentile(100.1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 50)
  void cdfRunsFromMinToMaxWithoutGoingDown(
      @ForAll @Size(min = 1, max = 500) List<@LongRange(min = 1, max = 1_000_000_000) Long>
          samples) {
    LatencyRecorder recorder = recorderOf(samples);
    List<double[]> cdf = recorder.cdf(11);

    assertThat(cdf).hasSize(11);
    assertThat(cdf.get(0)[0]).isEqualTo(0.0);
    assertThat(cdf.get(10)[0]).isEqualTo(100.0);
    assertThat(cdf.get(10)[1]).isEqualTo(recorder.max() / 1_000.0);
    for (int i = 1; i < cdf.size(); i++) {
      assertThat(cdf.get(i)[0]).isGreaterThan(cdf.get(i - 1)[0]);
      assertThat(cdf.get(i)[1]).isGreaterThanOrEqualTo(cdf.get(i - 1)[1]);
    }
  }
}
